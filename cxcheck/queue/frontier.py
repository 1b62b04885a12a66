"""The crawl's frontier when workers on many machines share one run.

The Crawler sees a Frontier: it offers links, takes URLs and claims the pages it lands on. Here
the rules a page alone decides (scope, depth, robots.txt, sign-out words) are applied on this
worker as before; what needs the whole run (seen once, max_pages, query variants, who visits
what) is decided by the queue (store.py), in one round trip per visited page: its links are
offered and the visit recorded together.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections import Counter
from dataclasses import dataclass, field

from cxcheck.crawl.frontier import Frontier, QueuedUrl, query_path
from cxcheck.crawl.pacing import Pacer
from cxcheck.errors import SiteUnreachable
from cxcheck.queue.store import Item, RunStore
from cxcheck.snapshot import FOUND_AT_START, FOUND_BY_LINK
from cxcheck.urls import normalize_url, page_key

POLL_S = 0.25  # how often an idle worker asks the queue for work


@dataclass
class QueueFrontier(Frontier):
    """A Frontier whose queue, seen set and budgets are the shared run's: `offer` is the
    Frontier's, with the budgets left to the queue and what passes staged for it."""

    store: RunStore | None = None
    # The collector is the last worker: its crawl ends only when every other worker has
    # finished or was lost, so pages a lost worker gave back are still checked.
    last: bool = False
    give_up_at: float | None = None  # the collector's --wait, as a monotonic time
    _outbox: list[tuple[QueuedUrl, bool]] = field(default_factory=list)
    _refusals: dict[str, str] = field(default_factory=dict)
    _items: dict[str, str] = field(default_factory=dict)  # URL -> its item in the queue
    _last_reclaim: float = 0.0

    @property
    def _store(self) -> RunStore:
        assert self.store is not None
        return self.store

    def _refusal(self, url: str, depth: int) -> str:
        """Only the rules a page alone decides: the budgets are the queue's (`_flush`)."""
        return self._rule_refusal(url, depth)

    def _refuse(self, key: str, url: str, reason: str) -> None:
        if key not in self._refused:
            self._refusals[key] = f"{reason}\t{json.dumps({'url': url})}"  # for the whole run
        super()._refuse(key, url, reason)

    def _enqueue(self, queued: QueuedUrl, key: str, force: bool) -> QueuedUrl:
        """Staged for the queue, sent with the visit that found it (forced: the start page,
        which this worker visits itself)."""
        self._outbox.append((queued, force))
        return queued

    async def seeding(self) -> bool:
        """True when this worker seeds the run; else waits until another one has (the start
        page loaded, sitemaps read). A seeder lost before seeding is replaced by this one."""
        while True:
            answer, reason = await self._store.seeder()
            if answer == "me":
                return True
            if answer == "seeded":
                return False
            if answer == "failed":
                raise SiteUnreachable(reason)
            await asyncio.sleep(POLL_S)

    async def more(self, busy: int) -> str:
        """Work from the queue when it has some; "done" when the whole run is."""
        if await self._flush(None, take=1):
            return "take"
        if busy:
            return "wait"
        now = time.monotonic()
        if now - self._last_reclaim > min(self._store.lease_s / 4, 2.0):
            self._last_reclaim = now
            await self._store.reclaim()  # a lost worker's pages, back in the queue
        status = await self._store.status()
        if status.waiting:
            return "take"
        if not status.drained:
            return "wait"
        if not self.last:
            return "done"
        working = [
            w for w, s in status.workers.items() if s == "working" and w != self._store.worker
        ]
        if not working:
            return "done"
        if self.give_up_at is not None and now > self.give_up_at:
            return "done"
        return "wait"

    async def wait(self, more: asyncio.Event) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(more.wait(), POLL_S)

    async def claim_page(self, final_url: str) -> bool:
        if not self.claim(final_url):
            return False
        return await self._store.claim(
            page_key(normalize_url(final_url, self.strip_params) or final_url)
        )

    async def visited(self, queued: QueuedUrl) -> None:
        """The page's links offered and its visit recorded, in one round trip (two for the
        start page, whose place in the queue is only known once offered)."""
        if queued.url not in self._items:
            await self._flush(None)
        # The next URL is taken in the same round trip, when this worker has none waiting.
        await self._flush(self._items.pop(queued.url, None), take=0 if self._queue else 1)
        if queued.found_by == FOUND_AT_START:
            await self._store.seeded()

    async def _flush(self, visited: str | None, take: int = 0) -> int:
        """Send what waits (offers, refusals, the visit) and take `take` items; how many came."""
        outbox, self._outbox = self._outbox, []
        refusals, self._refusals = self._refusals, {}
        offers = []
        for queued, mine in outbox:
            key = page_key(queued.url)
            body = {"url": queued.url, "depth": queued.depth, "referrer": queued.referrer,
                    "found_by": queued.found_by}  # fmt: skip
            offers.append((key, json.dumps(body), query_path(key) or "", mine))
        limits = (self.max_pages, self.max_unrendered, self.max_query_variants)
        answers, taken = await self._store.flush(offers, refusals, limits, visited, take)
        for item in taken:
            self._queue.append(self._queued(item))
        for (queued, mine), answer in zip(outbox, answers, strict=False):
            if answer.item is not None and mine:
                self._items[queued.url] = answer.item.raw
            elif answer.verdict in ("max-pages", "query-variants"):
                self._refuse(page_key(queued.url), queued.url, answer.verdict)
                self._refusals.pop(page_key(queued.url), None)  # the queue recorded it
        return len(taken)

    def _queued(self, item: Item) -> QueuedUrl:
        body = item.body
        url = str(body["url"])
        self._items[url] = item.raw
        self._seen.add(item.key)
        return QueuedUrl(
            url, int(body["depth"]), str(body.get("referrer", "")),
            str(body.get("found_by", FOUND_BY_LINK)), item.render,
        )  # fmt: skip

    async def whole_run(self) -> None:
        """What the run turned away and read past max_pages, as every worker saw it (for the
        collector's report: skipped counts, pages left unread)."""
        refused, seen, unrendered = await self._store.run_wide()
        self._refused = {k: reason for k, (reason, _) in refused.items() if k not in seen}
        self._first_url = {k: refused[k][1] for k in self._refused}
        self.skipped = Counter(self._refused.values())
        self._unrendered = unrendered


@dataclass
class SharedPacer(Pacer):
    """`--rate` for the whole run: every worker takes its turn from one clock in the queue."""

    store: RunStore | None = None

    async def turn(self) -> None:
        held = self._next - time.monotonic()
        if held > 0:  # the site asked this worker to wait (429/503 Retry-After)
            await asyncio.sleep(held)
        if self.rate and self.store is not None:
            await asyncio.sleep(await self.store.next_slot(1 / self.rate))
