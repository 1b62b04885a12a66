"""Snapshots for data-safety's tests (test_data_safety.py: one page; test_data_safety_site.py:
the whole site): a page with the headers a careful site sends, and the check run on it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from checks.data_safety import DataSafety
from cxcheck.contract import CheckContext
from cxcheck.findings import Finding
from cxcheck.snapshot import PageSnapshot, SiteSnapshot
from cxcheck.testing import snapshot_from_html

SITE = "https://shop.example.com/"
# A Django debug page, as DEBUG = True shows an error.
DJANGO = "<h1>ValueError at /cart</h1><p>You're seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>"
GOOD_HEADERS = {
    "strict-transport-security": "max-age=31536000; includeSubDomains",
    "content-security-policy": "default-src 'self'; frame-ancestors 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
}


def page(
    body: str = "<p>Hello</p>",
    url: str = SITE,
    headers: Mapping[str, str] | None = None,
    head: str = "",
    **fields: Any,
) -> PageSnapshot:
    html = f"<!doctype html><html><head><title>T</title>{head}</head><body>{body}</body></html>"
    return snapshot_from_html(
        html, url=url, headers=dict(GOOD_HEADERS if headers is None else headers), **fields
    )


def run(snapshot: PageSnapshot, check: DataSafety | None = None) -> list[Finding]:
    check = check or DataSafety()
    return list(check.check_page(snapshot, CheckContext(SITE)))


def rules(found: Iterable[Finding]) -> list[str]:
    return sorted(f.rule for f in found)


def site(
    extras: Mapping[str, Any], check: DataSafety | None = None, start: str = SITE
) -> list[Finding]:
    snapshot = SiteSnapshot(start, (), extras=extras)
    return list((check or DataSafety()).check_site(snapshot, CheckContext(start)))
