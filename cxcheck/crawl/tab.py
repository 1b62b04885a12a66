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

from playwright.async_api import BrowserContext, CDPSession, Page
from playwright.async_api import Error as PlaywrightError

from cxcheck.crawl.profiles import Profile
from cxcheck.crawl.snapshot import PageEvents

_CLOSE_TIMEOUT_S = 5.0


@dataclass
class Tab:
    """A worker's page, reused from URL to URL (opening a page costs more than loading one).

    The tab never leaves the site: a top-level navigation (a redirect, a meta refresh) to a
    URL out of scope is stopped before any request is sent, through the DevTools Fetch
    domain, paused for documents only so other requests pay nothing. The URL it was headed
    for is kept in `left_for`.
    """

    page: Page
    events: PageEvents
    in_scope: Callable[[str], bool]
    uses: int = 0
    left_for: str = ""
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
