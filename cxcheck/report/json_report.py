"""The schema-1 JSON report of DESIGN.md. This module alone spells its field names."""

from __future__ import annotations

import json
from typing import Any

from cxcheck.findings import GroupedFinding
from cxcheck.report.model import PageResult, Report

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
        "browser": report.browser,
        "profile": report.profile,
        "summary": {"pages": len(report.pages), "findings": report.severity_counts},
        "checks": [
            {"name": c.name, "origin": c.origin, "description": c.description, "engine": c.engine}
            for c in report.checks
        ],
        "skipped": dict(report.skipped),
        "notes": list(report.notes),
        "pages": [_page(p) for p in report.pages],
        "findings": [_finding(f) for f in report.findings],
        "journeys": [],
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
    }


def _finding(group: GroupedFinding) -> dict[str, Any]:
    f = group.finding
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
    }
