"""The page budget bounds rendering, not checking: every broken link is reported once, also
those whose target the budget left unrendered, and never again as an error page."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxcheck.report.model import Report
from cxcheck.serve import serve_folder
from tests.integration.crawling import path_of, run_engine

PAGES = 300
BROKEN = 210

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page {n}</title>
<link rel="icon" href="data:,"></head><body><header><nav><a href="/p0.html">Home</a></nav></header>
<main><h1>Page {n}</h1><p>Trail boots and wool socks for every season, page {n}.</p>
<ul>{links}</ul></main></body></html>"""


def write_site(root: Path) -> set[tuple[str, str]]:
    """PAGES pages in a tree, BROKEN of them with a link to a page that does not exist;
    returns (page, missing target) for each planted broken link."""
    planted = set()
    for n in range(PAGES):
        targets = [f"/p{t}.html" for t in (2 * n + 1, 2 * n + 2) if t < PAGES]
        if n < BROKEN:
            targets.append(f"/gone/{n}.html")
            planted.add((f"/p{n}.html", f"/gone/{n}.html"))
        links = "".join(f'<li><a href="{t}">Item {t}</a></li>' for t in targets)
        (root / f"p{n}.html").write_text(PAGE.format(n=n, links=links))
    (root / "index.html").write_text('<meta http-equiv="refresh" content="0; url=/p0.html">')
    return planted


def broken_links(report: Report) -> set[tuple[str, str]]:
    return {
        (path_of(page), path_of(group.finding.target))
        for group in report.findings
        if group.finding.rule == "broken-link"
        for page in group.pages
    }


@pytest.mark.usefixtures("chromium")
@pytest.mark.parametrize("max_pages", [500, 100])
def test_every_planted_broken_link_is_reported_once(tmp_path: Path, max_pages: int) -> None:
    planted = write_site(tmp_path)
    with serve_folder(tmp_path) as served:
        report = run_engine(
            served.url + "p0.html",
            only=("dead-navigation", "page-health"),
            max_pages=max_pages,
            concurrency=4,
        ).report
    assert broken_links(report) == planted
    # One problem, one finding: no error page of its own for any of the missing pages.
    assert [g for g in report.findings if g.finding.rule != "broken-link"] == []
    rendered = len(report.pages)
    assert rendered <= max_pages
    # What the budget left out is said, and the run still counts as complete: every page
    # found was either rendered or had its status checked.
    assert report.unrendered == PAGES + BROKEN - rendered
    assert report.complete


@pytest.mark.usefixtures("chromium")
def test_with_nothing_read_past_the_budget_links_to_unrendered_pages_are_status_checked(
    tmp_path: Path,
) -> None:
    planted = write_site(tmp_path)
    with serve_folder(tmp_path) as served:
        report = run_engine(
            served.url + "p0.html",
            only=("dead-navigation", "page-health"),
            max_pages=40,
            max_unrendered_pages=0,
        ).report
    rendered = {path_of(p.url) for p in report.pages}
    assert len(rendered) == 40
    # Links on the rendered pages are all judged, those to pages never rendered included.
    assert broken_links(report) == {(page, gone) for page, gone in planted if page in rendered}
    # ...and some of them were judged on their status alone: the budget rendered no 404 there.
    assert {gone for _, gone in broken_links(report)} - rendered
    assert report.unrendered > 0
    assert report.complete
