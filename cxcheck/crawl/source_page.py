"""A page the browser could not read, as the HTML the server sent tells it: its tab crashed
(a DOM nested 10,000 levels deep) or froze, yet its status, title and links are known, so
the crawl goes on to the pages it links to. The HTML is asked for again (the crashed tab's
copy is gone with it), on the site only, and parsed in Python.

The standard library's HTMLParser reads the text once, start to end, and builds no tree, so
neither depth nor size makes it slow or deep (50,000 links: 1.5 s; html_reader's tree takes
9 s for 20,000); what it cannot know (layout, visibility, links scripts add) is left out.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from urllib.parse import urljoin

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Response

from cxcheck.crawl.failures import NavigationFailure, scripts_busy
from cxcheck.crawl.fetch import MAX_BODY_BYTES, Fetched, fetch
from cxcheck.crawl.lifeline import CurrentRequests
from cxcheck.html_reader import _ROLE_REGIONS, URL_ATTRS, srcset_urls
from cxcheck.snapshot import REGIONS_OF_NAVIGATION, Link, PageSnapshot

_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)
_MAX_TEXT = 200
_BODY_WAIT_S = 5.0
_BIG_LINKS, _BIG_BYTES = 10_000, 2_000_000


@dataclass(frozen=True)
class SourcePage:
    """What the HTML source says: its title and links."""

    title: str
    links: tuple[Link, ...]


async def snapshot_from_source(
    requests: CurrentRequests,
    on_site: Callable[[str], bool],
    response: Response | None,
    failure: NavigationFailure,
    *,
    url: str,
    depth: int,
    referrer: str,
    timeout_s: float,
) -> PageSnapshot | None:
    """The snapshot of a page that answered (`response`) but could not be read, with
    `failure` as its error; None when it sent no web page or its HTML cannot be had."""
    if response is None or "html" not in response.headers.get("content-type", "text/html"):
        return None
    got = await _source(response, requests, on_site, timeout_s)
    if got is None:
        return None
    # Seconds of pure Python for a big page: off the event loop, so other tabs go on.
    source = await asyncio.to_thread(read_source, got.text, response.url)
    reason = failure.reason
    if failure.slow_read and _big(source, got.body):  # what made reading slow, in figures
        reason += f" (it has {len(source.links):,} links in {len(got.body):,} bytes of HTML)"
    elif failure.slow_read:  # reading a page this small takes milliseconds: a script
        reason = scripts_busy(timeout_s)  # started after the tab answered holds it
    return PageSnapshot(
        url=url,
        final_url=response.url,
        status=response.status,
        content_type=response.headers.get("content-type", ""),
        title=source.title,
        html=got.text,
        links=source.links,
        depth=depth,
        referrer=referrer,
        error=reason,
        error_code=failure.code,
        cut=len(got.body) >= MAX_BODY_BYTES,
    )


async def _source(
    response: Response, requests: CurrentRequests, on_site: Callable[[str], bool], timeout_s: float
) -> Fetched | None:
    """The HTML the browser got (kept by its network layer, which a frozen page does not
    hold up); asked for again when the tab that had it is gone (it crashed)."""
    try:
        body = await asyncio.wait_for(response.body(), min(timeout_s, _BODY_WAIT_S))
        headers = {k.lower(): v for k, v in response.headers.items()}
        return Fetched(response.url, response.url, response.status, headers, body[:MAX_BODY_BYTES])
    except (PlaywrightError, TimeoutError):
        pass
    got = await fetch(
        requests, response.url, on_site, timeout_s=timeout_s, read_body=True, cut_longer=True
    )
    return None if got.left_for or got.error or not got.body else got


def _big(source: SourcePage, body: bytes) -> bool:
    """Big enough that reading it could take seconds (50,000 links take about 1.5)."""
    return len(source.links) >= _BIG_LINKS or len(body) >= _BIG_BYTES


def read_source(html: str, url: str) -> SourcePage:
    """The title and links of `html`, the page at `url` (a <base href> counts)."""
    parser = _LinkParser(url)
    parser.feed(html)
    parser.close()
    return SourcePage(" ".join(parser.title.split())[: _MAX_TEXT * 5], tuple(parser.links))


class _LinkParser(HTMLParser):
    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = url
        self.title = ""
        self.links: list[Link] = []
        self._regions: list[tuple[str, str]] = []  # (tag, region) of open nav/header/footer
        self._anchor: int | None = None  # the open <a>'s place in `links`
        self._anchor_text = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "base" and values.get("href"):
            self.base = urljoin(self.base, values["href"].strip())
        elif tag == "title":
            self._in_title = True
        elif tag == "meta" and (found := _refresh(values)):
            self._add("meta", "content", found, values, visible=False)
        region = _ROLE_REGIONS.get(values.get("role", "")) or (
            tag if tag in REGIONS_OF_NAVIGATION else ""
        )
        if region:
            self._regions.append((tag, region))
        for attribute in URL_ATTRS.get(tag, ()):
            raw = values.get(attribute)
            if raw is None:
                continue
            for value in srcset_urls(raw) if attribute == "srcset" else [raw]:
                self._add(tag, attribute, value, values)
        if tag == "a" and "href" in values:
            self._anchor, self._anchor_text = len(self.links) - 1, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "a" and self._anchor is not None:
            self._finish_anchor()
        if self._regions and self._regions[-1][0] == tag:
            self._regions.pop()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._anchor is not None and len(self._anchor_text) < _MAX_TEXT:
            self._anchor_text += data

    def _add(
        self, tag: str, attribute: str, raw: str, values: dict[str, str], visible: bool = True
    ) -> None:
        try:
            href = urljoin(self.base, raw.strip())
        except ValueError:  # "http://[::1": not a URL at all
            href = ""
        label = values.get("aria-label") or values.get("title") or values.get("alt") or ""
        self.links.append(
            Link(
                href=href,
                raw=raw,
                kind=tag,
                text=" ".join(label.split())[:_MAX_TEXT],
                region=self._regions[-1][1] if self._regions else "",
                visible=visible,
                attr=attribute,
                rel=values.get("rel", "").lower(),
            )
        )

    def _finish_anchor(self) -> None:
        """The link's words are its text, once the <a> closes (else its label)."""
        text = " ".join(self._anchor_text.split())[:_MAX_TEXT]
        if text and self._anchor is not None:
            self.links[self._anchor] = replace(self.links[self._anchor], text=text)
        self._anchor = None


def _refresh(values: dict[str, str]) -> str:
    """Where a <meta http-equiv=refresh> sends the page, or ""."""
    if values.get("http-equiv", "").lower() != "refresh":
        return ""
    found = _REFRESH_URL.search(values.get("content", ""))
    return found[1].strip() if found else ""
