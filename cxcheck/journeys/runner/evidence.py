"""What a journey run leaves for people to look at: screenshots with secret fields and typed
secrets masked, and a Playwright trace for engineers, kept only when the journey failed."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from playwright.async_api import BrowserContext, Locator, Page
from playwright.async_api import Error as PlaywrightError

from cxcheck.journeys.language.model import Journey, secret_names
from cxcheck.journeys.runner.phrases import plain
from cxcheck.journeys.runner.redact import Redactor
from cxcheck.journeys.runner.settings import RunSettings

log = logging.getLogger(__name__)

MASK_COLOR = "#FF00FF"  # what covers a field that holds a secret in screenshots


def slug(text: str) -> str:
    """'Guest checkout with boots' -> 'guest-checkout-with-boots' (folder names)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "journey"


class Evidence:
    """The screenshot and trace part of a journey run (`Session` sets the state)."""

    context: BrowserContext
    journey: Journey
    settings: RunSettings
    folder: Path
    page: Page | None
    masks: list[Locator]
    shown_secrets: list[str]
    notes: list[str]
    redact: Redactor

    @property
    def uses_secrets(self) -> bool:
        """True when any step or the start address names a secret."""
        texts = [self.journey.start_at]
        for step in self.journey.steps:
            texts += [step.value, step.region, step.target.name if step.target else ""]
        return any(secret_names(text) for text in texts)

    async def _screenshot(self, name: str) -> str:
        """A PNG of the current tab with secret fields masked; its path, or "" (with a note)."""
        page = self.page
        if page is None or page.is_closed():
            return ""
        # A name may hold a secret ("after {secret:PW}"): the file is named after the
        # placeholder, never the value.
        path = self.folder / f"{slug(self.redact(name))}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        masks = [m for m in self.masks if m.page == page]
        masks += [page.get_by_text(value) for value in self.shown_secrets if len(value) >= 4]
        try:
            await page.screenshot(
                path=path, mask=masks, mask_color=MASK_COLOR, scale="css", timeout=10_000
            )
        except PlaywrightError as error:
            reason = plain(error.message, "the browser did not take it")
            self.notes.append(f"Could not take a screenshot: {reason}.")
            return ""
        return str(path)

    async def _start_trace(self) -> bool:
        if not self.settings.trace or (self.uses_secrets and not self.settings.trace_secrets):
            return False
        try:
            await self.context.tracing.start(screenshots=True, snapshots=True)
        except PlaywrightError:  # the caller is tracing this context already
            log.debug("could not start a trace", exc_info=True)
            return False
        return True

    async def _stop_trace(self, keep: bool) -> str:
        """Stop tracing; the trace file's path when it was kept, else ""."""
        try:
            if keep:
                self.folder.mkdir(parents=True, exist_ok=True)
                await self.context.tracing.stop(path=self.folder / "trace.zip")
                return str(self.folder / "trace.zip")
            await self.context.tracing.stop()
        except PlaywrightError:
            log.debug("could not save the trace", exc_info=True)
        return ""
