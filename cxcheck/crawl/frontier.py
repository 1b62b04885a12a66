"""The frontier: which URLs the crawl visits, each once, within scope and limits.

The frontier of the data flow in docs/architecture.md: seeds (start URL, sitemaps) and links
found on pages come in through `offer`; workers take `QueuedUrl`s out through `take`.
"""

from __future__ import annotations

import asyncio
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from cxcheck.snapshot import FOUND_BY_LINK
from cxcheck.urls import LOGOUT_WORDS, avoided, matches_any, normalize_url, origin_of, page_key

# Longer URLs are generated, not linked by people (ever-growing queries); browsers and
# servers start refusing them around here.
MAX_URL_LENGTH = 2048


def query_path(normalized_url: str) -> str | None:
    """The URL without its query when it has one (a normalised URL has no empty "?")."""
    path, mark, _ = normalized_url.partition("?")
    return path if mark else None


@dataclass(frozen=True)
class Scope:
    """Which URLs belong to the site: same origin, then the include/exclude globs
    (`cxcheck.urls.matches`)."""

    origin: str
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def why_out(self, url: str) -> str:
        """ "" when `url` is in scope, else the reason it is not (a counter name)."""
        if origin_of(url) != self.origin:
            return "out-of-scope"
        if self.include and not matches_any(url, self.include):
            return "not-included"
        if matches_any(url, self.exclude):
            return "excluded"
        return ""

    def contains(self, url: str) -> bool:
        """`url` (any http(s) URL, not yet normalised) is a page of the site the crawl may load."""
        normalized = normalize_url(url)
        return normalized is not None and not self.why_out(normalized)


# How the crawl came to a URL (`QueuedUrl.found_by`): it was given one (the start URL, a
# sitemap entry) or it followed a link. A page reached only through links that answers an
# error is reported as those broken links, not as a page of its own (see cxcheck/overlaps.py).
# Refusals that are limits of the run, not of the site: such pages are still status-checked.
BUDGET_REASONS = ("max-pages", "too-deep")


@dataclass(frozen=True)
class QueuedUrl:
    """A URL waiting for a visit, with how it was found."""

    url: str
    depth: int
    referrer: str = ""
    found_by: str = FOUND_BY_LINK  # start | sitemap | link
    render: bool = True  # False past max_pages: read for its status and links only


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
    max_unrendered: int = 0  # pages past max_pages read (not rendered) for status and links
    allowed_by_robots: Callable[[str], bool] = field(default=lambda url: True)
    skipped: Counter[str] = field(default_factory=Counter)
    _seen: set[str] = field(default_factory=set)
    _claimed: set[str] = field(default_factory=set)
    _refused: dict[str, str] = field(default_factory=dict)
    _first_url: dict[str, str] = field(default_factory=dict)  # refused key -> URL as offered
    _queue: deque[QueuedUrl] = field(default_factory=deque)
    _accepted: int = 0  # queued to be rendered
    _unrendered: int = 0  # queued past max_pages, to be read without rendering
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
            self._refuse(key, normalized, reason)
            return None
        if key in self._refused:  # turned away before (too deep), reached now by a shorter path
            self.skipped[self._refused.pop(key)] -= 1
            self._first_url.pop(key, None)
            self.skipped += Counter()  # drops zero counts
        self._seen.add(key)
        return self._enqueue(QueuedUrl(normalized, depth, referrer, found_by), key, force)

    def _refuse(self, key: str, url: str, reason: str) -> None:
        """Count a URL turned away, once (URLs, not the pages that link to them)."""
        if key not in self._refused:
            self._refused[key] = reason
            self._first_url[key] = url
            self.skipped[reason] += 1

    def _enqueue(self, queued: QueuedUrl, key: str, force: bool) -> QueuedUrl:
        """Queue a URL the rules let in, rendered while max_pages allows."""
        render = force or self._accepted < self.max_pages
        self._accepted += render
        self._unrendered += not render
        if (variants_of := query_path(key)) is not None:
            self._variants[variants_of] += 1
        queued = replace(queued, render=render)
        self._queue.append(queued)
        return queued

    def _refusal(self, url: str, depth: int) -> str:
        return self._rule_refusal(url, depth) or self._budget_refusal(url)

    def _rule_refusal(self, url: str, depth: int) -> str:
        """Why the run's rules turn `url` away, whatever was queued before ("" if not)."""
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
        return ""

    def _budget_refusal(self, url: str) -> str:
        """Why the run's budgets turn `url` away, given what was queued ("" if not)."""
        variants_of = query_path(url)
        if variants_of is not None and self._variants[variants_of] >= self.max_query_variants:
            return "query-variants"
        if self._accepted >= self.max_pages and self._unrendered >= self.max_unrendered:
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

    @property
    def read_unrendered(self) -> int:
        """Pages past max_pages queued to be read without rendering (status and links)."""
        return self._unrendered

    def unrendered(self) -> list[str]:
        """Pages of the site that links lead to but the run's limits (max_pages and
        max_unrendered, max_depth) left unread: their status is still worth asking, unless
        robots.txt, a sign-out word or the URL's length forbids any request."""
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

    # ---- how the crawler starts, waits and hands pages over. Alone, these are trivial; a
    # frontier shared by workers on other machines answers them through its queue
    # (cxcheck/queue/frontier.py).
    async def seeding(self) -> bool:
        """This crawl visits the start page and seeds the frontier (alone: always)."""
        return True

    async def more(self, busy: int) -> str:
        """`take` gave nothing: "take" (more came), "wait" (for a busy worker), or "done"."""
        return "wait" if busy else "done"

    async def wait(self, more: asyncio.Event) -> None:
        """Wait until a worker set `more` (it delivered a page), or the frontier's poll."""
        await more.wait()

    async def claim_page(self, final_url: str) -> bool:
        """`claim`, for the run as a whole."""
        return self.claim(final_url)

    async def visited(self, queued: QueuedUrl) -> None:
        """`queued` was delivered and its links offered (alone: nothing to hand over)."""
