"""Pages too big or too deep for the browser do not stop the crawl: a script-free page with
50,000 links is read whole and its links followed; a page whose DOM nests 10,000 levels
crashes its tab, and its links are read from the HTML the server sent; sitemaps of sitemaps
are read within bounds. Real Chromium."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from cxcheck.report.model import Report
from cxcheck.serve import serve_folder
from tests.integration.crawling import run_engine
from tests.local_servers import Answer, Asked, http_server

pytestmark = pytest.mark.usefixtures("chromium")

LINKS = 50_000
XML = {"Content-Type": "application/xml"}


def _page(title: str, body: str = "") -> str:
    return f"<!doctype html><html lang='en'><title>{title}</title><main><h1>{title}</h1>{body}"


def _pages(report: Report) -> dict[str, object]:
    return {urlsplit(page.url).path: page for page in report.pages}


def test_a_page_with_50000_links_is_read_and_its_links_followed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    links = "".join(f"<a href='/p{n}.html'>Page {n}</a>\n" for n in range(LINKS))
    (site / "index.html").write_text(_page("Links", links))
    for n in (0, 1, 2, LINKS - 1):
        (site / f"p{n}.html").write_text(_page(f"Page {n}"))
    with serve_folder(site) as served:
        report = run_engine(
            served.url,
            only=("page-health",),
            max_pages=4,
            max_unrendered_pages=0,  # the 49,997 other links: counted, not read without a browser
            page_timeout_s=15,
            sitemaps=False,
        ).report
    pages = _pages(report)
    start = pages["/"]
    assert (start.status, start.error) == (200, "")  # read in time, by the browser
    assert {"/p0.html", "/p1.html", "/p2.html"} <= set(pages)  # its links were followed
    # Every link was read: all but the 3 visited were held back by max_pages, none lost.
    assert report.skipped.get("max-pages") == LINKS - 3


def test_a_tab_that_crashes_on_a_deep_dom_still_gives_its_links(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    deep = (
        "<script>let node = document.body;"
        "for (let i = 0; i < 10000; i++) node = node.appendChild(document.createElement('div'));"
        "</script>"
    )
    nav = "<nav><a href='/after.html'>After</a></nav><a href='/also.html'>Also</a>"
    (site / "index.html").write_text(_page("Home", "<a href='/deep.html'>Deep</a>"))
    (site / "deep.html").write_text(_page("Deep", nav + deep))
    for name in ("after", "also"):
        (site / f"{name}.html").write_text(_page(name.title()))
    with serve_folder(site) as served:
        report = run_engine(served.url, only=("page-health",), page_timeout_s=15).report
    pages = _pages(report)
    deep_page = pages["/deep.html"]
    assert deep_page.error == "the browser tab crashed while loading the page"
    assert deep_page.status == 200  # the server did answer
    assert {"/after.html", "/also.html"} <= set(pages)  # the crawl went on past it
    assert pages["/after.html"].error == ""


def test_sitemaps_of_sitemaps_are_read_within_bounds(workdir: Path) -> None:
    # An index of 1,000 sitemaps, each listing 1,000 pages: 50 sitemaps at most are asked for.
    def answer(asked: Asked) -> Answer:
        path = urlsplit(asked.path).path
        if path == "/sitemap.xml":
            entries = "".join(f"<sitemap><loc>/maps/{n}.xml</loc></sitemap>" for n in range(1000))
            return Answer(200, f"<sitemapindex>{entries}</sitemapindex>", XML)
        if path.startswith("/maps/"):
            n = path.rsplit("/", 1)[1].split(".")[0]
            entries = "".join(f"<url><loc>/p{n}-{i}.html</loc></url>" for i in range(1000))
            return Answer(200, f"<urlset>{entries}</urlset>", XML)
        return Answer(200, _page("A page"))

    with http_server(answer) as site:
        report = run_engine(site.url + "/", only=("page-health",), max_pages=3).report
    maps = [line for line in site.paths if line.startswith("GET /maps/")]
    assert 1 <= len(maps) <= 50
    assert len(report.pages) == 3
