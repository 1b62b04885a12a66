"""run(config) -> Report: wires the frontier, crawler, checks and report together."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from playwright.async_api import Browser, BrowserContext, Playwright, async_playwright

from cxcheck import __version__, browser, overlaps
from cxcheck.captures import ClickProbeRequest
from cxcheck.collector import Collector
from cxcheck.config import Config
from cxcheck.contract import CheckContext
from cxcheck.crawl.crawler import Crawler, CrawlStats
from cxcheck.crawl.frontier import Frontier, Scope
from cxcheck.crawl.lifeline import Lifeline, NewContext
from cxcheck.crawl.profiles import PROFILES
from cxcheck.crawl.site_captures import SITE_CAPTURES, SiteCapture, SiteScope
from cxcheck.crawl.snapshot import INIT_SCRIPTS
from cxcheck.crawl.stopwatch import Stopwatch
from cxcheck.errors import ExitCode, UsageError
from cxcheck.findings import group_findings
from cxcheck.journeys.model import Journey
from cxcheck.journeys.suite import (
    JourneySession,
    ReachedPages,
    add_auth_cookies,
    auth_context_options,
    environment,
    run_settings,
)
from cxcheck.plugins import Captures, LoadedCheck, capture_requests, run_site_checks
from cxcheck.report.merge import SHARD_SETTING
from cxcheck.report.model import CheckRun, JourneyResult, Report
from cxcheck.shard import Shard
from cxcheck.snapshot import SiteSnapshot
from cxcheck.urls import normalize_url, origin_of


@dataclass
class Progress:
    """Where the CLI hears about a run while it goes (no-ops by default)."""

    started: Callable[[str, str], None] = lambda url, browser: None
    page_done: Callable[[int, int, str], None] = lambda done, queued, url: None
    finishing: Callable[[], None] = lambda: None  # pages done; site-wide checks still going
    journey_done: Callable[[JourneyResult], None] = lambda result: None


@dataclass(frozen=True)
class JourneyPlan:
    """The journeys of a run, parsed and validated before the browser starts."""

    journeys: tuple[Journey, ...] = ()
    sign_in: Journey | None = None  # `[auth] journey`: run first, the rest start signed in
    crawl: bool = True  # False for `cxcheck journey run`: journeys only


@dataclass(frozen=True)
class Outcome:
    """A finished (or interrupted) run."""

    report: Report
    interrupted: bool = False
    terminated: bool = False  # SIGTERM (exit 143) rather than Ctrl-C (exit 130)
    timings: Stopwatch = field(default_factory=Stopwatch)  # where the time went (--timings)


class Terminated(SystemExit):
    """SIGTERM stopped the command where there was nothing to report: exit 143. A SystemExit,
    so neither `except Exception` nor Typer (which makes a KeyboardInterrupt exit 130)
    swallows it, and it leaves an event loop as Ctrl-C does."""

    def __init__(self) -> None:
        super().__init__(ExitCode.TERMINATED)


class _Sigterm:
    """While a run goes, SIGTERM stops it as Ctrl-C does: the main task is cancelled, the
    crawl stops and the partial report is still made. A second SIGTERM stops at once."""

    def __init__(self) -> None:
        self.received = False
        self.cancels = True  # False once the crawl is over: then just finish, quickly
        self._task = asyncio.current_task()
        self._loop = asyncio.get_running_loop()
        self._previous: Any = None
        self._installed = False

    def __enter__(self) -> _Sigterm:
        previous = signal.getsignal(signal.SIGTERM)
        # Only the main thread's loop can own a signal; elsewhere SIGTERM stays as it was.
        with contextlib.suppress(ValueError, RuntimeError, NotImplementedError):
            self._loop.add_signal_handler(signal.SIGTERM, self._on_sigterm)
            self._previous, self._installed = previous, True
        return self

    def __exit__(self, *exc: object) -> None:
        if self._installed:
            self._loop.remove_signal_handler(signal.SIGTERM)
            # None: a handler not set from Python, which cannot be put back; use the default.
            signal.signal(signal.SIGTERM, self._previous or signal.SIG_DFL)

    def _on_sigterm(self) -> None:
        if self.received:
            raise Terminated  # out of the event loop; asyncio.run still cancels and closes
        self.received = True
        task = self._task
        if self.cancels and task is not None and not task.done() and not task.cancelling():
            task.cancel()


def run(
    config: Config,
    checks: Sequence[LoadedCheck],
    progress: Progress | None = None,
    plan: JourneyPlan | None = None,
) -> Outcome:
    """Check the site in `config.site.url` with `checks`; blocks until done or Ctrl-C."""
    return asyncio.run(run_async(config, checks, progress or Progress(), plan or JourneyPlan()))


async def run_async(
    config: Config, checks: Sequence[LoadedCheck], progress: Progress, plan: JourneyPlan
) -> Outcome:
    """The async body of `run`; SIGTERM while it runs stops it as Ctrl-C does."""
    with _Sigterm() as sigterm:
        try:
            return await _run(config, checks, progress, plan, sigterm)
        except asyncio.CancelledError:
            if sigterm.received:  # cancelled before the crawl (or after): nothing to report
                raise Terminated from None
            raise


async def _run(
    config: Config,
    checks: Sequence[LoadedCheck],
    progress: Progress,
    plan: JourneyPlan,
    sigterm: _Sigterm,
) -> Outcome:
    start_url = normalize_url(config.site.url, config.crawl.strip_params)
    if start_url is None:
        raise UsageError(f"invalid URL {config.site.url!r}")
    started, clock = datetime.now(UTC), time.monotonic()
    ctx = CheckContext(start_url)
    needs = capture_requests(checks)
    if config.crawl.click_probe:  # --click-probe: for this run, whatever the check's option
        needs = needs.switched_on(ClickProbeRequest.name)
    frontier = _frontier(config, start_url)
    interrupted = False
    stats: CrawlStats | None = None
    extras: dict[str, Any] = {}
    captures: dict[str, SiteCapture] = {}
    shard = Shard.parse(config.crawl.shard)
    collector = Collector(
        checks,
        ctx,
        captures,
        partial(shard.owns, strip_params=config.crawl.strip_params),
        config.crawl.strip_params,
    )
    environ = environment()
    journeys = (*([plan.sign_in] if plan.sign_in else []), *plan.journeys)
    # What each page's snapshot captures; the site-wide captures run beside the crawl.
    page_needs = needs.page()
    reached = ReachedPages(
        checks, ctx, page_needs, config.crawl.page_timeout_s, config.crawl.strip_params
    )
    results: list[JourneyResult] = []
    lifeline: Lifeline | None = None
    async with async_playwright() as playwright:
        chromium, choice = await browser.launch(playwright, config.browser)
        try:
            session = JourneySession(
                chromium,
                playwright,
                run_settings(config, start_url, journeys, environ),
                config.auth,
                environ,
                config.crawl.ignore_https_errors,
                device=config.journeys.device,
            )
            if plan.sign_in is not None:
                results.append(await session.sign_in(plan.sign_in))
                progress.journey_done(results[-1])
            profile = PROFILES[config.crawl.profile]
            new_context = _crawl_context(config, start_url, needs, session.storage_state, environ)
            lifeline = await Lifeline.start(
                partial(_relaunch, playwright, config), new_context, chromium
            )
            progress.started(start_url, choice.describe())
            deadline = clock + config.crawl.max_time_s if config.crawl.max_time_s else None
            scope = SiteScope(
                lifeline,
                ctx.is_internal,
                # Tabs of site captures (the click probe) never go where the crawl would not.
                lambda url: frontier.scope.contains(url) and not frontier.avoids(url),
                profile,
                deadline,
                avoids=frontier.avoids,
                unrendered=frontier.unrendered,
                given_cookies=frozenset(config.auth.cookies),
            )
            # In SITE_CAPTURES' order, which finishes the measuring ones last, when nothing
            # else is loading.
            for need in SITE_CAPTURES if plan.crawl else ():
                if need in needs:
                    request = needs.requests[need]
                    captures[need] = SITE_CAPTURES[need](scope, request, needs.remeasure_judge)
            crawler = Crawler(
                lifeline,
                frontier,
                config.crawl,
                page_needs,
                collector.on_page,
                progress.page_done,
                collector.stopwatch,
                collector.mine,
            )
            try:
                if plan.crawl:
                    stats = await crawler.crawl(start_url)
                    progress.finishing()
                    for need, capture in captures.items():
                        with collector.stopwatch.timing(f"after the crawl: {need}"):
                            extras[need] = await capture.finish()
                reached.already_checked(page.url for page in collector.pages)
                session.browser = lifeline.browser  # a new one if the first died in the crawl
                for journey in plan.journeys if shard.index == 1 else ():  # one shard runs them
                    with collector.stopwatch.timing("journeys"):
                        results.append(await session.run(journey, reached))
                    progress.journey_done(results[-1])
            except asyncio.CancelledError:
                interrupted = True
                _uncancel()
                for capture in captures.values():
                    await capture.close()
            sigterm.cancels = False
        finally:
            await _close_quietly(chromium)
            if lifeline is not None and lifeline.browser is not chromium:
                await _close_quietly(lifeline.browser)
    site = SiteSnapshot(
        start_url,
        tuple(collector.records),
        tuple(collector.findings),
        extras,
        config.crawl.strip_params,
    )
    if plan.crawl:
        with collector.stopwatch.timing("site-wide checks"):
            found = run_site_checks(checks, site, ctx)
        collector.findings.extend(f for f in found if collector.mine(f.url))
        collector.measured_again(extras.get("remeasure", {}))
    findings = overlaps.resolve(
        [*map(collector.where_landed, collector.findings), *reached.findings],
        site,
        {c.name for c in checks},
    )
    crawled = {page.url for page in collector.pages}
    unrendered = frontier.unrendered() if stats else []
    statused = extras.get("link-status", {})
    report = Report(
        site=start_url,
        started=started,
        duration_s=time.monotonic() - clock,
        pages=(*collector.pages, *(p for p in reached.pages if p.url not in crawled)),
        findings=tuple(group_findings(findings)),
        checks=tuple(
            CheckRun(
                c.name,
                c.origin,
                c.description,
                getattr(c.check, "engine", ""),
                getattr(c.check, "area", ""),
            )
            for c in checks
        ),
        fail_on=config.report.fail_on,
        # Complete: not stopped, and every page found was rendered or had its status checked.
        complete=not interrupted
        and (stats.complete if stats else not plan.crawl)
        and all(url in statused for url in unrendered),
        unrendered=len(unrendered) + (frontier.read_unrendered if stats else 0),
        skipped=stats.skipped if stats else {},
        browser=choice.describe(),
        tool_version=__version__,
        notes=(
            *(lifeline.notes() if lifeline else ()),
            *_retry_notes(stats),
            *(note for capture in captures.values() for note in capture.notes()),
        ),
        profile=config.crawl.profile.value,
        settings=settings_of(config),
        journeys=tuple(results),
    )
    return Outcome(report, interrupted, sigterm.received, collector.stopwatch)


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
    }


def _crawl_context(
    config: Config,
    start_url: str,
    needs: Captures,
    storage_state: Any,
    environ: Mapping[str, str],
) -> NewContext:
    """How the crawl's context is made, in its first browser and in any that replaces it."""

    async def new_context(chromium: Browser) -> BrowserContext:
        context = await chromium.new_context(
            accept_downloads=False,  # a link that starts a download is checked, not saved
            ignore_https_errors=config.crawl.ignore_https_errors,
            storage_state=storage_state,
            **PROFILES[config.crawl.profile].context_options,
            **auth_context_options(config.auth, environ),
        )
        await add_auth_cookies(context, config.auth, start_url, environ)
        for need in needs.requests:
            if need in INIT_SCRIPTS:
                await context.add_init_script(INIT_SCRIPTS[need])
        return context

    return new_context


async def _relaunch(playwright: Playwright, config: Config) -> Browser:
    """A new browser like the first, for when that one died."""
    chromium, _ = await browser.launch(playwright, config.browser)
    return chromium


def _retry_notes(stats: CrawlStats | None) -> list[str]:
    if not stats or not stats.retried:
        return []
    return [
        f"The site answered 429/503 (busy) and was left alone as its Retry-After asked; "
        f"{stats.retried} page loads were made again after the pause."
    ]


def _frontier(config: Config, start_url: str) -> Frontier:
    crawl = config.crawl
    scope = Scope(origin_of(start_url), crawl.include, crawl.exclude)
    return Frontier(
        scope,
        crawl.max_pages,
        crawl.max_depth,
        crawl.strip_params,
        avoid=crawl.avoid,
        max_query_variants=crawl.max_query_variants,
        max_unrendered=crawl.max_unrendered_pages,
    )


def _uncancel() -> None:
    """Ctrl-C cancelled the crawl; keep going just long enough to report what was done."""
    task = asyncio.current_task()
    if task is not None:
        task.uncancel()


async def _close_quietly(chromium: object) -> None:
    # The browser may already be gone; the report matters more than a clean close.
    with contextlib.suppress(Exception):
        await asyncio.wait_for(chromium.close(), 10)  # type: ignore[attr-defined]
