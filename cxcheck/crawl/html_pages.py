"""`--render auto`: a page whose HTML carries no script is read from that HTML, with one
plain request and BeautifulSoup (cxcheck/html_snapshot.py), instead of being rendered in a
tab. Without scripts, the DOM a browser builds is the HTML itself: the links, anchors,
headings, text and controls are the same, so the checks that need nothing but those
(`READABLE`) judge the page alike, many times faster.

What such a page gives up, and how it is made up for:
- the files it names (images, stylesheets, CSS backgrounds, fonts) are not loaded with it:
  the link check asks for each once per run (crawl/site_captures.py `urls_to_verify`), so a
  missing one is still reported, once per page that names it;
- no timings, requests or bytes (slow-pages needs the browser, and so is never run this way);
- what stylesheets hide or make look clickable is unknown: only inline styles and `hidden`
  are read, so a control hidden by a class still counts as visible, and one that looks
  clickable only through a class's `cursor: pointer` is not seen.
A page that has a script, an event handler, a frame, a refresh, a <noscript> or <template>
(`needs_browser`), that the server asks to come back for (429, 503: the browser's path waits
as asked) or that is too large to read, goes to the browser as before (a second request).
One that cannot be reached at all is recorded as failed, as the browser would.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from urllib.parse import urldefrag

from cxcheck.config_sections import RenderMode
from cxcheck.crawl import failures
from cxcheck.crawl.fetch import MAX_BODY_BYTES, Fetched, Requests, fetch
from cxcheck.crawl.frontier import QueuedUrl
from cxcheck.crawl.unrendered import failed, left_site, status_only
from cxcheck.html_reader import HtmlPage, absolute_url, read_html
from cxcheck.html_snapshot import (
    css_link,
    css_urls,
    inline_css,
    needs_browser,
    snapshot_of_html,
)
from cxcheck.snapshot import MAX_PAGE_CHARS, READ_BY_HTML, Link, PageSnapshot
from cxcheck.urls import origin_of, same_origin

if TYPE_CHECKING:
    from cxcheck.plugins import LoadedCheck

# What a check may need (its `needs`, cxcheck/captures.py) and still work on a page read
# from its HTML: controls are read from it; the link check, the click probe (which finds no
# listener to click on such a page) and the site probe work per site, not per page.
READABLE = frozenset({"controls", "link-status", "click-probe", "site-probe"})
_RETRY_LATER = (429, 503)  # the browser's path waits as the server asks (crawl/pacing.py)
_MAX_IMPORT_DEPTH = 5  # as capture.js follows @import
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def reads_html(render: RenderMode, checks: Iterable[LoadedCheck]) -> bool:
    """Whether this run reads script-less pages from their HTML: --render auto, and every
    check can work on such pages."""
    return render == RenderMode.AUTO and not browser_needed_by(checks)


def browser_needed_by(checks: Iterable[LoadedCheck]) -> dict[str, list[str]]:
    """Check name -> the captures it needs that only a rendered page gives ({} when every
    check can work on pages read from their HTML)."""
    needs = {c.name: set(getattr(c.check, "needs", ())) - READABLE for c in checks}
    return {name: sorted(wanted) for name, wanted in needs.items() if wanted}


@dataclass
class HtmlReads:
    """How many pages a crawl read from their HTML, and why it rendered the others."""

    read: int = 0
    rendered: Counter[str] = field(default_factory=Counter)  # reason -> pages

    def __add__(self, other: HtmlReads) -> HtmlReads:
        """Two workers' counts of one shared run, added up."""
        return HtmlReads(self.read + other.read, self.rendered + other.rendered)


@dataclass
class HtmlPages:
    """Reads pages from their HTML for one crawl; keeps each stylesheet's URLs, read once."""

    requests: Requests
    in_scope: Callable[[str], bool]
    timeout_s: float
    counts: HtmlReads = field(default_factory=HtmlReads)
    # stylesheet URL -> the addresses it names and those it @imports (as written)
    _sheets: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)

    async def page(self, queued: QueuedUrl) -> PageSnapshot | None:
        """The page read from its HTML, or None: it needs the browser."""
        got = await self._fetch(queued.url)
        if got.left_for:  # a redirect off the site: recorded, not followed
            return left_site(queued, got.left_for)
        if got.error:
            return failed(queued, failures.describe(got.error, self.timeout_s))
        reason = self._why_browser(got)
        if reason:
            self.counts.rendered[reason] += 1
            return None
        if "html" not in got.content_type.lower() and got.content_type.strip():
            # A file, as the browser's path records one: status only (and its redirects).
            return replace(status_only(queued, got), redirects=got.redirects)
        html = _decoded(got)
        read = read_html(html, got.final_url)
        reason = needs_browser(read.elements)
        if reason:
            self.counts.rendered[reason] += 1
            return None
        inline, imports = inline_css(read)
        links = _unique_css((*read.links, *inline, *await self._sheet_links(read, imports)))
        self.counts.read += 1
        return snapshot_of_html(
            html[:MAX_PAGE_CHARS],
            queued.url,
            read=read,  # read at its final URL: links resolve from where it landed
            final_url=got.final_url,
            status=got.status,
            content_type=got.content_type,
            headers=dict(got.headers),
            redirects=got.redirects,
            links=links,
            depth=queued.depth,
            referrer=queued.referrer,
            cut=len(html) > MAX_PAGE_CHARS,
            read_by=READ_BY_HTML,
        )

    async def _fetch(self, url: str) -> Fetched:
        return await fetch(
            self.requests, url, self.in_scope, timeout_s=self.timeout_s, read_body=True
        )

    @staticmethod
    def _why_browser(got: Fetched) -> str:
        """Why an answer goes to the browser whatever its HTML ("" when it need not); each
        reason reads after "with" in the report's note."""
        if got.status in _RETRY_LATER:
            return f"a {got.status} answer"
        size = got.headers.get("content-length", "")
        if size.isdigit() and int(size) > MAX_BODY_BYTES:  # fetch did not read its body
            return "a body too large to read here"
        return ""

    async def _sheet_links(self, page: HtmlPage, imports: list[str]) -> list[Link]:
        """url(...) in the page's same-origin stylesheets and what they @import (and what its
        <style> blocks do: `imports`), each sheet read once per crawl, named as capture.js
        names them (the sheet's address as text, the <link>'s place as selector)."""
        links: list[Link] = []
        for link in page.links:
            rels = link.rel.split()
            if (
                link.kind == "link"
                and "stylesheet" in rels
                and same_origin(link.href, origin_of(page.base_url))
            ):
                await self._sheet(urldefrag(link.href).url, link.selector, links, 0)
        for raw in imports:
            await self._imported(raw, page.base_url, links, 0)
        return links

    async def _sheet(self, url: str, selector: str, links: list[Link], depth: int) -> None:
        if url not in self._sheets:
            self._sheets[url] = await self._read_sheet(url)
        named, imports = self._sheets[url]
        links.extend(css_link(raw, url, url, selector) for raw in named)
        for raw in imports:
            await self._imported(raw, url, links, depth, selector)

    async def _imported(
        self, raw: str, base: str, links: list[Link], depth: int, selector: str = ""
    ) -> None:
        """A sheet @imported from `base` (a sheet, or the page for a <style>), if readable."""
        imported = urldefrag(absolute_url(base, raw)).url
        if depth + 1 < _MAX_IMPORT_DEPTH and same_origin(imported, origin_of(base)):
            await self._sheet(imported, selector, links, depth + 1)

    async def _read_sheet(self, url: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The addresses a stylesheet names, as written; none when it cannot be read (a
        missing sheet is itself reported, as a file the page names)."""
        got = await self._fetch(url)
        if got.error or got.left_for or (got.status or 0) >= 400:
            return (), ()
        named, imports = css_urls(got.text)
        return tuple(named), tuple(imports)


def _decoded(got: Fetched) -> str:
    """The body as the browser would decode it: the header's charset, else a <meta charset>
    in the first 1,024 bytes, else UTF-8."""
    if "charset=" in got.content_type.lower():
        return got.text
    match = _META_CHARSET.search(got.body[:1024])
    if match:
        try:
            return got.body.decode(match.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    return got.body.decode("utf-8", "replace")


def _unique_css(links: Iterable[Link]) -> tuple[Link, ...]:
    """Each address CSS names once per page, as capture.js keeps it (the first place wins)."""
    seen: set[str] = set()
    kept = []
    for link in links:
        if link.kind == "css":
            if link.href in seen:
                continue
            seen.add(link.href)
        kept.append(link)
    return tuple(kept)


def render_notes(
    render: RenderMode, checks: Iterable[LoadedCheck], counts: HtmlReads | None
) -> list[str]:
    """What `--render auto` did, for the report's notes: every page rendered because a check
    needs the browser, or how many pages were read from their HTML and why the rest were not."""
    if render != RenderMode.AUTO:
        return []
    needed_by = browser_needed_by(checks)
    if needed_by:
        who = "; ".join(f"{name} needs {', '.join(needs)}" for name, needs in needed_by.items())
        return [
            f"--render auto read no page from its HTML, every page was rendered: {who}, "
            "which only a page loaded in the browser gives (run those checks apart, or "
            "--only dead-navigation,under-construction,page-health, to use it)."
        ]
    read, rendered = (counts.read, counts.rendered) if counts else (0, Counter[str]())
    total = sum(rendered.values())
    why = ", ".join(
        f"{count} with {reason}"
        for reason, count in sorted(rendered.items(), key=lambda item: (-item[1], item[0]))
    )
    in_browser = f"; {_pages(total)} rendered in the browser ({why})" if total else ""
    return [
        f"--render auto: {_pages(read)} read from their HTML, which carries no script, "
        f"without the browser{in_browser}. Pages read from HTML have no timings, and what their "
        "stylesheets hide or style is not known (README, --render)."
    ]


def _pages(count: int) -> str:
    return f"{count:,} page" if count == 1 else f"{count:,} pages"
