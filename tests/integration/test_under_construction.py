"""under-construction in the real browser: only what a customer sees counts, including
text that JavaScript writes."""

from __future__ import annotations

import pytest

from cxcheck.serve import serve_folder
from tests.conftest import TEST_SITES
from tests.integration.crawling import path_of, run_engine

pytestmark = pytest.mark.usefixtures("chromium")


def test_hidden_text_and_ordinary_sentences_stay_silent_but_script_written_leftovers_count() -> (
    None
):
    with serve_folder(TEST_SITES / "unfinished") as served:
        report = run_engine(served.url, only=("under-construction",)).report
    found = [
        (g.finding.rule, path_of(p), g.finding.evidence) for g in report.findings for p in g.pages
    ]
    assert found == [("placeholder-content", "/tickets.html", "£NaN")]


def findings_of(folder: str, **crawl: object) -> list[tuple[str, str, str]]:
    with serve_folder(TEST_SITES / folder) as served:
        report = run_engine(served.url, only=("under-construction",), **crawl).report
    return sorted(
        (g.finding.rule, g.finding.severity.value, path_of(p))
        for g in report.findings
        for p in g.pages
    )


def test_placeholder_pages_and_go_live_leftovers_through_a_real_crawl() -> None:
    """The notice split over two blocks, a picture alone, a title alone and slots a script
    fills in are placeholder pages (blockers: the menu links them); a construction firm's
    "Under construction" badges stay silent; noindex on the home page, a canonical address
    on staging, a test address, no 404 page and no icon are reported."""
    assert findings_of("construction") == [
        ("bare-error-page", "minor", "/"),
        ("no-favicon", "minor", "/"),
        ("noindex", "major", "/"),
        ("other-environment", "major", "/contact.html"),
        ("placeholder-page", "blocker", "/careers.html"),
        ("placeholder-page", "blocker", "/gift-cards.html"),
        ("placeholder-page", "blocker", "/press.html"),
        ("placeholder-page", "blocker", "/template.html"),
        ("test-data", "major", "/contact.html"),
    ]


def test_robots_txt_shutting_out_every_crawler_through_a_real_crawl() -> None:
    assert findings_of("golive-robots", respect_robots=False) == [
        ("robots-disallow-all", "major", "/"),
    ]
