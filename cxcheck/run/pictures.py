"""The run's picture phase (`Run.take_pictures`): plan which pages to re-open from the
findings (cxcheck/pictures.py), take the pictures in a context like the crawl's
(cxcheck/crawl/pictures.py) within the time budget and page cap of `[pictures]`, and say
what was done for the run facts. It never runs during the crawl: no page waits for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import BrowserContext

from cxcheck.config import PicturesConfig, ProfileName
from cxcheck.crawl.pictures import PictureTaker
from cxcheck.crawl.profiles import PROFILES, Profile
from cxcheck.device_views import DevicePassResult
from cxcheck.findings import GroupedFinding, Severity
from cxcheck.pictures import Picture, PicturePass, plan_pictures
from cxcheck.report.model import PageResult, plural


@dataclass
class PicturePhase:
    """One run's picture pass: its bounds, and what it took (kept when it is cancelled)."""

    settings: PicturesConfig
    folder: Path
    fail_on: Severity
    page_timeout_s: float
    secrets: Sequence[str]
    pictures: list[Picture] = field(default_factory=list)
    facts: PicturePass | None = None

    async def run(
        self,
        findings: Sequence[GroupedFinding],
        pages: Sequence[PageResult],
        new_context: Callable[[], Awaitable[BrowserContext]],
        started: Callable[[], None],
        on_visit: Callable[[int, int], None],
        device_pass: DevicePassResult | None = None,
        in_scope: Callable[[str], bool] = lambda url: True,
        profile: Profile | None = None,
    ) -> None:
        """Take the pictures; `started` is told when there is something to take; with the
        device pass's result, devices findings are shown on the screens they were seen on."""
        settings = self.settings
        is_page = {p.url: _rendered(p) for p in pages}
        plan = plan_pictures(findings, self.fail_on, settings.max_pages, settings.others, is_page)
        if not plan.visits:
            return
        started()
        clock = time.monotonic()
        taker: PictureTaker | None = None
        context = await new_context()
        try:
            taker = PictureTaker(
                context,
                self.folder,
                self.secrets,
                self.page_timeout_s,
                clock + settings.time_budget_s,
                on_visit,
                self.pictures,
                device_pass=device_pass,
                in_scope=in_scope,
                profile=profile or PROFILES[ProfileName.DESKTOP],
            )
            await taker.take(plan)
        finally:
            self.facts = PicturePass(
                taken=len(self.pictures),
                pages=taker.visited if taker else 0,
                seconds=time.monotonic() - clock,
                time_budget_s=settings.time_budget_s,
                max_pages=settings.max_pages,
                left_out=plan.left_out + plan.shots - len(self.pictures),
                folder=str(self.folder),
            )
            with contextlib.suppress(Exception):  # the report matters more than a clean close
                await asyncio.wait_for(context.close(), 10)


def _rendered(page: PageResult) -> bool:
    """True for a page the crawl rendered as a web page (an error page too), not a file."""
    kind = page.content_type.lower()
    return not page.error and (not kind or "html" in kind)


def facts_sentence(facts: PicturePass) -> str:
    """What the picture pass did and within which bounds, in one sentence for the run facts."""
    taken = plural(facts.taken, "picture")
    head = (
        f"Pictures: {taken} of findings taken on {plural(facts.pages, 'page')} re-opened "
        f"after the crawl, in {facts.seconds:.1f} s (bounds: {facts.time_budget_s:g} s, "
        f"{plural(facts.max_pages, 'page')}), saved in {facts.folder}."
    )
    if not facts.left_out:
        return head
    missing = plural(facts.left_out, "finding has", "findings have")
    return f"{head} {missing} no picture: the bounds were reached or the page did not load."
