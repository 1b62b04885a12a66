"""Pages the crawl knows without rendering them in a tab: downloads and media (their
status asked, `fetch_status`), pages past the render budget (`read_unrendered`: their status
and the links, anchors and title of their HTML, for cross-page checks), answers that are not
HTML, and the snapshots of a page that left the site or failed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from playwright.async_api import Response

from cxcheck.crawl import failures
from cxcheck.crawl.fetch import Fetched, Requests, fetch
from cxcheck.crawl.frontier import QueuedUrl
from cxcheck.crawl.snapshot import redirect_chain
from cxcheck.html_reader import read_html
from cxcheck.snapshot import PageSnapshot

# Links to these are downloads or media: their status is checked, they are not rendered.
NOT_RENDERED = frozenset(
    {
        ".pdf",
        ".zip",
        ".gz",
        ".tgz",
        ".rar",
        ".7z",
        ".exe",
        ".dmg",
        ".msi",
        ".apk",
        ".iso",
        ".csv",
        ".xls",
        ".xlsx",
        ".doc",
        ".docx",
        ".ppt",
        ".pptx",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".avif",
        ".svg",
        ".ico",
        ".bmp",
        ".tif",
        ".tiff",
        ".mp3",
        ".mp4",
        ".webm",
        ".ogg",
        ".wav",
        ".mov",
        ".avi",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
        ".css",
        ".js",
        ".json",
        ".xml",
        ".txt",
    }
)


def is_html_response(headers: dict[str, str]) -> bool:
    """The browser got a web page (no content type at all counts as one)."""
    content_type = headers.get("content-type", "text/html").lower()
    return "html" in content_type or not content_type.strip()


def looks_like_file(url: str) -> bool:
    return PurePosixPath(urlsplit(url).path).suffix.lower() in NOT_RENDERED


async def read_unrendered(
    requests: Requests, in_scope: Callable[[str], bool], queued: QueuedUrl, timeout_s: float
) -> PageSnapshot:
    """A page past the render budget, read without the browser: its status, and the
    links, anchors and title of its HTML (what cross-page checks need)."""
    got = await fetch(requests, queued.url, in_scope, timeout_s=timeout_s, read_body=True)
    # Known past the budget either way: for the links to it, never as a page of the report.
    if got.left_for:
        return replace(left_site(queued, got.left_for), parsed=True)
    if got.error:
        return replace(failed(queued, failures.describe(got.error, timeout_s)), parsed=True)
    read = None
    if "html" in got.content_type.lower() and got.status is not None and got.status < 400:
        read = read_html(got.text, got.final_url)
    return PageSnapshot(
        url=queued.url,
        final_url=got.final_url,
        status=got.status,
        content_type=got.content_type,
        title=read.title if read else "",
        links=read.links if read else (),
        anchors=read.anchors if read else frozenset(),
        redirects=got.redirects,
        depth=queued.depth,
        referrer=queued.referrer,
        rendered=False,
        parsed=True,
    )


async def fetch_status(
    requests: Requests, in_scope: Callable[[str], bool], queued: QueuedUrl, timeout_s: float
) -> PageSnapshot:
    """Status and type of a download or media file, without rendering it; a redirect
    off the site is recorded, not followed."""
    ask = partial(fetch, requests, queued.url, in_scope)
    got = await ask(timeout_s=timeout_s, method="HEAD")
    if got.status in (405, 501):
        got = await ask(timeout_s=timeout_s)
    if got.left_for:
        return left_site(queued, got.left_for)
    if got.error:
        return failed(queued, failures.describe(got.error, timeout_s))
    return status_only(queued, got)


def status_only(queued: QueuedUrl, got: Fetched) -> PageSnapshot:
    """A URL that answered with a file: its status and type, not rendered."""
    return PageSnapshot(
        url=queued.url,
        final_url=got.final_url,
        status=got.status,
        content_type=got.content_type,
        depth=queued.depth,
        referrer=queued.referrer,
        rendered=False,
    )


async def not_rendered(queued: QueuedUrl, response: Response) -> PageSnapshot:
    headers = await response.all_headers()
    return PageSnapshot(
        url=queued.url,
        final_url=response.url,
        status=response.status,
        content_type=headers.get("content-type", ""),
        redirects=await redirect_chain(response),
        depth=queued.depth,
        referrer=queued.referrer,
        rendered=False,
    )


def left_site(queued: QueuedUrl, destination: str) -> PageSnapshot:
    return PageSnapshot(
        url=queued.url,
        final_url=destination,
        depth=queued.depth,
        referrer=queued.referrer,
        rendered=False,
    )


def failed(queued: QueuedUrl, failure: failures.NavigationFailure) -> PageSnapshot:
    return PageSnapshot(
        url=queued.url,
        depth=queued.depth,
        referrer=queued.referrer,
        error=failure.reason,
        error_code=failure.code,
        unreachable=failure.unreachable,
    )
