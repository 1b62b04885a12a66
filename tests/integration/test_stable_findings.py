"""The same site gets the same findings: whatever the concurrency and the machine's load, and
whatever other axe rules run beside a rule."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cxcheck.findings import Finding
from cxcheck.report.model import Report
from cxcheck.serve import serve_folder
from tests.conftest import TEST_SITES
from tests.integration.crawling import path_of, run_engine

SITE = TEST_SITES / "a11y-stable"
Found = tuple[str, str, str, str, str]  # check, rule, page, element, fingerprint (baselines)


def findings_of(report: Report) -> set[Found]:
    return {
        (g.finding.check, g.finding.rule, path_of(page), g.finding.selector, g.fingerprint)
        for g in report.findings
        for page in g.pages
    }


def _burn() -> None:
    while True:
        pass


@contextmanager
def cpu_hog() -> Iterator[None]:
    """Every core kept busy by another process while the block runs."""
    burners = [
        multiprocessing.Process(target=_burn, daemon=True) for _ in range(os.cpu_count() or 2)
    ]
    for burner in burners:
        burner.start()
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.join()


@pytest.mark.usefixtures("chromium")
def test_findings_are_the_same_at_any_concurrency_and_load() -> None:
    with serve_folder(SITE) as served:
        alone = run_engine(served.url, only=("accessibility",), concurrency=1).report
        with cpu_hog():
            busy = run_engine(served.url, only=("accessibility",), concurrency=4).report
    assert {path_of(p.url) for p in alone.pages} == {path_of(p.url) for p in busy.pages}
    contrast = {f for f in findings_of(alone) if f[1] == "color-contrast"}
    assert len({f[2] for f in contrast}) == 3  # shadows, moving text and web fonts all fail
    assert findings_of(busy) == findings_of(alone)


@pytest.mark.usefixtures("chromium")
def test_contrast_findings_do_not_change_when_the_aaa_rule_runs_too() -> None:
    enhanced = {"accessibility": {"rules": {"enable": ["color-contrast-enhanced"]}}}
    with serve_folder(SITE) as served:
        alone = run_engine(served.url + "shadows.html", only=("accessibility",), max_pages=1)
        both = run_engine(
            served.url + "shadows.html", only=("accessibility",), max_pages=1, options=enhanced
        )
    contrast = {f for f in findings_of(alone.report) if f[1] == "color-contrast"}
    assert len(contrast) > 50
    assert {f for f in findings_of(both.report) if f[1] == "color-contrast"} == contrast
    assert any(f[1] == "color-contrast-enhanced" for f in findings_of(both.report))


LANDING_PAGE = """<!doctype html><html lang="en"><head><title>Coming soon</title></head>
<body><main><h1>Coming soon</h1></main></body></html>"""
ROUTES = (
    '[[route]]\npath = "/spring"\nredirect = "/sale.html"\n\n'
    '[[route]]\npath = "/sale"\nredirect = "/sale.html"\n'
)


NAMES = {"/spring": "Spring offers", "/sale": "Sale", "/sale.html": "This week"}


def _three_ways_in(root: Path, order: list[str]) -> Path:
    """A home page whose menu links, in `order`, all lead to one placeholder page: two of
    them through a redirect."""
    root.mkdir()
    links = "".join(f'<li><a href="{href}">{NAMES[href]}</a></li>' for href in order)
    (root / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>Shop</title></head><body><main>'
        f"<nav><ul>{links}</ul></nav><h1>Shop</h1><p>Our spring offers, in three places.</p></main>"
        "</body></html>"
    )
    (root / "sale.html").write_text(LANDING_PAGE)
    (root / "cxcheck-serve.toml").write_text(ROUTES)
    return root


def _fact(finding: Finding, fingerprint: str) -> tuple[str, ...]:
    """What must not follow the crawl's order; the last: the message names every entry."""
    names = all(f"“{name}”" in finding.message for name in NAMES.values())
    where = (path_of(finding.url), path_of(finding.target))
    return (finding.rule, *where, fingerprint, finding.severity.value, str(names))


@pytest.mark.usefixtures("chromium")
def test_a_page_with_several_ways_in_is_named_the_same_whichever_came_first(
    tmp_path: Path,
) -> None:
    """Which of a page's URLs reaches it first follows the crawl's order (and, with several
    tabs, their race): the findings about the page name where it landed all the same."""

    def facts(order: list[str], concurrency: int) -> set[tuple[str, ...]]:
        with serve_folder(
            _three_ways_in(tmp_path / f"{concurrency}{order[0].replace('/', '-')}", order)
        ) as s:
            report = run_engine(s.url, only=("under-construction",), concurrency=concurrency)
        return {_fact(g.finding, g.fingerprint) for g in report.report.findings}

    redirect_first = facts(["/spring", "/sale", "/sale.html"], 1)
    page_first = facts(["/sale.html", "/sale", "/spring"], 1)
    side_by_side = facts(["/sale", "/spring", "/sale.html"], 4)
    # A menu entry leads there, whichever URL it names: a blocker, named by where it lands.
    found = {(f[0], f[1], f[2], f[4]) for f in redirect_first}
    assert ("placeholder-page", "/sale.html", "/sale.html", "blocker") in found
    # and its message names every menu entry that leads there
    assert [f[5] for f in redirect_first if f[0] == "placeholder-page"] == ["True"]
    assert redirect_first == page_first == side_by_side
