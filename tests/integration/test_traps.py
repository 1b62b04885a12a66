"""A site made of crawler traps (endless calendar, faceted search without end, session ids in
every link) finishes within its limits, and the report says which guard stopped what."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from cxcheck.report.model import Report
from cxcheck.serve import serve_folder
from tests.conftest import TEST_SITES
from tests.integration.crawling import path_of, run_engine

pytestmark = pytest.mark.usefixtures("chromium")

VARIANTS = 20


def _crawl(url: str) -> Report:
    """Default limits but max_query_variants, only page-health; fails (not hangs) if endless."""
    found: list[Report] = []
    worker = threading.Thread(
        target=lambda: found.append(
            run_engine(url, only=("page-health",), max_query_variants=VARIANTS).report
        ),
        daemon=True,
    )
    worker.start()
    worker.join(300)
    if worker.is_alive():
        pytest.fail("the crawl of the trap site did not end")
    return found[0]


def test_a_trap_site_finishes_within_its_limits_and_says_what_was_held_back() -> None:
    log: list[str] = []
    with serve_folder(TEST_SITES / "traps", log=log) as served:
        report = _crawl(served.url)
    asked = Counter(line.split(" ", 1)[1].split("?")[0] for line in log if line.startswith("GET"))
    paths = Counter(path_of(page.url).split("?")[0].split(";")[0] for page in report.pages)

    assert report.complete
    assert paths["/search.html"] == asked["/search.html"] == VARIANTS
    assert paths["/calendar.html"] <= VARIANTS
    assert report.skipped["query-variants"] > 0
    # A new session id in every link makes no new page: each is visited once.
    assert paths["/account.html"] == paths["/basket.html"] == 1
    assert asked["/account.html"] == asked["/basket.html"] == 1
    # The one ordinary page is crawled and clean.
    assert paths["/shop.html"] == 1
    assert not [f for f in report.findings if "/shop.html" in f.pages[0]]
    assert len(report.pages) < 3 * VARIANTS
