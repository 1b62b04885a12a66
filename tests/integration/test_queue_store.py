"""The queue's atomic steps against a real Redis (no browser): URLs queued once for the
whole run, max_pages counted once, a lost worker's pages given back and its late part
refused, and --rate paced for all workers together."""

from __future__ import annotations

import asyncio
import itertools
import json

from cxcheck.queue.store import RunStore

SITE = "http://a.test/"
LIMITS = (3, 1, 50)  # max_pages, max_unrendered_pages, max_query_variants


def _offer(url: str) -> tuple[str, str, str, bool]:
    return (
        url,
        json.dumps({"url": url, "depth": 1, "referrer": "", "found_by": "link"}),
        "",
        False,
    )


async def _joined(url: str, run: str, worker: str, lease_s: float = 30.0) -> RunStore:
    store = RunStore(url, run, worker, lease_s)
    await store.ping()
    await store.join(SITE, {"max_pages": 3}, b"", "test")
    return store


def test_two_workers_share_one_seen_set_and_one_page_budget(redis_url: str) -> None:
    async def scenario() -> tuple[list[str], list[str], int]:
        a, b = await _joined(redis_url, "budget", "a"), await _joined(redis_url, "budget", "b")
        first, _ = await a.flush([_offer(f"{SITE}{n}") for n in (1, 2)], {}, LIMITS, None)
        second, taken = await b.flush(
            [_offer(f"{SITE}{n}") for n in (2, 3, 4, 5)], {}, LIMITS, None, take=5
        )
        for store in (a, b):
            await store.close()
        return [o.verdict for o in first], [o.verdict for o in second], len(taken)

    first, second, taken = asyncio.run(scenario())
    assert first == ["queued", "queued"]
    # /2 was queued by a; /3 is the third page rendered, /4 read past max_pages, /5 refused.
    assert second == ["seen", "queued", "queued", "max-pages"]
    assert taken == 4


def test_a_lost_workers_pages_go_back_and_its_late_part_is_dropped(redis_url: str) -> None:
    async def scenario() -> tuple[int, list[str], int, bool, bool]:
        lost = await _joined(redis_url, "lease", "lost", lease_s=1.0)
        await lost.flush([_offer(f"{SITE}{n}") for n in (1, 2, 3)], {}, LIMITS, None)
        _, taken = await lost.flush([], {}, LIMITS, None, take=2)
        await lost.flush([], {}, LIMITS, taken[0].raw)  # one visited, one still in hand
        other = await _joined(redis_url, "lease", "other")
        too_early = await other.reclaim()
        await asyncio.sleep(1.3)  # the lease runs out: no renewal came
        found = await other.reclaim()
        status = await other.status()
        late = await lost.finish({"part": 1})
        mine = await other.finish({"part": 2})
        for store in (lost, other):
            await store.close()
        return len(too_early), found, status.waiting, late, mine

    too_early, found, waiting, late, mine = asyncio.run(scenario())
    assert too_early == 0
    assert found == ["lost"]
    assert waiting == 3  # both taken pages back, with the one never taken
    assert (late, mine) == (False, True)


def test_rate_is_one_clock_for_every_worker(redis_url: str) -> None:
    async def scenario() -> list[float]:
        stores = [await _joined(redis_url, "rate", f"w{n}") for n in range(3)]
        waits = await asyncio.gather(*(s.next_slot(0.5) for s in stores for _ in range(2)))
        for store in stores:
            await store.close()
        return sorted(waits)

    waits = asyncio.run(scenario())
    # Six loads at 2 a second across three workers: one slot every 0.5 s, none shared.
    gaps = [b - a for a, b in itertools.pairwise(waits)]
    assert all(abs(gap - 0.5) < 0.1 for gap in gaps), waits


def test_a_worker_that_finishes_gives_back_what_it_took_and_did_not_visit(
    redis_url: str,
) -> None:
    async def scenario() -> tuple[bool, int, int]:
        worker = await _joined(redis_url, "finish", "w")
        await worker.flush([_offer(f"{SITE}{n}") for n in (1, 2, 3)], {}, LIMITS, None)
        _, taken = await worker.flush([], {}, LIMITS, None, take=2)
        await worker.flush([], {}, LIMITS, taken[0].raw)  # its time runs out after one visit
        handed = await worker.finish({"part": 1})
        status = await worker.status()
        await worker.close()
        return handed, status.waiting, status.inflight

    handed, waiting, inflight = asyncio.run(scenario())
    assert handed
    assert (waiting, inflight) == (2, 0)  # the unvisited one back, with the one never taken
