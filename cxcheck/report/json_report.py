"""The schema-1 JSON report (docs/json-report.md says what each field means). This module alone
spells its field names: it writes them (`render`) and reads them back (`load`, for `cxcheck
report` and baselines).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from cxcheck.errors import UsageError
from cxcheck.findings import Finding, GroupedFinding, Severity
from cxcheck.pictures import Picture, PicturePass
from cxcheck.report.model import (
    CheckRun,
    Comparison,
    FailureKind,
    IgnoredFinding,
    JourneyResult,
    KnownProblem,
    PageResult,
    Report,
    StepResult,
)

SCHEMA_VERSION = 1


def render(report: Report) -> str:
    """The report as JSON text."""
    return json.dumps(to_data(report), indent=2, ensure_ascii=False) + "\n"


def to_data(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    return {
        "schema": SCHEMA_VERSION,
        "tool": {"name": "cxcheck", "version": report.tool_version},
        "site": report.site,
        "started": report.started.isoformat(timespec="seconds"),
        "duration_s": round(report.duration_s, 2),
        "verdict": report.verdict,
        "complete": report.complete,
        "fail_on": report.fail_on.value,
        # Only `journey run` without --fail-on-page-checks writes it (false): findings listed,
        # never blocking. Absent means true, as in every report before it.
        **({} if report.findings_decide else {"findings_decide": False}),
        "browser": report.browser,
        "profile": report.profile,
        "summary": {
            "pages": len(report.pages),
            "findings": report.severity_counts,
            # The one count of what blocks launch (report/model.py LaunchBlockers).
            "blocking": report.blockers.count,
            "blocking_findings": len(report.blockers.findings),
            "failed_journeys": len(report.blockers.journeys),
            "known": len(report.known),
            # Accepted in the baseline, per severity, and how many would block launch without
            # it: "ready" with a baseline is never read as "nothing wrong".
            "known_findings": report.accepted.severity_counts(),
            "known_blocking": report.accepted.would_block,
            "pages_not_rendered": report.unrendered,
        },
        "checks": [
            {
                "name": c.name,
                "origin": c.origin,
                "description": c.description,
                "engine": c.engine,
                "area": c.area,
            }
            for c in report.checks
        ],
        "skipped": dict(report.skipped),
        "notes": list(report.notes),
        "pages": [_page(p) for p in report.pages],
        "findings": [_finding(f, report) for f in report.findings],
        "journeys": [_journey(j) for j in report.journeys],
        "baseline": report.baseline,
        "known_findings": [_finding(f, report) for f in report.known],
        "ignored_findings": [
            {**_finding(i.group, report), "reason": i.reason} for i in report.ignored
        ],
        "stale_ignores": list(report.stale_ignores),
        "comparison": _comparison(report.comparison) if report.comparison else None,
        "settings": dict(report.settings),
        # The picture pass after the crawl, when one ran (each finding's `picture` too).
        **({"pictures": _picture_pass(report.picture_pass)} if report.picture_pass else {}),
    }


def _journey(journey: JourneyResult) -> dict[str, Any]:
    return {
        "name": journey.name,
        "file": journey.file,
        "passed": journey.passed,
        "duration_ms": journey.duration_ms,
        "device": journey.device,
        "trace": journey.trace,
        "steps": [
            {
                "line": s.line,
                "text": s.text,
                "status": s.status,
                "duration_ms": s.duration_ms,
                "error": s.error,
                "screenshot": s.screenshot,
                "kind": s.kind,
                "kind_label": s.kind_label,
                "url": s.url,
                "looked_for": dict(s.looked_for),
                "candidates": [dict(c) for c in s.candidates],
                "warnings": list(s.warnings),
                "file": s.file,
                "run_from": list(s.run_from),
            }
            for s in journey.steps
        ],
    }


def _comparison(comparison: Comparison) -> dict[str, Any]:
    return {
        "against": comparison.against,
        "new": list(comparison.new),
        "still_open": list(comparison.still_open),
        "fixed": [known_data(k) for k in comparison.fixed],
    }


def known_data(problem: KnownProblem) -> dict[str, Any]:
    """The JSON object of a KnownProblem (reports' comparisons and baseline files)."""
    return {
        "fingerprint": problem.fingerprint,
        "check": problem.check,
        "rule": problem.rule,
        "severity": problem.severity,
        "message": problem.message,
        "page": problem.page,
    }


def _page(page: PageResult) -> dict[str, Any]:
    return {
        "url": page.url,
        "final_url": page.final_url,
        "status": page.status,
        "title": page.title,
        "content_type": page.content_type,
        "depth": page.depth,
        "error": page.error,
        "ttfb_ms": page.ttfb_ms,
        "fcp_ms": page.fcp_ms,
        "dcl_ms": page.dom_content_loaded_ms,
        "load_ms": page.load_ms,
        "lcp_ms": page.lcp_ms,
        "cls": page.cls,
        "tbt_ms": page.tbt_ms,
        "requests": page.requests,
        "bytes": page.bytes,
        "lcp_element": page.lcp_element,
        "bytes_by_type": dict(page.bytes_by_type),
        "redirected_from": list(page.redirected_from),
        # Over 1: the figures above are medians of loads alone after the crawl (the ones
        # slow-pages judged), and `crawl_figures` holds what the crawl's own load measured.
        "samples": page.samples,
        "crawl_figures": dict(page.crawl_figures) or None,
        "read_by": page.read_by,  # "browser", or "html" (--render auto: no script on it)
    }


def _finding(group: GroupedFinding, report: Report | None = None) -> dict[str, Any]:
    f = group.finding
    picture = report.picture_of(group.fingerprint) if report else None
    return {
        "check": f.check,
        "rule": f.rule,
        "severity": f.severity.value,
        "url": f.url,
        "target": f.target,
        "selector": f.selector,
        "evidence": f.evidence,
        "message": f.message,
        "help": f.help,
        "pages": list(group.pages),
        "fingerprint": group.fingerprint,
        # When one was taken, its picture (path relative to where cxcheck ran, as journey
        # screenshots'); absent in reports before pictures and for findings without one.
        **({"picture": _picture(picture)} if picture else {}),
    }


# A finding's `picture` and the top-level `pictures` (the pass), field by field.
PICTURE_FIELDS = ("path", "kind", "page", "selector", "width", "height", "note")
PICTURE_PASS_FIELDS = ("taken", "pages", "seconds", "time_budget_s", "max_pages", "left_out")


def _picture(picture: Picture) -> dict[str, Any]:
    return {name: getattr(picture, name) for name in PICTURE_FIELDS}


def _picture_pass(facts: PicturePass) -> dict[str, Any]:
    data = {name: getattr(facts, name) for name in PICTURE_PASS_FIELDS}
    return {**data, "seconds": round(facts.seconds, 2), "folder": facts.folder}


def load(path: str | Path) -> Report:
    """A saved JSON report, or a UsageError naming the file and what is wrong with it."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(
            f"{path}: cannot read ({getattr(error, 'strerror', None) or error})"
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(f"{path}:{error.lineno}: not a JSON report ({error.msg})") from None
    except RecursionError:  # "[[[[..." thousands deep
        raise UsageError(f"{path}: not a JSON report (nested too deeply)") from None
    try:
        return from_data(data)
    # OverflowError: a whole number given as Infinity, e.g. "depth": Infinity
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as error:
        raise UsageError(f"{path}: not a cxcheck JSON report ({_why(error)})") from None


def _why(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"missing {error.args[0]!r}"
    return str(error) or type(error).__name__


def from_data(data: Mapping[str, Any]) -> Report:
    """The Report that `to_data` wrote; raises KeyError/TypeError/ValueError on other data."""
    if not isinstance(data, Mapping):
        raise TypeError("expected a JSON object")
    if data.get("schema") != SCHEMA_VERSION:
        raise ValueError(f"schema {data.get('schema')!r}, expected {SCHEMA_VERSION}")
    comparison = data.get("comparison")
    return Report(
        site=str(data["site"]),
        started=datetime.fromisoformat(data["started"]),
        duration_s=float(data["duration_s"]),
        pages=tuple(_page_of(p) for p in data["pages"]),
        findings=tuple(_group_of(f) for f in data["findings"]),
        checks=tuple(
            CheckRun(c["name"], c["origin"], c["description"], c["engine"], c.get("area", ""))
            for c in data.get("checks", [])
        ),
        fail_on=Severity.parse(data.get("fail_on", "major")),
        findings_decide=bool(data.get("findings_decide", True)),
        complete=bool(data.get("complete", True)),
        unrendered=int(data.get("summary", {}).get("pages_not_rendered", 0)),
        skipped={str(k): int(v) for k, v in data.get("skipped", {}).items()},
        browser=str(data.get("browser", "")),
        tool_version=str(data.get("tool", {}).get("version", "")),
        notes=tuple(str(n) for n in data.get("notes", [])),
        profile=str(data.get("profile", "desktop")),
        journeys=tuple(_journey_of(j) for j in data.get("journeys", [])),
        known=tuple(_group_of(f) for f in data.get("known_findings", [])),
        ignored=tuple(
            IgnoredFinding(_group_of(f), str(f["reason"])) for f in data.get("ignored_findings", [])
        ),
        stale_ignores=tuple(str(s) for s in data.get("stale_ignores", [])),
        comparison=_comparison_of(comparison) if comparison else None,
        baseline=str(data.get("baseline", "")),
        settings=dict(data.get("settings", {})),
        pictures=_pictures_of(data),
        picture_pass=_picture_pass_of(data.get("pictures")),
    )


def _pictures_of(data: Mapping[str, Any]) -> tuple[Picture, ...]:
    """The pictures the report's findings (active, known, ignored) reference."""
    lists = ("findings", "known_findings", "ignored_findings")
    found: dict[str, Picture] = {}
    for f in (f for name in lists for f in data.get(name, [])):
        p = f.get("picture")
        if isinstance(p, Mapping) and p.get("path"):
            key = str(f["fingerprint"])
            found[key] = Picture(
                key, str(p["path"]), str(p.get("kind", "")), str(p.get("page", "")),
                str(p.get("selector", "")), int(p.get("width", 0)), int(p.get("height", 0)),
                str(p.get("note", "")),
            )  # fmt: skip
    return tuple(found.values())


def _picture_pass_of(p: Any) -> PicturePass | None:
    if not isinstance(p, Mapping):
        return None
    return PicturePass(
        int(p.get("taken", 0)), int(p.get("pages", 0)), float(p.get("seconds", 0)),
        float(p.get("time_budget_s", 0)), int(p.get("max_pages", 0)),
        int(p.get("left_out", 0)), str(p.get("folder", "")),
    )  # fmt: skip


def _page_of(p: Mapping[str, Any]) -> PageResult:
    return PageResult(
        url=p["url"],
        status=p["status"],
        title=p.get("title", ""),
        final_url=p.get("final_url", ""),
        content_type=p.get("content_type", ""),
        depth=int(p.get("depth", 0)),
        error=p.get("error", ""),
        ttfb_ms=p.get("ttfb_ms"),
        fcp_ms=p.get("fcp_ms"),
        dom_content_loaded_ms=p.get("dcl_ms"),
        load_ms=p.get("load_ms"),
        lcp_ms=p.get("lcp_ms"),
        cls=p.get("cls"),
        tbt_ms=p.get("tbt_ms"),
        requests=int(p.get("requests", 0)),
        bytes=int(p.get("bytes", 0)),
        lcp_element=p.get("lcp_element", ""),
        bytes_by_type=dict(p.get("bytes_by_type", {})),
        redirected_from=tuple(str(u) for u in p.get("redirected_from", [])),
        samples=int(p.get("samples", 1)),
        crawl_figures=dict(p.get("crawl_figures") or {}),
        read_by=str(p.get("read_by", "browser")),
    )


def _group_of(f: Mapping[str, Any]) -> GroupedFinding:
    finding = Finding(
        check=str(f["check"]),
        rule=str(f["rule"]),
        severity=Severity.parse(f["severity"]),
        url=str(f["url"]),
        message=str(f["message"]),
        help=str(f.get("help", "")),
        target=str(f.get("target", "")),
        selector=str(f.get("selector", "")),
        evidence=str(f.get("evidence", "")),
    )
    return GroupedFinding(finding, tuple(str(p) for p in f.get("pages", [finding.url])))


def _journey_of(j: Mapping[str, Any]) -> JourneyResult:
    return JourneyResult(
        name=str(j["name"]),
        file=str(j.get("file", "")),
        passed=bool(j["passed"]),
        duration_ms=float(j.get("duration_ms", 0)),
        device=str(j.get("device", "")),
        trace=str(j.get("trace", "")),
        steps=tuple(
            StepResult(
                line=int(s["line"]),
                text=str(s["text"]),
                status=str(s["status"]),
                duration_ms=float(s.get("duration_ms", 0)),
                error=str(s.get("error", "")),
                screenshot=str(s.get("screenshot", "") or ""),
                kind=FailureKind.read(str(s.get("kind", ""))),
                url=str(s.get("url", "")),
                looked_for=dict(s.get("looked_for", {})),
                candidates=tuple(dict(c) for c in s.get("candidates", [])),
                warnings=tuple(str(w) for w in s.get("warnings", [])),
                file=str(s.get("file", "")),
                run_from=tuple(str(r) for r in s.get("run_from", [])),
            )
            for s in j.get("steps", [])
        ),
    )


def _comparison_of(c: Mapping[str, Any]) -> Comparison:
    return Comparison(
        against=str(c["against"]),
        new=tuple(str(x) for x in c.get("new", [])),
        still_open=tuple(str(x) for x in c.get("still_open", [])),
        fixed=tuple(known_of(k) for k in c.get("fixed", [])),
    )


def known_of(k: Mapping[str, Any]) -> KnownProblem:
    """A KnownProblem from its JSON object (reports' comparisons and baseline files)."""
    return KnownProblem(
        fingerprint=str(k["fingerprint"]),
        check=str(k["check"]),
        rule=str(k["rule"]),
        severity=str(k.get("severity", "")),
        message=str(k.get("message", "")),
        page=str(k.get("page", "")),
    )
