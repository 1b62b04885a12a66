"""Report and verdict: what one run found, and whether the site is ready."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from cxcheck.captures import PageMetrics
from cxcheck.findings import GroupedFinding, Severity
from cxcheck.pictures import Picture, PicturePass
from cxcheck.snapshot import READ_BY_BROWSER, PageSnapshot

READY, NOT_READY = "ready", "not ready"
# Why pages were not crawled (Report.skipped keys), in words.
SKIP_REASONS = {
    "out-of-scope": "outside the site",
    "not-included": "not in include",
    "excluded": "excluded",
    "avoided": "logout-like links not followed",
    "robots-disallowed": "disallowed by robots.txt",
    "too-deep": "deeper than max_depth",
    "query-variants": "past max_query_variants for one path (calendars, filters)",
    "url-too-long": "URLs over 2,048 characters",
    "max-pages": "over max_pages",
}


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
    redirected_from: tuple[str, ...] = ()  # URLs of the site that redirect to this page
    samples: int = 1  # loads the figures come from: over 1, medians of loads alone
    crawl_figures: Mapping[str, float | None] = field(default_factory=dict)  # when re-measured
    read_by: str = READ_BY_BROWSER  # or READ_BY_HTML: --render auto read it without the browser

    @classmethod
    def of(cls, page: PageSnapshot, url: str = "") -> PageResult:
        """The report's view of a snapshot (with the performance capture's figures if any),
        listed under `url` (where a redirect landed) when given."""
        t = page.timings
        metrics = page.performance
        result = cls(
            url=url or page.url,
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
            read_by=page.read_by,
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

    @property
    def remeasured(self) -> bool:
        """The figures are medians of loads alone after the crawl, not the crawl's own."""
        return self.samples > 1

    def measured_alone(self, metrics: PageMetrics) -> PageResult:
        """This page with the figures it was judged on: the medians of `metrics.samples` loads
        alone; the crawl's own figures are kept in `crawl_figures`."""
        crawl = {name: getattr(self, name) for name in MEASURED_FIGURES}
        return replace(
            self,
            ttfb_ms=metrics.ttfb_ms,
            fcp_ms=metrics.fcp_ms,
            load_ms=metrics.load_ms,
            lcp_ms=metrics.lcp_ms,
            cls=metrics.cls,
            tbt_ms=metrics.tbt_ms,
            requests=metrics.requests,
            bytes=metrics.bytes,
            lcp_element=metrics.lcp_selector,
            bytes_by_type=dict(metrics.bytes_by_type),
            samples=metrics.samples,
            crawl_figures=crawl,
        )


# The figures a re-measure replaces (PageResult.measured_alone).
MEASURED_FIGURES = ("ttfb_ms", "fcp_ms", "load_ms", "lcp_ms", "cls", "tbt_ms", "requests", "bytes")


@dataclass(frozen=True)
class CheckRun:
    """A check that ran."""

    name: str
    origin: str
    description: str
    engine: str = ""  # the tool a check wraps, with its version ("axe-core 4.12.1")
    area: str = ""  # what customers feel it as: one of areas.AREAS, or "" for "other checks"


class FailureKind(StrEnum):
    """Why a journey step did not pass, as the JSON `kind` spells it (journey-language.md
    section 8): identifiers that never change; `label` is the words people read (the JSON
    `kind_label`, and what `kind` held before these identifiers)."""

    NOT_FOUND = "not_found"
    AMBIGUOUS = "ambiguous"
    HIDDEN = "hidden"
    DISABLED = "disabled"
    COVERED = "covered"
    EXPECTATION = "expectation"
    URL_TITLE = "url_title"
    NAVIGATION = "navigation"
    TOO_SLOW = "too_slow"
    PARSE = "parse"
    MISSING_SECRET = "missing_secret"
    MISSING_VARIABLE = "missing_variable"

    @property
    def label(self) -> str:
        """'not found', 'url/title', 'too slow': the kind in words."""
        return "url/title" if self is FailureKind.URL_TITLE else self.value.replace("_", " ")

    @classmethod
    def read(cls, text: str) -> str:
        """An identifier from a report's `kind`, which older reports wrote as its label
        ('' stays '', and a kind this version does not know is kept as written)."""
        by_label = {kind.label: kind.value for kind in cls}
        return by_label.get(text, text)


@dataclass(frozen=True)
class StepResult:
    """One journey step as run (journey-language.md section 8); secrets only as {secret:NAME}."""

    line: int
    text: str
    status: str  # passed | failed | too_slow | skipped
    duration_ms: float = 0.0
    error: str = ""
    screenshot: str = ""  # path relative to the report, or "" when none was taken
    kind: str = ""
    url: str = ""
    looked_for: Mapping[str, str] = field(default_factory=dict)
    candidates: tuple[Mapping[str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    file: str = ""  # the file the step is written in, when a `Run` brought it from another
    run_from: tuple[
        str, ...
    ] = ()  # the `Run` lines that brought it in, "file:line", outermost first

    @property
    def kind_label(self) -> str:
        """The failure kind in words ('not found'), '' when the step passed."""
        known = {kind.value: kind for kind in FailureKind}
        return known[self.kind].label if self.kind in known else self.kind

    @property
    def place(self) -> str:
        """Where the step is written: 'line 7', 'login.journey:6 (run from account.journey:5)'."""
        if not self.file:
            return f"line {self.line}"
        runs = ", ".join(f"run from {where}" for where in reversed(self.run_from))
        return f"{self.file}:{self.line}" + (f" ({runs})" if runs else "")


@dataclass(frozen=True)
class JourneyResult:
    """One journey file run start to end."""

    name: str
    file: str
    passed: bool
    duration_ms: float
    steps: tuple[StepResult, ...] = ()
    device: str = ""
    trace: str = ""  # a Playwright trace of a failed run, for engineers ("" when none)

    @property
    def status(self) -> str:
        """passed, failed, or too_slow when only time budgets were missed."""
        if self.passed:
            return "passed"
        statuses = {s.status for s in self.steps}
        return "too_slow" if "too_slow" in statuses and "failed" not in statuses else "failed"


@dataclass(frozen=True)
class IgnoredFinding:
    """A finding an `[[ignore]]` entry silenced, with the reason the entry gives."""

    group: GroupedFinding
    reason: str


@dataclass(frozen=True)
class KnownProblem:
    """A problem a baseline or an earlier report already listed (see report/triage.py)."""

    fingerprint: str
    check: str
    rule: str
    severity: str
    message: str
    page: str = ""


@dataclass(frozen=True)
class Comparison:
    """This run against an earlier one: what is new, what is still open, what got fixed."""

    against: str  # "baseline cxcheck-baseline.json" or "previous report old.json"
    new: tuple[str, ...] = ()  # fingerprints
    still_open: tuple[str, ...] = ()
    fixed: tuple[KnownProblem, ...] = ()


@dataclass(frozen=True)
class LaunchBlockers:
    """What blocks launch: the findings at or above `fail_on` left after the baseline and the
    ignores, and the journeys that failed, each counted once. The one count every output
    (terminal, HTML, JSON summary, Markdown, JUnit, SARIF) shows."""

    findings: tuple[GroupedFinding, ...]
    journeys: tuple[JourneyResult, ...]

    @property
    def count(self) -> int:
        """Problems that block launch."""
        return len(self.findings) + len(self.journeys)

    def sentence(self) -> str:
        """ "3 problems block launch (2 findings, 1 failed journey)", or "" when none do."""
        n = self.count
        if not n:
            return ""
        head = f"{plural(n, 'problem blocks', 'problems block')} launch"
        if not self.journeys:
            return head
        parts = [plural(len(self.findings), "finding")] if self.findings else []
        parts.append(plural(len(self.journeys), "failed journey"))
        return f"{head} ({', '.join(parts)})"


@dataclass(frozen=True)
class AcceptedProblems:
    """The problems a baseline accepted: still on the site, listed, never blocking. Every
    output says so next to the verdict, so "ready" never reads as "nothing wrong"."""

    findings: tuple[GroupedFinding, ...]
    fail_on: Severity

    @property
    def count(self) -> int:
        """Known problems still present."""
        return len(self.findings)

    @property
    def blockers(self) -> int:
        """Known problems of severity blocker."""
        return sum(g.finding.severity is Severity.BLOCKER for g in self.findings)

    @property
    def would_block(self) -> int:
        """Known problems at or above `fail_on`: they would block launch without the baseline."""
        return sum(g.finding.severity.at_least(self.fail_on) for g in self.findings)

    def severity_counts(self) -> dict[str, int]:
        """Known problems per severity, every severity present."""
        counts = Counter(g.finding.severity.value for g in self.findings)
        return {s.value: counts.get(s.value, 0) for s in Severity}

    def sentence(self) -> str:
        """ "33 known problems accepted in the baseline, 4 of them blockers", or "" when none."""
        n, blockers = self.count, self.blockers
        if not n:
            return ""
        if n == 1:
            them = "a blocker" if blockers else "not a blocker"
        elif blockers in (0, n):
            them = f"{'all' if blockers else 'none'} of them blockers"
        else:
            them = f"{blockers:,} of them {'a blocker' if blockers == 1 else 'blockers'}"
        return f"{plural(n, 'known problem')} accepted in the baseline, {them}"

    def would_block_sentence(self) -> str:
        """ "Without the baseline, 24 of them would block launch.", or "" when none would."""
        n = self.would_block
        which = "it" if self.count == 1 else "all of them" if n == self.count else f"{n:,} of them"
        return f"Without the baseline, {which} would block launch." if n else ""


def plural(n: int, one: str, many: str = "") -> str:
    """ "1 page", "2 pages"; `many` for words that do not just take an s."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


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
    complete: bool = True  # see the README: every page found was rendered or status-checked
    unrendered: int = 0  # pages links lead to that max_pages / max_depth left unrendered
    skipped: Mapping[str, int] = field(default_factory=dict)
    browser: str = ""
    tool_version: str = ""
    notes: tuple[str, ...] = ()  # what site-wide work did, in plain sentences
    profile: str = "desktop"  # the screen, network and CPU pages were loaded with
    journeys: tuple[JourneyResult, ...] = ()
    known: tuple[GroupedFinding, ...] = ()  # in the baseline: listed, never blocking
    ignored: tuple[IgnoredFinding, ...] = ()
    stale_ignores: tuple[str, ...] = ()  # `[[ignore]]` entries that matched nothing, described
    comparison: Comparison | None = None
    baseline: str = ""  # the baseline file used, if any
    settings: Mapping[str, object] = field(default_factory=dict)  # the run's config, no secrets
    # False for `cxcheck journey run` without --fail-on-page-checks: the journeys alone decide
    # the verdict; findings on the pages they reached are listed, never blocking.
    findings_decide: bool = True
    pictures: tuple[Picture, ...] = ()  # of findings, by fingerprint (cxcheck/pictures.py)
    picture_pass: PicturePass | None = None  # what the picture pass did, within which bounds

    @property
    def blocking(self) -> tuple[GroupedFinding, ...]:
        """Findings at or above the fail_on threshold: these make the site not ready."""
        if not self.findings_decide:
            return ()
        return tuple(f for f in self.findings if f.finding.severity.at_least(self.fail_on))

    @property
    def failed_journeys(self) -> tuple[JourneyResult, ...]:
        """Journeys that did not pass: a task customers cannot finish blocks launch."""
        return tuple(j for j in self.journeys if not j.passed)

    @property
    def blockers(self) -> LaunchBlockers:
        """What blocks launch, counted once: every output shows this count."""
        return LaunchBlockers(self.blocking, self.failed_journeys)

    @property
    def accepted(self) -> AcceptedProblems:
        """The baseline's problems still on the site: shown beside the verdict, never hidden."""
        return AcceptedProblems(self.known, self.fail_on)

    @property
    def verdict(self) -> str:
        """ "ready" or "not ready"."""
        return NOT_READY if self.blockers.count else READY

    @property
    def severity_counts(self) -> dict[str, int]:
        """Grouped findings per severity, every severity present."""
        counts = Counter(f.finding.severity.value for f in self.findings)
        return {s.value: counts.get(s.value, 0) for s in Severity}

    def picture_of(self, fingerprint: str) -> Picture | None:
        """The picture of the finding with this fingerprint, if one was taken."""
        return next((p for p in self.pictures if p.fingerprint == fingerprint), None)

    def slowest_pages(self, n: int = 5) -> list[PageResult]:
        """Pages that took longest to load, slowest first."""
        timed = [p for p in self.pages if p.load_ms is not None]
        return sorted(timed, key=lambda p: p.load_ms or 0, reverse=True)[:n]
