"""A compact Markdown summary for pull-request comments and CI job summaries: verdict and
counts first, then the areas, the top blocking problems, failed journeys, the comparison with
a baseline, ignores that matched nothing, and where the figures come from.

Everything a page or a config supplied is escaped (Markdown and HTML alike) and cut short, so
page text can neither break the layout nor inject markup, and the summary stays far below
GitHub's 65,536-character comment limit.
"""

from __future__ import annotations

import re

from cxcheck.findings import GroupedFinding
from cxcheck.report.areas import (
    ACCEPTED,
    BLOCKED,
    GOOD,
    NEEDS_WORK,
    NOT_CHECKED,
    AreaResult,
    area_results,
)
from cxcheck.report.model import READY, JourneyResult, Report, plural
from cxcheck.urls import page_label

MAX_BLOCKERS = 10
MAX_LISTED = 10  # failed journeys, stale ignores
MAX_PAGES = 3  # pages named per finding
MAX_TEXT = 200  # characters of one message or error
MAX_PATH = 80
MAX_CHARS = 60_000  # a last guard; the limits above keep a summary near 10 KB at most

_ICONS = {BLOCKED: "❌", NEEDS_WORK: "⚠️", ACCEPTED: "⚠️", GOOD: "✅", NOT_CHECKED: "➖"}
# Backslash-escaped wherever they appear: emphasis, code, links, tables, strikethrough, math.
_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")  # control characters: invisible


def render(report: Report) -> str:
    """The summary as Markdown text."""
    lines = [_headline(report), "", _counts(report)]
    if not report.complete:
        lines += ["", "> ⚠️ The run did not finish: this covers only the pages visited."]
    lines += ["", *_area_table(report)]
    for section in (
        _blockers(report),
        _failed_journeys(report),
        _comparison(report),
        _stale_ignores(report),
    ):
        if section:
            lines += ["", *section]
    lines += ["", "---", _footer(report)]
    return _fit("\n".join(lines) + "\n")


def _headline(report: Report) -> str:
    accepted = report.accepted
    if report.verdict == READY:
        journeys = f" · {plural(len(report.journeys), 'journey')} passed" if report.journeys else ""
        if accepted.count:
            return f"### ✅ Ready — {accepted.sentence()}{journeys}"
        return f"### ✅ Ready: nothing at or above {report.fail_on.value}{journeys}"
    return f"### ❌ Not ready: {report.blockers.sentence()}"


def _counts(report: Report) -> str:
    counts = report.severity_counts
    total = sum(counts.values())
    found = " · ".join(f"{n} {severity}" for severity, n in counts.items())
    line = f"**{plural(total, 'finding')}** ({found}) on {plural(len(report.pages), 'page')}"
    line += f", failing on {report.fail_on.value} or worse"
    extra = []
    accepted = report.accepted
    if accepted.count:
        known = " · ".join(f"{n} {s}" for s, n in accepted.severity_counts().items() if n)
        would = f"; {accepted.would_block} would block launch without it" * bool(
            accepted.would_block
        )
        extra.append(f"{accepted.count} known from the baseline ({known}{would})")
    if report.ignored:
        extra.append(f"{len(report.ignored)} ignored")
    return line + (f"; {', '.join(extra)}" if extra else "")


def _area_table(report: Report) -> list[str]:
    """Area, status, score, blockers (and, with a baseline, the known problems apart)."""
    known = bool(report.known)
    head = "| Area | Status | Score | Blockers |" + (" Known |" if known else "")
    rows = [head, "| :-- | :-- | --: | --: |" + (" --: |" if known else "")]
    rows += [_area_row(result, known) for result in area_results(report)]
    return rows


def _area_row(result: AreaResult, known: bool) -> str:
    if result.score is None:
        score = blockers = "–"
    else:
        score = str(result.score)
        blockers = str(len(result.blockers) + sum(not j.passed for j in result.journeys))
    status = f"{_ICONS.get(result.status, '')} {result.status}".strip()
    row = f"| {_escape(result.area.title)} | {status} | {score} | {blockers} |"
    return row + (f" {len(result.known)} |" if known else "")


def _blockers(report: Report) -> list[str]:
    blocking = sorted(report.blocking, key=lambda g: -g.finding.severity.rank)
    if not blocking:
        return []
    lines = ["**Blocks launch**", ""]
    lines += [_blocker(group, report) for group in blocking[:MAX_BLOCKERS]]
    if len(blocking) > MAX_BLOCKERS:
        lines.append(f"- …and {len(blocking) - MAX_BLOCKERS} more")
    return lines


def _blocker(group: GroupedFinding, report: Report) -> str:
    f = group.finding
    where = ", ".join(
        _escape(page_label(url, report.site), MAX_PATH) for url in group.pages[:MAX_PAGES]
    )
    more = len(group.pages) - MAX_PAGES
    if more > 0:
        where = f"{plural(len(group.pages), 'page')}: {where} and {more} more"
    on = f" (on {where})" if where else ""
    return (
        f"- **{f.severity.value}** {_escape(f.check)} · {_escape(f.rule)}: {_escape(f.message)}{on}"
    )


def _failed_journeys(report: Report) -> list[str]:
    failed = report.failed_journeys
    if not failed:
        return []
    lines = ["**Journeys that failed**", ""]
    lines += [_journey(j) for j in failed[:MAX_LISTED]]
    if len(failed) > MAX_LISTED:
        lines.append(f"- …and {len(failed) - MAX_LISTED} more")
    return lines


def _journey(journey: JourneyResult) -> str:
    what = "was too slow" if journey.status == "too_slow" else "failed"
    name = _escape(journey.name, MAX_PATH)
    if journey.device:
        name += f" ({_escape(journey.device, MAX_PATH)})"
    line = f"- **{name}** {what}"
    stopped = next((s for s in journey.steps if s.status in ("failed", "too_slow")), None)
    if stopped is not None:
        line += f" at line {stopped.line}: {_escape(stopped.text, MAX_PATH)}"
        if stopped.error:
            line += f": {_escape(stopped.error)}"
    if journey.file:
        line += f" ({_escape(journey.file, MAX_PATH)})"
    return line


def _comparison(report: Report) -> list[str]:
    c = report.comparison
    if c is None:
        return []
    counts = f"{len(c.new)} new · {len(c.fixed)} fixed · {len(c.still_open)} still open"
    return [f"**Compared with {_escape(c.against, MAX_PATH)}:** {counts}"]


def _stale_ignores(report: Report) -> list[str]:
    stale = report.stale_ignores
    if not stale:
        return []
    lines = ["**Ignores that matched nothing** (remove them, or fix what they match)", ""]
    lines += [f"- {_escape(entry)}" for entry in stale[:MAX_LISTED]]
    if len(stale) > MAX_LISTED:
        lines.append(f"- …and {len(stale) - MAX_LISTED} more")
    return lines


def _footer(report: Report) -> str:
    version = f"cxcheck {report.tool_version}" if report.tool_version else "cxcheck"
    return (
        f"{_escape(report.site, MAX_PATH)} · {plural(len(report.pages), 'page')} · "
        f"{report.duration_s:.1f} s · {_escape(version, MAX_PATH)}"
    )


def _escape(text: str, limit: int = MAX_TEXT) -> str:
    """Text from a page or a config, safe inside a list item or a table cell."""
    text = _CONTROL.sub("", text)
    text = " ".join(text.split())  # a newline would end the list item or table row
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    # A zero-width space after @ keeps "@name" in page text from pinging a GitHub user.
    return text.replace("@", "@&#8203;")


def _fit(text: str) -> str:
    """The text cut at a line end if it ever outgrows MAX_CHARS."""
    if len(text) <= MAX_CHARS:
        return text
    cut = text.rfind("\n", 0, MAX_CHARS - 100)
    return text[:cut] + "\n\n…cut to fit the size limit of a comment.\n"
