"""The crawler: N pages in parallel in one browser context, one navigation per URL.

Step 3 of the data flow in docs/architecture.md: takes URLs from the Frontier, turns each
into a PageSnapshot, hands it to `on_page` (the page pipeline, which runs the checks and
drops it), and offers the links it found back to the Frontier. Pages it knows without
rendering are crawl/unrendered.py; robots.txt and sitemaps, crawl/seeding.py.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Response

from cxcheck.config import CrawlConfig
from cxcheck.crawl import failures
from cxcheck.crawl.frontier import Frontier, QueuedUrl
from cxcheck.crawl.html_pages import HtmlPages, HtmlReads
from cxcheck.crawl.lifeline import Lifeline
from cxcheck.crawl.pacing import RETRIES, Pacer, busy_wait
from cxcheck.crawl.profiles import PROFILES
from cxcheck.crawl.seeding import fetch_robots, seed
from cxcheck.crawl.snapshot import capture
from cxcheck.crawl.source_page import snapshot_from_source
from cxcheck.crawl.start_page import why_unusable
from cxcheck.crawl.stopwatch import Stopwatch
from cxcheck.crawl.tab import Tab
from cxcheck.crawl.unrendered import (
    failed,
    fetch_status,
    is_html_response,
    left_site,
    looks_like_file,
    not_rendered,
    read_unrendered,
)
from cxcheck.errors import SiteUnreachable
from cxcheck.snapshot import FOUND_AT_START, PageSnapshot
from cxcheck.urls import normalize_url

# A reused tab's renderer and Playwright's per-page records grow with every navigation; a
# fresh tab now and then keeps memory flat for a small cost (opening one costs ~2 loads).
TAB_RECYCLE_AFTER = 20


@dataclass(frozen=True)
class CrawlStats:
    """How the crawl went, for the report."""

    skipped: dict[str, int]
    complete: bool
    retried: int = 0  # page loads made again after a 429/503 said when
    html: HtmlReads | None = None  # --render auto: pages read from their HTML, and the rest


PageCallback = Callable[[PageSnapshot, bool], None]  # (snapshot, is a page of its own)
ProgressCallback = Callable[[int, int, str], None]  # (done, queued, current url)


class Crawler:
    """Visits the site breadth-first with `config.concurrency` workers."""

    def __init__(
        self,
        lifeline: Lifeline,
        frontier: Frontier,
        config: CrawlConfig,
        needs: Mapping[str, Any],  # page capture -> its typed request
        on_page: PageCallback,
        on_progress: ProgressCallback = lambda done, queued, url: None,
        stopwatch: Stopwatch | None = None,
        mine: Callable[[str], bool] = lambda url: True,
        pacer: Pacer | None = None,  # a shared run's paces every worker (cxcheck/queue/)
        read_html: bool = False,  # --render auto, and every check can work on such pages
    ) -> None:
        self._lifeline = lifeline
        self._stopwatch = stopwatch or Stopwatch()
        self._pacer = pacer or Pacer(config.rate)
        self._asked_to_wait: dict[str, float] = {}  # URL -> seconds its 429/503 asked for
        self._frontier = frontier
        self._config = config
        self._needs = needs
        self._mine = mine  # a page of this shard (--shard i/n): the others give links only
        self._on_page = on_page
        self._on_progress = on_progress
        self._done = 0
        self._busy = 0
        self._more = asyncio.Event()
        self._deadline = time.monotonic() + config.max_time_s if config.max_time_s else None
        self._profile = PROFILES[config.profile]
        self._stopped = False
        self._html_pages = (
            HtmlPages(lifeline.requests, self._in_scope, config.page_timeout_s)
            if read_html
            else None
        )

    async def crawl(self, start_url: str) -> CrawlStats:
        """Visit the start page (unreachable: SiteUnreachable), seed, then crawl everything."""
        if not await self._frontier.seeding():  # a worker of a shared run seeded it
            return await self._share(start_url)
        start = self._frontier.offer(start_url, 0, force=True, found_by=FOUND_AT_START)
        if start is None:
            raise SiteUnreachable(f"cannot crawl {start_url}")
        # Visited here, first; taken out of the queue so no worker loads it again (a start
        # page that failed has no final URL to mark it as visited).
        self._frontier.take()
        robots_task = asyncio.create_task(
            fetch_robots(self._lifeline.requests, self._in_scope, self._config, start.url)
        )
        try:
            first, tab = await self._visit_page(start, None)
            if tab is not None:
                await tab.close()
        except BaseException:
            robots_task.cancel()
            raise
        if problem := why_unusable(first, start_url, self._in_scope):
            robots_task.cancel()
            raise SiteUnreachable(problem)
        await seed(
            self._lifeline.requests,
            self._in_scope,
            self._frontier,
            self._config,
            start.url,
            await robots_task,
        )
        await self._deliver(start, first)
        return await self._work()

    async def _share(self, start_url: str) -> CrawlStats:
        """A worker of a shared run another worker seeded: robots.txt read, then to work."""
        robots = await fetch_robots(
            self._lifeline.requests, self._in_scope, self._config, start_url
        )
        if self._config.respect_robots:
            self._frontier.allowed_by_robots = robots.allows
        return await self._work()

    async def _work(self) -> CrawlStats:
        try:
            await asyncio.gather(*(self._worker() for _ in range(self._config.concurrency)))
        except asyncio.CancelledError:
            self._stopped = True
            raise
        return self._stats()

    def _in_scope(self, url: str) -> bool:
        """Where a tab may go: the site's scope (about:, data: and blob: pages are local)."""
        if not url.startswith(("http:", "https:")):
            return True
        return self._frontier.scope.why_out(normalize_url(url) or url) != "out-of-scope"

    def _stats(self) -> CrawlStats:
        complete = not self._stopped and self._frontier.pending == 0
        skipped = dict(self._frontier.skipped)
        html = self._html_pages.counts if self._html_pages else None
        return CrawlStats(skipped, complete, self._pacer.retried, html)

    async def _worker(self) -> None:
        tab: Tab | None = None
        try:
            while True:
                if self._deadline is not None and time.monotonic() > self._deadline:
                    self._stopped = True
                queued = None if self._stopped else self._frontier.take()
                if queued is None:
                    more = "done" if self._stopped else await self._frontier.more(self._busy)
                    if more == "done":
                        self._more.set()
                        return
                    if more == "wait":
                        self._more.clear()
                        await self._frontier.wait(self._more)
                    continue
                self._busy += 1
                try:
                    if not queued.render:  # past max_pages: its status and links only
                        await self._deliver(queued, await self._past_budget(queued))
                        continue
                    snapshot, tab = await self._visit_page(queued, tab)
                    if tab is not None and tab.uses >= TAB_RECYCLE_AFTER:
                        await tab.close()
                        tab = None
                    await self._deliver(queued, snapshot)
                finally:
                    self._busy -= 1
                    self._more.set()
        finally:
            if tab is not None:
                await tab.close()

    async def _visit_page(
        self, queued: QueuedUrl, tab: Tab | None
    ) -> tuple[PageSnapshot, Tab | None]:
        """Visit `queued`: from its HTML when --render auto may (crawl/html_pages.py), else in
        `tab` (or a new one); also the tab to use next."""
        if self._html_pages is not None and not looks_like_file(queued.url):
            await self._pacer.turn()
            with self._stopwatch.timing("reading pages from their HTML (--render auto)"):
                snapshot = await self._html_pages.page(queued)
            if snapshot is not None:
                return snapshot, tab
        return await self._visit_with_lifeline(queued, tab)

    async def _visit_with_lifeline(
        self, queued: QueuedUrl, tab: Tab | None
    ) -> tuple[PageSnapshot, Tab | None]:
        """Visit `queued` in `tab` (or a new one); also the tab to use next (None: open one).

        When the browser dies under the page, a new browser is started and the page loaded
        again there, once; dying again on it is recorded as the page's failure.
        """
        lifeline = self._lifeline
        generation = lifeline.generation
        snapshot, tab = await self._visit_in(queued, tab)
        if snapshot.error and await lifeline.recover(generation):
            lifeline.lost.append(queued.url)
            generation = lifeline.generation
            snapshot, tab = await self._visit_in(queued, None)
            if snapshot.error and await lifeline.recover(generation):
                reason = "the browser stopped while loading this page, twice"
                return failed(queued, failures.NavigationFailure(reason, False)), None
        if snapshot.error and not lifeline.browser.is_connected():
            self._stopped = True  # gone for good (lifeline.gave_up): report what was done
            reason = "the browser stopped while loading this page"
            return failed(queued, failures.NavigationFailure(reason, False)), None
        return snapshot, tab

    async def _visit_in(
        self, queued: QueuedUrl, tab: Tab | None
    ) -> tuple[PageSnapshot, Tab | None]:
        """One visit in `tab` (or a new one), and the tab to use next (None: open another)."""
        try:
            tab = tab or await Tab.open(self._lifeline.context, self._in_scope, self._profile)
            await self._pacer.turn()
            snapshot, reusable = await self._visit(queued, tab)
            for _ in range(RETRIES):  # the site said 429/503 with a Retry-After worth waiting
                wait = self._asked_to_wait.pop(queued.url, None)
                if wait is None or not reusable:
                    break
                self._pacer.hold_off(wait)
                self._pacer.retried += 1
                await self._pacer.turn()
                snapshot, reusable = await self._visit(queued, tab)
            self._asked_to_wait.pop(queued.url, None)
        except PlaywrightError as error:  # no tab could be opened: the browser is gone
            return failed(queued, failures.describe(str(error), self._config.page_timeout_s)), None
        tab.uses += 1
        if reusable:
            return snapshot, tab
        await tab.close()
        return snapshot, None

    async def _deliver(self, queued: QueuedUrl, snapshot: PageSnapshot) -> None:
        """Hand the snapshot on and queue its links; the snapshot is not kept here."""
        snapshot = replace(snapshot, found_by=queued.found_by)
        own_page = not snapshot.final_url or await self._frontier.claim_page(snapshot.final_url)
        landed = normalize_url(snapshot.final_url or snapshot.url) or snapshot.url
        in_scope = not self._frontier.scope.why_out(landed)
        self._done += 1
        self._on_page(snapshot, own_page and in_scope)
        if own_page and in_scope and (snapshot.is_html or snapshot.parsed):
            for link in snapshot.links:
                if link.navigable and link.href:
                    self._frontier.offer(link.href, queued.depth + 1, snapshot.url)
        await self._frontier.visited(queued)
        self._on_progress(self._done, self._frontier.pending + self._busy, snapshot.url)

    async def _visit(self, queued: QueuedUrl, tab: Tab) -> tuple[PageSnapshot, bool]:
        """Load one URL in `tab` and capture it; never raises for a page that misbehaves.

        Also says whether the tab can load the next URL: a page that timed out or could not
        be read may still be busy, so its tab is replaced.
        """
        if looks_like_file(queued.url):
            return await self._status(queued), True
        limit_s = self._config.page_timeout_s * 2 + 5
        try:
            return await asyncio.wait_for(self._load(tab, queued), limit_s)
        except TimeoutError:
            reason = f"the page did not finish within {limit_s:g} s"
            answered = tab.events.document is not None  # else the server itself is silent
            failure = failures.NavigationFailure(reason, unreachable=not answered)
            return await self._unread(queued, failure, tab.events.document), False

    async def _load(self, tab: Tab, queued: QueuedUrl) -> tuple[PageSnapshot, bool]:
        timeout_s = self._config.page_timeout_s
        page, events = tab.page, tab.events
        tab.start_visit()

        async def read(response: Response | None) -> PageSnapshot:
            await _answers(page, timeout_s)  # else the page's scripts hold the tab
            return await capture(
                page,
                response,
                events,
                url=queued.url,
                depth=queued.depth,
                referrer=queued.referrer,
                # Another shard's page is read for its links only (--shard i/n).
                needs=self._needs if self._mine(page.url) else {},
                timeout_s=timeout_s,
                stopwatch=self._stopwatch,
            )

        try:
            with self._stopwatch.timing("navigation (until load)"):
                response = await page.goto(queued.url, wait_until="load", timeout=timeout_s * 1000)
            if (wait := busy_wait(response)) is not None:
                self._asked_to_wait[queued.url] = wait  # "busy, come back": _visit_in does
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                return await self._status(queued), True
            if tab.left_for:  # it redirects off the site: recorded, not followed
                return left_site(queued, tab.left_for), False
            failure = tab.failure(error, timeout_s)
            # The tab is left on Chromium's error page, or on a page still loading; either
            # would interrupt the next load, so it is replaced.
            if not failure.unfinished:
                return await self._unread(queued, failure, events.document), False
            # It answered but never finished (a script or a picture that never arrives):
            # what did arrive is read and checked, and the page is reported as unfinished.
            try:
                return (await read(events.document)).unfinished(failure.reason), False
            except (PlaywrightError, TimeoutError):
                return await self._unread(queued, failure, events.document), False
        with self._stopwatch.timing("waiting for late requests (settle)"):
            await events.settle(self._config.settle_ms / 1000)
        if response is not None and not is_html_response(response.headers):
            return await not_rendered(queued, response), True
        try:
            snapshot = await read(response)
        except (PlaywrightError, TimeoutError) as error:
            if tab.left_for:  # a script sent it off the site: stopped, recorded as a redirect
                return left_site(queued, tab.left_for), False
            if tab.crashed or not failures.moved_on(str(error)):
                failure = tab.failure(error, timeout_s, reading=True)
                return await self._unread(queued, failure, response), False
            # A script sent the tab to another page while it was read: that page is what a
            # visitor gets, so it is read once more where it landed (as after a redirect,
            # `final_url` says where). A second move is not chased.
            try:
                snapshot = await read(await tab.landed(timeout_s))
            except (PlaywrightError, TimeoutError) as again:
                failure = tab.failure(again, timeout_s, reading=True)
                return await self._unread(queued, failure, events.document), False
        if tab.left_for:  # a script sent it off the site: stopped, recorded as a redirect
            return left_site(queued, tab.left_for), False
        return snapshot, True

    async def _status(self, queued: QueuedUrl) -> PageSnapshot:
        """A download or media file: its status asked, not rendered (crawl/unrendered.py)."""
        timeout_s = self._config.page_timeout_s
        return await fetch_status(self._lifeline.requests, self._in_scope, queued, timeout_s)

    async def _past_budget(self, queued: QueuedUrl) -> PageSnapshot:
        """A page past the render budget, read without the browser (crawl/unrendered.py)."""
        await self._pacer.turn()
        with self._stopwatch.timing("reading pages past max_pages"):
            return await read_unrendered(
                self._lifeline.requests, self._in_scope, queued, self._config.page_timeout_s
            )

    async def _unread(
        self, queued: QueuedUrl, failure: failures.NavigationFailure, response: Response | None
    ) -> PageSnapshot:
        """A page that could not be read, with `failure` as its error; when the server sent
        HTML (`response`), its status and links as that HTML has them, so the crawl goes on."""
        if not self._lifeline.browser.is_connected():
            return failed(queued, failure)  # the browser died: the page is loaded again
        snapshot = await snapshot_from_source(
            self._lifeline.requests,
            self._in_scope,
            response,
            failure,
            url=queued.url,
            depth=queued.depth,
            referrer=queued.referrer,
            timeout_s=self._config.page_timeout_s,
        )
        return snapshot or failed(queued, failure)


async def _answers(page: Page, timeout_s: float) -> None:
    """Return once the tab answers a trivial question: ScriptsBusy when the page's own
    scripts keep it from answering within `timeout_s` (asked before reading, so a slow read
    is never blamed on them)."""
    try:
        await asyncio.wait_for(page.evaluate("0"), timeout_s)
    except TimeoutError:
        raise failures.ScriptsBusy from None
