"""What a tab's page reports while it loads (`PageEvents`) belongs to the page being loaded:
an answer the previous page asked for, arriving after the tab moved on, is not this page's
(its cookies and its status would be blamed on the wrong page, depending on timing)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from cxcheck.browser import launch
from cxcheck.config import BrowserConfig
from cxcheck.crawl.snapshot import PageEvents
from cxcheck.serve import serve_folder

pytestmark = pytest.mark.usefixtures("chromium")

# The beacon answers while the next page's document is still on its way (it is slower).
ROUTES = """[[route]]
path = "/beacon"
delay_ms = 600
status = 404
cookies = ["late=1; Path=/"]

[[route]]
path = "/next.html"
delay_ms = 1800
"""


def _site(root: Path) -> Path:
    root.mkdir()
    (root / "first.html").write_text(
        "<!doctype html><title>First</title><p>First page</p>"
        "<script>addEventListener('load', () => fetch('/beacon'))</script>"
    )
    (root / "next.html").write_text("<!doctype html><title>Next</title><p>Next page</p>")
    (root / "cxcheck-serve.toml").write_text(ROUTES)
    return root


Seen = tuple[list[str], list[str], list[str], list[str]]


async def _next_page_events(url: str) -> Seen:
    """The tab loads the first page, moves on at once, and loads the next; what the next
    page's events hold: answers, failed requests, requests, and the files its console lines
    name."""
    async with async_playwright() as playwright:
        browser, _ = await launch(playwright, BrowserConfig())
        page = await browser.new_page()
        events = PageEvents(page)
        await page.goto(url + "first.html", wait_until="load")
        await asyncio.sleep(0.1)  # the beacon is on its way
        events.reset(navigating=True)  # as the crawl's tab does (Tab.start_visit)
        await page.goto(url + "next.html", wait_until="load")
        await events.settle(3)  # as the crawl waits for what is in flight
        await browser.close()
    return (
        [r.url for r in events.answered],
        [f.url for f in events.failed],
        sorted(events.requested),
        sorted(entry.url.rsplit("/", 1)[-1] for entry in events.console),
    )


def test_an_answer_the_previous_page_asked_for_is_not_the_next_pages(tmp_path: Path) -> None:
    with serve_folder(_site(tmp_path / "site")) as served:
        answered, failed, requested, _ = asyncio.run(_next_page_events(served.url))
    assert [u.rsplit("/", 1)[-1] for u in answered] == ["next.html"]
    assert failed == []
    assert [u.rsplit("/", 1)[-1] for u in requested] == ["next.html"]


def test_what_the_previous_page_does_until_the_next_one_commits_is_not_the_next_pages(
    tmp_path: Path,
) -> None:
    """A page that polls (a chat widget, a status light) keeps polling while the next page's
    document is on its way: its failing polls and their console lines are its own."""
    root = _site(tmp_path / "site")
    (root / "first.html").write_text(
        "<!doctype html><title>First</title><p>First page</p>"
        "<script>setInterval(() => fetch('/status'), 100)</script>"
    )
    (root / "next.html").write_text(
        "<!doctype html><title>Next</title><p>Next page</p><img src='missing.png' alt=''>"
        "<script>fetch('/beacon')</script>"
    )
    with serve_folder(root) as served:
        _, failed, requested, console = asyncio.run(_next_page_events(served.url))
    names = sorted(u.rsplit("/", 1)[-1] for u in requested)
    assert names == ["beacon", "missing.png", "next.html"]
    # the next page's own failures are still its own
    assert sorted(u.rsplit("/", 1)[-1] for u in failed) == ["beacon", "missing.png"]
    assert console == ["beacon", "missing.png"]
