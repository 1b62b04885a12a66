"""Each sample site, crawled with real Chromium, yields exactly its documented problems.

`sample_sites/<site>/expected.toml` lists the planted problems. For every check that is
loaded, its findings must equal that check's entries: none missed, none extra. The clean
site lists none, so any finding there is a false positive. `page = "*"` stands for a problem
of the whole site that one finding reports on every page it concerns (a missing header).
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

import pytest

from cxcheck.plugins import discover
from cxcheck.report import json_report
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


def found_problems(report: Report, site_wide: Collection[tuple[str, str]] = ()) -> set[Problem]:
    """(check, rule, page) of every finding; "*" for the page of a site-wide one."""
    return {
        (f.check, f.rule, "*" if (f.check, f.rule) in site_wide else path_of(page))
        for group in report.findings
        for page in group.pages
        if (f := group.finding)
    }


@pytest.fixture(scope="module", params=SITES)
def site_report(request: pytest.FixtureRequest) -> Iterator[tuple[str, Report]]:
    with serve_folder(SAMPLE_SITES / request.param) as served:
        yield request.param, run_engine(served.url, ignore_https_errors=served.self_signed).report


@pytest.mark.usefixtures("chromium")
def test_findings_equal_the_planted_problems(site_report: tuple[str, Report]) -> None:
    site, report = site_report
    loaded = {c.name for c in discover()}
    expected = expected_problems(site, loaded)
    found = found_problems(report, {(check, rule) for check, rule, page in expected if page == "*"})
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


GOLDEN = Path(__file__).parent.parent / "golden"
# Figures that change from run to run; everything else in the report must not.
_VOLATILE_PAGE_FIELDS = ("ttfb_ms", "fcp_ms", "dcl_ms", "load_ms", "lcp_ms", "cls", "tbt_ms")


def stable_view(data: dict[str, Any]) -> dict[str, Any]:
    """The JSON report without timings, ports, versions and dates: what a golden file holds."""
    text = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", json.dumps(data))
    data = json.loads(text)
    for key in ("started", "duration_s", "browser", "tool"):
        data.pop(key)
    data["settings"].pop("concurrency")
    # Whether a page's median was a close call that took more loads is timing, too.
    notes = [note for note in data["notes"] if "close call" not in note]
    data["notes"] = [re.sub(r"\d+(\.\d+)?", "#", note) for note in notes]
    for page in data["pages"]:
        volatile = ("requests", "bytes", "bytes_by_type", "lcp_element", "samples", "crawl_figures")
        for key in (*_VOLATILE_PAGE_FIELDS, *volatile):
            page.pop(key)
    data["pages"].sort(key=lambda p: p["url"])
    for finding in data["findings"]:
        if finding["check"] == "slow-pages":  # its words follow the figures measured
            finding.pop("message")
            finding.pop("evidence")
        finding["pages"].sort()
    data["findings"].sort(key=lambda f: (f["check"], f["rule"], f["fingerprint"]))
    return data


@pytest.mark.usefixtures("chromium")
def test_json_report_equals_the_golden_file(site_report: tuple[str, Report]) -> None:
    """Set UPDATE_GOLDEN=1 to rewrite tests/golden/<site>.json after a deliberate change."""
    site, report = site_report
    golden = GOLDEN / f"{site}.json"
    view = stable_view(json_report.to_data(report))
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(view, indent=2, ensure_ascii=False) + "\n")
    assert view == json.loads(golden.read_text())
