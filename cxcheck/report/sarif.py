"""SARIF 2.1.0 for code-scanning dashboards: one run of the `cxcheck` tool, a rule per
(check, rule) seen, a result per grouped finding with a location per page it was seen on.

Active findings are plain results; known (baseline) ones are results whose baselineState is
"unchanged"; ignored ones carry an external suppression with the ignore's reason. A journey
that did not pass is a result of the rule "journeys/failed-journey" at its journey file's line.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from cxcheck.findings import GroupedFinding, Severity
from cxcheck.report.areas import area_key
from cxcheck.report.model import JourneyResult, Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "cxcheck"
INFORMATION_URI = "https://pypi.org/project/cxcheck/"
FINGERPRINT_KEY = "cxcheck/v1"
JOURNEY_RULE = "journeys/failed-journey"

_LEVELS = {
    Severity.BLOCKER: "error",
    Severity.MAJOR: "error",
    Severity.MINOR: "warning",
    Severity.INFO: "note",
}
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"')]+")
# Characters a URI may hold as they are; anything else (a space, non-ASCII) is percent-encoded.
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def render(report: Report) -> str:
    """The report as SARIF 2.1.0 JSON text."""
    return json.dumps(to_data(report), indent=2, ensure_ascii=False) + "\n"


def to_data(report: Report) -> dict[str, Any]:
    """The SARIF log as plain JSON-ready data."""
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    for group in report.findings:
        results.append(_result(report, group, _rule_index(report, group, rules, index)))
        _set_baseline(results[-1], report, group.fingerprint, known=False)
    for group in report.known:
        results.append(_result(report, group, _rule_index(report, group, rules, index)))
        _set_baseline(results[-1], report, group.fingerprint, known=True)
    for ignored in report.ignored:
        group = ignored.group
        result = _result(report, group, _rule_index(report, group, rules, index))
        result["suppressions"] = [{"kind": "external", "justification": ignored.reason}]
        _set_baseline(result, report, group.fingerprint, known=False)
        results.append(result)
    for journey in report.failed_journeys:
        if JOURNEY_RULE not in index:
            index[JOURNEY_RULE] = len(rules)
            rules.append(_journey_rule())
        results.append(_journey_result(journey, index[JOURNEY_RULE]))
    run: dict[str, Any] = {
        "tool": {"driver": _driver(report, rules)},
        "invocations": [_invocation(report)],
        "results": results,
        "properties": _run_properties(report),
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def _driver(report: Report, rules: list[dict[str, Any]]) -> dict[str, Any]:
    driver: dict[str, Any] = {"name": TOOL_NAME, "informationUri": INFORMATION_URI}
    if report.tool_version:
        driver["version"] = report.tool_version
    driver["rules"] = rules
    return driver


def _rule_index(
    report: Report, group: GroupedFinding, rules: list[dict[str, Any]], index: dict[str, int]
) -> int:
    """The rule's index in the driver's rules, adding the rule when it first shows up."""
    rule_id = _rule_id(group)
    if rule_id not in index:
        index[rule_id] = len(rules)
        rules.append(_rule(report, group))
    return index[rule_id]


def _rule(report: Report, group: GroupedFinding) -> dict[str, Any]:
    f = group.finding
    rule: dict[str, Any] = {
        "id": _rule_id(group),
        "name": f.rule,
        # Messages name the link or image at hand; the rule's description must fit them all.
        "shortDescription": {"text": f"{f.rule.replace('-', ' ').capitalize()} ({f.check})"},
    }
    run = next((c for c in report.checks if c.name == f.check), None)
    if run is not None and run.description:
        rule["fullDescription"] = {"text": run.description}
    if f.help:
        rule["help"] = {"text": f.help}
        link = _URL_IN_TEXT.findall(f.help)
        if link:
            rule["helpUri"] = _uri(link[-1])
    rule["defaultConfiguration"] = {"level": _LEVELS[f.severity]}
    area = area_key(report, f.check)
    rule["properties"] = {
        "check": f.check,
        "area": area,
        "tags": list(dict.fromkeys((area, f.check))),
    }
    return rule


def _rule_id(group: GroupedFinding) -> str:
    return f"{group.finding.check}/{group.finding.rule}"


def _result(report: Report, group: GroupedFinding, rule_index: int) -> dict[str, Any]:
    f = group.finding
    properties: dict[str, Any] = {"severity": f.severity.value, "check": f.check}
    for name, value in (("selector", f.selector), ("target", f.target), ("evidence", f.evidence)):
        if value:
            properties[name] = value
    result = {
        "ruleId": _rule_id(group),
        "ruleIndex": rule_index,
        "level": _LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [_page_location(url, f.selector) for url in group.pages or (f.url,)],
        "partialFingerprints": {FINGERPRINT_KEY: group.fingerprint},
        "properties": properties,
    }
    picture = report.picture_of(group.fingerprint)
    if picture:  # SARIF's own place for a file that shows the result (section 3.27.26)
        words = "outlined" if picture.kind == "element" else "page thumbnail"
        result["attachments"] = [
            {
                "description": {"text": f"Picture ({words}) on {picture.page}"},
                "artifactLocation": {"uri": _file_uri(picture.path)},
            }
        ]
    return result


def _page_location(url: str, selector: str) -> dict[str, Any]:
    """A page as the artifact, the CSS selector as a logical location (an HTML element)."""
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": _uri(url)}}}
    if selector:
        location["logicalLocations"] = [{"fullyQualifiedName": selector, "kind": "element"}]
    return location


def _set_baseline(result: dict[str, Any], report: Report, fingerprint: str, known: bool) -> None:
    """baselineState when the run was compared with a baseline or an earlier report.

    A known finding is in the baseline by definition; without a comparison nothing else is
    said, since "new" would claim a comparison that did not happen.
    """
    if known:
        result["baselineState"] = "unchanged"
    elif report.comparison is not None:
        still = fingerprint in report.comparison.still_open
        result["baselineState"] = "unchanged" if still else "new"
    # An empty list says "not suppressed"; leaving it out would mean "unknown".
    result.setdefault("suppressions", [])


def _journey_rule() -> dict[str, Any]:
    return {
        "id": JOURNEY_RULE,
        "name": "failed-journey",
        "shortDescription": {"text": "A customer journey could not be finished in time."},
        "help": {
            "text": "Run the journey by hand from the line given; the step's error says what "
            "was looked for and what the page showed instead."
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {"check": "journeys", "area": "journeys", "tags": ["journeys"]},
    }


def _journey_result(journey: JourneyResult, rule_index: int) -> dict[str, Any]:
    stopped = next((s for s in journey.steps if s.status in ("failed", "too_slow")), None)
    what = "was too slow" if journey.status == "too_slow" else "failed"
    text = f"Journey {journey.name!r} {what}"
    if stopped is not None:
        text += f" at line {stopped.line} ({stopped.text})"
        if stopped.error:
            text += f": {stopped.error}"
    physical: dict[str, Any] = {"artifactLocation": {"uri": _file_uri(journey.file)}}
    if stopped is not None and stopped.line >= 1:
        physical["region"] = {"startLine": stopped.line}
    result: dict[str, Any] = {
        "ruleId": JOURNEY_RULE,
        "ruleIndex": rule_index,
        "level": "error",
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: _journey_fingerprint(journey)},
        "suppressions": [],
        "properties": {"journey": journey.name, "status": journey.status},
    }
    if journey.device:
        result["properties"]["device"] = journey.device
    if stopped is not None and stopped.url:
        result["relatedLocations"] = [
            {"id": 1, "physicalLocation": {"artifactLocation": {"uri": _uri(stopped.url)}}}
        ]
    return result


def _journey_fingerprint(journey: JourneyResult) -> str:
    # Same shape as Finding.fingerprint: stable across runs, blind to where it ran.
    parts = ("journeys", "failed-journey", journey.file, journey.name, journey.device)
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def _invocation(report: Report) -> dict[str, Any]:
    started = report.started
    if started.tzinfo is not None:
        started = started.astimezone(UTC)
    end = started + timedelta(seconds=report.duration_s)
    invocation: dict[str, Any] = {
        "executionSuccessful": report.complete,
        "startTimeUtc": _utc(started),
        "endTimeUtc": _utc(end),
    }
    if report.stale_ignores:
        invocation["toolConfigurationNotifications"] = [
            {
                "level": "warning",
                "message": {"text": f"An [[ignore]] entry matched nothing: {stale}"},
                "descriptor": {"id": "stale-ignore"},
            }
            for stale in report.stale_ignores
        ]
    return invocation


def _run_properties(report: Report) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "site": report.site,
        "verdict": report.verdict,
        "blocking": report.blockers.count,  # the count every output shows
        "failOn": report.fail_on.value,
        "pages": len(report.pages),
        "profile": report.profile,
    }
    if report.baseline:
        properties["baseline"] = report.baseline
    comparison = report.comparison
    if comparison is not None:
        # Fixed problems are not results (a scanner would count them as open): they go here.
        properties["comparison"] = {
            "against": comparison.against,
            "new": len(comparison.new),
            "stillOpen": len(comparison.still_open),
            "fixed": [
                {"fingerprint": k.fingerprint, "ruleId": f"{k.check}/{k.rule}", "page": k.page}
                for k in comparison.fixed
            ],
        }
    return properties


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _uri(url: str) -> str:
    return quote(url, safe=_URI_SAFE)


def _file_uri(path: str) -> str:
    """A journey file as a relative (or absolute) URI reference with forward slashes."""
    return _uri(PurePath(path).as_posix()) if path else "journey"
