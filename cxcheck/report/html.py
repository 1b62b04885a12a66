"""The HTML report: one self-contained page for product owners, verdict first, blockers first.

Everything on the page comes from the Report and `areas.area_results`, so a new check needs no
code here. Jinja autoescapes every page-derived string; CSS, script and screenshots are inline,
and the page's Content-Security-Policy forbids loading anything else.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from cxcheck.findings import GroupedFinding, Severity
from cxcheck.report.areas import ACCEPTED, AREAS, OTHER, area_key, area_results, scoring
from cxcheck.report.model import READY, SKIP_REASONS, JourneyResult, Report, StepResult, plural
from cxcheck.report.plain_fixes import has_plain_fix, plain_fix
from cxcheck.urls import page_label

FIX_FIRST = 5  # blocking findings on the first screen
PAGES_SHOWN = 3  # pages listed per finding before "and N more"
FINDINGS_SHOWN = 5  # finding cards per group before "Show N more" (the script folds them)
LISTED = 3  # known, ignored and fixed problems shown before the rest fold away
STEPS_BEFORE = 3  # passed steps shown before a journey's failing step; earlier ones fold
SLOWEST = 10
_IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
_STEP_WORDS = {
    "passed": "✓ Passed",
    "failed": "✗ Failed",
    "too_slow": "⚠ Too slow",
    "skipped": "– Not run",
}
_AREA_ICONS = {"blocked": "✗", "needs work": "!", ACCEPTED: "!", "good": "✓", "not checked": "–"}
# A web address in running text; a final full stop or bracket belongs to the sentence.
_URL = re.compile(r"https?://[^\s<>\"']*[^\s<>\"'.,;:!?)\]]")


def render(report: Report, assets_dir: Path | None = None) -> str:
    """The report as one HTML page; journey screenshots found under `assets_dir` are embedded."""
    script = _static("report.js")
    blocking = report.blocking
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        ready=report.verdict == READY,
        blocking=blocking,
        blockers=report.blockers,
        others=[f for f in report.findings if not f.finding.severity.at_least(report.fail_on)],
        fix_first=fix_first(report),
        areas=area_results(report),
        area_titles={a.key: a.title for a in (*AREAS, OTHER)},
        area_of=lambda check: area_key(report, check),
        new=set(report.comparison.new) if report.comparison else set(),
        severities=[s.value for s in Severity],
        skipped=[(SKIP_REASONS.get(k, k), n) for k, n in sorted(report.skipped.items())],
        slowest=report.slowest_pages(SLOWEST),
        started=started_utc(report.started),
        screenshot=lambda path: embedded_image(path, assets_dir),
        short=lambda url: page_label(url, report.site),
        css=Markup(_static("report.css")),
        script=Markup(script),
        script_hash=base64.b64encode(hashlib.sha256(script.encode()).digest()).decode(),
        pages_shown=PAGES_SHOWN,
        findings_shown=FINDINGS_SHOWN,
        listed=LISTED,
        accepted=report.accepted,
        journeys=failures_first(report.journeys),
        scoring=scoring(report.fail_on),
    )


def failures_first(journeys: tuple[JourneyResult, ...]) -> list[tuple[int, JourneyResult]]:
    """The journeys with their place in the run (their anchor), failed ones first."""
    return sorted(enumerate(journeys, 1), key=lambda pair: pair[1].passed)


def folded_steps(journey: JourneyResult) -> int:
    """How many passed steps at the start of a failed journey fold away: all but the last
    STEPS_BEFORE before the first step that did not pass (0 for a passed journey)."""
    first_bad = next((i for i, s in enumerate(journey.steps) if s.status != "passed"), None)
    folded = 0 if first_bad is None else first_bad - STEPS_BEFORE
    return folded if folded > 1 else 0  # "1 earlier step passed" hides nothing worth hiding


def fix_first(report: Report) -> list[GroupedFinding]:
    """The blocking findings to fix first: worst first, then those on the most pages."""
    ranked = sorted(report.blocking, key=lambda g: (-g.finding.severity.rank, -len(g.pages)))
    return ranked[:FIX_FIRST]


def started_utc(started: datetime) -> str:
    """When the run started, in UTC (a time without a zone is taken as UTC)."""
    moment = started if started.tzinfo else started.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def embedded_image(path: str, assets_dir: Path | None) -> str | None:
    """A data: URI of the image at `path` under `assets_dir`, or None when there is none.

    Only images inside `assets_dir` are read: a report file must not be able to pull any other
    file from the disk of whoever renders it into a page they then share.
    """
    if not path or assets_dir is None:
        return None
    root = assets_dir.resolve()
    file = (root / path).resolve()
    kind = _IMAGE_TYPES.get(file.suffix.lower())
    if kind is None or not file.is_relative_to(root) or not file.is_file():
        return None
    return f"data:{kind};base64,{base64.b64encode(file.read_bytes()).decode()}"


def step_width(step: StepResult, journey: JourneyResult) -> float:
    """The step's timing bar, as a percentage of the journey's longest step."""
    longest = max((s.duration_ms for s in journey.steps), default=0.0)
    if longest <= 0 or step.duration_ms <= 0:
        return 0.0
    # A step that took any time at all gets a sliver, so "fast" never looks like "not run".
    return max(1.0, round(100 * step.duration_ms / longest, 1))


def link(url: str) -> str | None:
    """`url` when it is safe to put in an href (http or https), else None."""
    return url if urlsplit(url).scheme.lower() in ("http", "https") else None


def linkify(text: str) -> Markup:
    """`text` escaped, with the web addresses in it as links (help texts cite rule pages)."""
    parts: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        parts += [escape(text[last : match.start()]), _anchor(match.group())]
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def _anchor(url: str) -> Markup:
    return Markup('<a href="{0}" rel="noreferrer">{0}</a>').format(url)


def milliseconds(value: float | None) -> str:
    """A time in ms for a table cell ("-" when not measured)."""
    return "-" if value is None else f"{value:,.0f}"


def duration(ms: float) -> str:
    """A duration for people: "850 ms", "3.2 s", "2 min 5 s"."""
    if ms < 1000:
        return f"{ms:.0f} ms"
    seconds = ms / 1000
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"


def setting(value: object) -> str:
    """A settings value as text: strings as they are, anything else as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("cxcheck.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(ms=milliseconds, duration=duration, setting=setting, linkify=linkify)
    env.globals.update(
        link=link,
        plural=plural,
        step_width=step_width,
        folded_steps=folded_steps,
        plain_fix=plain_fix,
        has_plain_fix=has_plain_fix,
        step_words=_STEP_WORDS,
        area_icons=_AREA_ICONS,
    )
    return env


@cache
def _static(name: str) -> str:
    return resources.files("cxcheck.report").joinpath("templates", name).read_text("utf-8")
