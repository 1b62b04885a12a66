"""The accessibility check with real Chromium and axe-core on fixture pages.

`tests/sites/a11y/expected.json` maps each fixture page to the axe rules it violates under
standard = "best-practice"; look-alike pages that are accessible map to none.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import async_playwright

from checks.accessibility import Accessibility, selector_of
from cxcheck.browser import LAUNCH_ARGS, choose_browser
from cxcheck.config import BrowserConfig
from cxcheck.report.model import Report
from cxcheck.serve import serve_folder
from tests.conftest import TEST_SITES
from tests.integration.crawling import path_of, run_engine

pytestmark = pytest.mark.usefixtures("chromium")
SITE = TEST_SITES / "a11y"
BEST_PRACTICE = {"accessibility": {"standard": "best-practice"}}


def found_rules(report: Report) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {path_of(p.url): set() for p in report.pages}
    for group in report.findings:
        for page in group.pages:
            found[path_of(page)].add(group.finding.rule)
    return found


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    with serve_folder(SITE) as site:
        yield site.url


@pytest.fixture(scope="module")
def report(served: str) -> Report:
    return run_engine(served, only=("accessibility",), options=BEST_PRACTICE).report


def test_each_fixture_page_gets_exactly_its_violations(report: Report) -> None:
    expected = {
        page: set(rules) for page, rules in json.loads((SITE / "expected.json").read_text()).items()
    }
    assert found_rules(report) == expected


def test_findings_are_worded_for_people_and_carry_evidence(report: Report) -> None:
    by_rule = {g.finding.rule: g.finding for g in report.findings}
    alt = by_rule["image-alt"]
    assert alt.message == "Screen-reader users cannot tell what this image shows."
    assert alt.severity.value == "blocker"  # axe impact "critical"
    assert alt.evidence.startswith('<img src="dot.svg"')
    assert "WCAG 1.1.1" in alt.help and "dequeuniversity.com/rules/axe/" in alt.help
    assert by_rule["color-contrast"].severity.value == "major"  # "serious"
    assert "#bbbbbb" in by_rule["color-contrast"].help


def test_a_shadow_root_component_is_checked(report: Report) -> None:
    (group,) = [g for g in report.findings if path_of(g.pages[0]) == "/shadow-button.html"]
    assert group.finding.selector == "#host >> button"


def test_axe_version_is_recorded(report: Report) -> None:
    (check,) = report.checks
    assert check.engine == f"axe-core {Accessibility.engine.split()[-1]}"
    assert check.engine.startswith("axe-core 4.")


async def _axe_itself(url: str, options: dict[str, Any]) -> set[tuple[str, str]]:
    """What axe-core reports on a page when run the library's own way."""
    executable = choose_browser(BrowserConfig(), "").location
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable, args=list(LAUNCH_ARGS)
        )
        page = await browser.new_page()
        await page.goto(url)
        results = await Axe().run(page, options=options)
        await browser.close()
    return {
        (v["id"], selector_of(n["target"]))
        for v in results.response["violations"]
        for n in v["nodes"]
    }


def test_results_match_what_axe_core_reports_on_the_same_pages(served: str, report: Report) -> None:
    ours: dict[str, set[tuple[str, str]]] = {}
    for group in report.findings:
        for page in group.pages:
            ours.setdefault(path_of(page), set()).add((group.finding.rule, group.finding.selector))
    options = Accessibility(standard="best-practice").capture_requests()[0].options
    for page in (
        "/missing-alt.html",
        "/low-contrast.html",
        "/no-main.html",
        "/broken-list.html",
        "/unlabelled-input.html",
        "/alt-ok.html",
        "/untitled-frame.html",
    ):
        assert ours.get(page, set()) == asyncio.run(
            _axe_itself(served + page.lstrip("/"), options)
        ), page


def test_needs_review_results_are_info_findings_only_when_asked(served: str) -> None:
    url = served + "duplicate-aria-id.html"
    quiet = run_engine(url, only=("accessibility",), max_pages=1).report
    assert quiet.findings == ()
    asked = run_engine(
        url, only=("accessibility",), max_pages=1, options={"accessibility": {"incomplete": True}}
    ).report
    (group,) = [g for g in asked.findings if g.finding.rule == "duplicate-id-aria"]
    assert group.finding.severity.value == "info"
    assert group.finding.message.startswith("Needs review: ")


def test_rules_and_scope_options_change_what_axe_runs(served: str) -> None:
    options = {"accessibility": {"rules": {"disable": ["image-alt"]}}}
    url = served + "missing-alt.html"
    assert (
        run_engine(url, only=("accessibility",), max_pages=1, options=options).report.findings == ()
    )
    excluded = {"accessibility": {"exclude": ["img"]}}
    assert (
        run_engine(url, only=("accessibility",), max_pages=1, options=excluded).report.findings
        == ()
    )


def test_iframes_of_any_origin_are_checked(tmp_path: Path) -> None:
    """axe-playwright-python alone misses the cross-origin frame; the check does not."""
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "inner.html").write_text(
        '<html lang="en"><title>Inner</title><img src="x.svg"></html>'
    )
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "same.html").write_text(
        '<html lang="en"><title>Same</title><input type="text"></html>'
    )
    with serve_folder(tmp_path / "other") as other:
        (tmp_path / "site" / "index.html").write_text(
            '<!doctype html><html lang="en"><title>Frames</title><main><h1>Frames</h1>'
            f'<iframe title="same" src="same.html"></iframe>'
            f'<iframe title="cross" src="{other.url}inner.html"></iframe></main></html>'
        )
        with serve_folder(tmp_path / "site") as site:
            report = run_engine(site.url, only=("accessibility",), max_pages=1).report
            options = Accessibility().capture_requests()[0].options
            library_alone = asyncio.run(_axe_itself(site.url, options))
    ours = {(g.finding.rule, g.finding.selector) for g in report.findings}
    assert ours == {
        ("label", 'iframe[title="same"] >>> input'),
        ("image-alt", 'iframe[title="cross"] >>> img'),
    }
    assert ("image-alt", 'iframe[title="cross"] >>> img') not in library_alone
