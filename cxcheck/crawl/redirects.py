"""cxcheck's own HTTP requests (robots.txt, sitemaps, file statuses, link statuses) follow a
redirect only where the crawl itself may go: each hop is asked for with redirects off, and
a `Location` that leaves the allowed URLs is recorded, never requested.

Playwright's request context follows every redirect it is given, to any host: a start page
that sends everything to a single sign-on server would have cxcheck's own client fetch that
server's robots.txt and sitemap.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from playwright.async_api import APIResponse

Send = Callable[..., Awaitable[APIResponse]]  # (url, max_redirects=0): one request

MAX_REDIRECTS = 10


@dataclass(frozen=True)
class Followed:
    """Where following a URL's redirects ended."""

    response: APIResponse  # the last answer (a 3xx when the chain stopped early)
    url: str  # the URL that gave it
    left_for: str = ""  # a redirect to here was not followed: it leaves the allowed URLs
    too_many: bool = False  # still redirecting after `max_redirects` hops (a loop)


async def follow(
    send: Send,
    url: str,
    may_follow: Callable[[str], bool],
    max_redirects: int = MAX_REDIRECTS,
) -> Followed:
    """Ask for `url`, then for each redirect target `may_follow` allows, at most
    `max_redirects` times; intermediate answers are disposed of."""
    options: dict[str, Any] = {"max_redirects": 0}
    for hop in range(max_redirects + 1):
        response = await send(url, **options)
        location = response.headers.get("location", "") if 300 <= response.status < 400 else ""
        if not location.strip():
            return Followed(response, url)
        target = urljoin(url, location.strip())
        if not may_follow(target):
            return Followed(response, url, left_for=target)
        if hop == max_redirects:
            return Followed(response, url, too_many=True)
        await response.dispose()
        url = target
    raise AssertionError("unreachable")  # the loop always returns
