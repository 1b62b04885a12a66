"""`cxcheck.testing.snapshot_from_html` (what check authors test with, and what pages past the
render budget are read with) says what the browser's capture says, on every page of the
sample sites: title, language, headings, links (placed and named alike) and anchors.

Links the browser finds in stylesheets (`kind == "css"`) are the capture's alone: Python does
not load the site's CSS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pytest

from cxcheck import app
from cxcheck.config import Config, CrawlConfig, SiteConfig
from cxcheck.contract import CheckContext
from cxcheck.plugins import LoadedCheck
from cxcheck.serve import serve_folder
from cxcheck.snapshot import Link, PageSnapshot
from cxcheck.testing import snapshot_from_html
from tests.conftest import SAMPLE_SITES


@dataclass(frozen=True)
class Keep:
    """A check that keeps every snapshot it is given (the browser's capture, untouched)."""

    name: ClassVar[str] = "keep"
    description: ClassVar[str] = "Keeps snapshots for the test."
    needs: ClassVar[frozenset[str]] = frozenset()
    seen: list[PageSnapshot]

    def check_page(self, page: PageSnapshot, ctx: CheckContext) -> tuple[()]:
        self.seen.append(page)
        return ()


def captured(site: str) -> list[PageSnapshot]:
    seen: list[PageSnapshot] = []
    with serve_folder(SAMPLE_SITES / site) as served:
        config = Config(
            site=SiteConfig(url=served.url),
            crawl=CrawlConfig(ignore_https_errors=served.self_signed),
        )
        app.run(config, [LoadedCheck("keep", "test", Keep.description, Keep(seen))])
    return [page for page in seen if page.is_html and not page.error]


def link_view(link: Link) -> tuple[str, ...]:
    return (link.href, link.kind, link.attr, link.selector, link.region, link.rel, link.text)


@pytest.mark.usefixtures("chromium")
@pytest.mark.parametrize("site", ["shop", "clean"])
def test_the_python_reading_agrees_with_the_browser(site: str) -> None:
    pages = captured(site)
    assert len(pages) >= 5
    for browser in pages:
        python = snapshot_from_html(browser.html, url=browser.final_url or browser.url)
        where = browser.url
        assert (python.title, python.lang) == (browser.title, browser.lang), where
        assert python.headings == browser.headings, where
        assert python.anchors == browser.anchors, where
        in_html = [link_view(link) for link in browser.links if link.kind != "css"]
        assert sorted(map(link_view, python.links)) == sorted(in_html), where
