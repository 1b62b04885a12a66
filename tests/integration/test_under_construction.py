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
