"""How long a shared run of many pages on many workers takes: a small discrete-event
simulation fed with figures measured by bench/shared_run.py. docs/scale.md quotes it.

python bench/scale_sim.py [--pages 100000] [--workers 50] [--per-worker 4.0] ...

Each worker has `--concurrency` tabs; a page takes a tab 1/(per-worker/concurrency) seconds
on average (lognormal, so some pages are slow), plus two round trips to the queue, which is
one server serving requests one at a time (`--server-us` each page, measured: Redis CPU per
page). Pages are found as a crawl finds them: each page links to `--fanout` new pages (a site
of that width; the start page is the only one known at first), so workers idle while the
frontier is narrow. Optionally one worker dies halfway and its pages are checked again after
its lease runs out. Prints the run's time, how busy workers and the queue were, and what the
queue stores.
"""

from __future__ import annotations

import argparse
import heapq
import math
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Plan:
    pages: int = 100_000
    workers: int = 50
    concurrency: int = 4
    per_worker: float = 4.0  # pages/s one worker checks (measured on a 2-core runner)
    rtt_ms: float = 0.5  # a round trip to the queue on the CI network
    server_us: float = 100.0  # queue CPU per page (bench/shared_run.py --capacity)
    fanout: int = 3  # new pages each page leads to
    stored_per_page: int = 3_700  # bytes the queue keeps per page (bench/shared_run.py)
    collect_ms_per_page: float = 1.0  # the collector's merge and site-wide checks
    kill_one_at: float = 0.0  # 0..1: one worker dies when this share of pages is done
    lease_s: float = 30.0
    seed: int = 7


@dataclass
class Outcome:
    seconds: float
    crawl_seconds: float
    worker_busy: float  # share of tab time spent on pages
    queue_busy: float  # share of the run the queue's server worked
    peak_waiting: int
    rechecked: int
    stored_mb: float


def simulate(plan: Plan) -> Outcome:
    rng = random.Random(plan.seed)
    mean_s = plan.concurrency / plan.per_worker
    sigma = 0.5
    mu = math.log(mean_s) - sigma**2 / 2  # lognormal with that mean
    server_s = plan.server_us / 1e6
    rtt_s = plan.rtt_ms / 1000
    waiting = [0]  # page ids known and not taken
    next_page = 1
    server_free = 0.0
    server_work = 0.0
    events: list[tuple[float, int, int, int]] = []  # (time, worker, slot, page)
    idle: list[tuple[int, int]] = [
        (w, s) for w in range(plan.workers) for s in range(plan.concurrency)
    ]
    busy_time = 0.0
    done = 0
    peak = 1
    dead = -1
    held: dict[int, list[int]] = {w: [] for w in range(plan.workers)}
    rechecked = 0
    revive_at: float | None = None
    now = 0.0

    def ask_queue(at: float) -> float:
        nonlocal server_free, server_work
        start = max(at + rtt_s / 2, server_free)
        server_free = start + server_s
        server_work += server_s
        return server_free + rtt_s / 2

    def start_pages(at: float) -> None:
        nonlocal busy_time
        still_idle = []
        for worker, slot in idle:
            if worker == dead or not waiting:
                still_idle.append((worker, slot))
                continue
            page = waiting.pop()
            began = ask_queue(at)  # the take (joined with the last visit's round trip)
            spent = rng.lognormvariate(mu, sigma)
            busy_time += spent
            heapq.heappush(events, (began + spent, worker, slot, page))
        idle[:] = still_idle

    start_pages(0.0)
    while events or (revive_at is not None):
        if revive_at is not None and (not events or revive_at <= events[0][0]):
            now, revive_at = revive_at, None  # the dead worker's lease ran out: pages back
            waiting.extend(held[dead])
            rechecked += len(held[dead])
            held[dead] = []
            start_pages(now)
            continue
        now, worker, slot, page = heapq.heappop(events)
        if worker == dead:
            continue
        ask_queue(now)  # the claim and the visit's links
        done += 1
        held[worker].append(page)
        for _ in range(plan.fanout):
            if next_page < plan.pages:
                waiting.append(next_page)
                next_page += 1
        peak = max(peak, len(waiting))
        idle.append((worker, slot))
        if plan.kill_one_at and dead < 0 and done >= plan.kill_one_at * plan.pages:
            dead = worker
            idle[:] = [(w, s) for w, s in idle if w != dead]
            events[:] = [e for e in events if e[1] != dead]
            heapq.heapify(events)
            revive_at = now + plan.lease_s
        start_pages(now)
    crawl = now
    collect = plan.pages * plan.collect_ms_per_page / 1000
    tabs = plan.workers * plan.concurrency
    return Outcome(
        crawl + collect,
        crawl,
        busy_time / (tabs * crawl) if crawl else 0.0,
        server_work / crawl if crawl else 0.0,
        peak,
        rechecked,
        plan.pages * plan.stored_per_page / 1e6,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    defaults = Plan()
    for name, value in vars(defaults).items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=type(value), default=value)
    plan = Plan(**{k.replace("-", "_"): v for k, v in vars(parser.parse_args()).items()})
    ideal = plan.pages / (plan.workers * plan.per_worker)
    result = simulate(plan)
    print(
        f"{plan.pages:,} pages on {plan.workers} workers ({plan.per_worker:g} pages/s each, "
        f"{plan.concurrency} tabs): {result.seconds / 60:.1f} min "
        f"(crawl {result.crawl_seconds / 60:.1f} min, ideal {ideal / 60:.1f} min: "
        f"{ideal / result.crawl_seconds:.0%} efficient); tabs busy {result.worker_busy:.0%}; "
        f"queue server busy {result.queue_busy:.1%}; at most {result.peak_waiting:,} pages "
        f"waiting; {result.rechecked:,} pages checked again; queue stores "
        f"{result.stored_mb:.0f} MB"
    )


if __name__ == "__main__":
    main()
