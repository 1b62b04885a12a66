"""slow-pages: what customers wait for on each page, against a budget.

Rules (a page over budget is minor; over `major_factor` times the budget, major):
- `slow-lcp`: the main content (Largest Contentful Paint) appears after `lcp_ms` (2.5 s,
  Core Web Vitals "good").
- `layout-shift`: the page jumps while customers read it (CLS over `cls`, 0.1).
- `blocking-time`: the page ignores clicks and keys for over `tbt_ms` (200 ms) in total
  while it loads (Total Blocking Time).
- `slow-response`: the server takes over `ttfb_ms` (800 ms) to start answering.
- `heavy-page`: the page weighs over `page_kb` (1,000 KB) on the wire.
- `too-many-requests`: the page makes over `requests` (80) requests.

Pages load side by side during the crawl, which distorts timings on a small machine: a page
that looks over budget is loaded again alone `samples` times (3) and judged on the median
(the report says so). Budgets can differ per path: `overrides = { "/shop/*" = { page_kb =
3000 } }`. The profile (desktop, or mobile: slow 4G and a 4x slower CPU) is the run's
`[crawl] profile` / `--profile`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from typing import ClassVar
from urllib.parse import urlsplit

from cxcheck.captures import PageMetrics, PerformanceRequest, RemeasureRequest
from cxcheck.contract import CheckContext
from cxcheck.findings import Finding, Rule, Rules, Severity
from cxcheck.snapshot import PageSnapshot, SiteSnapshot
from cxcheck.urls import matches


def _help(text: str) -> dict[str, str]:
    return {"help": text}


# Over budget is minor; over `major_factor` times the budget, major.
RULES = Rules(
    "slow-pages",
    (
        Rule(
            "slow-lcp",
            Severity.MINOR,
            "Make the main image smaller (or preload it), and answer faster from the server.",
        ),
        Rule(
            "layout-shift",
            Severity.MINOR,
            "Reserve space for late content (banners, images, ads) with width/height.",
        ),
        Rule(
            "blocking-time",
            Severity.MINOR,
            "Split long scripts, defer what is not needed to show the page.",
        ),
        Rule(
            "slow-response",
            Severity.MINOR,
            "Cache the page or speed up what the server does before it answers.",
        ),
        Rule(
            "heavy-page",
            Severity.MINOR,
            "Compress images (WebP/AVIF, the size they are shown at) and drop unused scripts.",
        ),
        Rule(
            "too-many-requests",
            Severity.MINOR,
            "Bundle scripts and styles, and lazy-load images below the fold.",
        ),
    ),
)


@dataclass(frozen=True)
class Budget:
    """The most a page may take before customers notice."""

    lcp_ms: float = field(default=2500, metadata=_help("Main content visible within (ms)."))
    cls: float = field(default=0.1, metadata=_help("Layout shift at most (CLS)."))
    tbt_ms: float = field(default=200, metadata=_help("Total blocking time at most (ms)."))
    ttfb_ms: float = field(default=800, metadata=_help("Server starts answering within (ms)."))
    page_kb: float = field(default=1000, metadata=_help("Page weight at most (KB on the wire)."))
    requests: float = field(default=80, metadata=_help("Requests per page at most."))


BUDGET_NAMES = tuple(f.name for f in fields(Budget))


@dataclass(frozen=True)
class Over:
    """One figure over its budget."""

    rule: str
    value: float
    budget: float


@dataclass(frozen=True)
class SlowPages(Budget):
    """Pages over budget for loading, stability, responsiveness or weight."""

    name: ClassVar[str] = "slow-pages"
    description: ClassVar[str] = (
        "Pages show their content fast, stay still, answer clicks and are not too heavy."
    )
    needs: ClassVar[frozenset[str]] = frozenset({"performance", "remeasure"})
    area: ClassVar[str] = "speed"
    rule_ids: ClassVar[frozenset[str]] = RULES.ids

    major_factor: float = field(
        default=2.0, metadata=_help("Over this many times the budget is major, not minor.")
    )
    samples: int = field(
        default=3,
        metadata=_help("Loads of an over-budget page, alone, to judge it (0: the crawl's load)."),
    )
    quiet_ms: int = field(
        default=500, metadata=_help("After load, wait until the page is still this long (ms).")
    )
    remeasure_from: float = field(
        default=0.8,
        metadata=_help(
            "Load a page again alone when a crawl figure reaches this share of its budget."
        ),
    )
    overrides: dict[str, dict[str, float]] = field(
        default_factory=dict,
        metadata=_help('Budgets per path glob: { "/shop/*" = { page_kb = 3000 } }.'),
    )

    def __post_init__(self) -> None:
        for pattern, budgets in self.overrides.items():
            unknown = set(budgets) - set(BUDGET_NAMES)
            if unknown:
                _invalid(
                    "overrides",
                    f'"{pattern}" has unknown budget "{sorted(unknown)[0]}"; '
                    f"known: {', '.join(BUDGET_NAMES)}",
                )
            if not pattern.startswith("/"):
                _invalid("overrides", f'"{pattern}": a path glob starts with "/" ("/shop/*")')
            for name, value in budgets.items():
                if value <= 0:
                    _invalid("overrides", f'"{pattern}" {name}: must be above 0, got {value:g}')
        for name in BUDGET_NAMES:
            if getattr(self, name) <= 0:
                _invalid(name, f"must be above 0, got {getattr(self, name):g}")
        if self.samples < 0:
            _invalid("samples", f"must be 0 or more, got {self.samples}")
        if not 0 < self.remeasure_from <= 1:
            _invalid(
                "remeasure_from", f"must be above 0 and at most 1, got {self.remeasure_from:g}"
            )
        if self.major_factor < 1:
            _invalid("major_factor", f"must be at least 1, got {self.major_factor:g}")

    def capture_requests(self) -> tuple[PerformanceRequest, RemeasureRequest]:
        """How long to watch each page, and how many loads judge a page measured again (which
        pages: `worth_measuring` and `close_call` below, the contract's `Remeasures`)."""
        wait = max(3000, self.quiet_ms * 4)
        return (
            PerformanceRequest(self.quiet_ms, wait),
            RemeasureRequest(self.samples, quiet_ms=self.quiet_ms, max_wait_ms=wait),
        )

    def budget_for(self, url: str) -> Budget:
        """The budget of the page at `url`: the defaults, then every override that matches."""
        budget: Budget = Budget(**{name: getattr(self, name) for name in BUDGET_NAMES})
        for pattern, values in self.overrides.items():
            if matches(url, pattern):
                budget = replace(budget, **values)
        return budget

    def over_budget(self, url: str, metrics: PageMetrics) -> bool:
        """Any figure over its budget."""
        return bool(overs(metrics, self.budget_for(url)))

    def worth_measuring(self, url: str, metrics: PageMetrics) -> bool:
        """Load the page again alone? Yes when a crawl figure is over its budget or within
        `remeasure_from` of it (pages load side by side in the crawl, and a busy machine
        can make a figure look better as well as worse: a late first paint hides a long
        task from TBT, so blocking time counted from the start is looked at too)."""
        budget = self.budget_for(url)
        near = overs(metrics, _scaled(budget, self.remeasure_from))
        late_paint = metrics.blocking_from_start_ms > budget.tbt_ms * self.remeasure_from
        return bool(near) or late_paint

    def close_call(self, url: str, metrics: PageMetrics) -> bool:
        """A median within 10 % of a budget (or of the line between minor and major), either
        side: more loads should decide."""
        budget = self.budget_for(url)
        for line in (1.0, self.major_factor):
            below = {o.rule for o in overs(metrics, _scaled(budget, line * 0.9))}
            above = {o.rule for o in overs(metrics, _scaled(budget, line * 1.1))}
            if below != above:
                return True
        return False

    def check_page(self, page: PageSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        """Nothing yet: a page is judged after the crawl, once slow ones were measured alone."""
        return iter(())

    def check_site(self, site: SiteSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        """Findings for every page still over budget on the figures it is judged on."""
        judged = site.remeasured
        for url, metrics in judged.items():
            for over in overs(metrics, self.budget_for(url)):
                yield self._finding(url, metrics, over, ctx)

    def _finding(self, url: str, metrics: PageMetrics, over: Over, ctx: CheckContext) -> Finding:
        major = over.value > over.budget * self.major_factor
        how = f" Median of {metrics.samples} loads, each alone." if metrics.samples > 1 else ""
        message, blame, fix = _WORDS[over.rule](metrics, over)
        return RULES.finding(
            over.rule,
            url,
            severity=Severity.MAJOR if major else Severity.MINOR,
            target=url,
            # No figure in the evidence: a page stays the same finding when it gets a little
            # faster or the budget is tuned, so baselines keep recognising it.
            evidence="over budget",
            message=f"{message}.{' ' + blame if blame else ''}{how}",
            fix=fix,
        )


def overs(metrics: PageMetrics, budget: Budget) -> list[Over]:
    """Every figure of `metrics` over `budget`, in rule order."""
    figures = (
        ("slow-lcp", metrics.lcp_ms, budget.lcp_ms),
        ("layout-shift", metrics.cls, budget.cls),
        ("blocking-time", metrics.tbt_ms, budget.tbt_ms),
        ("slow-response", metrics.ttfb_ms, budget.ttfb_ms),
        ("heavy-page", metrics.bytes / 1000, budget.page_kb),
        ("too-many-requests", metrics.requests, budget.requests),
    )
    return [Over(rule, value, limit) for rule, value, limit in figures if value and value > limit]


def _scaled(budget: Budget, factor: float) -> Budget:
    """Every figure of `budget` times `factor`."""
    return Budget(**{name: getattr(budget, name) * factor for name in BUDGET_NAMES})


def _invalid(key: str, message: str) -> None:
    error = ValueError(f"{key}: {message}")
    error.key = key  # type: ignore[attr-defined]
    raise error


def _shown(over: Over) -> tuple[str, str]:
    """The value and the budget as a person reads them; never equal when the value is over."""
    value, budget = _figure(over.rule, over.value), _figure(over.rule, over.budget)
    if value == budget:
        value, budget = _figure(over.rule, over.value, 1), _figure(over.rule, over.budget, 1)
    return value, budget


def _figure(rule: str, value: float, extra: int = 0) -> str:
    """A figure as a person reads it: 2.5 s, 0.12, 350 ms, 1.5 MB, 90 requests."""
    if rule in ("slow-lcp", "slow-response"):
        return f"{value / 1000:.{1 + extra}f} s"
    if rule == "blocking-time":
        return f"{value:.{extra}f} ms"
    if rule == "layout-shift":
        return f"{value:.{2 + extra}f}"
    if rule == "heavy-page":
        return f"{value / 1000:.{1 + extra}f} MB" if value >= 1000 else f"{value:.{extra}f} KB"
    return f"{value:.0f} requests"


def _lcp(metrics: PageMetrics, over: Over) -> tuple[str, str, str]:
    what = "The main content"
    if metrics.lcp_url:
        what = f"The main image ({urlsplit(metrics.lcp_url).path})"
    elif metrics.lcp_selector:
        what = f"The main content ({metrics.lcp_selector})"
    if metrics.ttfb_ms and metrics.lcp_ms and metrics.ttfb_ms > metrics.lcp_ms / 2:
        blame = (
            f"Most of it is the server: it starts answering after {metrics.ttfb_ms / 1000:.1f} s."
        )
    else:
        blame = _largest(metrics)
    value, budget = _shown(over)
    return (
        f"{what} appears after {value}; budget {budget}",
        blame,
        "Make the main image smaller (or preload it), and answer faster from the server.",
    )


def _shift(metrics: PageMetrics, over: Over) -> tuple[str, str, str]:
    if set(metrics.shifted) <= {"body", "html"} and metrics.shifted:
        moved = "Everything on the page moved at once (something was put in above it)."
    else:
        moved = f"Moved most: {', '.join(metrics.shifted)}." if metrics.shifted else ""
    value, budget = _shown(over)
    return (
        f"The page jumps while customers read it (layout shift {value}; budget {budget})",
        moved,
        "Reserve space for late content (banners, images, ads) with width/height or min-height.",
    )


def _blocking(metrics: PageMetrics, over: Over) -> tuple[str, str, str]:
    tasks = sorted(metrics.long_tasks, key=lambda t: t.duration_ms, reverse=True)
    blame = ""
    if tasks:
        longest = tasks[0]
        blame = (
            f"{len(tasks)} long task{'s' if len(tasks) != 1 else ''}; the longest took "
            f"{longest.duration_ms:.0f} ms at {longest.start_ms / 1000:.1f} s."
        )
    value, budget = _shown(over)
    return (
        f"The page ignores clicks and keys for {value} while it loads "
        f"(total blocking time; budget {budget})",
        blame,
        "Split long scripts, defer what is not needed to show the page, or move work off load.",
    )


def _response(metrics: PageMetrics, over: Over) -> tuple[str, str, str]:
    value, budget = _shown(over)
    return (
        f"The server takes {value} to start answering (time to first byte; budget {budget})",
        "",
        "Cache the page or speed up what the server does before it answers.",
    )


def _weight(metrics: PageMetrics, over: Over) -> tuple[str, str, str]:
    kinds = sorted(metrics.bytes_by_type.items(), key=lambda kv: kv[1], reverse=True)
    split = ", ".join(f"{kind} {_figure('heavy-page', size / 1000)}" for kind, size in kinds[:3])
    value, budget = _shown(over)
    return (
        f"The page weighs {value} (budget {budget}){': ' + split if split else ''}",
        _largest(metrics),
        "Compress images (WebP/AVIF, the size they are shown at) and drop unused scripts.",
    )


def _requests(metrics: PageMetrics, over: Over) -> tuple[str, str, str]:
    value, budget = _shown(over)
    return (
        f"The page makes {value} (budget {budget})",
        "",
        "Bundle scripts and styles, and lazy-load images below the fold.",
    )


def _largest(metrics: PageMetrics) -> str:
    if not metrics.largest:
        return ""
    biggest = metrics.largest[0]
    size = _figure("heavy-page", biggest.bytes / 1000)
    return f"Largest file: {urlsplit(biggest.url).path} ({biggest.type}, {size})."


_WORDS = {
    "slow-lcp": _lcp,
    "layout-shift": _shift,
    "blocking-time": _blocking,
    "slow-response": _response,
    "heavy-page": _weight,
    "too-many-requests": _requests,
}
