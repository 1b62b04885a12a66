"""The crawl's browser, kept alive: when Chromium dies mid-run, a new one takes its place.

A browser can die under a run (out of memory, killed by the machine, a remote browser service
dropping the connection). Every tab and request of its context fails at once; the crawler
asks `recover` after a failure, which says whether the browser died and starts a new one (at
most `max_restarts` times), so the crawl carries on and loads the pages it lost again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import APIResponse, Browser, BrowserContext
from playwright.async_api import Error as PlaywrightError

Launch = Callable[[], Awaitable[Browser]]
NewContext = Callable[[Browser], Awaitable[BrowserContext]]

MAX_RESTARTS = 3


@dataclass
class Lifeline:
    """The browser and context pages are loaded in now; `generation` counts restarts."""

    launch: Launch
    new_context: NewContext
    browser: Browser
    context: BrowserContext
    max_restarts: int = MAX_RESTARTS
    generation: int = 0
    lost: list[str] = field(default_factory=list)  # pages that were loading when it died
    gave_up: bool = False  # it died more than `max_restarts` times, or would not start again
    # A context with none of the site's [auth] headers, cookies or password, for requests to
    # other sites (the link check's): those must never carry the site's secrets.
    new_outside: NewContext | None = None
    outside: BrowserContext | None = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @classmethod
    async def start(
        cls,
        launch: Launch,
        new_context: NewContext,
        browser: Browser,
        outside: Mapping[str, Any] | None = None,
    ) -> Lifeline:
        """A lifeline for `browser`, already launched, with its first context; with the
        `outside` context options, a context without the site's [auth] as well."""
        lifeline = cls(launch, new_context, browser, await new_context(browser))
        if outside is not None:
            options = dict(outside)
            lifeline.new_outside = lambda chromium: chromium.new_context(**options)
            lifeline.outside = await lifeline.new_outside(browser)
        return lifeline

    async def recover(self, seen_generation: int) -> bool:
        """After a failure on the browser of `seen_generation`: True when that browser had
        died and a new one now runs (started here or by another worker); False when the
        browser is fine (the failure was the page's own) or could not be started again."""
        if self.generation != seen_generation:
            return not self.gave_up
        if self.browser.is_connected():
            return False
        async with self._lock:
            if self.generation == seen_generation and not self.gave_up:
                await self._restart()
        return not self.gave_up

    async def _restart(self) -> None:
        if self.generation >= self.max_restarts:
            self.gave_up = True
            return
        try:
            browser = await self.launch()
            context = await self.new_context(browser)
            outside = await self.new_outside(browser) if self.new_outside else None
        except Exception:  # cannot start again: the crawl ends with what it has
            self.gave_up = True
            return
        self.browser, self.context, self.outside = browser, context, outside
        self.generation += 1

    @property
    def requests(self) -> CurrentRequests:
        """HTTP requests through the current context, recovering as pages do."""
        return CurrentRequests(self)

    @property
    def outside_requests(self) -> CurrentRequests:
        """HTTP requests to other sites: through the context without the site's [auth]."""
        return CurrentRequests(self, outside=self.new_outside is not None)

    def notes(self) -> list[str]:
        """Plain sentences for the report when the browser died; none when it never did."""
        if not self.generation and not self.gave_up:
            return []
        notes = []
        if self.generation:
            times = "once" if self.generation == 1 else f"{self.generation} times"
            shown = ", ".join(self.lost[:10]) + (" ..." if len(self.lost) > 10 else "")
            notes.append(
                f"The browser stopped unexpectedly during the run and was started again "
                f"({times}). The pages it was loading then were loaded again "
                f"({len(self.lost)}): {shown}."
            )
        if self.gave_up:
            notes.append(
                "The browser stopped again and was not started again "
                f"(at most {self.max_restarts} restarts): the run ended early."
            )
        return notes


@dataclass(frozen=True)
class CurrentRequests:
    """`head` and `get` like Playwright's APIRequestContext, on whatever context is current;
    a request the browser's death cut off is sent again once on the new one."""

    lifeline: Lifeline
    outside: bool = False  # through the context without the site's [auth]

    async def head(self, url: str, **options: Any) -> APIResponse:
        return await self._send("head", url, options)

    async def get(self, url: str, **options: Any) -> APIResponse:
        return await self._send("get", url, options)

    async def _send(self, method: str, url: str, options: dict[str, Any]) -> APIResponse:
        generation = self.lifeline.generation
        try:
            return await getattr(self._context().request, method)(url, **options)
        except PlaywrightError:
            if not await self.lifeline.recover(generation):
                raise
        return await getattr(self._context().request, method)(url, **options)

    def _context(self) -> BrowserContext:
        outside = self.lifeline.outside if self.outside else None
        return outside or self.lifeline.context
