"""The devices check in real Chromium: every planted kind found, every look-alike silent;
pages loaded on every device one per template; side-by-side pictures."""

from __future__ import annotations

import asyncio
import struct
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from cxcheck import browser
from cxcheck.config import BrowserConfig
from cxcheck.crawl.device_pictures import side_by_side
from cxcheck.device_list import BUILT_IN
from cxcheck.report.model import Report
from cxcheck.serve import serve_folder
from tests.conftest import SAMPLE_SITES, TEST_SITES
from tests.integration.crawling import path_of, run_engine

SITE = TEST_SITES / "devices"
PAGES = tomllib.loads((SITE / "expected.toml").read_text())["page"]


@pytest.fixture(scope="module")
def every_page_everywhere(chromium: None) -> Iterator[Report]:
    with serve_folder(SITE) as served:
        options = {"devices": {"sample": "all"}}
        yield run_engine(served.url, only=("devices",), options=options).report


@pytest.mark.parametrize("page", PAGES, ids=[p["path"] for p in PAGES])
def test_each_page_gets_exactly_its_planted_problems(
    every_page_everywhere: Report, page: dict[str, object]
) -> None:
    found = {
        g.finding.rule
        for g in every_page_everywhere.findings
        for p in g.pages
        if path_of(p) == page["path"]
    }
    assert found == set(page["rules"]), page["note"]  # type: ignore[arg-type]


def test_the_index_page_and_every_page_were_loaded_on_every_device(
    every_page_everywhere: Report,
) -> None:
    (note,) = [n for n in every_page_everywhere.notes if n.startswith("Every device")]
    pages = len(PAGES) + 1
    assert note.startswith(f"Every device: {pages} of {pages} pages were loaded on phone (390 px)")


@pytest.mark.usefixtures("chromium")
def test_the_clean_site_stays_silent_on_every_device_every_page() -> None:
    clean = SAMPLE_SITES / "clean"
    with serve_folder(clean) as served:
        options = {"devices": {"sample": "all"}}
        report = run_engine(served.url, only=("devices",), options=options).report
    assert [g.finding.message for g in report.findings] == []
    (note,) = [n for n in report.notes if n.startswith("Every device")]
    pages = len(report.pages)
    assert pages >= 5
    assert note.startswith(f"Every device: {pages} of {pages} pages were loaded on phone (390 px)")


PRODUCT = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{name}</title>
<style>body {{ margin: 0; font: 16px sans-serif; }} .sizes {{ width: 600px; }}</style></head>
<body><header><a href="index.html">Shop</a></header><main><h1>{name}</h1>
<table class="sizes"><tr><th>Size</th><td>S</td><td>M</td><td>L</td></tr></table>
<p>{name} for wild weather.</p></main></body></html>"""
ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{name}</title></head>
<body><header><a href="index.html">Shop</a></header><main><article><h1>{name}</h1>
<p>Notes from the hills.</p><ul><li>One</li><li>Two</li></ul><blockquote>Go early.</blockquote>
</article></main><footer><p>Northwind</p></footer></body></html>"""


@pytest.fixture(scope="module")
def two_templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("templates")
    products = ["boots", "jacket", "hat"]
    links = "".join(f'<li><a href="{n}.html">{n}</a></li>' for n in [*products, "story"])
    (site / "index.html").write_text(ARTICLE.format(name="Home").replace("<ul>", f"<ul>{links}"))
    for name in products:
        (site / f"{name}.html").write_text(PRODUCT.format(name=name.title()))
    (site / "story.html").write_text(ARTICLE.format(name="Story"))
    return site


@pytest.mark.usefixtures("chromium")
def test_one_page_per_template_stands_for_the_others(two_templates: Path) -> None:
    with serve_folder(two_templates) as served:
        report = run_engine(served.url, only=("devices",), concurrency=1).report
    wide = [g for g in report.findings if g.finding.rule == "wider-than-screen"]
    # The 600 px table fits the crawl's window: only the page loaded on a phone shows it.
    assert [[path_of(p) for p in g.pages] for g in wide] == [["/hat.html"]]
    assert "stood for 2 more pages of the same template" in wide[0].finding.help
    notes = [n for n in report.notes if n.startswith("Every device")]
    assert notes[0].startswith("Every device: 5 pages in 2 templates")
    others = ", ".join(f"{served.url}{name}.html" for name in ("boots", "jacket"))
    assert f"Every device: {served.url}hat.html stood for {others}." in notes


@pytest.mark.usefixtures("chromium")
def test_every_page_on_a_playwright_device(two_templates: Path) -> None:
    options = {"devices": {"sample": "all", "devices": ["iPhone 13", "desktop"]}}
    with serve_folder(two_templates) as served:
        report = run_engine(served.url, only=("devices",), options=options, concurrency=1).report
    wide = [g for g in report.findings if g.finding.rule == "wider-than-screen"]
    assert {path_of(p) for g in wide for p in g.pages} == {
        "/boots.html",
        "/jacket.html",
        "/hat.html",
    }
    assert wide[0].finding.message.startswith("On iPhone 13 (390 px) the page is wider")


@pytest.mark.usefixtures("chromium")
def test_side_by_side_picture_of_a_page_on_every_device() -> None:
    async def take(url: str) -> bytes:
        async with async_playwright() as playwright:
            chromium, _ = await browser.launch(playwright, BrowserConfig())
            try:
                context = await chromium.new_context()
                devices = list(BUILT_IN.values())
                return await side_by_side(context, url, devices, ["body > main > div > h2"])
            finally:
                await chromium.close()

    with serve_folder(SITE) as served:
        png = asyncio.run(take(served.url + "overlap/price-tag.html"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    # phone 296, tablet 480, desktop 1138 px wide at 640 px tall, with margins and captions
    assert 1900 < width < 2000 and 650 < height < 720
