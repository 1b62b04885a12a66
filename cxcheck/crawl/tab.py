"""A browser tab that loads the site's pages and never leaves the site.

Used by the crawler (one per worker, reused from URL to URL) and by site captures that load
pages again (re-measuring slow pages). The run's profile (desktop, or mobile with a slow
network and a slow CPU) is applied to every tab.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playwright.async_api import BrowserContext, CDPSession, Dialog, Page, Response
from playwright.async_api import Error as PlaywrightError

from cxcheck.crawl import failures
from cxcheck.crawl.profiles import Profile
from cxcheck.crawl.scripts import init_script
from cxcheck.crawl.snapshot import PageEvents

_CLOSE_TIMEOUT_S = 5.0
_POPUP_GUARD = init_script("popup_guard")


@dataclass
class Tab:
    """A worker's page, reused from URL to URL (opening a page costs more than loading one).

    The tab never leaves the site: a top-level navigation (a redirect, a meta refresh) to a
    URL out of scope is stopped before any request is sent, through the DevTools Fetch
    domain, paused for documents only so other requests pay nothing. The URL it was headed
    for is kept in `left_for`.

    Nor does it let a page hold it hostage: dialogs (alert, confirm, prompt) are noted in
    `events` and dismissed at once, windows the page opens are blocked before they load (or
    closed at once if one slips through) and noted, and a crash of its renderer is kept in
    `crashed` (the tab is then of no more use).
    """

    page: Page
    events: PageEvents
    in_scope: Callable[[str], bool]
    uses: int = 0
    left_for: str = ""
    crashed: bool = False
    _main_frame: str = ""

    @classmethod
    async def open(
        cls,
        context: BrowserContext,
        in_scope: Callable[[str], bool],
        profile: Profile,
        cold: bool = False,
    ) -> Tab:
        """A new tab with the scope guard and the profile; `cold`: no browser cache."""
        page = await context.new_page()
        tab = cls(page, PageEvents(page), in_scope)
        await tab._guard_against_the_page()
        session = await context.new_cdp_session(page)
        await profile.apply(session, cold)
        tree = await session.send("Page.getFrameTree")
        tab._main_frame = tree["frameTree"]["frame"]["id"]
        session.on(
            "Fetch.requestPaused", lambda event: asyncio.ensure_future(tab._paused(session, event))
        )
        pattern = {"urlPattern": "*", "resourceType": "Document", "requestStage": "Request"}
        await session.send("Fetch.enable", {"patterns": [pattern]})
        return tab

    def start_visit(self) -> None:
        """Forget what the previous page did: the caller loads the next one now."""
        self.events.reset(navigating=True)
        self.left_for = ""

    def failure(
        self, error: BaseException, timeout_s: float, reading: bool = False
    ) -> failures.NavigationFailure:
        """Why loading (or, `reading`, then reading) the page failed, in words; a crash is
        named as such whatever Playwright's message says."""
        if self.crashed:
            return failures.NavigationFailure(failures.CRASHED, unreachable=False)
        if reading:
            return failures.unreadable(error, timeout_s)
        answered = self.events.document is not None
        return failures.describe(str(error), timeout_s, answered=answered)

    async def landed(self, timeout_s: float) -> Response | None:
        """The response of the page a script moved the tab to, once that page has loaded."""
        await self.page.wait_for_load_state("load", timeout=timeout_s * 1000)
        return self.events.document

    async def _guard_against_the_page(self) -> None:
        page = self.page
        page.on("dialog", self._answer)
        page.on("popup", self._close_popup)
        page.on("crash", lambda _: setattr(self, "crashed", True))
        await page.add_init_script(_POPUP_GUARD)  # reports through events' console

    async def _answer(self, dialog: Dialog) -> None:
        """Dismiss at once: a dialog stops the page's scripts until someone answers it."""
        with contextlib.suppress(PlaywrightError):
            if dialog.type == "beforeunload":
                await dialog.accept()  # leaving is what the crawl wants; not the page's doing
                return
            self.events.note_dialog(dialog.type, dialog.message)
            await dialog.dismiss()

    async def _close_popup(self, popup: Page) -> None:
        """A window that got past the guard (a form aimed at a new window): closed at once."""
        self.events.note_popup(popup.url)
        with contextlib.suppress(PlaywrightError, TimeoutError):
            await asyncio.wait_for(popup.close(), _CLOSE_TIMEOUT_S)

    async def _paused(self, session: CDPSession, event: dict[str, Any]) -> None:
        url = event["request"]["url"]
        with contextlib.suppress(PlaywrightError):
            if event.get("frameId") == self._main_frame and not self.in_scope(url):
                self.left_for = url
                await session.send(
                    "Fetch.failRequest",
                    {"requestId": event["requestId"], "errorReason": "BlockedByClient"},
                )
            else:
                await session.send("Fetch.continueRequest", {"requestId": event["requestId"]})

    async def close(self) -> None:
        with contextlib.suppress(PlaywrightError, TimeoutError):
            await asyncio.wait_for(self.page.close(), _CLOSE_TIMEOUT_S)
