"""The page pipeline: every page the run reaches (crawled, or reached by a journey step) goes
through it once: the enabled page checks, the site captures' look at it, what cross-page
checks keep (`PageRecord`) and the report's entry (`PageResult`); the snapshot itself is
dropped once checked.

One page is one entry in the report: a URL that redirected to a page of the site is listed
as where that page was reached from (`PageResult.redirected_from`), not as a page of its own,
and findings name the page where it landed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from cxcheck.captures import PageMetrics
from cxcheck.contract import CheckContext
from cxcheck.crawl.site_scope import SiteCapture
from cxcheck.crawl.stopwatch import Stopwatch
from cxcheck.findings import Finding
from cxcheck.plugins import LoadedCheck, run_page_checks
from cxcheck.report.model import PageResult
from cxcheck.snapshot import FOUND_BY_JOURNEY, PageRecord, PageSnapshot
from cxcheck.urls import normalize_url, page_key


@dataclass(frozen=True)
class PipelinePart:
    """What a pipeline kept, handed from a worker of a shared run to the collector
    (cxcheck/queue/): every page it reached, what the page checks found, the report's entries
    (page key -> entry) and the URLs that redirected to a page."""

    records: tuple[PageRecord, ...]
    findings: tuple[Finding, ...]
    pages: Mapping[str, PageResult]
    landed: Mapping[str, str]


@dataclass
class PagePipeline:
    """Checks each page as it arrives and keeps only what the report and cross-page checks need."""

    checks: Sequence[LoadedCheck]
    ctx: CheckContext
    captures: Mapping[str, SiteCapture] = field(default_factory=dict)
    mine: Callable[[str], bool] = lambda url: True  # a page of this shard (--shard i/n)
    strip_params: tuple[str, ...] = ()
    stopwatch: Stopwatch = field(default_factory=Stopwatch)
    findings: list[Finding] = field(default_factory=list)
    records: list[PageRecord] = field(default_factory=list)
    _pages: dict[str, PageResult] = field(default_factory=dict)  # page key -> its entry
    _landed: dict[str, str] = field(default_factory=dict)  # URL asked for -> page it reached

    def on_page(self, snapshot: PageSnapshot, own_page: bool) -> None:
        """A page the crawl delivered (`own_page`: not a second URL of a page already seen)."""
        # Every page is known to the cross-page checks; only the shard's own are checked.
        self.records.append(PageRecord.of(snapshot, own_page))
        if snapshot.parsed or not self.mine(snapshot.final_url or snapshot.url):
            return  # past the render budget, a page is known for its links, not checked
        self._take(snapshot, own_page)

    def journey_page(self, snapshot: PageSnapshot, how: str) -> None:
        """A page a journey step reached that the crawl did not check: checked like any page
        (whatever the shard: one shard runs the journeys), its findings saying how it was
        reached (`how`)."""
        if self.knows(snapshot.url):
            return
        snapshot = replace(snapshot, found_by=FOUND_BY_JOURNEY)
        self.records.append(PageRecord.of(snapshot))
        first = len(self.findings)
        self._take(snapshot, True)
        self.findings[first:] = [replace(f, message=f.message + how) for f in self.findings[first:]]

    def _take(self, snapshot: PageSnapshot, own_page: bool) -> None:
        """The page's entry in the report, and its checks when it is a page of its own."""
        landed = self._landed_url(snapshot)
        key = self._key(landed)
        if not own_page and key in self._pages:  # a redirect to a page already listed
            for way_in in (snapshot.url, *(hop.url for hop in snapshot.redirects)):
                self._add_way_in(key, normalize_url(way_in, self.strip_params) or way_in)
            return
        self._pages[key] = PageResult.of(snapshot, url=landed)
        if landed != snapshot.url:
            self._landed[snapshot.url] = landed
            for way_in in (snapshot.url, *(hop.url for hop in snapshot.redirects)):
                self._add_way_in(key, normalize_url(way_in, self.strip_params) or way_in)
        if own_page:
            for check in self.checks:  # one by one, to time each (--timings)
                with self.stopwatch.timing(f"check: {check.name}"):
                    self.findings.extend(run_page_checks((check,), snapshot, self.ctx))
            for capture in self.captures.values():
                capture.observe(snapshot)

    def knows(self, url: str) -> bool:
        """A page of the report already (checked by the crawl or by an earlier journey)."""
        return self._key(url) in self._pages

    @property
    def pages(self) -> list[PageResult]:
        """One entry per page, in the order the crawl reached them."""
        return list(self._pages.values())

    def part(self) -> PipelinePart:
        """What this pipeline kept, for another machine to join (`add_part`)."""
        return PipelinePart(
            tuple(self.records), tuple(self.findings), dict(self._pages), dict(self._landed)
        )

    def add_part(self, part: PipelinePart) -> None:
        """Another worker's pages join these. A page both list (two URLs of one page, taken by
        two workers) keeps the entry and findings seen first, with every way in."""
        had = set(self._pages)
        self.records.extend(r for r in part.records if self._key(r.final_url or r.url) not in had)
        for key, page in part.pages.items():
            if key not in had:
                self._pages[key] = page
            for way_in in page.redirected_from if key in had else ():
                self._add_way_in(key, way_in)
        self._landed.update(part.landed)
        self.findings.extend(f for f in part.findings if self._key(f.url) not in had)

    def where_landed(self, finding: Finding) -> Finding:
        """`finding` named by the page it is on, not by a URL that redirected there; a finding
        about the page itself (its target is the page) names it so too. Which of a page's
        ways in reached it first follows the crawl's order, so neither may show."""
        landed = self._landed.get(finding.url)
        if not landed:
            return finding
        target = landed if finding.target == finding.url else finding.target
        return replace(finding, url=landed, target=target)

    def measured_again(self, figures: Mapping[str, PageMetrics]) -> None:
        """Show the figures pages were judged on where they were loaded again alone."""
        for url, metrics in figures.items():
            key = self._key(self._landed.get(url, url))
            if key in self._pages and metrics.samples > 1:
                self._pages[key] = self._pages[key].measured_alone(metrics)

    def _landed_url(self, snapshot: PageSnapshot) -> str:
        """Where the visit ended, when that is a page of the site; else the URL asked for."""
        final = snapshot.final_url
        if final and self.ctx.is_internal(final) and (snapshot.rendered or snapshot.status):
            return normalize_url(final, self.strip_params) or snapshot.url
        return snapshot.url

    def _key(self, url: str) -> str:
        return page_key(normalize_url(url, self.strip_params) or url)

    def _add_way_in(self, key: str, url: str) -> None:
        page = self._pages[key]
        if self._key(url) != key and url not in page.redirected_from:
            self._pages[key] = replace(
                page, redirected_from=tuple(sorted((*page.redirected_from, url)))
            )
