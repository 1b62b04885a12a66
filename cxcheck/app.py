"""run(config, checks) -> Outcome: one run of cxcheck, phase by phase (cxcheck/run/phases.py),
with Ctrl-C and SIGTERM stopping it and the partial report still made (cxcheck/interrupts.py).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from cxcheck import __version__
from cxcheck.browser import driver
from cxcheck.config import Config
from cxcheck.crawl.stopwatch import Stopwatch
from cxcheck.interrupts import Sigterm, Terminated, run_with_ctrl_c
from cxcheck.plugins import LoadedCheck
from cxcheck.queue import worker
from cxcheck.queue.store import RunStore
from cxcheck.queue.worker import QueueOptions
from cxcheck.report.merge import SHARD_SETTING
from cxcheck.report.model import Report
from cxcheck.run.phases import JourneyPlan, Progress, Run
from cxcheck.shard import Shard

__all__ = [
    "JourneyPlan",
    "Outcome",
    "Progress",
    "Terminated",
    "WorkerOutcome",
    "run",
    "run_async",
    "run_collect",
    "run_worker",
    "settings_of",
]


@dataclass(frozen=True)
class Outcome:
    """A finished (or interrupted) run."""

    report: Report
    interrupted: bool = False
    terminated: bool = False  # SIGTERM (exit 143) rather than Ctrl-C (exit 130)
    timings: Stopwatch = field(default_factory=Stopwatch)  # where the time went (--timings)


@dataclass(frozen=True)
class WorkerOutcome:
    """A worker's share of a shared run: how many pages it checked and how it ended; no report
    (the collector runs the site-wide checks and writes the one report)."""

    pages: int
    duration_s: float
    interrupted: bool = False
    terminated: bool = False  # SIGTERM (exit 143) rather than Ctrl-C (exit 130)
    timings: Stopwatch = field(default_factory=Stopwatch)  # where the time went (--timings)
    handed_over: bool = True  # its part was taken (not counted lost)


def run(
    config: Config,
    checks: Sequence[LoadedCheck],
    progress: Progress | None = None,
    plan: JourneyPlan | None = None,
) -> Outcome:
    """Check the site in `config.site.url` with `checks`; blocks until done or Ctrl-C."""
    work = run_async(config, checks, progress or Progress(), plan or JourneyPlan())
    outcome, pressed = run_with_ctrl_c(work)
    return replace(outcome, interrupted=True) if pressed else outcome


async def run_async(
    config: Config, checks: Sequence[LoadedCheck], progress: Progress, plan: JourneyPlan
) -> Outcome:
    """The async body of `run`; SIGTERM while it runs stops it as Ctrl-C does."""
    with Sigterm() as sigterm:
        try:
            return await _phases(Run.prepare(config, checks, progress, plan), sigterm)
        except asyncio.CancelledError:
            if sigterm.received:  # cancelled before the crawl (or after): nothing to report
                raise Terminated from None
            raise


async def _phases(run: Run, sigterm: Sigterm) -> Outcome:
    async with driver() as playwright:
        try:
            await run.open(playwright)
            try:
                await run.crawl()
                await run.run_journeys()
                await run.finish_captures()
                await run.take_pictures()
            except asyncio.CancelledError:  # Ctrl-C or SIGTERM: report what was done
                _uncancel()
                await run.stop()
            sigterm.cancels = False
        finally:
            await run.close()
    report = run.report(settings_of(run.config), __version__)
    return Outcome(report, run.stopped, sigterm.received, run.pipeline.stopwatch)


def run_worker(
    config: Config,
    checks: Sequence[LoadedCheck],
    progress: Progress,
    plan: JourneyPlan,
    queue: QueueOptions,
) -> WorkerOutcome:
    """One worker of a run shared through a queue (`check --queue`): its share of the pages,
    handed over; the site-wide checks and the report are the collector's. Blocks until done or
    Ctrl-C."""
    shared, pressed = run_with_ctrl_c(_shared(config, checks, progress, plan, queue, False))
    run = shared.run
    return WorkerOutcome(
        len(run.pipeline.pages),
        time.monotonic() - run.clock,
        run.stopped or pressed,
        shared.terminated,
        run.pipeline.stopwatch,
        shared.handed_over,
    )


def run_collect(
    config: Config,
    checks: Sequence[LoadedCheck],
    progress: Progress,
    plan: JourneyPlan,
    queue: QueueOptions,
) -> Outcome:
    """The collector of a run shared through a queue (`collect`): the last worker, which joins
    the others' parts and writes the one report; blocks until done or Ctrl-C."""
    shared, pressed = run_with_ctrl_c(_shared(config, checks, progress, plan, queue, True))
    run = shared.run
    report = run.report({**settings_of(run.config), "run": queue.run_id}, __version__)
    return Outcome(report, run.stopped or pressed, shared.terminated, run.pipeline.stopwatch)


@dataclass(frozen=True)
class _Shared:
    """How a shared run's part on this machine ended."""

    run: Run
    terminated: bool  # SIGTERM
    handed_over: bool  # a worker: its part was taken (not counted lost)


async def _shared(
    config: Config,
    checks: Sequence[LoadedCheck],
    progress: Progress,
    plan: JourneyPlan,
    queue: QueueOptions,
    collect: bool,
) -> _Shared:
    run = Run.prepare(config, checks, progress, plan)
    store = queue.store()
    handed_over = True
    with Sigterm() as sigterm:
        try:
            await worker.join(run, store, last=collect, wait_s=queue.wait_s)
            alive = asyncio.create_task(worker.keep_alive(store))
            try:
                await _shared_phases(run, store, sigterm, collect)
            finally:
                alive.cancel()
            if run.stopped:  # Ctrl-C, SIGTERM: its pages go back to the queue for others
                await store.leave()
            elif not collect:
                handed_over = await worker.hand_over(run, store)
            else:
                await store.count_round_trips()
                await store.collected()
        except asyncio.CancelledError:
            if sigterm.received:
                raise Terminated from None
            raise
        finally:
            await store.close()
    return _Shared(run, sigterm.received, handed_over)


async def _shared_phases(run: Run, store: RunStore, sigterm: Sigterm, collect: bool) -> None:
    async with driver() as playwright:
        try:
            await run.open(playwright)
            gathered = False
            try:
                await worker.crawl_share(run)
                if collect:
                    await worker.gather(run, store)
                    gathered = True
                    await run.run_journeys()
                    await run.take_pictures()
            except asyncio.CancelledError:  # Ctrl-C or SIGTERM: leave the run to the others
                _uncancel()
                await run.stop()
                if collect and not gathered:  # the partial report has the finished workers'
                    await worker.gather(run, store)
            sigterm.cancels = False
        finally:
            await run.close()


def settings_of(config: Config) -> dict[str, object]:
    """The settings a reader of the report needs to judge it (never credentials)."""
    crawl = config.crawl
    shard = Shard.parse(crawl.shard)
    return {
        **({SHARD_SETTING: str(shard)} if not shard.whole else {}),
        "config_file": config.source or "(none)",
        "max_pages": crawl.max_pages,
        "max_unrendered_pages": crawl.max_unrendered_pages,
        "max_depth": crawl.max_depth,
        "max_query_variants": crawl.max_query_variants,
        "rate": crawl.rate,
        "concurrency": crawl.concurrency,
        "page_timeout_s": crawl.page_timeout_s,
        "max_time_s": crawl.max_time_s,
        "include": list(crawl.include),
        "exclude": list(crawl.exclude),
        "avoid": list(crawl.avoid),
        "respect_robots": crawl.respect_robots,
        "sitemaps": crawl.sitemaps,
        "ignore_https_errors": crawl.ignore_https_errors,
        "only": list(config.checks.only),
        "skip": list(config.checks.skip),
        "ignores": len(config.ignore),
        "pictures": config.pictures.enabled,
        "pictures_max_pages": config.pictures.max_pages,
        "pictures_time_budget_s": config.pictures.time_budget_s,
        "pictures_others": config.pictures.others,
    }


def _uncancel() -> None:
    """Ctrl-C cancelled the run; keep going just long enough to report what was done."""
    task = asyncio.current_task()
    if task is not None:
        task.uncancel()
