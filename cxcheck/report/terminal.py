"""The terminal summary: verdict first, blockers first, grouped findings, counts, slow pages.

Renders to rich renderables; it never prints (the CLI does).
"""

from __future__ import annotations

from collections import Counter

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from cxcheck.findings import GroupedFinding, Severity
from cxcheck.report.model import READY, SKIP_REASONS, Report, plural
from cxcheck.report.plain_fixes import plain_fix
from cxcheck.urls import page_label

_STYLES = {
    Severity.BLOCKER: "bold white on red",
    Severity.MAJOR: "bold red",
    Severity.MINOR: "yellow",
    Severity.INFO: "cyan",
}
_MAX_PAGES_SHOWN = 3
_LISTED_ONLY = "Found on the pages visited (listed only: they do not decide the verdict)"
_MAX_FIXED_SHOWN = 5


def render(report: Report, journeys_first: bool = False) -> RenderableType:
    """The whole summary; `journeys_first` (for `journey run`) puts the journeys before the
    verdict and the findings."""
    parts: list[RenderableType] = _journeys(report) if journeys_first else []
    parts += [_verdict(report), _facts(report)]
    blocking = report.blocking
    others = [f for f in report.findings if f not in blocking]
    if blocking:
        parts += [Text("\nBlocks launch", style="bold"), *(_finding(f, report) for f in blocking)]
    if others:
        also = "Also found" if report.findings_decide else _LISTED_ONLY
        parts += [Text(f"\n{also}", style="bold"), *(_finding(f, report) for f in others)]
    if not journeys_first:
        parts += _journeys(report)
    parts += _triage(report)
    if report.findings:
        parts.append(_counts(report))
    slowest = report.slowest_pages()
    if slowest:
        parts.append(_slowest(report))
    return Group(*parts)


def _verdict(report: Report) -> Text:
    accepted = report.accepted
    if report.verdict == READY:
        text = Text("✓ READY", style="bold green")
        new = "new " if accepted.count else ""
        text.append(f"  no {new}finding at or above {report.fail_on.value}", style="green")
    else:
        text = Text("✗ NOT READY", style="bold red")
        text.append(f"  {report.blockers.sentence()}", style="red")
        text.append(f" (fail on: {report.fail_on.value} or worse)")
    if accepted.count:
        lead = "— " if report.verdict == READY else "Also: "
        text.append(f"\n  {lead}{accepted.sentence()}.", style="bold yellow")
        if accepted.would_block:
            text.append(f" {accepted.would_block_sentence()}", style="yellow")
    if not report.complete:
        text.append(
            "\n! The run did not finish: this report covers only the pages visited.",
            style="bold yellow",
        )
    return text


def _facts(report: Report) -> Text:
    counts = report.severity_counts
    found = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no findings"
    text = Text(
        f"{report.site} · {plural(len(report.pages), 'page')} in {report.duration_s:.1f} s · "
        f"{found} · "
        f"{report.profile} profile",
        style="dim",
    )
    skipped = ", ".join(
        f"{n} {SKIP_REASONS.get(reason, reason)}" for reason, n in sorted(report.skipped.items())
    )
    if skipped:
        text.append(f"\nnot crawled: {skipped}", style="dim")
    for note in report.notes:
        text.append(f"\n{note}", style="dim")
    return text


def _finding(group: GroupedFinding, report: Report) -> RenderableType:
    f = group.finding
    title = Text("  ")
    title.append(f" {f.severity.value.upper()} ", style=_STYLES[f.severity])
    title.append(f" {f.check} · {f.rule}", style="bold")
    pages = [page_label(p, report.site) for p in group.pages[:_MAX_PAGES_SHOWN]]
    more = len(group.pages) - len(pages)
    count = f"{plural(len(group.pages), 'page')}: " if more > 0 else ""
    where = Text(
        f"on {count}" + ", ".join(pages) + (f" and {more} more" if more else ""), style="dim"
    )
    if f.selector:
        where.append(f" · {f.selector}")
    body: list[RenderableType] = [Text(f.message), where]
    fix = plain_fix(f)
    if fix:
        body.append(Text(f"fix: {fix}", style="dim italic"))
    return Group(title, Padding(Group(*body), (0, 0, 0, 4)))


def _journeys(report: Report) -> list[RenderableType]:
    if not report.journeys:
        return []
    passed = sum(j.passed for j in report.journeys)
    parts: list[RenderableType] = [
        Text(f"\nJourneys: {passed} of {len(report.journeys)} passed", style="bold")
    ]
    for journey in report.journeys:
        device = f" on {journey.device}" if journey.device else ""
        if journey.passed:
            parts.append(Text(f"  ✓ {journey.name}{device} ({journey.duration_ms / 1000:.1f} s)"))
            continue
        parts.append(Text(f"  ✗ {journey.name}{device} ({journey.file})", style="bold red"))
        for step in journey.steps:
            if step.status in ("failed", "too_slow"):
                body = [Text(f"{step.place}: {step.text}"), Text(step.error)]
                if step.screenshot:
                    body.append(Text(f"Screenshot: {step.screenshot}", style="dim"))
                parts.append(Padding(Group(*body), (0, 0, 0, 4)))
        if journey.trace:
            trace = f"Trace for engineers: playwright show-trace {journey.trace}"
            parts.append(Padding(Text(trace, style="dim"), (0, 0, 0, 4)))
    return parts


def _triage(report: Report) -> list[RenderableType]:
    """Baseline, comparison and ignores: what was set aside, and why."""
    parts: list[RenderableType] = []
    comparison = report.comparison
    if comparison:
        line = Text(f"\nCompared with {comparison.against}: ", style="bold")
        line.append(
            f"{len(comparison.new)} new, {len(comparison.fixed)} fixed, "
            f"{len(comparison.still_open)} still open",
            style="",
        )
        parts.append(line)
        for problem in comparison.fixed[:_MAX_FIXED_SHOWN]:
            where = f" ({page_label(problem.page, report.site)})" if problem.page else ""
            parts.append(Text(f"  fixed: {problem.check} · {problem.rule}{where}", style="green"))
        if len(comparison.fixed) > _MAX_FIXED_SHOWN:
            parts.append(Text(f"  and {len(comparison.fixed) - _MAX_FIXED_SHOWN} more fixed"))
    if report.known:
        counts = report.accepted.severity_counts()
        split = ", ".join(f"{n} {severity}" for severity, n in counts.items() if n)
        parts.append(
            Text(
                f"{plural(len(report.known), 'known problem')} in the baseline {report.baseline} "
                f"({split}; not blocking): listed in the HTML and JSON reports",
                style="dim",
            )
        )
    if report.ignored:
        reasons = Counter(i.reason for i in report.ignored)
        for reason, n in reasons.items():
            parts.append(Text(f"{n} ignored: {reason}", style="dim"))
    for stale in report.stale_ignores:
        parts.append(Text(f"! This [[ignore]] matched nothing; remove it? {stale}", style="yellow"))
    return parts


def _counts(report: Report) -> Table:
    table = Table(title="Findings per check", title_justify="left", show_edge=False)
    table.add_column("check")
    for severity in Severity:
        table.add_column(severity.value, justify="right")
    per_check: dict[str, Counter[str]] = {}
    for group in report.findings:
        per_check.setdefault(group.finding.check, Counter())[group.finding.severity.value] += 1
    for check, counts in sorted(per_check.items()):
        table.add_row(check, *(str(counts.get(s.value, 0)) for s in Severity))
    return table


def _slowest(report: Report) -> Table:
    table = Table(title="Slowest pages (times in ms)", title_justify="left", show_edge=False)
    if any(page.remeasured for page in report.slowest_pages()):
        table.caption = "* loaded again alone after the crawl: medians of those loads"
        table.caption_justify = "left"
    columns = ("page", "status", "TTFB", "LCP", "CLS", "TBT", "load", "req", "KB")
    for column in columns:
        table.add_column(column, justify="left" if column == "page" else "right")
    for page in report.slowest_pages():
        table.add_row(
            page_label(page.url, report.site) + (" *" if page.remeasured else ""),
            str(page.status or "-"),
            _num(page.ttfb_ms),
            _num(page.lcp_ms),
            "-" if page.cls is None else f"{page.cls:.2f}",
            _num(page.tbt_ms),
            _num(page.load_ms),
            str(page.requests),
            f"{page.bytes / 1024:.0f}",
        )
    return table


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"
