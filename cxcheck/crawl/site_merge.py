"""How one site capture's results from several workers of a shared run join into what one
run would have found (cxcheck/queue/). Each capture declares its rule in `SITE_CAPTURES`
(crawl/site_captures.py); every rule takes each worker's result, in a stable order (the first
wins ties), and the run's start URL.

Each worker's captures saw only its own pages, so most results are unions. Probes of the site
itself (robots.txt, well-known paths) are asked by every worker and answer the same. The
device pass chose one page per template among each worker's pages, so a template may be seen
through a page per worker (docs/scale.md says so).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from cxcheck.captures import SiteProbe
from cxcheck.device_views import DevicePassResult
from cxcheck.exposure import ExposureProbe
from cxcheck.traffic import MAX_PAGES_KEPT, CookieUse, HostUse, SiteTraffic


def union(values: Sequence[Mapping[str, Any]], start_url: str) -> dict[str, Any]:
    """Every key some worker has, with the first worker's value for it."""
    joined: dict[str, Any] = {}
    for value in values:
        for key, item in value.items():
            joined.setdefault(key, item)
    return joined


def concat(values: Sequence[Sequence[Any]], start_url: str) -> tuple[Any, ...]:
    """Every worker's items, one after the other."""
    return tuple(item for value in values for item in value)


def site_probe(values: Sequence[SiteProbe], start_url: str) -> SiteProbe:
    """The probe of the worker that saw the start page first (its menu is the site's)."""
    chosen = next((v for v in values if v.start_url == start_url), None)
    chosen = chosen or next((v for v in values if v.start_url), values[0])
    return replace(chosen, icon_declared=any(v.icon_declared for v in values))


def exposure(values: Sequence[ExposureProbe], start_url: str) -> ExposureProbe:
    """Every path some worker asked (they ask the same fixed list; folders differ)."""
    replies = {reply.path: reply for v in values for reply in v.replies}
    return replace(values[0], replies=tuple(replies.values()), asked=any(v.asked for v in values))


def devices(values: Sequence[DevicePassResult], start_url: str) -> DevicePassResult:
    """Every page some worker looked at on every device, once."""
    seen: set[str] = set()
    pages = []
    for value in values:
        for page in value.pages:
            if page.url not in seen:
                seen.add(page.url)
                pages.append(page)
    return replace(values[0], pages=tuple(pages))


def traffic(values: Sequence[SiteTraffic], start_url: str) -> SiteTraffic:
    """Each host and cookie once, with the pages and counts of every worker."""
    hosts: dict[str, HostUse] = {}
    for value in values:
        for use in value.hosts:
            had = hosts.get(use.host)
            hosts[use.host] = use if had is None else _host(had, use)
    cookies: dict[object, CookieUse] = {}
    for value in values:
        for cookie_use in value.cookies:
            key = replace(cookie_use.cookie, by="")
            had_cookie = cookies.get(key)
            cookies[key] = cookie_use if had_cookie is None else _cookie(had_cookie, cookie_use)
    known = {use.cookie.key for use in cookies.values()}
    jar = {cookie.key: cookie for value in values for cookie in value.jar}
    return SiteTraffic(
        hosts=tuple(hosts[host] for host in sorted(hosts)),
        cookies=tuple(cookies.values()),
        jar=tuple(cookie for key, cookie in jar.items() if key not in known),
        pages=sum(value.pages for value in values),
    )


def _pages(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*a, *b)))[:MAX_PAGES_KEPT]


def _host(a: HostUse, b: HostUse) -> HostUse:
    return HostUse(
        a.host,
        tuple(sorted({*a.kinds, *b.kinds})),
        _pages(a.pages, b.pages),
        a.page_count + b.page_count,
        a.scripts_ran or b.scripts_ran,
        tuple(sorted({*a.cookies, *b.cookies})),
        a.received_data or b.received_data,
    )


def _cookie(a: CookieUse, b: CookieUse) -> CookieUse:
    return replace(a, pages=_pages(a.pages, b.pages), page_count=a.page_count + b.page_count)
