"""Helpers for check authors: a PageSnapshot from an HTML string, no browser needed.

The browser's capture (crawl/capture.js) is the real thing; this approximates it with
BeautifulSoup (cxcheck/html_snapshot.py, which `--render auto` reads script-less pages
with) so a check can be tested in milliseconds:

    page = snapshot_from_html('<a href="/gone">Shop</a>', url="http://127.0.0.1/")
    findings = list(MyCheck().check_page(page, context_for(page)))
"""

from __future__ import annotations

from typing import Any

from cxcheck.contract import CheckContext
from cxcheck.html_snapshot import snapshot_of_html
from cxcheck.snapshot import PageSnapshot


def snapshot_from_html(
    html: str, url: str = "http://127.0.0.1:8000/", **fields: Any
) -> PageSnapshot:
    """A snapshot of `html` as if loaded from `url`; `fields` override any snapshot field."""
    return snapshot_of_html(html, url, **fields)


def context_for(page: PageSnapshot) -> CheckContext:
    """The check context of the site a snapshot belongs to."""
    return CheckContext(page.url)
