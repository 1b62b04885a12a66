"""Fingerprints, grouping and the verdict."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cxcheck.findings import Finding, Severity, group_findings
from cxcheck.report.model import PageResult, Report


def finding(url: str = "http://127.0.0.1:8000/a", **fields: object) -> Finding:
    values = {
        "check": "page-health",
        "rule": "console-error",
        "severity": Severity.MINOR,
        "url": url,
        "message": "The page logged an error",
        "evidence": "boom",
    }
    values.update(fields)
    return Finding(**values)  # type: ignore[arg-type]


def test_fingerprint_ignores_the_page_and_the_host_of_the_target() -> None:
    a = finding("http://127.0.0.1:8000/a", target="http://127.0.0.1:8000/gone")
    b = finding("http://127.0.0.1:9999/b", target="http://127.0.0.1:9999/gone")
    assert a.fingerprint == b.fingerprint
    assert a.fingerprint != finding(target="http://127.0.0.1:8000/other").fingerprint
    assert a.fingerprint != finding(target=a.target, evidence="other").fingerprint


def test_same_problem_on_many_pages_is_one_group_first_page_first() -> None:
    groups = group_findings(
        [finding(f"http://h/{i}") for i in range(400)] + [finding("http://h/0")]
    )
    assert len(groups) == 1
    assert groups[0].pages[:2] == ("http://h/0", "http://h/1")
    assert len(groups[0].pages) == 400


def test_groups_are_ordered_worst_first() -> None:
    groups = group_findings(
        [
            finding(evidence="minor one"),
            finding(evidence="blocker one", severity=Severity.BLOCKER),
            finding(evidence="major one", severity=Severity.MAJOR),
        ]
    )
    assert [g.finding.severity for g in groups] == [
        Severity.BLOCKER,
        Severity.MAJOR,
        Severity.MINOR,
    ]


def test_severity_order_and_parse() -> None:
    assert Severity.BLOCKER.at_least(Severity.MAJOR)
    assert not Severity.INFO.at_least(Severity.MINOR)
    assert Severity.parse(" Major ") is Severity.MAJOR
    with pytest.raises(ValueError, match="use one of: blocker, major, minor, info"):
        Severity.parse("critical")


def report(*severities: Severity, fail_on: Severity = Severity.MAJOR) -> Report:
    findings = [finding(evidence=str(i), severity=s) for i, s in enumerate(severities)]
    return Report(
        site="http://h/",
        started=datetime.now(UTC),
        duration_s=1.0,
        pages=(PageResult("http://h/", 200, load_ms=10),),
        findings=tuple(group_findings(findings)),
        fail_on=fail_on,
    )


@pytest.mark.parametrize(
    ("severities", "fail_on", "verdict"),
    [
        ((), Severity.MAJOR, "ready"),
        ((Severity.MINOR, Severity.INFO), Severity.MAJOR, "ready"),
        ((Severity.MAJOR,), Severity.MAJOR, "not ready"),
        ((Severity.MAJOR,), Severity.BLOCKER, "ready"),
        ((Severity.INFO,), Severity.INFO, "not ready"),
    ],
)
def test_verdict_follows_fail_on(
    severities: tuple[Severity, ...], fail_on: Severity, verdict: str
) -> None:
    assert report(*severities, fail_on=fail_on).verdict == verdict


def test_counts_list_every_severity() -> None:
    counts = report(Severity.MAJOR, Severity.MAJOR, Severity.INFO).severity_counts
    assert counts == {"blocker": 0, "major": 2, "minor": 0, "info": 1}
