"""JUnit XML for CI servers: a "verdict" suite whose one test case fails with the number of
problems that block launch (the count every output shows), one suite per check with a test
case per page, and a suite of journeys. A page's test case fails when the page has a finding
of that check at or above the report's fail_on; lesser, known (baseline) and ignored
findings are only written to its system-out.

The output validates against the Jenkins xUnit plugin's junit-10.xsd, the common dialect that
CI servers read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from cxcheck.findings import GroupedFinding
from cxcheck.report.model import JourneyResult, Report
from cxcheck.urls import page_label

JOURNEYS_SUITE = "journeys"
VERDICT_SUITE = "verdict"  # one case: ready for launch, or the problems that block it
# XML 1.0 allows tab, newline, carriage return and most of Unicode; anything else in page text
# (a stray NUL or form feed) would make the whole file unreadable for the CI server.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(report: Report) -> str:
    """The report as a JUnit XML document (UTF-8, with an XML declaration)."""
    suites = [_verdict_suite(report)]
    suites += [_check_suite(report, check) for check in _check_names(report)]
    if report.journeys:
        suites.append(_journey_suite(report))
    root = ET.Element("testsuites", name=_clean(f"cxcheck {report.site}"))
    root.extend(suites)
    _count_suites(root, suites, report.duration_s)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _check_names(report: Report) -> list[str]:
    """Checks in the order they ran; a check that only shows up in findings still gets a suite."""
    names = [c.name for c in report.checks]
    groups = (*report.findings, *report.known, *(i.group for i in report.ignored))
    for group in groups:
        if group.finding.check not in names:
            names.append(group.finding.check)
    return names


def _page_urls(report: Report, groups: Iterable[GroupedFinding]) -> list[str]:
    """Every visited page, then any page only these findings name (it still needs a test case;
    other checks never looked at it, so their suites leave it out)."""
    urls = [p.url for p in report.pages]
    seen = set(urls)
    for group in groups:
        for url in group.pages:
            if url not in seen:
                seen.add(url)
                urls.append(url)
    return urls


def _check_suite(report: Report, check: str) -> ET.Element:
    suite = ET.Element("testsuite", name=_clean(check))
    run = next((c for c in report.checks if c.name == check), None)
    if run is not None:
        properties = ET.SubElement(suite, "properties")
        facts = {
            "area": run.area,
            "origin": run.origin,
            "engine": run.engine,
            "description": run.description,
        }
        for name, value in facts.items():
            if value:
                ET.SubElement(properties, "property", name=name, value=_clean(value))
    active = [g for g in report.findings if g.finding.check == check]
    known = [g for g in report.known if g.finding.check == check]
    ignored = [i for i in report.ignored if i.group.finding.check == check]
    # Page by page, what to report there; indexed once, since big sites have many of both.
    failing: dict[str, list[GroupedFinding]] = {}
    notes: dict[str, list[str]] = {}
    for group in active:
        blocks = group.finding.severity.at_least(report.fail_on)
        for url in group.pages:
            if blocks:
                failing.setdefault(url, []).append(group)
            else:
                notes.setdefault(url, []).append(_describe(group))
    for group in known:
        for url in group.pages:
            notes.setdefault(url, []).append(_describe(group, "known, in the baseline"))
    for item in ignored:
        for url in item.group.pages:
            notes.setdefault(url, []).append(_describe(item.group, f"ignored: {item.reason}"))
    cases = []
    for url in _page_urls(report, (*active, *known, *(i.group for i in ignored))):
        case = ET.Element(
            "testcase", classname=_clean(check), name=_clean(page_label(url, report.site))
        )
        case.set("time", "0.000")  # checks read the page as loaded: a check takes no own time
        if url in failing:
            case.append(_failure(failing[url]))
        if url in notes:
            ET.SubElement(case, "system-out").text = _clean("\n\n".join(notes[url]))
        cases.append(case)
    suite.extend(cases)
    _count_cases(suite, cases, _timestamp(report))
    return suite


def _failure(groups: list[GroupedFinding]) -> ET.Element:
    rules = list(dict.fromkeys(g.finding.rule for g in groups))
    messages = list(dict.fromkeys(g.finding.message for g in groups))
    failure = ET.Element(
        "failure", message=_clean(" · ".join(messages)), type=_clean(", ".join(rules))
    )
    failure.text = _clean("\n\n".join(_describe(g) for g in groups))
    return failure


def _describe(group: GroupedFinding, status: str = "") -> str:
    """A finding as plain text lines: what, where, how to fix."""
    f = group.finding
    head = f"[{f.severity.value}] {f.rule}: {f.message}"
    lines = [f"{head} ({status})" if status else head]
    if f.selector:
        lines.append(f"selector: {f.selector}")
    if f.target:
        lines.append(f"target: {f.target}")
    if f.evidence:
        lines.append(f"evidence: {f.evidence}")
    if f.help:
        lines.append(f"fix: {f.help}")
    return "\n".join(lines)


def _verdict_suite(report: Report) -> ET.Element:
    """One test case, "ready for launch", failing with the count every output shows."""
    suite = ET.Element("testsuite", name=VERDICT_SUITE)
    blockers = report.blockers
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("blocking", blockers.count),
        ("blocking_findings", len(blockers.findings)),
        ("failed_journeys", len(blockers.journeys)),
        ("fail_on", report.fail_on.value),
    ):
        ET.SubElement(properties, "property", name=name, value=str(value))
    case = ET.SubElement(suite, "testcase", classname=VERDICT_SUITE, name="ready for launch")
    case.set("time", _seconds(report.duration_s))
    if blockers.count:
        failure = ET.SubElement(case, "failure", message=blockers.sentence(), type="not ready")
        failure.text = _clean("\n".join(_describe(g) for g in blockers.findings))
    _count_cases(suite, [case], _timestamp(report))
    return suite


def _journey_suite(report: Report) -> ET.Element:
    suite = ET.Element("testsuite", name=JOURNEYS_SUITE)
    cases = [_journey_case(j) for j in report.journeys]
    suite.extend(cases)
    _count_cases(suite, cases, _timestamp(report))
    return suite


def _journey_case(journey: JourneyResult) -> ET.Element:
    name = f"{journey.name} ({journey.device})" if journey.device else journey.name
    case = ET.Element("testcase", classname=JOURNEYS_SUITE, name=_clean(name))
    case.set("time", _seconds(journey.duration_ms / 1000))
    steps = "\n".join(
        f"line {s.line}: {s.status} in {s.duration_ms:.0f} ms: {s.text}"
        + (f"\n    {s.error}" if s.error else "")
        for s in journey.steps
    )
    body = f"{journey.file}\n{steps}" if journey.file else steps
    if journey.passed:
        if body:
            ET.SubElement(case, "system-out").text = _clean(body)
        return case
    stopped = next((s for s in journey.steps if s.status in ("failed", "too_slow")), None)
    if stopped is None:
        message = f"journey {journey.status}"
    else:
        message = stopped.error or f"line {stopped.line} {stopped.status}: {stopped.text}"
    failure = ET.SubElement(case, "failure", message=_clean(message), type=journey.status)
    failure.text = _clean(body)
    return case


def _count_cases(suite: ET.Element, cases: list[ET.Element], timestamp: str) -> None:
    """A suite's tests/failures/errors/skipped/time, counted from its cases so they agree."""
    suite.set("tests", str(len(cases)))
    for outcome, attribute in (
        ("failure", "failures"),
        ("error", "errors"),
        ("skipped", "skipped"),
    ):
        suite.set(attribute, str(sum(c.find(outcome) is not None for c in cases)))
    suite.set("time", _seconds(sum(float(c.get("time", "0")) for c in cases)))
    suite.set("timestamp", timestamp)


def _count_suites(root: ET.Element, suites: list[ET.Element], time_s: float) -> None:
    """The totals of all suites; the time is the whole run's, which also crawled the pages."""
    for attribute in ("tests", "failures", "errors"):
        root.set(attribute, str(sum(int(s.get(attribute, "0")) for s in suites)))
    # junit-10.xsd has no `skipped` on <testsuites>: each suite carries its own.
    root.set("time", _seconds(time_s))


def _timestamp(report: Report) -> str:
    return report.started.isoformat(timespec="seconds")


def _seconds(value: float) -> str:
    # Plain digits and a point: the schema's time pattern takes no exponent or sign.
    return f"{max(value, 0.0):.3f}"


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)
