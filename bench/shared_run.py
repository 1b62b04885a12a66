"""What sharing a run through the queue costs: round trips, bytes sent and stored per page,
and the time against one machine. Prints a table; docs/scale.md quotes it.

python bench/shared_run.py [--pages 300] [--workers 1,2] [--checks all|links]

Generates a site (bench/sitegen.py), starts a real redis-server on a free 127.0.0.1 port,
and for each worker count runs that many `cxcheck check --queue` processes side by side plus
`cxcheck collect`, then the same site in one plain `cxcheck check`, all in one run. The
server's own counters (INFO commandstats, stats) say what the run asked of it; MEMORY USAGE
of the run's keys says what it stored. On a 2-core machine more workers cannot be faster
(they share the cores): the figures to read are the costs per page.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402

from bench.sitegen import generate  # noqa: E402
from cxcheck.crawl.frontier import Scope  # noqa: E402
from cxcheck.queue.frontier import QueueFrontier  # noqa: E402
from cxcheck.queue.store import RunStore  # noqa: E402
from cxcheck.serve import serve_folder  # noqa: E402
from tests.redis_server import redis_server  # noqa: E402

TABS = 4  # pages loaded at once in all: one machine's --concurrency, shared by the workers
CHECKS = {
    "all": ["--skip", "devices", "--skip", "slow-pages"],
    "links": ["--only", "dead-navigation"],
}


def _cxcheck(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "cxcheck", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _server_stats(client: redis.Redis) -> tuple[int, int, float]:
    """Bytes in, bytes out, and the server's CPU seconds, so far."""
    stats, cpu = client.info("stats"), client.info("cpu")
    return (
        int(stats["total_net_input_bytes"]),
        int(stats["total_net_output_bytes"]),
        float(cpu["used_cpu_sys"]) + float(cpu["used_cpu_user"]),
    )


def _stored(client: redis.Redis, run: str) -> tuple[int, int]:
    """Bytes the run's keys take, and of that the workers' handed-over parts."""
    total = parts = 0
    for key in client.scan_iter(match=f"cxcheck:\\{{{run}\\}}:*"):
        size = int(client.memory_usage(key) or 0)
        total += size
        parts += size if b":state:" in key else 0
    return total, parts


def shared_run(url: str, queue: str, run: str, workers: int, checks: list[str], out: Path) -> dict:
    client = redis.Redis.from_url(queue)
    before = _server_stats(client)
    started = time.monotonic()
    procs = [
        _cxcheck(
            "check",
            url,
            "--queue",
            queue,
            "--run",
            run,
            "--worker",
            f"w{i}",
            "--concurrency",
            str(max(1, TABS // workers)),
            "--max-pages",
            "100000",
            *checks,
        )
        for i in range(workers)
    ]
    codes = [p.wait() for p in procs]
    crawled = time.monotonic() - started
    collect = _cxcheck(
        "collect", "--queue", queue, "--run", run, "--json", str(out), "--no-pictures"
    )
    collect.wait()
    seconds = time.monotonic() - started
    after = _server_stats(client)
    pages = len(json.loads(out.read_text())["pages"])
    stored, parts = _stored(client, run)
    trips = int(client.hget(f"cxcheck:{{{run}}}:meta", "round_trips") or 0)  # type: ignore[arg-type]
    return {
        "workers": workers, "codes": codes, "pages": pages, "seconds": seconds,
        "crawl_s": crawled, "trips": trips, "bytes_in": after[0] - before[0],
        "bytes_out": after[1] - before[1], "server_us": (after[2] - before[2]) * 1e6,
        "stored": stored, "parts": parts,
    }  # fmt: skip


def single_run(url: str, checks: list[str], out: Path) -> dict:
    started = time.monotonic()
    _cxcheck("check", url, "--concurrency", str(TABS), "--max-pages", "100000", "--json", str(out),
             "--no-pictures", *checks).wait()  # fmt: skip
    return {
        "seconds": time.monotonic() - started,
        "pages": len(json.loads(out.read_text())["pages"]),
    }


_NEW_PAGES = itertools.count()


async def _simulated_worker(
    queue: str, run: str, name: str, links: int, until: float, seed: bool = False
) -> int:
    """A worker that visits nothing: per page, what a real one asks of the queue (the claim,
    then the visit's links offered, the visit recorded and the next page taken)."""
    store = RunStore(queue, run, name, 30.0)
    await store.ping()
    await store.join("http://bench.test/", {}, b"", "bench")
    frontier = QueueFrontier(Scope("http://bench.test"), 10**9, 10**6, store=store)
    queued = frontier.offer("http://bench.test/", 0, force=True) if seed else None
    pages = 0
    while time.monotonic() < until:
        queued = queued or frontier.take()
        if queued is None:
            if await frontier.more(0) == "done":
                break
            continue
        await frontier.claim_page(queued.url)
        for n in range(links):  # two new pages (the site grows), the rest seen before
            page = f"p{next(_NEW_PAGES)}" if n < 2 else str(n)
            frontier.offer(f"http://bench.test/{page}", 1)
        await frontier.visited(queued)
        queued = None
        pages += 1
    await store.close()
    return pages


async def _capacity(queue: str, workers: int, links: int, seconds: float) -> tuple[int, float]:
    run = f"capacity-{workers}"
    await _simulated_worker(queue, run, "w0", links, time.monotonic() + 0.5, seed=True)
    started = time.monotonic()
    counts = await asyncio.gather(*(
        _simulated_worker(queue, run, f"w{i}", links, started + seconds) for i in range(workers)
    ))  # fmt: skip
    return sum(counts), time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--checks", choices=sorted(CHECKS), default="all")
    parser.add_argument(
        "--capacity", action="store_true", help="only the queue's capacity (no browser)"
    )
    args = parser.parse_args()
    if args.capacity:
        with tempfile.TemporaryDirectory() as tmp, redis_server(Path(tmp)) as queue:
            client = redis.Redis.from_url(queue)
            for workers in (1, 8, 32):
                before = _server_stats(client)[2]
                pages, seconds = asyncio.run(_capacity(queue, workers, 6, 5.0))
                cpu_us = (_server_stats(client)[2] - before) * 1e6 / max(pages, 1)
                print(
                    f"{workers} simulated workers (one process): {pages / seconds:.0f} pages/s "
                    f"coordinated; Redis CPU {cpu_us:.0f} µs a page, so one Redis core "
                    f"coordinates at most ~{1e6 / cpu_us:.0f} pages/s"
                )
        return
    checks = CHECKS[args.checks]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder / "site", args.pages)
        with redis_server(folder) as queue, serve_folder(folder / "site") as served:
            one = single_run(served.url, checks, folder / "single.json")
            rows = [
                shared_run(served.url, queue, f"bench-{n}", n, checks, folder / f"shared-{n}.json")
                for n in map(int, args.workers.split(","))
            ]
    print(f"site: {args.pages} generated pages; checks: {args.checks}; one machine: "
          f"{one['pages']} pages in {one['seconds']:.1f} s (concurrency {TABS}; the workers "
          f"share {TABS} tabs between them)")  # fmt: skip
    print(
        "| workers | pages | seconds (crawl + collect) | vs one machine | round trips/page "
        "| server µs/page | bytes sent/page | bytes received/page | stored/page | parts/page |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        n = max(row["pages"], 1)
        print(
            f"| {row['workers']} | {row['pages']} | {row['seconds']:.1f} ({row['crawl_s']:.1f} + "
            f"{row['seconds'] - row['crawl_s']:.1f}) | {row['seconds'] / one['seconds']:.2f}× "
            f"| {row['trips'] / n:.2f} | {row['server_us'] / n:.0f} | {row['bytes_in'] / n:.0f} "
            f"| {row['bytes_out'] / n:.0f} | {row['stored'] / n:.0f} | {row['parts'] / n:.0f} |"
        )


if __name__ == "__main__":
    main()
