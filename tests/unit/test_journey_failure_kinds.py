"""Journey steps in the JSON report: failure kinds as stable identifiers with their words
beside them, old reports read the same, the lines `Run` brought a step from, and a
`journey run` report whose page findings do not decide the verdict."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime

from cxcheck.findings import Finding, Severity, group_findings
from cxcheck.report import json_report
from cxcheck.report.model import FailureKind, JourneyResult, Report, StepResult

IDENTIFIERS = [
    "not_found",
    "ambiguous",
    "hidden",
    "disabled",
    "covered",
    "expectation",
    "url_title",
    "navigation",
    "too_slow",
    "parse",
    "missing_secret",
    "missing_variable",
]
# What `kind` held before it became an identifier: `kind_label` keeps these words.
OLD_LABELS = [
    "not found",
    "ambiguous",
    "hidden",
    "disabled",
    "covered",
    "expectation",
    "url/title",
    "navigation",
    "too slow",
    "parse",
    "missing secret",
    "missing variable",
]


def test_kinds_are_identifiers_and_their_labels_are_the_old_words() -> None:
    assert [kind.value for kind in FailureKind] == IDENTIFIERS
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", kind.value) for kind in FailureKind)
    assert [kind.label for kind in FailureKind] == OLD_LABELS


def test_an_old_label_reads_as_its_identifier() -> None:
    assert [FailureKind.read(label) for label in OLD_LABELS] == IDENTIFIERS
    assert [FailureKind.read(kind) for kind in IDENTIFIERS] == IDENTIFIERS
    assert FailureKind.read("") == ""
    assert FailureKind.read("something newer") == "something newer"


def _report(**fields: object) -> Report:
    failed = StepResult(
        6,
        'Click the "Sign in" button',
        "failed",
        120.0,
        "I could not find …",
        kind=FailureKind.NOT_FOUND,
        file="journeys/login.journey",
        run_from=("journeys/account.journey:5",),
    )
    slow = StepResult(2, 'Click "Pay" (within 1 second)', "too_slow", 1500.0, "took 1.5 s")
    slow = replace(slow, kind=FailureKind.TOO_SLOW)
    journey = JourneyResult("Account", "journeys/account.journey", False, 1620.0, (failed, slow))
    gone = Finding("page-health", "http-error", Severity.MAJOR, "http://h/x", "answers 404")
    values: dict[str, object] = {
        "site": "http://h/",
        "started": datetime(2026, 1, 2, tzinfo=UTC),
        "duration_s": 1.0,
        "pages": (),
        "findings": tuple(group_findings([gone])),
        "journeys": (journey,),
    }
    values.update(fields)
    return Report(**values)  # type: ignore[arg-type]


def test_the_json_step_has_the_identifier_its_words_and_its_run_lines() -> None:
    data = json.loads(json_report.render(_report()))
    failed, slow = data["journeys"][0]["steps"]
    assert (failed["kind"], failed["kind_label"]) == ("not_found", "not found")
    assert (slow["kind"], slow["kind_label"]) == ("too_slow", "too slow")
    assert failed["file"] == "journeys/login.journey"
    assert failed["run_from"] == ["journeys/account.journey:5"]
    assert slow["run_from"] == []
    again = json_report.from_data(json.loads(json_report.render(_report())))
    assert again.journeys == _report().journeys


def test_a_report_written_before_the_identifiers_reads_with_them() -> None:
    data = json.loads(json_report.render(_report()))
    for step in data["journeys"][0]["steps"]:
        step["kind"] = step.pop("kind_label")  # as older versions wrote it
        del step["run_from"]
    steps = json_report.from_data(data).journeys[0].steps
    assert [s.kind for s in steps] == ["not_found", "too_slow"]
    assert [s.kind_label for s in steps] == ["not found", "too slow"]


def test_a_step_says_where_it_is_written() -> None:
    failed, slow = _report().journeys[0].steps
    assert failed.place == "journeys/login.journey:6 (run from journeys/account.journey:5)"
    assert slow.place == "line 2"
    nested = replace(failed, run_from=("a.journey:3", "b.journey:9"))
    assert nested.place == "journeys/login.journey:6 (run from b.journey:9, run from a.journey:3)"


def test_when_findings_do_not_decide_only_the_journeys_do() -> None:
    deciding = _report()
    assert deciding.blocking and deciding.verdict == "not ready"
    listed = _report(findings_decide=False)
    assert listed.blocking == () and listed.findings == deciding.findings
    assert listed.verdict == "not ready"  # the journey failed
    passed = replace(listed.journeys[0], passed=True)
    assert replace(listed, journeys=(passed,)).verdict == "ready"
    assert replace(deciding, journeys=(passed,)).verdict == "not ready"
    data = json.loads(json_report.render(listed))
    assert data["findings_decide"] is False
    assert "findings_decide" not in json.loads(json_report.render(deciding))
    assert json_report.from_data(json.loads(json_report.render(listed))).findings_decide is False
