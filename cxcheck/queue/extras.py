"""What the site captures of several workers found, joined into what one run would have.

Each worker's captures saw only its own pages; `SiteSnapshot.extras[need]` of the whole run is
their union, need by need (crawl/site_captures.py names them). Probes of the site itself
(robots.txt, well-known paths) are asked by every worker and answer the same: the first is
kept. The device pass chose one page per template among each worker's pages, so a template
may be seen through a page per worker (docs/scale.md says so).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from cxcheck.captures import SiteProbe
from cxcheck.device_views import DevicePassResult
from cxcheck.exposure import ExposureProbe
from cxcheck.traffic import MAX_PAGES_KEPT, CookieUse, HostUse, SiteTraffic


def merge_extras(parts: Sequence[Mapping[str, Any]], start_url: str) -> dict[str, Any]:
    """One `extras` mapping from the workers' (in a stable order: the first wins ties);
    `start_url` is the run's: the probes of the worker that began there are the run's."""
    merged: dict[str, Any] = {}
    for need in dict.fromkeys(need for part in parts for need in part):
        values = [part[need] for part in parts if part.get(need) is not None]
        if need == "site-probe" and values:
            merged[need] = _site_probe(values, start_url)
        else:
            merged[need] = _MERGE.get(need, _first)(values) if values else None
    return merged


def _first(values: Sequence[Any]) -> Any:
    return values[0]


def _site_probe(values: Sequence[SiteProbe], start_url: str) -> SiteProbe:
    """The probe of the worker that saw the start page first (its menu is the site's)."""
    chosen = next((v for v in values if v.start_url == start_url), None)
    chosen = chosen or next((v for v in values if v.start_url), values[0])
    return replace(chosen, icon_declared=any(v.icon_declared for v in values))


def _exposure(values: Sequence[ExposureProbe]) -> ExposureProbe:
    """Every path some worker asked (they ask the same fixed list; folders differ)."""
    replies = {reply.path: reply for v in values for reply in v.replies}
    return replace(values[0], replies=tuple(replies.values()), asked=any(v.asked for v in values))


def _union(values: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    joined: dict[str, Any] = {}
    for value in values:
        for key, item in value.items():
            joined.setdefault(key, item)
    return joined


def _concat(values: Sequence[Sequence[Any]]) -> tuple[Any, ...]:
    return tuple(item for value in values for item in value)


def _devices(values: Sequence[DevicePassResult]) -> DevicePassResult:
    seen: set[str] = set()
    pages = []
    for value in values:
        for page in value.pages:
            if page.url not in seen:
                seen.add(page.url)
                pages.append(page)
    return replace(values[0], pages=tuple(pages))


def _traffic(values: Sequence[SiteTraffic]) -> SiteTraffic:
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


_MERGE: Mapping[str, Callable[[Sequence[Any]], Any]] = {
    "link-status": _union,
    "remeasure": _union,
    "click-probe": _concat,
    "device-pass": _devices,
    "site-traffic": _traffic,
    "exposure-probe": _exposure,
}
