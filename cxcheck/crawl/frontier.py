"""The frontier: which URLs the crawl visits, each once, within scope and limits.

Data flow box "Frontier" in DESIGN.md: seeds (start URL, sitemaps) and links found on
pages come in through `offer`; workers take `QueuedUrl`s out through `take`.
"""

from __future__ import annotations

import fnmatch
import re
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import SplitResult, unquote, unquote_plus, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
# A Java session id carried in the path ("/basket;jsessionid=A1B2"): a new URL per visitor.
_SESSION_IN_PATH = re.compile(r";jsessionid=[^/?;]*", re.IGNORECASE)
# Longer URLs are generated, not linked by people (ever-growing queries); browsers and
# servers start refusing them around here.
MAX_URL_LENGTH = 2048
_INDEX_FILES = ("index.html", "index.htm", "index.php", "default.htm", "default.html")
# Following a link that says one of these signs a signed-in crawl out, silently: every page
# after it would be checked as a visitor sees it.
LOGOUT_WORDS = (
    "logout",
    "log-out",
    "log_out",
    "signout",
    "sign-out",
    "sign_out",
    "logoff",
    "log-off",
)


def normalize_url(url: str, strip_params: Sequence[str] = ()) -> str | None:
    """The canonical form of an http(s) URL, or None for other schemes and broken URLs.

    Drops the fragment and default port, lower-cases scheme and host, turns an empty path
    into "/", and removes query parameters matching `strip_params` (globs such as "utm_*").
    """
    # The fragment goes before the strip: "/a #top" is "/a", not "/a " (idempotent).
    try:
        parts = urlsplit(url.partition("#")[0].strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    query = _strip_query(parts.query, strip_params)
    path = _SESSION_IN_PATH.sub("", parts.path) or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def _strip_query(query: str, strip_params: Sequence[str]) -> str:
    """Drop matching parameters (any case: PHPSESSID is phpsessid) and leave every other one
    exactly as written."""
    if not query or not strip_params:
        return query
    patterns = [p.lower() for p in strip_params]
    kept = [
        pair
        for pair in query.split("&")
        if not any(
            fnmatch.fnmatchcase(unquote_plus(pair.split("=", 1)[0]).lower(), p) for p in patterns
        )
    ]
    return "&".join(kept)


def page_key(normalized_url: str) -> str:
    """The identity of a page: `/a/`, `/a` and `/a/index.html` are one page."""
    parts = urlsplit(normalized_url)
    path = parts.path
    head, _, last = path.rpartition("/")
    if last.lower() in _INDEX_FILES:
        path = head + "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def _query_path(normalized_url: str) -> str | None:
    """The URL without its query when it has one (a normalised URL has no empty "?")."""
    path, mark, _ = normalized_url.partition("?")
    return path if mark else None


def origin_of(url: str) -> str:
    """scheme://host[:port] of a normalised URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class Scope:
    """Which URLs belong to the site: same origin, then include/exclude globs on the path."""

    origin: str
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def why_out(self, url: str) -> str:
        """ "" when `url` is in scope, else the reason it is not (a counter name)."""
        if origin_of(url) != self.origin:
            return "out-of-scope"
        target = urlsplit(url).path
        if self.include and not any(_glob_match(target, p) for p in self.include):
            return "not-included"
        if any(_glob_match(target, p) for p in self.exclude):
            return "excluded"
        return ""

    def contains(self, url: str) -> bool:
        """`url` (any http(s) URL, not yet normalised) is a page of the site the crawl may load."""
        normalized = normalize_url(url)
        return normalized is not None and not self.why_out(normalized)


def _glob_match(path: str, pattern: str) -> bool:
    """Globs match the path; a pattern ending in "/" also matches the folder and below it."""
    if pattern.endswith("/"):
        return path == pattern[:-1] or fnmatch.fnmatchcase(path, pattern + "*")
    return fnmatch.fnmatchcase(path, pattern)


def avoided(url: str, words: Sequence[str]) -> bool:
    """True when a path segment, query key or query value of `url` names one of `words`.

    A part names a word when it is the word, or starts with it followed by a non-letter;
    case-insensitive, after percent-decoding, and query values are split at "/" too. So
    "/logout", "/Account/LogOff", "/logout.php", "/sign-out/all", "?logout",
    "?action=logout" and "?route=account/logout" name "logout" or "sign-out", but
    "/catalogue", "/blog/log-cabin.html" and "/logouts" do not. "/blog/logout-tips" does:
    wrongly skipping one page costs less than a crawl signed out halfway.
    """
    if not words:
        return False
    lowered = [word.lower() for word in words if word]
    return any(_names(part.lower(), word) for part in _url_parts(urlsplit(url)) for word in lowered)


def _url_parts(parts: SplitResult) -> Iterator[str]:
    yield from unquote(parts.path).split("/")
    for pair in parts.query.split("&"):
        for side in pair.split("=", 1):
            yield from unquote_plus(side).split("/")


def _names(part: str, word: str) -> bool:
    return part.startswith(word) and not part[len(word) : len(word) + 1].isalpha()


# How the crawl came to a URL (`QueuedUrl.found_by`): it was given one (the start URL, a
# sitemap entry) or it followed a link. A page reached only through links that answers an
# error is reported as those broken links, not as a page of its own (see cxcheck/overlaps.py).
FOUND_AT_START, FOUND_IN_SITEMAP, FOUND_BY_LINK = "start", "sitemap", "link"
# Refusals that are limits of the run, not of the site: such pages are still status-checked.
BUDGET_REASONS = ("max-pages", "too-deep")


@dataclass(frozen=True)
class QueuedUrl:
    """A URL waiting for a visit, with how it was found."""

    url: str
    depth: int
    referrer: str = ""
    found_by: str = FOUND_BY_LINK  # start | sitemap | link


@dataclass
class Frontier:
    """Dedupes at enqueue, applies scope, robots and limits, and counts what it turned away.

    URLs that name one of the `avoid` words (see `avoided`) are turned away as "avoided":
    the crawl never follows a sign-out link. The start URL, offered with `force`, is the
    one exception: the user named it.
    """

    scope: Scope
    max_pages: int
    max_depth: int
    strip_params: tuple[str, ...] = ()
    avoid: tuple[str, ...] = LOGOUT_WORDS
    max_query_variants: int = 50  # URLs with a query per path: calendars, filters, traps
    allowed_by_robots: Callable[[str], bool] = field(default=lambda url: True)
    skipped: Counter[str] = field(default_factory=Counter)
    _seen: set[str] = field(default_factory=set)
    _claimed: set[str] = field(default_factory=set)
    _refused: dict[str, str] = field(default_factory=dict)
    _first_url: dict[str, str] = field(default_factory=dict)  # refused key -> URL as offered
    _queue: deque[QueuedUrl] = field(default_factory=deque)
    _accepted: int = 0
    _variants: Counter[str] = field(default_factory=Counter)  # path -> URLs with a query

    def offer(
        self,
        url: str,
        depth: int,
        referrer: str = "",
        force: bool = False,
        found_by: str = FOUND_BY_LINK,
    ) -> QueuedUrl | None:
        """Queue `url` if it is new, in scope and within limits; `force` skips robots and scope."""
        normalized = normalize_url(url, self.strip_params)
        if normalized is None:
            return None
        key = page_key(normalized)
        if key in self._seen:
            return None
        reason = "" if force else self._refusal(normalized, depth)
        if reason:
            if key not in self._refused:  # count URLs, not the pages that link to them
                self._refused[key] = reason
                self._first_url[key] = normalized
                self.skipped[reason] += 1
            return None
        if key in self._refused:  # turned away before (too deep), reached now by a shorter path
            self.skipped[self._refused.pop(key)] -= 1
            self._first_url.pop(key, None)
            self.skipped += Counter()  # drops zero counts
        self._seen.add(key)
        self._accepted += 1
        if (variants_of := _query_path(key)) is not None:
            self._variants[variants_of] += 1
        queued = QueuedUrl(normalized, depth, referrer, found_by)
        self._queue.append(queued)
        return queued

    def _refusal(self, url: str, depth: int) -> str:
        reason = self.scope.why_out(url)
        if reason:
            return reason
        if depth > self.max_depth:
            return "too-deep"
        if self.avoids(url):
            return "avoided"
        if not self.allowed_by_robots(url):
            return "robots-disallowed"
        if len(url) > MAX_URL_LENGTH:
            return "url-too-long"
        variants_of = _query_path(url)
        if variants_of is not None and self._variants[variants_of] >= self.max_query_variants:
            return "query-variants"
        if self._accepted >= self.max_pages:
            return "max-pages"
        return ""

    def avoids(self, url: str) -> bool:
        """`url` names one of the `avoid` words (see `avoided`): nothing may request it."""
        return avoided(url, self.avoid)

    def take(self) -> QueuedUrl | None:
        """The next URL to visit, oldest first (breadth-first), or None when empty.

        A URL that an earlier redirect already landed on is passed over: that page was loaded.
        """
        while self._queue:
            queued = self._queue.popleft()
            if page_key(queued.url) not in self._claimed:
                return queued
        return None

    def claim(self, final_url: str) -> bool:
        """Mark the page a navigation landed on; False if another visit already had it."""
        normalized = normalize_url(final_url, self.strip_params) or final_url
        key = page_key(normalized)
        self._seen.add(key)
        if key in self._claimed:
            return False
        self._claimed.add(key)
        return True

    def unrendered(self) -> list[str]:
        """Pages of the site that links lead to but the run's limits (max_pages, max_depth)
        left unrendered: their status is still worth asking, unless robots.txt, a sign-out
        word or the URL's length forbids any request."""
        return [
            url
            for key, url in self._first_url.items()
            if self._refused.get(key) in BUDGET_REASONS
            and key not in self._claimed  # a redirect landed on it: it was rendered after all
            and not self.avoids(url)
            and self.allowed_by_robots(url)
            and len(url) <= MAX_URL_LENGTH
        ]

    @property
    def pending(self) -> int:
        """URLs queued and not yet taken."""
        return len(self._queue)
