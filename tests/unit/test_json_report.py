"""The schema-1 JSON report that other tools read."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from cxcheck.errors import UsageError
from cxcheck.findings import Finding, Severity, group_findings
from cxcheck.report import json_report
from cxcheck.report.model import CheckRun, PageResult, Report
from cxcheck.snapshot import PageSnapshot, Timings

GONE = Finding(
    "page-health",
    "http-error",
    Severity.MAJOR,
    "http://h/gone",
    "This page answers 404 (Not Found): the page is not there.",
    target="http://h/gone",
    evidence="HTTP 404",
    help="Fix the page or the links that lead here.",
)


def sample_report(**fields: Any) -> Report:
    values: dict[str, Any] = {
        "site": "http://h/",
        "started": datetime(2026, 11, 23, 9, 30, tzinfo=UTC),
        "duration_s": 12.345,
        "pages": (
            PageResult(
                "http://h/", 200, title="Home", ttfb_ms=4.0, load_ms=40.0, requests=3, bytes=1234
            ),
            PageResult("http://h/gone", 404, title="Not found"),
        ),
        "findings": tuple(group_findings([GONE, replace(GONE, url="http://h/x")])),
        "checks": (CheckRun("page-health", "built-in", "Every page loads."),),
        "tool_version": "1.2.3",
    }
    values.update(fields)
    return Report(**values)


def data_of(report: Report) -> dict[str, Any]:
    return json.loads(json_report.render(report))


def test_every_design_key_is_there_with_its_type() -> None:
    data = data_of(sample_report())
    expected_types = {
        "schema": int,
        "tool": dict,
        "site": str,
        "started": str,
        "duration_s": float,
        "verdict": str,
        "summary": dict,
        "pages": list,
        "findings": list,
        "journeys": list,
    }
    for key, kind in expected_types.items():
        assert isinstance(data[key], kind), key
    assert isinstance(data["summary"]["pages"], int)
    assert all(isinstance(n, int) for n in data["summary"]["findings"].values())


def test_top_level_values() -> None:
    data = data_of(sample_report())
    assert data["schema"] == 1
    assert data["tool"] == {"name": "cxcheck", "version": "1.2.3"}
    assert data["site"] == "http://h/"
    assert datetime.fromisoformat(data["started"]) == datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert data["duration_s"] == 12.35
    assert data["verdict"] == "not ready"
    assert data["summary"] == {
        "pages": 2,
        "findings": {"blocker": 0, "major": 1, "minor": 0, "info": 0},
        "blocking": 1,
        "blocking_findings": 1,
        "failed_journeys": 0,
        "known": 0,
        "known_findings": {"blocker": 0, "major": 0, "minor": 0, "info": 0},
        "known_blocking": 0,
        "pages_not_rendered": 0,
    }
    assert data["journeys"] == []


def test_a_site_with_no_findings_is_ready() -> None:
    data = data_of(sample_report(findings=()))
    assert data["verdict"] == "ready"
    assert data["findings"] == []
    assert data["summary"]["findings"] == {"blocker": 0, "major": 0, "minor": 0, "info": 0}


def test_fail_on_changes_the_verdict_in_the_json() -> None:
    assert data_of(sample_report(fail_on=Severity.BLOCKER))["verdict"] == "ready"


PAGE_KEYS = (
    "url",
    "status",
    "title",
    "ttfb_ms",
    "fcp_ms",
    "load_ms",
    "lcp_ms",
    "cls",
    "tbt_ms",
    "requests",
    "bytes",
)


def test_pages_carry_the_design_figures() -> None:
    home, gone = data_of(sample_report())["pages"]
    for key in PAGE_KEYS:
        assert key in home, key
    assert (home["url"], home["status"], home["title"]) == ("http://h/", 200, "Home")
    assert home["ttfb_ms"] == 4.0 and home["load_ms"] == 40.0
    assert (home["requests"], home["bytes"]) == (3, 1234)
    assert home["lcp_ms"] is None and home["cls"] is None  # not measured: null, not 0
    assert gone["status"] == 404


def test_page_figures_come_from_the_snapshot() -> None:
    snapshot = PageSnapshot(
        url="http://h/a",
        final_url="http://h/a/",
        status=200,
        title="A",
        timings=Timings(ttfb_ms=12.5, dom_content_loaded_ms=80.0, load_ms=150.0, fcp_ms=90.0),
        requests=7,
        bytes=4096,
        depth=2,
    )
    (page,) = data_of(sample_report(pages=(PageResult.of(snapshot),)))["pages"]
    assert page["url"] == "http://h/a"
    assert (page["ttfb_ms"], page["fcp_ms"], page["load_ms"]) == (12.5, 90.0, 150.0)
    assert (page["requests"], page["bytes"]) == (7, 4096)


def test_a_page_that_did_not_load_has_null_status_and_says_why() -> None:
    failed = PageResult("http://h/slow", None, error="no answer within 30 s")
    (page,) = data_of(sample_report(pages=(failed,)))["pages"]
    assert page["status"] is None
    assert page["error"] == "no answer within 30 s"
    assert page["load_ms"] is None


def test_findings_carry_pages_and_fingerprint() -> None:
    (entry,) = data_of(sample_report())["findings"]
    assert entry["pages"] == ["http://h/gone", "http://h/x"]
    assert entry["fingerprint"] == GONE.fingerprint
    assert entry["check"] == "page-health" and entry["rule"] == "http-error"
    assert entry["severity"] == "major"
    assert entry["url"] == "http://h/gone"
    assert entry["target"] == "http://h/gone"
    assert entry["message"] == GONE.message
    assert entry["help"] == GONE.help
    for key in ("selector", "evidence"):
        assert isinstance(entry[key], str)


def test_findings_are_listed_worst_first() -> None:
    minor = Finding("page-health", "console-error", Severity.MINOR, "http://h/", "logged")
    groups = group_findings([minor, GONE])
    severities = [f["severity"] for f in data_of(sample_report(findings=tuple(groups)))["findings"]]
    assert severities == ["major", "minor"]


def test_text_is_written_as_is_not_escaped() -> None:
    accented = replace(GONE, message="La page « Café » est introuvable")
    text = json_report.render(sample_report(findings=tuple(group_findings([accented]))))
    assert "« Café »" in text
    assert text.endswith("\n")


def test_load_reads_back_what_render_wrote(tmp_path: Path) -> None:
    report = sample_report(duration_s=12.5)
    path = tmp_path / "r.json"
    path.write_text(json_report.render(report))
    assert json_report.load(path) == report


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{oops", "r.json:1: not a JSON report"),
        ("[]", "not a cxcheck JSON report"),
        ('{"schema": 2}', "schema 2, expected 1"),
        ('{"schema": 1, "site": "x"}', "missing 'started'"),
    ],
)
def test_load_says_what_is_wrong_with_a_file(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "r.json"
    path.write_text(content)
    with pytest.raises(UsageError, match=re.escape(words)):
        json_report.load(path)


def test_load_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read"):
        json_report.load(tmp_path / "missing.json")
