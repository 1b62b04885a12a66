"""The schema-1 JSON report that other tools read."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from cxcheck.findings import Finding, Severity, group_findings
from cxcheck.report import json_report
from cxcheck.report.model import PageResult, Report


def sample_report() -> Report:
    f = Finding(
        "page-health",
        "http-error",
        Severity.MAJOR,
        "http://h/gone",
        "404",
        target="http://h/gone",
        help="fix it",
    )
    return Report(
        site="http://h/",
        started=datetime(2026, 11, 23, tzinfo=UTC),
        duration_s=12.345,
        pages=(
            PageResult(
                "http://h/", 200, title="Home", ttfb_ms=4.0, load_ms=40.0, requests=3, bytes=1234
            ),
        ),
        findings=tuple(group_findings([f, f.__class__(**{**f.__dict__, "url": "http://h/x"})])),
        tool_version="1.2.3",
    )


def test_top_level_fields_and_types() -> None:
    data = json.loads(json_report.render(sample_report()))
    assert data["schema"] == 1
    assert data["tool"] == {"name": "cxcheck", "version": "1.2.3"}
    assert data["site"] == "http://h/"
    assert data["started"] == "2026-11-23T00:00:00+00:00"
    assert data["duration_s"] == 12.35
    assert data["verdict"] == "not ready"
    assert data["summary"] == {
        "pages": 1,
        "findings": {"blocker": 0, "major": 1, "minor": 0, "info": 0},
    }
    assert data["journeys"] == []


def test_page_figures_use_the_design_names() -> None:
    page = json.loads(json_report.render(sample_report()))["pages"][0]
    for key in (
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
    ):
        assert key in page
    assert page["ttfb_ms"] == 4.0 and page["lcp_ms"] is None and page["bytes"] == 1234


def test_findings_carry_pages_and_fingerprint() -> None:
    (entry,) = json.loads(json_report.render(sample_report()))["findings"]
    assert entry["pages"] == ["http://h/gone", "http://h/x"]
    assert len(entry["fingerprint"]) == 16
    for key in ("check", "rule", "severity", "url", "target", "selector", "message", "help"):
        assert key in entry
