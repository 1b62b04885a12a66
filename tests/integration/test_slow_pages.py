"""slow-pages on its fixture site, crawled with the real Chromium: each slow page is flagged
with the right rule and severity, fast pages stay silent, only pages over budget are loaded
again, and the mobile profile really slows the network down."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cxcheck.report.model import Report
from cxcheck.serve import serve_folder
from tests.conftest import TEST_SITES
from tests.integration.crawling import path_of, run_engine

pytestmark = pytest.mark.usefixtures("chromium")


@dataclass
class Served:
    url: str
    log: list[str]

    def gets(self) -> Counter[str]:
        return Counter(line.split(" ", 1)[1] for line in self.log if line.startswith("GET "))


def _big_picture(path: Path, size: int = 2_500_000) -> None:
    """An SVG of about `size` bytes (a comment pads it): a heavy page without a binary file."""
    shape = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200">'
    padding = "x" * (size - 200)
    path.write_text(f'{shape}<!-- {padding} --><rect width="300" height="200"/></svg>')


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("slow") / "site"
    shutil.copytree(TEST_SITES / "slow", root)
    _big_picture(root / "big.svg")
    log: list[str] = []
    with serve_folder(root, log=log) as site:
        yield Served(site.url, log)


@pytest.fixture(scope="module")
def report(served: Served) -> Report:
    return run_engine(served.url, only=("slow-pages",)).report


def found(report: Report) -> set[tuple[str, str, str]]:
    return {
        (g.finding.rule, path_of(page), g.finding.severity.value)
        for g in report.findings
        for page in g.pages
    }


def test_each_slow_page_is_flagged_with_its_rule_and_fast_pages_are_not(report: Report) -> None:
    assert found(report) == {
        ("slow-response", "/late.html", "minor"),
        ("heavy-page", "/heavy.html", "major"),
        ("layout-shift", "/jumpy.html", "major"),
        ("blocking-time", "/busy.html", "major"),
    }


def test_findings_say_what_a_customer_experiences_and_what_is_to_blame(report: Report) -> None:
    messages = {g.finding.rule: g.finding.message for g in report.findings}
    assert "The page weighs 2.5 MB (budget 1.0 MB)" in messages["heavy-page"]
    assert "Largest file: /big.svg (image, 2.5 MB)" in messages["heavy-page"]
    assert "The page ignores clicks and keys for" in messages["blocking-time"]
    assert "1 long task; the longest took" in messages["blocking-time"]
    assert "The page jumps while customers read it" in messages["layout-shift"]
    assert "Everything on the page moved at once" in messages["layout-shift"]
    assert "to start answering (time to first byte; budget 0.8 s)" in messages["slow-response"]
    assert all(m.endswith("Median of 3 loads, each alone.") for m in messages.values())


def test_only_pages_over_budget_are_loaded_again_three_times(
    served: Served, report: Report
) -> None:
    gets = served.gets()
    assert gets["/fast.html"] == 1
    assert gets["/"] == 1
    for page in ("/late.html", "/heavy.html", "/jumpy.html", "/busy.html"):
        assert gets[page] == 4, page  # the crawl's load, then 3 alone
    (note,) = [n for n in report.notes if n.startswith("Slow pages:")]
    assert "4 pages looked over budget during the crawl" in note
    assert "judged on the median" in note


def test_every_page_carries_its_figures_in_the_report(report: Report) -> None:
    pages = {path_of(p.url): p for p in report.pages}
    busy, fast = pages["/busy.html"], pages["/fast.html"]
    assert fast.lcp_ms is not None and fast.lcp_ms > 0
    assert fast.cls == 0 and fast.tbt_ms == 0
    assert busy.tbt_ms is not None and busy.tbt_ms > 400
    assert pages["/jumpy.html"].cls is not None and pages["/jumpy.html"].cls > 0.2
    assert report.profile == "desktop"


def test_samples_zero_judges_on_the_crawls_own_load(tmp_path: Path) -> None:
    log: list[str] = []
    with serve_folder(TEST_SITES / "slow", log=log) as site:
        report = run_engine(
            site.url + "late.html", only=("slow-pages",), options={"slow-pages": {"samples": 0}}
        ).report
    assert [g.finding.rule for g in report.findings] == ["slow-response"]
    assert sum(1 for line in log if line == "GET /late.html") == 1


def test_the_mobile_profile_slows_the_network_as_a_phone_on_slow_4g() -> None:
    """A 600 ms budget for the main content: nothing on loopback, but slow 4G adds 562.5 ms
    of latency to the page's own answer before anything can show."""
    options = {"slow-pages": {"lcp_ms": 600, "samples": 1}}
    with serve_folder(TEST_SITES / "slow") as site:
        url = site.url + "fast.html"
        desktop = run_engine(url, only=("slow-pages",), options=options, max_pages=1).report
        mobile = run_engine(
            url, only=("slow-pages",), options=options, max_pages=1, profile="mobile"
        ).report
    assert desktop.findings == ()
    assert [g.finding.rule for g in mobile.findings] == ["slow-lcp"]
    assert mobile.profile == "mobile"
    (note,) = [n for n in mobile.notes if n.startswith("Slow pages:")]
    assert "mobile profile" in note
