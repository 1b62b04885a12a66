"""The public API check authors import, and the browser-free core: importing the checks, the
report or the snapshot types never loads Playwright."""

from __future__ import annotations

import subprocess
import sys

import pytest

import cxcheck

BROWSER_FREE = [
    "cxcheck",
    "cxcheck.snapshot",
    "cxcheck.captures",
    "cxcheck.contract",
    "cxcheck.findings",
    "cxcheck.urls",
    "cxcheck.testing",
    "cxcheck.overlaps",
    "checks.page_health",
    "checks.dead_navigation",
    "checks.accessibility",
    "checks.slow_pages",
    "checks.under_construction",
    "checks.devices",
    "cxcheck.report.model",
    "cxcheck.report.json_report",
    "cxcheck.report.html",
    "cxcheck.report.terminal",
    "cxcheck.report.markdown",
    "cxcheck.report.junit",
    "cxcheck.report.sarif",
    "cxcheck.report.triage",
    "cxcheck.report.merge",
]


@pytest.mark.parametrize("module", BROWSER_FREE)
def test_importing_it_loads_no_browser_code(module: str) -> None:
    probe = (
        f"import sys, {module}, cxcheck; "
        "getattr(cxcheck, 'Check'); "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'playwright' "
        "or m.startswith(('cxcheck.crawl', 'axe_playwright_python.')));"
        "print(' '.join(loaded))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} loads {out.stdout.strip()}"


def test_every_public_name_is_there() -> None:
    for name in cxcheck.__all__:
        assert getattr(cxcheck, name) is not None, name
    assert cxcheck.__version__


def test_a_check_written_against_the_public_api_runs_without_a_browser() -> None:
    from cxcheck import Finding, Severity, context_for, snapshot_from_html

    class Titles:
        name, description, needs = "titles", "Every page has a title.", frozenset()

        def check_page(self, page: cxcheck.PageSnapshot, ctx: cxcheck.CheckContext):  # type: ignore[no-untyped-def]
            if not page.title:
                yield Finding(self.name, "no-title", Severity.MINOR, page.url, "No title.")

    page = snapshot_from_html("<h1>Hi</h1>")
    assert isinstance(Titles(), cxcheck.Check)
    assert [f.rule for f in Titles().check_page(page, context_for(page))] == ["no-title"]


def test_all_lists_exactly_the_names_it_can_give() -> None:
    assert sorted(cxcheck.__all__) == sorted(cxcheck._MODULE_OF)


def test_the_axe_core_script_is_where_cxcheck_reads_it() -> None:
    """Fails loudly when axe-playwright-python stops shipping axe.min.js where it did."""
    from cxcheck.axe_core import axe_script, axe_version

    assert "axe.run" in axe_script() or "runRules" in axe_script()
    assert axe_version().count(".") == 2, axe_version()
