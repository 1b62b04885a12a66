"""Reading a page's HTML in Python, without a browser: its title, headings, text, links and
anchors, named and placed as the browser's capture (capture.js, dom.js) names them.

Used where no rendered DOM exists: pages past the run's render budget (read for their links
and status only), and `cxcheck.testing.snapshot_from_html` for check authors. It cannot see
what scripts add or hide; links are all taken as visible.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, Tag

from cxcheck.snapshot import Heading, Link

URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "img": ("src", "srcset"),
    "script": ("src",),
    "link": ("href",),
    "iframe": ("src",),
    "form": ("action",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
}
_REGIONS = {"nav": "nav", "header": "header", "footer": "footer"}
_ROLE_REGIONS = {
    "navigation": "nav",
    "banner": "header",
    "contentinfo": "footer",
    "menu": "nav",
    "menubar": "nav",
}
_REFRESH = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.I)
INVISIBLE = ("script", "style", "template", "noscript", "head", "title")
MAX_LINKS = 20_000  # as capture.js: past this many, a page is one no person reads whole
MAX_ANCHORS = 5_000


@dataclass(frozen=True)
class HtmlPage:
    """What a page's HTML says, read without rendering it."""

    title: str
    lang: str
    links: tuple[Link, ...]
    anchors: frozenset[str]
    headings: tuple[Heading, ...]
    soup: BeautifulSoup  # for readers that need more (html_snapshot.py's controls and text)
    base_url: str  # what relative addresses resolve against: its <base>, or its URL
    elements: tuple[Tag, ...]  # every element, in document order
    places: Places  # each element's selector, worked out once for all readers


def read_html(html: str, url: str) -> HtmlPage:
    """`html` as loaded from `url`: links resolved against its <base> (or `url`)."""
    soup = BeautifulSoup(html, "html.parser")
    # Every element once, in document order: one walk, filtered in Python below, costs a
    # fraction of a find_all per question (bs4's matching dominated --render auto's time).
    elements = tuple(t for t in soup.descendants if isinstance(t, Tag))
    base = next((t for t in elements if t.name == "base" and t.get("href") is not None), None)
    base_url = urljoin(url, str(base["href"])) if base is not None else url
    html_tag = next((t for t in elements if t.name == "html"), None)
    places = Places(Counter(str(t["id"]) for t in elements if t.get("id") is not None))
    title = next((t for t in elements if t.name == "title"), None)
    return HtmlPage(
        title=title.get_text(strip=True) if title is not None else "",
        lang=str(html_tag.get("lang", "")) if html_tag is not None else "",
        links=tuple(_links(elements, base_url, places)),
        anchors=frozenset(_anchors(elements)),
        headings=tuple(
            Heading(int(h.name[1]), " ".join(h.get_text(" ").split())[:300])
            for h in elements
            if h.name in ("h1", "h2", "h3")
        ),
        soup=soup,
        base_url=base_url,
        elements=elements,
        places=places,
    )


def refresh_of(elements: Iterable[Tag]) -> Tag | None:
    """The page's <meta http-equiv="refresh">, if any."""
    return next((t for t in elements if t.name == "meta" and _is_refresh(t)), None)


def _is_refresh(tag: Tag) -> bool:
    return str(tag.get("http-equiv") or "").strip().lower() == "refresh"


def _anchors(elements: Sequence[Tag]) -> Iterator[str]:
    named = [t for t in elements if t.has_attr("id") or (t.name == "a" and t.has_attr("name"))]
    for tag in named[:MAX_ANCHORS]:
        if tag.get("id"):
            yield str(tag["id"])
        if tag.name == "a" and tag.get("name"):
            yield str(tag["name"])


def _links(elements: Sequence[Tag], base_url: str, places: Places) -> list[Link]:
    links: list[Link] = []
    for tag in elements:
        if tag.name not in URL_ATTRS:
            continue
        if len(links) >= MAX_LINKS:
            break
        for attr in URL_ATTRS[tag.name]:
            raw = tag.get(attr)
            if raw is None:
                continue
            values = srcset_urls(str(raw)) if attr == "srcset" else [str(raw)]
            links.extend(_link(tag, attr, value, base_url, places) for value in values)
    refresh = refresh_of(elements)
    match = _REFRESH.search(str(refresh.get("content", ""))) if refresh is not None else None
    if match and refresh is not None:
        link = _link(refresh, "content", match.group(1), base_url, places)
        links.append(Link(**{**link.__dict__, "text": "", "region": "", "visible": False}))
    return links


def _link(tag: Tag, attr: str, raw: str, base_url: str, places: Places) -> Link:
    text = " ".join(tag.get_text(" ").split()) or str(
        tag.get("aria-label") or tag.get("title") or tag.get("alt") or ""
    )
    rel = tag.get("rel") or ""
    return Link(
        href=absolute_url(base_url, raw),
        raw=raw,
        kind=tag.name,
        text=text[:200],
        selector=places.selector(tag),
        region=region_of(tag),
        visible=True,
        attr=attr,
        rel=(" ".join(rel) if isinstance(rel, list) else str(rel)).lower(),
    )


def absolute_url(base_url: str, raw: str) -> str:
    """As the browser resolves it; "" when it cannot be (a malformed address)."""
    raw = _TABS_AND_NEWLINES.sub("", raw.strip())  # the URL parser drops them anywhere
    try:
        href = _escaped(urljoin(base_url, raw))
    except ValueError:
        return ""
    # An empty fragment stays, as the browser keeps it ("about.html#"): href="#" is a finding.
    return href + "#" if raw.endswith("#") and not href.endswith("#") else href


_TABS_AND_NEWLINES = re.compile("[\t\n\r]")
# What the WHATWG URL parser percent-encodes in each part of an http(s) URL (besides
# controls, space and non-ASCII): `/{{slug}}/` is `/%7B%7Bslug%7D%7D/` to the browser.
_PATH_ESCAPED, _QUERY_ESCAPED, _FRAGMENT_ESCAPED = '"<>`{}', "\"<>'", '"<>`'


def _escaped(href: str) -> str:
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https"):
        return href
    return urlunsplit(
        (
            parts.scheme,
            parts.netloc,
            _escape(parts.path, _PATH_ESCAPED),
            _escape(parts.query, _QUERY_ESCAPED),
            _escape(parts.fragment, _FRAGMENT_ESCAPED),
        )
    )


def _escape(part: str, escaped: str) -> str:
    if (
        part.isascii()
        and part.isprintable()
        and " " not in part
        and not any(ch in part for ch in escaped)
    ):
        return part  # most addresses: nothing to do
    return "".join(
        ch if " " < ch < "\x7f" and ch not in escaped else quote(ch, safe="") for ch in part
    )


def srcset_urls(value: str) -> list[str]:
    """URLs of a srcset, split as the HTML spec does: a URL may contain commas."""
    urls, pos = [], 0
    while pos < len(value):
        while pos < len(value) and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < len(value) and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        if url.endswith(","):
            url = url.rstrip(",")
        else:  # skip the descriptors ("1x", "400w") up to the next comma
            while pos < len(value) and value[pos] != ",":
                pos += 1
        if url:
            urls.append(url)
    return urls


def region_of(tag: Tag) -> str:
    """nav, header or footer when the element sits in one (by tag or role), else ""."""
    for node in (tag, *tag.parents):
        if not isinstance(node, Tag):
            continue
        role = str(node.get("role") or "")
        if role in _ROLE_REGIONS:
            return _ROLE_REGIONS[role]
        if node.name in _REGIONS:
            return _REGIONS[node.name]
    return ""


class Places:
    """Each element's place among its parent's children of its tag, worked out once per
    parent (as dom.js does: counting again for each link is quadratic on long lists)."""

    def __init__(self, ids: Counter[str]) -> None:
        self._ids = ids  # how often each id occurs: only a unique one names an element
        self._places: dict[int, tuple[int, int]] = {}

    def selector(self, tag: Tag) -> str:
        """The CSS selector dom.js's selectorOf gives the element."""
        parts: list[str] = []
        node: Tag | None = tag
        while isinstance(node, Tag) and len(parts) < 8:
            if node.get("id") and self._ids[str(node["id"])] == 1:
                parts.insert(0, f"#{node['id']}")
                break
            if node.name in ("html", "body", "[document]") or node.parent is None:
                parts.insert(0, "html" if node.name == "[document]" else node.name)
                break
            nth, of = self._place(node)
            parts.insert(0, f"{node.name}:nth-of-type({nth})" if of > 1 else node.name)
            node = node.parent
        return " > ".join(parts)

    def _place(self, node: Tag) -> tuple[int, int]:
        if id(node) not in self._places and node.parent is not None:
            children = [c for c in node.parent.children if isinstance(c, Tag)]
            counts: dict[str, int] = {}
            for child in children:
                counts[child.name] = counts.get(child.name, 0) + 1
            seen: dict[str, int] = {}
            for child in children:
                seen[child.name] = seen.get(child.name, 0) + 1
                self._places[id(child)] = (seen[child.name], counts[child.name])
        return self._places.get(id(node), (1, 1))
