"""A worker of a shared run, and the collector that ends it (docs/scale.md).

A worker crawls like a run of its own, through the shared frontier, then finishes its site
captures and hands over what it kept (`WorkerPart`) in one step. Until then its pages are only
lent to it: if its lease runs out (it was killed, its machine lost), every page it took goes
back to the queue and is checked again by another worker, and a part handed over late by a
worker counted lost is dropped. So each page is in the report once, from one worker.

The collector is a worker too, the last one: it checks whatever is left (pages a lost worker
gave back), waits for the others, joins their parts, and then does what a run does once:
the journeys, the site-wide checks, the pictures, the report.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import secrets
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cxcheck.config import Config
from cxcheck.crawl.crawler import CrawlStats
from cxcheck.crawl.html_pages import HtmlReads
from cxcheck.errors import SiteUnreachable, UsageError
from cxcheck.queue import DEFAULT_LEASE_S, DEFAULT_WAIT_S, codec
from cxcheck.queue.extras import merge_extras
from cxcheck.queue.frontier import QueueFrontier, SharedPacer
from cxcheck.queue.store import RunStore
from cxcheck.run.phases import Run, _retry_notes
from cxcheck.run.pipeline import PipelinePart

_RUN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")


def worker_name() -> str:
    """This process, told apart from every other worker of any run."""
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"


@dataclass(frozen=True)
class QueueOptions:
    """`--queue URL --run ID` and how long leases and the collector's patience last."""

    url: str
    run_id: str
    lease_s: float = DEFAULT_LEASE_S
    wait_s: float = DEFAULT_WAIT_S
    worker: str = field(default_factory=worker_name)

    def __post_init__(self) -> None:
        if not self.url.startswith(("redis://", "rediss://", "unix://", "valkey://")):
            raise UsageError(f"--queue: expected redis://host:port/db, got {self.url!r}")
        if not _RUN_ID.fullmatch(self.run_id):
            raise UsageError(
                f"--run: expected letters, digits and . _ : - (up to 100), got {self.run_id!r}"
            )
        if self.lease_s < 1:
            raise UsageError("--lease: at least 1 second")
        if not _RUN_ID.fullmatch(self.worker):
            raise UsageError(
                f"--worker: expected letters, digits and . _ : - (up to 100), got {self.worker!r}"
            )

    def store(self) -> RunStore:
        url = (
            "redis://" + self.url.removeprefix("valkey://")
            if self.url.startswith("valkey://")
            else self.url
        )
        return RunStore(url, self.run_id, self.worker, self.lease_s)


@dataclass(frozen=True)
class WorkerPart:
    """What a worker hands over when it finishes: its pages as its pipeline kept them, what
    its site captures found, its notes."""

    worker: str
    pipeline: PipelinePart
    extras: Mapping[str, Any]
    notes: tuple[str, ...]
    retried: int
    complete: bool  # its crawl was not cut short (max_time)
    html: HtmlReads | None = None  # --render auto: its pages read from their HTML


def shared_settings(config: Config) -> dict[str, object]:
    """What every worker of a run must agree on: what is checked, and how."""
    crawl, checks = config.crawl, config.checks
    return {
        "max_pages": crawl.max_pages,
        "max_unrendered_pages": crawl.max_unrendered_pages,
        "max_depth": crawl.max_depth,
        "max_query_variants": crawl.max_query_variants,
        "rate": crawl.rate,
        "include": list(crawl.include),
        "exclude": list(crawl.exclude),
        "avoid": list(crawl.avoid),
        "strip_params": list(crawl.strip_params),
        "respect_robots": crawl.respect_robots,
        "sitemaps": crawl.sitemaps,
        "profile": crawl.profile.value,
        "render": crawl.render.value,
        "only": list(checks.only),
        "skip": list(checks.skip),
        "check_options": repr(sorted(checks.options.items())),
    }


async def stored_config(options: QueueOptions, patience_s: float = 120.0) -> Config:
    """The config run `options.run_id` was started with (for `cxcheck collect`, which may
    start alongside the workers: it waits up to `patience_s` for the first to join)."""
    store = options.store()
    try:
        await store.ping()
        give_up = time.monotonic() + min(patience_s, options.wait_s)
        while (stored := await store.stored_config()) is None and time.monotonic() < give_up:
            await asyncio.sleep(0.5)
    finally:
        await store.close()
    if stored is None:
        raise UsageError(
            f"there is no run {options.run_id!r} on the queue: start its workers with "
            f"`cxcheck check URL --queue ... --run {options.run_id}`"
        )
    config = codec.loads(stored)
    if not isinstance(config, Config):
        raise UsageError(f"run {options.run_id!r}: its stored settings are not cxcheck's")
    return config


async def join(run: Run, store: RunStore, last: bool, wait_s: float) -> None:
    """Make `run` a worker of the shared run: its frontier and pace are the run's."""
    from cxcheck import __version__

    await store.ping()
    await store.join(
        run.start_url, shared_settings(run.config), codec.dumps(run.config), __version__
    )
    old = run.frontier
    run.frontier = QueueFrontier(
        old.scope, old.max_pages, old.max_depth, old.strip_params, avoid=old.avoid,
        max_query_variants=old.max_query_variants, max_unrendered=old.max_unrendered,
        store=store, last=last, give_up_at=time.monotonic() + wait_s if last else None,
    )  # fmt: skip
    run.pacer = SharedPacer(run.config.crawl.rate, store=store)


async def keep_alive(store: RunStore) -> None:
    """Renew this worker's lease until cancelled (a third of the lease between renewals)."""
    while True:
        await asyncio.sleep(store.lease_s / 3)
        with contextlib.suppress(Exception):  # one missed renewal is not yet a lost lease
            await store.renew()


async def crawl_share(run: Run) -> None:
    """This worker's share of the crawl, then its site captures' work; a start page that
    cannot be checked stops every worker of the run with the same reason."""
    frontier = run.frontier
    assert isinstance(frontier, QueueFrontier) and frontier.store is not None
    try:
        await run.crawl()
    except SiteUnreachable as error:
        await frontier.store.failed(str(error))
        raise
    await run.finish_captures()


def part_of(run: Run, worker: str) -> WorkerPart:
    lifeline = run.lifeline
    notes = (
        *(lifeline.notes() if lifeline else ()),
        *_retry_notes(run.stats),
        *(note for capture in run.captures.values() for note in capture.notes()),
    )
    return WorkerPart(
        worker,
        run.pipeline.part(),
        dict(run.extras),
        tuple(notes),
        run.stats.retried if run.stats else 0,
        bool(run.stats and run.stats.complete),
        run.stats.html if run.stats else None,
    )


async def hand_over(run: Run, store: RunStore) -> bool:
    """Hand this worker's part to the run (False: it was counted lost; the part is dropped)."""
    return await store.finish(part_of(run, store.worker))


async def gather(run: Run, store: RunStore) -> None:
    """The collector: every finished worker's part joined into `run`, as if it had checked
    every page itself; notes say which workers were lost or not waited for."""
    frontier = run.frontier
    assert isinstance(frontier, QueueFrontier)
    parts = [p for w, p in sorted((await store.states()).items()) if w != store.worker]
    own_records = bool(run.pipeline.records)
    for part in parts:
        run.pipeline.add_part(part.pipeline)
    run.extras = merge_extras([*(dict(p.extras) for p in parts), dict(run.extras)], run.start_url)
    await frontier.whole_run()
    status = await store.status()
    unfinished = sorted(
        w for w, s in status.workers.items() if s == "working" and w != store.worker
    )
    own = run.stats
    run.stats = CrawlStats(
        dict(frontier.skipped),
        bool(own and own.complete) and all(p.complete for p in parts) and not unfinished,
        (own.retried if own else 0) + sum(p.retried for p in parts),
        sum((p.html for p in [*parts, own] if p and p.html), HtmlReads()),
    )
    notes = [note for part in parts for note in part.notes]
    lost = sorted(w for w, s in status.workers.items() if s == "lost")
    if lost:
        notes.append(
            f"{len(lost)} worker(s) stopped answering ({', '.join(lost)}): the pages they had "
            "taken were checked again by other workers."
        )
    if unfinished:
        notes.append(
            f"collect stopped waiting for {', '.join(unfinished)}: the pages they checked are "
            "not in this report."
        )
    checked = sum(1 for p in parts if p.pipeline.records) + (1 if own_records else 0)
    notes.append(f"Pages checked by {checked} workers sharing run {store.run_id!r}.")
    run.shared_notes.extend(dict.fromkeys(notes))
