"""The snapshots checks read: one page as the browser showed it (`PageSnapshot`), what stays
of it once checked (`PageRecord`), and the whole crawl (`SiteSnapshot`). Plain data, no
browser: the capture code that fills them is crawl/snapshot.py, and the typed results of
the captures a check declares are in cxcheck/captures.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from cxcheck.captures import Control, PageMetrics, ProbeResult, SiteProbe, UrlStatus
from cxcheck.device_views import DeviceCapture, DevicePassResult
from cxcheck.exposure import ExposureProbe
from cxcheck.findings import Finding
from cxcheck.traffic import PageTraffic, SiteTraffic
from cxcheck.urls import key_of

# How the run came to a page: given it (start URL, sitemap, a journey step) or by a link.
FOUND_AT_START, FOUND_IN_SITEMAP, FOUND_BY_LINK = "start", "sitemap", "link"
FOUND_BY_JOURNEY = "journey"

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
READ_BY_BROWSER, READ_BY_HTML = "browser", "html"  # how a page of the report was read
# What a page that nags or opens windows over and over adds to its snapshot, at most.
MAX_RECORDED = 20


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
    found_by: str = FOUND_BY_LINK  # how the run came to it: start, sitemap, link or journey
    error: str = ""  # why the page could not be loaded, in words; "" when it loaded
    error_code: str = ""  # the browser's code for it, e.g. ERR_TOO_MANY_REDIRECTS
    unreachable: bool = False  # the error means the server could not be reached at all
    rendered: bool = True  # False for non-HTML responses checked by status only
    parsed: bool = False  # past max_pages: read without rendering, for status and links only
    # "html": `--render auto` read this page from its HTML (it carries no script) instead of
    # rendering it in a tab; checked as a page all the same (crawl/html_pages.py).
    read_by: str = READ_BY_BROWSER
    dialogs: tuple[str, ...] = ()  # dialogs the page opened by itself ("alert: Welcome!")
    popups: tuple[str, ...] = ()  # windows it tried to open (blocked): their URLs
    cut: bool = False  # html and text were cut at MAX_PAGE_CHARS: the page is too large
    # What the captures checks declared gave, by capture name; read it through the typed
    # properties below (axe, controls, performance).
    extras: Mapping[str, Any] = field(default_factory=dict)
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

    # ---- the page captures checks declared (cxcheck/captures.py), typed -----------------
    @property
    def axe(self) -> Mapping[str, Any] | None:
        """axe-core's raw results (violations, incomplete, version), when "axe" was captured."""
        return self.extras.get("axe")

    @property
    def controls(self) -> tuple[Control, ...]:
        """What can be clicked that is not a plain link, when "controls" was captured."""
        return tuple(self.extras.get("controls", ()))

    @property
    def performance(self) -> PageMetrics | None:
        """What a customer waited for on this load, when "performance" was captured."""
        return self.extras.get("performance")

    @property
    def traffic(self) -> PageTraffic | None:
        """What the page asked for while it loaded and the cookies it got ("traffic")."""
        return self.extras.get("traffic")

    @property
    def devices(self) -> DeviceCapture | None:
        """The page as laid out in the crawl's window, and its DOM's shape ("devices")."""
        return self.extras.get("devices")

    def unfinished(self, reason: str) -> PageSnapshot:
        """This snapshot, of a page read before it finished loading: `reason` says so."""
        return replace(self, error=reason)


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
    found_by: str = FOUND_BY_LINK  # start, sitemap, link or journey: how the run came to it
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

    # ---- the site captures checks declared (cxcheck/captures.py), typed -----------------
    @property
    def link_statuses(self) -> Mapping[str, UrlStatus]:
        """URL (no fragment) -> its status, for what no page load showed ("link-status")."""
        return self.extras.get("link-status", {})

    @property
    def probed_controls(self) -> tuple[ProbeResult, ...]:
        """Controls the click probe clicked, and what happened ("click-probe")."""
        return tuple(self.extras.get("click-probe", ()))

    @property
    def remeasured(self) -> Mapping[str, PageMetrics]:
        """URL -> the figures a page is judged on: medians of loads alone ("remeasure")."""
        return self.extras.get("remeasure", {})

    @property
    def site_probe(self) -> SiteProbe | None:
        """robots.txt, a made-up address and the favicon as the site answered ("site-probe")."""
        return self.extras.get("site-probe")

    @property
    def site_traffic(self) -> SiteTraffic | None:
        """Other hosts the pages contacted and the cookies set, once each ("site-traffic")."""
        return self.extras.get("site-traffic")

    @property
    def exposure(self) -> ExposureProbe | None:
        """The well-known paths asked once per site and their answers ("exposure-probe")."""
        return self.extras.get("exposure-probe")

    @property
    def device_pass(self) -> DevicePassResult | None:
        """Every page's views on every device and at the widths between ("device-pass")."""
        return self.extras.get("device-pass")

    def key_of(self, url: str) -> str:
        """The page `url` names, as the crawl tells pages apart: twins such as /a/ and
        /a/index.html, fragments and tracking parameters aside; the URL itself if it is no
        http(s) address."""
        return key_of(url, self.strip_params)

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
