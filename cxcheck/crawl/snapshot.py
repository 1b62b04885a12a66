"""PageSnapshot capture: the only code that reads a page's DOM.

Data flow box "PageSnapshot" in DESIGN.md: one navigation yields one frozen snapshot with
everything the checks read; checks never touch the browser.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Any

from playwright.async_api import ConsoleMessage as PwConsoleMessage
from playwright.async_api import Page, Request, Response

from cxcheck.crawl.axe import capture_axe
from cxcheck.crawl.controls import capture_controls
from cxcheck.crawl.frontier import FOUND_BY_LINK, normalize_url, page_key
from cxcheck.crawl.performance import PERFORMANCE_INIT_JS, capture_performance, milliseconds
from cxcheck.crawl.scripts import page_function
from cxcheck.crawl.stopwatch import Stopwatch
from cxcheck.crawl.traffic_capture import TRAFFIC_INIT_JS, capture_traffic
from cxcheck.findings import Finding

REGIONS_OF_NAVIGATION = frozenset({"nav", "header", "footer"})
# Elements whose URL the page itself loads (as opposed to links a person follows).
ASSET_KINDS = frozenset({"img", "script", "source", "video", "audio", "embed", "object", "css"})
# <link rel=...> values that make the browser load the URL as part of the page.
ASSET_RELS = frozenset(
    {"stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload", "modulepreload"}
)
# The most of a page's HTML and of its text a snapshot keeps, in characters (capture.js cuts
# inside the page, so a 50 MB page never crosses the wire whole). Checks read words, links
# and markup near the top; a page this big is reported as too large to read whole, and the
# links past the cut are left for the crawl to find on other pages.
MAX_PAGE_CHARS = 5_000_000
# What a page that nags or opens windows over and over adds to its snapshot, at most.
MAX_RECORDED = 20
# Requests and answers a page's events keep for the "traffic" capture, at most.
MAX_EXCHANGES = 2000


@dataclass(frozen=True)
class Link:
    """A URL the rendered page points at, and where it sits."""

    href: str  # absolute, as the browser resolved it ("" when it could not)
    raw: str  # the attribute as written
    kind: str  # a, area, img, script, link, iframe, form, source, meta, ...
    text: str = ""
    selector: str = ""
    region: str = ""  # nav, header, footer or "" (main content)
    visible: bool = True
    attr: str = "href"
    rel: str = ""

    @property
    def in_navigation(self) -> bool:
        """Inside the site's nav, header or footer."""
        return self.region in REGIONS_OF_NAVIGATION

    @property
    def navigable(self) -> bool:
        """A link a person follows to another page (as opposed to an asset the page loads)."""
        return self.kind in ("a", "area", "iframe", "meta")

    @property
    def asset(self) -> bool:
        """A URL the page loads as part of itself: image, script, stylesheet, font, media."""
        if self.kind == "link":
            return bool(ASSET_RELS.intersection(self.rel.split()))
        return self.kind in ASSET_KINDS


@dataclass(frozen=True)
class Heading:
    """A visible h1-h3 and its text."""

    level: int
    text: str


@dataclass(frozen=True)
class FailedRequest:
    """A sub-request that did not succeed: an HTTP error status or a network error."""

    url: str
    resource_type: str
    status: int | None = None
    error: str = ""


@dataclass(frozen=True)
class ConsoleEntry:
    """A console message the page logged."""

    level: str
    text: str
    url: str = ""


@dataclass(frozen=True)
class Redirect:
    """One hop of a redirect chain: this URL answered `status` and sent the browser on."""

    url: str
    status: int


@dataclass(frozen=True)
class Timings:
    """Milliseconds from navigation start, as the browser measured them."""

    ttfb_ms: float | None = None
    dom_content_loaded_ms: float | None = None
    load_ms: float | None = None
    fcp_ms: float | None = None


@dataclass(frozen=True)
class PageSnapshot:
    """Everything the checks may read about one page, captured from one navigation."""

    url: str
    final_url: str = ""
    status: int | None = None
    content_type: str = ""
    title: str = ""
    html: str = ""
    text: str = ""  # visible text of the page (innerText), one block per line
    main_text: str = ""  # visible text of <main> (or the body when there is none)
    headings: tuple[Heading, ...] = ()
    aria_hidden_text: tuple[str, ...] = ()  # visible text marked aria-hidden="true"
    lang: str = ""
    links: tuple[Link, ...] = ()
    anchors: frozenset[str] = frozenset()  # element ids and <a name>s a #fragment can name
    requested_urls: frozenset[str] = frozenset()  # every URL the page requested while loading
    redirects: tuple[Redirect, ...] = ()
    failed_requests: tuple[FailedRequest, ...] = ()
    console: tuple[ConsoleEntry, ...] = ()
    page_errors: tuple[str, ...] = ()
    timings: Timings = field(default_factory=Timings)
    requests: int = 0
    bytes: int = 0
    depth: int = 0
    referrer: str = ""
    found_by: str = FOUND_BY_LINK  # how the crawl came to it: start, sitemap or link
    error: str = ""  # why the page could not be loaded, in words; "" when it loaded
    error_code: str = ""  # the browser's code for it, e.g. ERR_TOO_MANY_REDIRECTS
    unreachable: bool = False  # the error means the server could not be reached at all
    rendered: bool = True  # False for non-HTML responses checked by status only
    parsed: bool = False  # past max_pages: read without rendering, for status and links only
    dialogs: tuple[str, ...] = ()  # dialogs the page opened by itself ("alert: Welcome!")
    popups: tuple[str, ...] = ()  # windows it tried to open (blocked): their URLs
    cut: bool = False  # html and text were cut at MAX_PAGE_CHARS: the page is too large
    extras: Mapping[str, Any] = field(default_factory=dict)  # capture added for checks' `needs`
    # Main document response headers, names lower-cased (X-Robots-Tag, Content-Language...).
    headers: Mapping[str, str] = field(default_factory=dict)
    # Visible text of what the site repeats around the page's own content: header, nav,
    # footer, side bars, cookie banners (one entry per outermost such element).
    boilerplate_text: tuple[str, ...] = ()

    @property
    def is_html(self) -> bool:
        """The response is a web page (not a PDF, image or download)."""
        return self.rendered and "html" in (self.content_type or "text/html")

    @property
    def loaded(self) -> bool:
        """The browser got a response at all."""
        return not self.error

    def unfinished(self, reason: str) -> PageSnapshot:
        """This snapshot, of a page read before it finished loading: `reason` says so."""
        return replace(self, error=reason)


# Extra capture a check can ask for by name in `needs`; each runs inside the loaded page,
# with the options the check gives in `capture_options(need)`.
ExtraCapture = Callable[[Page, Mapping[str, Any]], Awaitable[Any]]
EXTRA_CAPTURES: Mapping[str, ExtraCapture] = MappingProxyType(
    {"performance": capture_performance, "axe": capture_axe, "controls": capture_controls}
)
# Extra capture that reads what the page did while it loaded (its requests and answers, as
# PageEvents recorded them) rather than only the page as it stands.
EventCapture = Callable[[Page, "PageEvents", Mapping[str, Any]], Awaitable[Any]]
EVENT_CAPTURES: Mapping[str, EventCapture] = MappingProxyType({"traffic": capture_traffic})
# Scripts an extra capture needs in every document before the page's own scripts run.
INIT_SCRIPTS: Mapping[str, str] = MappingProxyType(
    {"performance": PERFORMANCE_INIT_JS, "traffic": TRAFFIC_INIT_JS}
)
# Captures that measure the page go first: nothing of ours may run while they watch (axe
# alone would show up as a long task).
_FIRST = ("performance",)

_CAPTURE_JS = page_function("capture")


class PageEvents:
    """Collects what a page reports while it loads: console, errors, sub-requests in flight.

    One collector serves a page for many navigations: `reset()` before each one, and only
    requests made after it count (the previous page's aborted requests are not this page's).
    """

    def __init__(self, page: Page) -> None:
        self.console: list[ConsoleEntry] = []
        self.page_errors: list[str] = []
        self.failed: list[FailedRequest] = []
        self.requested: set[str] = set()
        self.sent: list[Request] = []  # every request, in order (MAX_EXCHANGES at most)
        self.answered: list[Response] = []  # every answer, redirects included
        # Filled by whoever answers the page's dialogs and stops its popups (crawl/tab.py).
        self.dialogs: list[str] = []
        self.popups: list[str] = []
        self.document: Response | None = None  # the main document's latest response
        self._in_flight: set[Request] = set()
        self._quiet = asyncio.Event()
        self._quiet.set()
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(_error_text(error)))
        page.on("request", self._on_request)
        page.on("requestfinished", self._on_done)
        page.on("requestfailed", self._on_failed)
        page.on("response", self._on_response)

    def reset(self) -> None:
        """Forget everything seen so far: a new navigation starts."""
        self.console, self.page_errors, self.failed = [], [], []
        self.dialogs, self.popups = [], []
        self.requested = set()
        self.sent, self.answered = [], []
        self.document = None
        self._in_flight = set()
        self._quiet.set()

    def _on_console(self, message: PwConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            url = (message.location or {}).get("url", "")
            self.console.append(ConsoleEntry(message.type, message.text[:2000], url))

    def _on_request(self, request: Request) -> None:
        self._in_flight.add(request)
        self.requested.add(request.url)
        if len(self.sent) < MAX_EXCHANGES:
            self.sent.append(request)
        self._quiet.clear()

    def _on_done(self, request: Request) -> None:
        if request not in self._in_flight:
            return
        self._in_flight.discard(request)
        if not self._in_flight:
            self._quiet.set()

    def _on_failed(self, request: Request) -> None:
        if request in self._in_flight and not _is_main_document(request):
            failure = request.failure or "failed"
            self.failed.append(FailedRequest(request.url, request.resource_type, None, failure))
        self._on_done(request)

    def note_dialog(self, kind: str, message: str) -> None:
        """The page opened a dialog (an alert, a confirm...)."""
        if len(self.dialogs) < MAX_RECORDED:
            self.dialogs.append(f"{kind}: {' '.join(message.split())[:300]}")

    def note_popup(self, url: str) -> None:
        """The page tried to open a window at `url`."""
        if len(self.popups) < MAX_RECORDED and url not in self.popups:
            self.popups.append(url[:2000])

    def _on_response(self, response: Response) -> None:
        request = response.request
        if len(self.answered) < MAX_EXCHANGES:
            self.answered.append(response)
        if _is_main_document(request):
            self.document = response
        if response.status >= 400 and request in self._in_flight and not _is_main_document(request):
            self.failed.append(FailedRequest(response.url, request.resource_type, response.status))

    async def settle(self, limit_s: float) -> None:
        """Wait until no request is in flight (late content, JS-added links), at most `limit_s`."""
        if limit_s <= 0:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._quiet.wait(), limit_s)


def _is_main_document(request: Request) -> bool:
    return request.is_navigation_request() and request.frame.parent_frame is None


def _error_text(error: Any) -> str:
    name = getattr(error, "name", "") or "Error"
    message = getattr(error, "message", "") or str(error)
    return f"{name}: {message}"[:2000]


async def capture(
    page: Page,
    response: Response | None,
    events: PageEvents,
    *,
    url: str,
    depth: int,
    referrer: str,
    needs: Mapping[str, Mapping[str, Any]],
    timeout_s: float,
    stopwatch: Stopwatch | None = None,
) -> PageSnapshot:
    """Read the loaded page once into a frozen PageSnapshot (timed in `stopwatch`)."""
    clock = stopwatch or Stopwatch()
    extras = {}
    first = [need for need in _FIRST if need in needs]
    for need in first:
        with clock.timing(f"capture: {need}"):
            extras[need] = await asyncio.wait_for(
                EXTRA_CAPTURES[need](page, needs[need]), timeout_s
            )
    with clock.timing("capture: DOM, text and links"):
        data = await asyncio.wait_for(page.evaluate(_CAPTURE_JS, MAX_PAGE_CHARS), timeout_s)
    for need in (n for n in needs if n in EVENT_CAPTURES):  # cheap, so a page too large gets it
        with clock.timing(f"capture: {need}"):
            extras[need] = await asyncio.wait_for(
                EVENT_CAPTURES[need](page, events, needs[need]), timeout_s
            )
    # A page too large to read whole is too large for axe or the controls scan as well:
    # they would outlast any timeout, and the page is reported as too large instead.
    for need, options in () if data.get("cut") else needs.items():
        if need not in first and need not in EVENT_CAPTURES:
            with clock.timing(f"capture: {need}"):
                extras[need] = await asyncio.wait_for(
                    EXTRA_CAPTURES[need](page, options), timeout_s
                )
    timings = data.get("timings") or {}
    return PageSnapshot(
        url=url,
        final_url=page.url,
        status=response.status if response else None,
        content_type=response.headers.get("content-type", "") if response else "",
        title=data["title"],
        html=data["html"],
        text=data["text"],
        main_text=data["main_text"],
        headings=tuple(Heading(**h) for h in data["headings"]),
        aria_hidden_text=tuple(data["aria_hidden_text"]),
        lang=data["lang"],
        links=tuple(Link(**link) for link in data["links"]),
        anchors=frozenset(data["anchors"]),
        requested_urls=frozenset(events.requested),
        redirects=await redirect_chain(response),
        failed_requests=tuple(events.failed),
        console=tuple(events.console),
        page_errors=tuple(events.page_errors),
        dialogs=tuple(events.dialogs),
        popups=tuple(events.popups),
        cut=bool(data.get("cut")),
        timings=Timings(**{k: milliseconds(v) for k, v in timings.items()}),
        requests=int(data["requests"]),
        bytes=int(data["bytes"]),
        depth=depth,
        referrer=referrer,
        extras=MappingProxyType(extras),
        headers=MappingProxyType(dict(response.headers)) if response else MappingProxyType({}),
        boilerplate_text=tuple(data.get("boilerplate_text") or ()),
    )


async def redirect_chain(response: Response | None) -> tuple[Redirect, ...]:
    """The hops before the final response, first hop first."""
    hops: list[Redirect] = []
    request = response.request.redirected_from if response else None
    while request is not None:
        earlier = await request.response()
        hops.append(Redirect(request.url, earlier.status if earlier else 0))
        request = request.redirected_from
    return tuple(reversed(hops))


@dataclass(frozen=True)
class PageRecord:
    """What stays of a page after its snapshot is dropped: enough for cross-page checks."""

    url: str
    final_url: str
    status: int | None
    content_type: str
    title: str
    links: tuple[Link, ...]
    redirects: tuple[Redirect, ...]
    depth: int
    referrer: str
    error: str
    rendered: bool
    anchors: frozenset[str] = frozenset()
    error_code: str = ""
    own: bool = True  # a page of its own, checked (not a second URL for a page already seen)
    found_by: str = FOUND_BY_LINK  # start, sitemap or link: how the crawl came to it
    parsed: bool = False  # read without rendering (past max_pages): links, no checks

    @property
    def has_links(self) -> bool:
        """A page whose links are known: rendered as a web page, or its HTML read."""
        return (self.is_html or self.parsed) and not self.error

    @property
    def given(self) -> bool:
        """The crawl was given this URL (start URL, sitemap) rather than following a link."""
        return self.found_by != FOUND_BY_LINK

    @property
    def is_html(self) -> bool:
        """The response was a web page that was rendered."""
        return self.rendered and not self.error and "html" in (self.content_type or "text/html")

    @classmethod
    def of(cls, page: PageSnapshot, own: bool = True) -> PageRecord:
        """Keep the small parts of a snapshot; the HTML and text go."""
        return cls(
            page.url,
            page.final_url,
            page.status,
            page.content_type,
            page.title,
            page.links,
            page.redirects,
            page.depth,
            page.referrer,
            page.error,
            page.rendered,
            page.anchors,
            page.error_code,
            own,
            page.found_by,
            page.parsed,
        )


@dataclass(frozen=True)
class SiteSnapshot:
    """The whole crawl as cross-page checks see it, after every page was visited."""

    start_url: str
    pages: tuple[PageRecord, ...]
    findings: tuple[Finding, ...] = ()  # what the page checks found, for cross-page reasoning
    extras: Mapping[str, Any] = field(default_factory=dict)  # site captures checks asked for
    strip_params: tuple[str, ...] = ()  # query parameters that never make a page different

    def key_of(self, url: str) -> str:
        """The page `url` names, as the crawl tells pages apart: twins such as /a/ and
        /a/index.html, fragments and tracking parameters aside; the URL itself if it is no
        http(s) address."""
        normalized = normalize_url(url, self.strip_params)
        return page_key(normalized) if normalized else url

    def record_for(self, url: str) -> PageRecord | None:
        """The visited page `url` leads to."""
        return self._by_key.get(self.key_of(url))

    @cached_property
    def _by_key(self) -> dict[str, PageRecord]:
        found: dict[str, PageRecord] = {}
        for record in self.pages:  # where a redirect landed, unless that URL was visited itself
            if record.final_url:
                found.setdefault(self.key_of(record.final_url), record)
        for record in self.pages:
            found[self.key_of(record.url)] = record
        return found
