"""Each sample site, crawled with real Chromium, yields exactly its documented problems.

`sample_sites/<site>/expected.toml` lists the planted problems. For every check that is
loaded, its findings must equal that check's entries: none missed, none extra. The clean
site lists none, so any finding there is a false positive.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator

import pytest

from cxcheck.plugins import discover
from cxcheck.report.model import Report
from cxcheck.serve import serve_folder
from tests.conftest import SAMPLE_SITES
from tests.integration.crawling import path_of, run_engine

SITES = sorted(p.name for p in SAMPLE_SITES.iterdir() if (p / "expected.toml").is_file())
Problem = tuple[str, str, str]  # check, rule, page path


def expected_problems(site: str, checks: set[str]) -> set[Problem]:
    data = tomllib.loads((SAMPLE_SITES / site / "expected.toml").read_text())
    return {
        (p["check"], p["rule"], p["page"]) for p in data.get("problem", []) if p["check"] in checks
    }


def found_problems(report: Report) -> set[Problem]:
    return {
        (group.finding.check, group.finding.rule, path_of(page))
        for group in report.findings
        for page in group.pages
    }


@pytest.fixture(scope="module", params=SITES)
def site_report(request: pytest.FixtureRequest) -> Iterator[tuple[str, Report]]:
    with serve_folder(SAMPLE_SITES / request.param) as served:
        yield request.param, run_engine(served.url, ignore_https_errors=served.self_signed).report


@pytest.mark.usefixtures("chromium")
def test_findings_equal_the_planted_problems(site_report: tuple[str, Report]) -> None:
    site, report = site_report
    loaded = {c.name for c in discover()}
    found, expected = found_problems(report), expected_problems(site, loaded)
    assert not found - expected, f"false positives on {site}: {sorted(found - expected)}"
    assert not expected - found, f"missed on {site}: {sorted(expected - found)}"


@pytest.mark.usefixtures("chromium")
def test_verdict_follows_the_findings(site_report: tuple[str, Report]) -> None:
    site, report = site_report
    assert report.verdict == ("ready" if site == "clean" else "not ready")
    assert report.complete


def test_every_sample_site_documents_its_problems() -> None:
    assert {"shop", "clean"} <= set(SITES)
    for site in SITES:
        assert (SAMPLE_SITES / site / "README.md").is_file()


@pytest.mark.usefixtures("chromium")
def test_shop_menu_entry_to_a_coming_soon_page_is_a_blocker_naming_it(
    site_report: tuple[str, Report],
) -> None:
    site, report = site_report
    placeholder_pages = [g for g in report.findings if g.finding.rule == "placeholder-page"]
    if site != "shop":
        assert placeholder_pages == []
        return
    (group,) = placeholder_pages
    assert path_of(group.pages[0]) == "/gift-cards.html"
    assert group.finding.severity.value == "blocker"
    assert "“Gift cards” in the site's menu" in group.finding.message
