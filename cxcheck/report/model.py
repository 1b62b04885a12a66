"""Report and verdict: what one run found, and whether the site is ready."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from cxcheck.crawl.snapshot import PageSnapshot
from cxcheck.findings import GroupedFinding, Severity

READY = "ready"
NOT_READY = "not ready"


@dataclass(frozen=True)
class PageResult:
    """One visited URL and its figures, as the report lists it."""

    url: str
    status: int | None
    title: str = ""
    final_url: str = ""
    content_type: str = ""
    depth: int = 0
    error: str = ""
    ttfb_ms: float | None = None
    fcp_ms: float | None = None
    dom_content_loaded_ms: float | None = None
    load_ms: float | None = None
    lcp_ms: float | None = None
    cls: float | None = None
    tbt_ms: float | None = None
    requests: int = 0
    bytes: int = 0
    lcp_element: str = ""  # selector of what painted last, when the performance capture ran
    bytes_by_type: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, page: PageSnapshot) -> PageResult:
        """The report's view of a snapshot (with the performance capture's figures if any)."""
        t = page.timings
        metrics = page.extras.get("performance")
        result = cls(
            url=page.url,
            status=page.status,
            title=page.title,
            final_url=page.final_url,
            content_type=page.content_type,
            depth=page.depth,
            error=page.error,
            ttfb_ms=t.ttfb_ms,
            fcp_ms=t.fcp_ms,
            dom_content_loaded_ms=t.dom_content_loaded_ms,
            load_ms=t.load_ms,
            requests=page.requests,
            bytes=page.bytes,
        )
        if metrics is None:
            return result
        return replace(
            result,
            lcp_ms=metrics.lcp_ms,
            cls=metrics.cls,
            tbt_ms=metrics.tbt_ms,
            lcp_element=metrics.lcp_selector,
            bytes_by_type=dict(metrics.bytes_by_type),
        )


@dataclass(frozen=True)
class CheckRun:
    """A check that ran."""

    name: str
    origin: str
    description: str
    engine: str = ""  # the tool a check wraps, with its version ("axe-core 4.12.1")


@dataclass(frozen=True)
class Report:
    """Everything one run found; renderers turn it into text."""

    site: str
    started: datetime
    duration_s: float
    pages: tuple[PageResult, ...]
    findings: tuple[GroupedFinding, ...]
    checks: tuple[CheckRun, ...] = ()
    fail_on: Severity = Severity.MAJOR
    complete: bool = True
    skipped: Mapping[str, int] = field(default_factory=dict)
    browser: str = ""
    tool_version: str = ""
    notes: tuple[str, ...] = ()  # what site-wide work did, in plain sentences
    profile: str = "desktop"  # the screen, network and CPU pages were loaded with

    @property
    def blocking(self) -> tuple[GroupedFinding, ...]:
        """Findings at or above the fail_on threshold: these make the site not ready."""
        return tuple(f for f in self.findings if f.finding.severity.at_least(self.fail_on))

    @property
    def verdict(self) -> str:
        """ "ready" or "not ready"."""
        return NOT_READY if self.blocking else READY

    @property
    def severity_counts(self) -> dict[str, int]:
        """Grouped findings per severity, every severity present."""
        counts = Counter(f.finding.severity.value for f in self.findings)
        return {s.value: counts.get(s.value, 0) for s in Severity}

    def slowest_pages(self, n: int = 5) -> list[PageResult]:
        """Pages that took longest to load, slowest first."""
        timed = [p for p in self.pages if p.load_ms is not None]
        return sorted(timed, key=lambda p: p.load_ms or 0, reverse=True)[:n]
