"""A run, phase by phase (docs/architecture.md, "The data flow"):

1. `Run.prepare`: the start URL, the captures the checks ask for, the frontier, the page
   pipeline (no browser yet);
2. `open`: the browser, the journeys' session, the sign-in journey, the crawl's context;
3. `crawl`: every page of the site through the pipeline, the site captures watching;
4. `run_journeys`: the journeys, their pages through the same pipeline;
5. `finish_captures`: what the site captures were doing in the background, and the pages
   measured again alone, when nothing else loads;
6. `take_pictures`: the cross-page checks and one finding per problem (cxcheck/overlaps.py),
   then pictures of them, re-opening pages within a time budget and a page cap
   (run/pictures.py);
7. `report`: the Report.

A phase that Ctrl-C or SIGTERM cancels leaves the run `stopped`; the report is still made.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from playwright.async_api import Browser, BrowserContext, Playwright

from cxcheck import browser, overlaps
from cxcheck.captures import ClickProbeRequest
from cxcheck.config import Config
from cxcheck.contract import CheckContext
from cxcheck.crawl.crawler import Crawler, CrawlStats
from cxcheck.crawl.frontier import Frontier, Scope
from cxcheck.crawl.html_pages import reads_html, render_notes
from cxcheck.crawl.lifeline import Lifeline, NewContext
from cxcheck.crawl.pacing import Pacer
from cxcheck.crawl.profiles import PROFILES
from cxcheck.crawl.site_captures import CAPTURE_PHASES, SITE_CAPTURES
from cxcheck.crawl.site_scope import SiteCapture, SiteScope
from cxcheck.crawl.snapshot import INIT_SCRIPTS
from cxcheck.errors import UsageError
from cxcheck.findings import GroupedFinding, group_findings
from cxcheck.journeys.language.model import Journey
from cxcheck.masking import run_secrets
from cxcheck.pictures import pictures_folder
from cxcheck.plugins import Captures, LoadedCheck, capture_requests, run_site_checks
from cxcheck.report.model import CheckRun, JourneyResult, Report
from cxcheck.run.journeys import JourneySession, ReachedPages, run_settings, untraced_note
from cxcheck.run.pictures import PicturePhase, facts_sentence
from cxcheck.run.pipeline import PagePipeline
from cxcheck.run.signin import add_auth_cookies, auth_context_options, environment, sign_in
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
    # The work after the crawl, named for what it does ("re-measuring slow pages"), and
    # how far it is when it counts (done, total).
    phase: Callable[[str], None] = lambda label: None
    step: Callable[[int, int], None] = lambda done, total: None
    stopped: Callable[[], None] = lambda: None  # Ctrl-C or SIGTERM: nothing more to show


@dataclass(frozen=True)
class JourneyPlan:
    """The journeys of a run, parsed and validated before the browser starts."""

    journeys: tuple[Journey, ...] = ()
    sign_in: Journey | None = None  # `[auth] journey`: run first, the rest start signed in
    crawl: bool = True  # False for `cxcheck journey run`: journeys only


@dataclass
class Run:
    """One run's state, from `prepare` to `report`."""

    config: Config
    checks: Sequence[LoadedCheck]
    progress: Progress
    plan: JourneyPlan
    start_url: str
    needs: Captures
    frontier: Frontier
    pipeline: PagePipeline
    shard: Shard
    environ: Mapping[str, str]
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    clock: float = field(default_factory=time.monotonic)
    captures: dict[str, SiteCapture] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)  # what the site captures gave
    results: list[JourneyResult] = field(default_factory=list)
    stats: CrawlStats | None = None
    stopped: bool = False  # Ctrl-C or SIGTERM cancelled a phase
    browser: Browser | None = None
    browser_name: str = ""
    lifeline: Lifeline | None = None
    session: JourneySession | None = None
    settled: tuple[SiteSnapshot, tuple[GroupedFinding, ...]] | None = None
    pictures: PicturePhase | None = None
    pacer: Pacer | None = None  # a shared run's (cxcheck/queue/); else the crawler's own
    shared_notes: list[str] = field(default_factory=list)  # the other workers' notes

    # ---- 1. prepare -----------------------------------------------------------------
    @classmethod
    def prepare(
        cls,
        config: Config,
        checks: Sequence[LoadedCheck],
        progress: Progress,
        plan: JourneyPlan,
    ) -> Run:
        """Everything that needs no browser: a bad start URL fails here (UsageError)."""
        crawl = config.crawl
        start_url = normalize_url(config.site.url, crawl.strip_params)
        if start_url is None:
            raise UsageError(f"invalid URL {config.site.url!r}")
        needs = capture_requests(checks)
        if crawl.click_probe:  # --click-probe: for this run, whatever the check's option
            needs = needs.switched_on(ClickProbeRequest.name)
        shard = Shard.parse(crawl.shard)
        pipeline = PagePipeline(
            checks,
            CheckContext(start_url),
            mine=partial(shard.owns, strip_params=crawl.strip_params),
            strip_params=crawl.strip_params,
        )
        frontier = Frontier(
            Scope(origin_of(start_url), crawl.include, crawl.exclude),
            crawl.max_pages,
            crawl.max_depth,
            crawl.strip_params,
            avoid=crawl.avoid,
            max_query_variants=crawl.max_query_variants,
            max_unrendered=crawl.max_unrendered_pages,
        )
        return cls(
            config, checks, progress, plan, start_url, needs, frontier, pipeline, shard,
            environment(),
        )  # fmt: skip

    @property
    def journeys(self) -> tuple[Journey, ...]:
        """Every journey of the run, the sign-in journey first."""
        plan = self.plan
        return (*([plan.sign_in] if plan.sign_in else []), *plan.journeys)

    # ---- 2. open ----------------------------------------------------------------------
    async def open(self, playwright: Playwright) -> None:
        """Start the browser, sign in when asked, and make the crawl's context."""
        config = self.config
        chromium, choice = await browser.launch(playwright, config.browser)
        self.browser, self.browser_name = chromium, choice.describe()
        self.session = JourneySession(
            chromium,
            playwright,
            run_settings(config, self.start_url, self.journeys, self.environ),
            config.auth,
            self.environ,
            config.crawl.ignore_https_errors,
            device=config.journeys.device,
        )
        if self.plan.sign_in is not None:
            self._journey_done(await sign_in(self.session, self.plan.sign_in))
        self.lifeline = await Lifeline.start(
            partial(_relaunch, playwright, config),
            self._crawl_context(),
            chromium,
            outside={"ignore_https_errors": config.crawl.ignore_https_errors},
        )
        self.progress.started(self.start_url, self.browser_name)

    def _crawl_context(self) -> NewContext:
        """How the crawl's context is made, in its first browser and in any that replaces it."""
        config, session, start_url = self.config, self.session, self.start_url
        assert session is not None

        async def new_context(chromium: Browser) -> BrowserContext:
            context = await chromium.new_context(
                accept_downloads=False,  # a link that starts a download is checked, not saved
                ignore_https_errors=config.crawl.ignore_https_errors,
                storage_state=session.storage_state,
                **PROFILES[config.crawl.profile].context_options,
                **auth_context_options(config.auth, self.environ, start_url),
            )
            await add_auth_cookies(context, config.auth, start_url, self.environ)
            for need in self.needs.requests:
                if need in INIT_SCRIPTS:
                    await context.add_init_script(INIT_SCRIPTS[need])
            return context

        return new_context

    # ---- 3. crawl ---------------------------------------------------------------------
    async def crawl(self) -> None:
        """Every page of the site through the pipeline; the site captures watch each one."""
        if not self.plan.crawl:
            return
        lifeline, frontier, config = self.lifeline, self.frontier, self.config
        assert lifeline is not None
        deadline = self.clock + config.crawl.max_time_s if config.crawl.max_time_s else None
        scope = SiteScope(
            lifeline,
            self.pipeline.ctx.is_internal,
            # Tabs of site captures (the click probe) never go where the crawl would not.
            lambda url: frontier.scope.contains(url) and not frontier.avoids(url),
            PROFILES[config.crawl.profile],
            deadline,
            avoids=frontier.avoids,
            unrendered=frontier.unrendered,
            given_cookies=frozenset(config.auth.cookies),
        )
        # In SITE_CAPTURES' order: it finishes the measuring ones last, when nothing loads.
        for need in SITE_CAPTURES:
            if need in self.needs:
                request = self.needs.requests[need]
                self.captures[need] = SITE_CAPTURES[need].create(
                    scope, request, self.needs.remeasure_judge
                )
        self.pipeline.captures = self.captures
        crawler = Crawler(
            lifeline,
            frontier,
            config.crawl,
            self.needs.page(),
            self.pipeline.on_page,
            self.progress.page_done,
            self.pipeline.stopwatch,
            self.pipeline.mine,
            self.pacer,
            read_html=reads_html(config.crawl.render, self.checks),
        )
        self.stats = await crawler.crawl(self.start_url)
        self.progress.finishing()

    # ---- 4. journeys ------------------------------------------------------------------
    async def run_journeys(self) -> None:
        """The journeys (on one shard only), their pages checked through the pipeline."""
        session, lifeline = self.session, self.lifeline
        assert session is not None and lifeline is not None
        session.browser = lifeline.browser  # a new one if the first died in the crawl
        reached = ReachedPages(self.pipeline, self.needs.page(), self.config.crawl.page_timeout_s)
        if self.plan.journeys and self.shard.index == 1:
            self.progress.phase("running journeys")
        for journey in self.plan.journeys if self.shard.index == 1 else ():
            with self.pipeline.stopwatch.timing("journeys"):
                self._journey_done(await session.run(journey, reached))

    def _journey_done(self, result: JourneyResult) -> None:
        self.results.append(result)
        self.progress.journey_done(result)

    # ---- 5. finish the site captures --------------------------------------------------
    async def finish_captures(self) -> None:
        """What the site captures did in the background, and what they do last."""
        for need, capture in self.captures.items():
            self.progress.phase(CAPTURE_PHASES.get(need, need))
            with self.pipeline.stopwatch.timing(f"after the crawl: {need}"):
                self.extras[need] = await capture.finish()

    # ---- 6. pictures -------------------------------------------------------------------
    async def take_pictures(self) -> None:
        """Pictures of the findings, when a report file will show them (`[pictures]`)."""
        config, lifeline = self.config, self.lifeline
        folder = pictures_folder(config.report.outputs())
        site, findings = self.settle()
        if not config.pictures.enabled or folder is None or lifeline is None or not findings:
            return
        secrets = run_secrets(config, self.journeys, self.environ)
        self.pictures = PicturePhase(
            config.pictures,
            folder,
            config.report.fail_on,
            config.crawl.page_timeout_s,
            [s.value for s in secrets if len(s.value) >= 4],
        )
        with self.pipeline.stopwatch.timing("after the crawl: pictures"):
            await self.pictures.run(
                findings,
                self.pipeline.pages,
                lambda: self._crawl_context()(lifeline.browser),
                lambda: self.progress.phase("taking pictures of findings"),
                self.progress.step,
                site.device_pass,
                self.pipeline.ctx.is_internal,
                PROFILES[config.crawl.profile],
            )

    def settle(self) -> tuple[SiteSnapshot, tuple[GroupedFinding, ...]]:
        """The cross-page checks (once), and the run's findings, one per problem."""
        if self.settled is not None:
            return self.settled
        pipeline, config = self.pipeline, self.config
        landed = [pipeline.where_landed(f) for f in pipeline.findings]  # each once
        site = SiteSnapshot(
            self.start_url,
            tuple(pipeline.records),
            tuple(landed),
            self.extras,
            config.crawl.strip_params,
        )
        if self.plan.crawl:
            if not self.stopped:  # after Ctrl-C, its one line is all the terminal says
                self.progress.phase("running site-wide checks")
            with pipeline.stopwatch.timing("site-wide checks"):
                found = run_site_checks(self.checks, site, pipeline.ctx)
            pipeline.findings.extend(f for f in found if pipeline.mine(f.url))
            landed += map(pipeline.where_landed, pipeline.findings[len(landed) :])
            pipeline.measured_again(site.remeasured)
        findings = overlaps.resolve(landed, site, {c.name for c in self.checks})
        self.settled = (site, tuple(group_findings(findings)))
        return self.settled

    async def stop(self) -> None:
        """Ctrl-C or SIGTERM: abandon what the captures still do; the report is still made."""
        self.stopped = True
        self.progress.stopped()
        for capture in self.captures.values():
            await capture.close()

    async def close(self) -> None:
        """Close every browser the run started (one may already be gone)."""
        lifeline = self.lifeline
        for chromium in {self.browser, lifeline.browser if lifeline else None} - {None}:
            # The report matters more than a clean close.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(chromium.close(), 10)  # type: ignore[union-attr]

    # ---- 7. report --------------------------------------------------------------------
    def report(self, settings: Mapping[str, object], tool_version: str) -> Report:
        """The report of the run (the cross-page checks too, when no phase ran them)."""
        pipeline, config, stats, frontier = self.pipeline, self.config, self.stats, self.frontier
        site, findings = self.settle()
        pictures = self.pictures
        unrendered = frontier.unrendered() if stats else []
        return Report(
            site=self.start_url,
            started=self.started,
            duration_s=time.monotonic() - self.clock,
            pages=tuple(pipeline.pages),
            findings=findings,
            checks=tuple(
                CheckRun(
                    c.name,
                    c.origin,
                    c.description,
                    getattr(c.check, "engine", ""),
                    getattr(c.check, "area", ""),
                )
                for c in self.checks
            ),
            fail_on=config.report.fail_on,
            # Complete: not stopped, and every page found was rendered, read or status-checked.
            complete=not self.stopped
            and (stats.complete if stats else not self.plan.crawl)
            and all(url in site.link_statuses for url in unrendered),
            unrendered=len(unrendered) + (frontier.read_unrendered if stats else 0),
            skipped=stats.skipped if stats else {},
            browser=self.browser_name,
            tool_version=tool_version,
            notes=(
                *(self.lifeline.notes() if self.lifeline else ()),
                *_retry_notes(stats),
                *render_notes(config.crawl.render, self.checks, stats.html if stats else None),
                *(note for capture in self.captures.values() for note in capture.notes()),
                *untraced_note(config, self.journeys, self.environ, self.results),
                *([facts_sentence(pictures.facts)] if pictures and pictures.facts else []),
                *self.shared_notes,
            ),
            profile=config.crawl.profile.value,
            settings=dict(settings),
            journeys=tuple(self.results),
            pictures=tuple(pictures.pictures) if pictures else (),
            picture_pass=pictures.facts if pictures else None,
        )


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
