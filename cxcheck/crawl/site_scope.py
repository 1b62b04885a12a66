"""What a site capture is (`SiteCapture`: it observes pages as the crawl delivers them and
finishes after it) and what it may know of the run (`SiteScope`). The captures themselves
are listed in crawl/site_captures.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from playwright.async_api import BrowserContext

from cxcheck.config import ProfileName
from cxcheck.crawl.lifeline import Lifeline
from cxcheck.crawl.profiles import PROFILES, Profile
from cxcheck.snapshot import PageSnapshot
from cxcheck.urls import LOGOUT_WORDS, avoided


class SiteCapture(Protocol):
    """One run's worth of a site capture."""

    def observe(self, page: PageSnapshot) -> None:
        """See a page as it is delivered (its own page, in scope); must not block."""

    async def finish(self) -> Any:
        """Complete the work; the result becomes `SiteSnapshot.extras[need]`."""

    async def close(self) -> None:
        """Abandon what is still running (Ctrl-C, time limit)."""

    def notes(self) -> list[str]:
        """Plain sentences for the report: what was done, what was left out."""


@dataclass(frozen=True)
class SiteScope:
    """What a site capture may know of the run: the site and its scope."""

    lifeline: Lifeline  # the browser and context now (a new one if the browser died)
    is_internal: Callable[[str], bool]  # same origin as the site
    in_scope: Callable[[str], bool]  # a page the crawler may load (origin, include/exclude)
    profile: Profile = PROFILES[ProfileName.DESKTOP]  # what the crawl's tabs were loaded with
    deadline: float | None = None  # time.monotonic() when the run must stop (--max-time)
    # URLs no request may touch, not even a HEAD: a sign-out address (the crawl's `avoid`).
    avoids: Callable[[str], bool] = field(default=lambda url: avoided(url, LOGOUT_WORDS))
    # Pages of the site that links lead to but the run's limits left unrendered (known once
    # the crawl is over): the link check asks for their status, so no broken link is missed.
    unrendered: Callable[[], Sequence[str]] = field(default=lambda: ())
    # Cookies the user gave cxcheck ([auth] cookies): the site did not set them.
    given_cookies: frozenset[str] = frozenset()

    @property
    def context(self) -> BrowserContext:
        """The context to open tabs in now."""
        return self.lifeline.context
