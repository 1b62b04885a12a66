"""Accepted is not absent: problems a baseline accepted are said beside the verdict, counted
apart in every area, and carried in the JSON summary, the terminal and the Markdown."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup
from rich.console import Console

from cxcheck.findings import Finding, GroupedFinding, Severity
from cxcheck.report import html, json_report, markdown, terminal
from cxcheck.report.areas import ACCEPTED, area_results
from cxcheck.report.model import AcceptedProblems, Report
from cxcheck.report.triage import Baseline, problem_of, triage
from tests.fixtures.reports import shop_data, shop_report


def accepted_shop() -> Report:
    """The sample shop's next run after `cxcheck baseline save`: every finding accepted."""
    report = shop_report()
    problems = tuple(problem_of(g) for g in report.findings)
    return triage(report, baseline=Baseline("cxcheck-baseline.json", report.site, problems))


def groups_of(*severities: Severity) -> tuple[GroupedFinding, ...]:
    return tuple(
        GroupedFinding(Finding("c", f"r{i}", s, "http://h/", "m"), ("http://h/",))
        for i, s in enumerate(severities)
    )


B, MA, MI, INFO = Severity.BLOCKER, Severity.MAJOR, Severity.MINOR, Severity.INFO


@pytest.mark.parametrize(
    ("severities", "sentence", "would_block"),
    [
        ((), "", ""),
        ((B,), "1 known problem accepted in the baseline, a blocker", "it would"),
        ((MI,), "1 known problem accepted in the baseline, not a blocker", ""),
        (
            (B,) * 4 + (MA,) * 20 + (MI,) * 9,
            "33 known problems accepted in the baseline, 4 of them blockers",
            "24 of them would",
        ),
        ((B, MI), "2 known problems accepted in the baseline, 1 of them a blocker", "1 of them"),
        ((MA, MA), "2 known problems accepted in the baseline, none of them blockers", "all of"),
        ((B, B), "2 known problems accepted in the baseline, all of them blockers", "all of"),
        ((MI, INFO), "2 known problems accepted in the baseline, none of them blockers", ""),
    ],
)
def test_the_sentence_says_how_many_and_how_bad(
    severities: tuple[Severity, ...], sentence: str, would_block: str
) -> None:
    accepted = AcceptedProblems(groups_of(*severities), Severity.MAJOR)
    assert accepted.sentence() == sentence
    if would_block:
        assert would_block in accepted.would_block_sentence()
        assert accepted.would_block_sentence().startswith("Without the baseline, ")
    else:
        assert accepted.would_block_sentence() == ""


def test_html_verdict_says_ready_and_what_was_accepted() -> None:
    report = accepted_shop()
    assert report.verdict == "ready" and len(report.known) == 34
    page = BeautifulSoup(html.render(report), "html.parser")
    verdict = " ".join(page.select_one(".verdict").get_text(" ").split())
    assert verdict.startswith("✓ Ready")
    assert "Ready — 34 known problems accepted in the baseline, 4 of them blockers." in verdict
    assert "Without the baseline, 24 of them would block launch." in verdict
    assert page.title.get_text().startswith("Ready (34 known problems accepted)")
    assert page.select_one('[data-count="known"] strong').get_text() == "34"


def test_no_area_card_says_no_problems_while_known_ones_remain() -> None:
    report = accepted_shop()
    page = BeautifulSoup(html.render(report), "html.parser")
    for result in area_results(report):
        card = page.select_one(f'[data-area-card="{result.area.key}"]')
        text = " ".join(card.get_text(" ").split())
        if result.known:
            assert "No problems found" not in text
            assert result.status == ACCEPTED and "Known problems" in text
            assert f"{len(result.known)} known problem" in text
            n = sum(g.finding.severity.at_least(report.fail_on) for g in result.known)
            assert f"({n} would block launch without it)" in text or not n
    # Every accepted finding counts in the area its check declares (read from the raw JSON).
    data = shop_data()
    area_of = {c["name"]: c["area"] for c in data["checks"]}
    expected = Counter(area_of[f["check"]] for f in data["findings"])
    known_per_area = {r.area.key: len(r.known) for r in area_results(report) if r.known}
    assert known_per_area == dict(expected) and sum(expected.values()) == 34


def test_scores_count_accepted_problems_so_a_baseline_does_not_raise_them() -> None:
    before = {r.area.key: r.score for r in area_results(shop_report())}
    after = {r.area.key: r.score for r in area_results(accepted_shop())}
    assert after == before


def test_json_summary_carries_the_known_counts() -> None:
    summary = json.loads(json_report.render(accepted_shop()))["summary"]
    assert summary["known"] == 34
    assert summary["known_findings"] == {"blocker": 4, "major": 20, "minor": 10, "info": 0}
    assert summary["known_blocking"] == 24
    assert summary["findings"] == {"blocker": 0, "major": 0, "minor": 0, "info": 0}
    assert summary["blocking"] == 0


def test_terminal_says_it_under_the_verdict() -> None:
    console = Console(width=200, record=True, color_system=None)
    console.print(terminal.render(accepted_shop()))
    lines = console.export_text().splitlines()
    assert lines[0] == "✓ READY  no new finding at or above major"
    assert lines[1] == (
        "  — 34 known problems accepted in the baseline, 4 of them blockers. "
        "Without the baseline, 24 of them would block launch."
    )
    assert "20 pages in" in lines[2]


def test_markdown_headline_and_counts() -> None:
    lines = markdown.render(accepted_shop()).splitlines()
    assert (
        lines[0] == "### ✅ Ready — 34 known problems accepted in the baseline, 4 of them blockers"
    )
    assert "34 known from the baseline (4 blocker · 20 major · 10 minor; 24 would block" in lines[2]


def test_not_ready_with_a_baseline_says_both() -> None:
    report = accepted_shop()
    new = shop_report().findings[0]
    report = replace(report, findings=(new,))
    page = BeautifulSoup(html.render(report), "html.parser")
    verdict = " ".join(page.select_one(".verdict").get_text(" ").split())
    assert verdict.startswith("✗ Not ready 1 problem blocks launch.")
    assert "Also: 34 known problems accepted in the baseline" in verdict
