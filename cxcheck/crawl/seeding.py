"""The crawl's seeds beyond the start URL, fetched: robots.txt (its rules and sitemaps) and
the sitemaps' URLs offered to the frontier. Reading the files is crawl/seeds.py.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin

from cxcheck.config import CrawlConfig
from cxcheck.crawl.fetch import Requests, fetch
from cxcheck.crawl.frontier import Frontier
from cxcheck.crawl.seeds import (
    MAX_ROBOTS,
    MAX_SITEMAP_BYTES,
    MAX_SITEMAP_URLS,
    Robots,
    allow_all,
    parse_robots,
    parse_sitemap,
)
from cxcheck.snapshot import FOUND_IN_SITEMAP
from cxcheck.urls import normalize_url

MAX_SITEMAPS = 50


async def fetch_robots(
    requests: Requests, in_scope: Callable[[str], bool], config: CrawlConfig, start_url: str
) -> Robots:
    """robots.txt of the site (allow all when there is none, or neither rules nor sitemaps
    are wanted)."""
    if not (config.respect_robots or config.sitemaps):
        return allow_all()
    robots_url = urljoin(start_url, "/robots.txt")
    body = await fetch_text(requests, robots_url, in_scope, MAX_ROBOTS)
    return parse_robots(body.decode("utf-8", "replace"), robots_url) if body else allow_all()


async def seed(
    requests: Requests,
    in_scope: Callable[[str], bool],
    frontier: Frontier,
    config: CrawlConfig,
    start_url: str,
    robots: Robots,
) -> None:
    """Apply robots.txt, then queue every in-scope URL the sitemaps list."""
    if config.respect_robots:
        frontier.allowed_by_robots = robots.allows
    if not config.sitemaps:
        return
    todo = list(robots.sitemaps)[:MAX_SITEMAPS] or [urljoin(start_url, "/sitemap.xml")]
    seen: set[str] = set()
    # Sitemaps of sitemaps of 50,000 URLs each: at most what max_pages could use, or
    # one sitemap's worth, is offered (each offer costs; the rest could never be loaded).
    left = max(frontier.max_pages, MAX_SITEMAP_URLS)
    while todo and len(seen) < MAX_SITEMAPS and left > 0:
        sitemap_url = todo.pop(0)
        if sitemap_url in seen or frontier.scope.why_out(normalize_url(sitemap_url) or ""):
            continue
        seen.add(sitemap_url)
        body = await fetch_text(requests, sitemap_url, in_scope, MAX_SITEMAP_BYTES)
        sitemap = parse_sitemap(body or b"", sitemap_url)
        todo.extend(sitemap.sitemaps[: max(0, MAX_SITEMAPS - len(seen) - len(todo))])
        for url in sitemap.pages[:left]:
            frontier.offer(url, 1, sitemap_url, found_by=FOUND_IN_SITEMAP)
        left -= len(sitemap.pages)


async def fetch_text(
    request: Requests, url: str, in_scope: Callable[[str], bool], limit: int
) -> bytes | None:
    """The first `limit` bytes of a site file (robots.txt, sitemap), or None if it is not
    there; redirects are followed only on the site."""
    got = await fetch(
        request, url, in_scope, timeout_s=10, read_body=True, max_body=limit, cut_longer=True
    )
    ok = got.status is not None and 200 <= got.status < 300 and not got.left_for
    return got.body if ok else None
