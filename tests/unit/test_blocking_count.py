"""One count, every output: the number of problems that block launch is the same in the
terminal, the HTML, the JSON summary, the Markdown, the JUnit XML and the SARIF log."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup
from rich.console import Console

from cxcheck.report import html, json_report, junit, markdown, sarif, terminal
from cxcheck.report.model import Report
from tests.fixtures.reports import empty_report, rich_report, shop_report


def counts_in_every_output(report: Report) -> dict[str, int]:
    console = Console(width=200, record=True, color_system=None)
    console.print(terminal.render(report))
    first_line = console.export_text().splitlines()[0]
    page = BeautifulSoup(html.render(report), "html.parser")
    shown = page.select_one('[data-count="blocking"]')
    headline = markdown.render(report).splitlines()[0]
    verdict = ET.fromstring(junit.render(report).encode()).find("testsuite[@name='verdict']")
    properties = {p.get("name"): p.get("value") for p in verdict.iter("property")}
    run = json.loads(sarif.render(report))["runs"][0]
    return {
        "terminal": _number(first_line),
        "html": int(shown.get_text()) if shown else 0,
        "json": json.loads(json_report.render(report))["summary"]["blocking"],
        "markdown": _number(headline),
        "junit": int(properties["blocking"]),
        "sarif": run["properties"]["blocking"],
    }


def _number(line: str) -> int:
    found = re.search(r"(\d[\d,]*) problems? blocks? launch", line)
    return int(found.group(1).replace(",", "")) if found else 0


@pytest.mark.parametrize(
    "report",
    [rich_report(), shop_report(), empty_report(), replace(rich_report(), findings=())],
    ids=["findings and failed journeys", "the sample shop", "ready", "journeys only"],
)
def test_every_output_shows_the_same_blocking_count(report: Report) -> None:
    expected = len(report.blocking) + len(report.failed_journeys)
    assert report.blockers.count == expected
    assert counts_in_every_output(report) == dict.fromkeys(
        ("terminal", "html", "json", "markdown", "junit", "sarif"), expected
    )
