"""What pages asked for while they loaded, and which cookies were set: plain data, no browser.

Filled by crawl/traffic_capture.py (one page: `PageSnapshot.extras["traffic"]`, a
PageTraffic) and crawl/site_traffic.py (the whole run: `SiteSnapshot.extras["site-traffic"]`,
a SiteTraffic). A cookie's value is never kept, anywhere: only its name and its attributes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

SAME_SITE_UNKNOWN = "unknown"  # the browser's cookie jar says Lax both when set and when not
MAX_PAGES_KEPT = 20  # pages named per cookie or per host beyond which only a count is kept
MAX_COOKIES_KEPT = 500  # different cookies kept for a run (a page may set thousands)
# Requests that carry data to the host rather than fetch a file for the page: beacons, data
# requests, live connections. Images are left out: a pixel looks like a social network's
# picture with a signed query (pbs.twimg.com/media/...?format=jpg).
_SENDING_KINDS = frozenset({"ping", "xhr", "fetch", "websocket", "eventsource"})


@dataclass(frozen=True)
class Sent:
    """One request a page made while it loaded."""

    url: str
    kind: str  # the browser's resource type: document, script, image, font, xhr, fetch, ...
    status: int | None = None  # None: no answer (failed, blocked, still loading)


@dataclass(frozen=True)
class CookieSet:
    """A cookie set while a page loaded (or found in the browser's jar), without its value."""

    name: str
    owner: str  # the host it belongs to: the answering host, or the page's host for a script
    source: str  # "response" (Set-Cookie), "script" (document.cookie) or "jar"
    by: str = ""  # the URL of the response or of the script that set it
    domain: str = ""  # its Domain attribute, lower case, no leading dot ("": this host only)
    path: str = ""
    secure: bool = False
    http_only: bool = False
    same_site: str = ""  # strict, lax, none, "" (not set) or "unknown"
    removes: bool = False  # Max-Age <= 0 or Expires in the past: it deletes the cookie

    @property
    def key(self) -> tuple[str, str]:
        """Which cookie this is, near enough: its name and domain (or host); paths aside,
        as a Set-Cookie without Path gets one the jar shows and the header does not."""
        return (self.name, self.domain or self.owner)


@dataclass(frozen=True)
class PageTraffic:
    """What one page asked for and which cookies it got, as it loaded."""

    requests: tuple[Sent, ...] = ()
    cookies: tuple[CookieSet, ...] = ()
    left_out: int = 0  # requests past the most a page keeps


def parse_set_cookie(
    header: str, owner: str, by: str, source: str = "response", now: datetime | None = None
) -> CookieSet | None:
    """One Set-Cookie value (or what a script wrote to document.cookie) without its value;
    None when it names no cookie."""
    pair, *attributes = header.split(";")
    name = pair.split("=", 1)[0].strip() if "=" in pair else ""
    if not name:
        return None
    values: dict[str, str] = {}
    for attribute in attributes:
        key, _, value = attribute.partition("=")
        values[key.strip().lower()] = value.strip()
    return CookieSet(
        name=name[:200],
        owner=owner,
        source=source,
        by=by,
        domain=values.get("domain", "").lstrip(".").lower(),
        path=values.get("path", ""),
        secure="secure" in values,
        http_only="httponly" in values,
        same_site=values.get("samesite", "").lower(),
        removes=_removes(values, now or datetime.now(UTC)),
    )


def _removes(values: dict[str, str], now: datetime) -> bool:
    max_age = values.get("max-age", "")
    if max_age.lstrip("-").isdigit():
        return int(max_age) <= 0
    try:
        expires = parsedate_to_datetime(values.get("expires", ""))
    except (TypeError, ValueError, IndexError):
        return False
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=UTC)
    return expires < now


def host_of(url: str) -> str:
    """The URL's host, lower case ("" for none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


@dataclass(frozen=True)
class HostUse:
    """Another host the site's pages made customers' browsers contact."""

    host: str
    kinds: tuple[str, ...]  # what it served: script, image, font, xhr, ...
    pages: tuple[str, ...]  # the first pages that contacted it
    page_count: int
    scripts_ran: bool  # it answered a script request (a script of its own ran in the page)
    cookies: tuple[str, ...]  # names of cookies it set, or its scripts wrote on the site's pages
    # It was sent data and answered: a beacon (ping), a data request (XHR, fetch), a socket.
    received_data: bool = False


@dataclass(frozen=True)
class CookieUse:
    """A cookie as the site's pages set it, with where."""

    cookie: CookieSet
    pages: tuple[str, ...]
    page_count: int


@dataclass(frozen=True)
class SiteTraffic:
    """Every other host the pages contacted and every cookie set, once each, for the run."""

    hosts: tuple[HostUse, ...] = ()
    cookies: tuple[CookieUse, ...] = ()  # every cookie a page load set, by response or script
    jar: tuple[CookieSet, ...] = ()  # in the browser's jar at the end, set where no page showed
    pages: int = 0  # pages whose traffic was seen


@dataclass
class _HostTally:
    kinds: set[str] = field(default_factory=set)
    pages: list[str] = field(default_factory=list)
    page_count: int = 0
    scripts_ran: bool = False
    cookies: set[str] = field(default_factory=set)
    received_data: bool = False


@dataclass
class TrafficTally:
    """Adds up the pages' traffic as the crawl delivers them (no browser, no awaiting)."""

    hosts: dict[str, _HostTally] = field(default_factory=dict)
    # A cookie (its setter's URL aside) -> the pages that set it, and how many did.
    cookies: dict[CookieSet, list[str]] = field(default_factory=dict)
    counts: dict[CookieSet, int] = field(default_factory=dict)
    setters: dict[CookieSet, str] = field(default_factory=dict)  # the first URL that set it
    pages: int = 0

    def add(self, page_url: str, traffic: PageTraffic) -> None:
        """Count one page's requests to other hosts and the cookies it got."""
        own = host_of(page_url)
        self.pages += 1
        seen: set[str] = set()
        for sent in traffic.requests:
            host = host_of(sent.url)
            if not host or host == own or not sent.url.startswith(("http:", "https:")):
                continue
            tally = self.hosts.setdefault(host, _HostTally())
            tally.kinds.add(sent.kind)
            ok = sent.status is not None and sent.status < 400
            tally.scripts_ran |= sent.kind == "script" and ok
            tally.received_data |= sent.status is not None and sent.kind in _SENDING_KINDS
            if host not in seen:
                seen.add(host)
                tally.page_count += 1
                if len(tally.pages) < MAX_PAGES_KEPT:
                    tally.pages.append(page_url)
        for cookie in traffic.cookies:
            self._add_cookie(page_url, own, cookie)

    def _add_cookie(self, page_url: str, own: str, cookie: CookieSet) -> None:
        setter = host_of(cookie.by)
        if cookie.owner != own:  # another host's own cookie (its Set-Cookie)
            self.hosts.setdefault(cookie.owner, _HostTally()).cookies.add(cookie.name)
        elif cookie.source == "script" and setter and setter != own:
            # Another host's script wrote it on the site's pages (analytics ids are).
            self.hosts.setdefault(setter, _HostTally()).cookies.add(cookie.name)
        same = replace(cookie, by="")
        if same not in self.cookies and len(self.cookies) >= MAX_COOKIES_KEPT:
            return
        pages = self.cookies.setdefault(same, [])
        self.setters.setdefault(same, cookie.by)
        if page_url not in pages:
            self.counts[same] = self.counts.get(same, 0) + 1
            if len(pages) < MAX_PAGES_KEPT:
                pages.append(page_url)

    def result(self, jar: tuple[CookieSet, ...] = ()) -> SiteTraffic:
        """The run's traffic; `jar` cookies that some page was seen setting are left out."""
        known = {cookie.key for cookie in self.cookies}
        return SiteTraffic(
            hosts=tuple(
                HostUse(
                    host,
                    tuple(sorted(t.kinds)),
                    tuple(t.pages),
                    t.page_count,
                    t.scripts_ran,
                    tuple(sorted(t.cookies)),
                    t.received_data,
                )
                for host, t in sorted(self.hosts.items())
            ),
            cookies=tuple(
                CookieUse(
                    replace(cookie, by=self.setters[cookie]), tuple(pages), self.counts[cookie]
                )
                for cookie, pages in self.cookies.items()
            ),
            jar=tuple(cookie for cookie in jar if cookie.key not in known),
            pages=self.pages,
        )
