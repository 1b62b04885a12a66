"""Link status: the HTTP status of URLs no page loaded, checked once each, in the background.

Data flow box "Link status": the crawler `submit`s external links and unloaded assets as it
finds them and collects every answer with `results` at the end; a slow host never makes the
crawl wait, and a host that timed out once is not asked again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from playwright.async_api import APIRequestContext, APIResponse

from cxcheck.captures import LinkStatusRequest, UrlStatus
from cxcheck.crawl.failures import REDIRECT_LOOP, timed_out
from cxcheck.crawl.fetch import Fetched, fetch
from cxcheck.crawl.lifeline import CurrentRequests
from cxcheck.urls import normalize_url, origin_of

_RETRY_STATUSES = (429, 503)
_NOT_ASKED = "the host did not answer an earlier request within {:g} s, so it was not asked again"

# Node's error codes as Playwright's request context reports them, in plain words.
_ERROR_WORDS = (
    ("ECONNREFUSED", "connection refused"),
    ("ENOTFOUND", "host name not found"),
    ("EAI_AGAIN", "host name not found"),
    ("ECONNRESET", "connection reset"),
    ("certificate", "TLS certificate not accepted"),  # self-signed, expired, wrong name...
    ("Max redirect count exceeded", REDIRECT_LOOP),
    ("ERR_TOO_MANY_REDIRECTS", REDIRECT_LOOP),
)


def describe_error(message: str) -> str:
    """Turn a Playwright request error (other than a timeout) into plain words."""
    for marker, words in _ERROR_WORDS:
        if marker in message:
            return words
    first = message.strip().splitlines()[0] if message.strip() else "unknown error"
    # Drop Playwright's "APIRequestContext.head: " prefix; it names our call, not the problem.
    if first.startswith("APIRequestContext.") and ": " in first:
        first = first.split(": ", 1)[1]
    return first[:200]


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds a Retry-After header asks us to wait (delay or HTTP date), None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def _host_key(url: str) -> str | None:
    """scheme://host[:port] of an http(s) URL, or None for anything else."""
    normalized = normalize_url(url)
    return origin_of(normalized) if normalized else None


@dataclass(frozen=True)
class _Answer:
    """One request's outcome."""

    method: str
    status: int | None = None
    error: str = ""
    timed_out: bool = False
    retry_after: float | None = None


class LinkStatusChecker:
    """Checks URLs concurrently, at most `per_host` at a time per host, each URL once."""

    def __init__(
        self,
        request: APIRequestContext | CurrentRequests,
        options: LinkStatusRequest,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        may_follow: Callable[[str], bool] = lambda url: True,
        outside: APIRequestContext | CurrentRequests | None = None,
        inside: Callable[[str], bool] = lambda url: True,
    ) -> None:
        self._request = request
        # Other sites are asked through `outside`, which carries none of the site's [auth]
        # headers, cookies or password; `inside` tells the site's URLs from theirs.
        self._outside = outside or request
        self._inside = inside
        self._options = options
        self._sleep = sleep
        # Where a redirect may lead: a link to the site that redirects elsewhere asks that
        # other site only if a link to it would be checked (never with external = false).
        self._may_follow = may_follow
        self._tasks: dict[str, asyncio.Task[UrlStatus]] = {}
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._silent_hosts: set[str] = set()

    @property
    def hosts(self) -> int:
        """How many hosts the submitted URLs are on."""
        return len(self._slots)

    @property
    def checked(self) -> int:
        """How many unique URLs were submitted."""
        return len(self._tasks)

    def submit(self, url: str) -> None:
        """Start checking `url` (fragment dropped) unless already submitted; returns at once."""
        url = url.strip().split("#", 1)[0]
        host = _host_key(url)
        if host is None or url in self._tasks:
            return
        slot = self._slots.setdefault(host, asyncio.Semaphore(self._options.per_host))
        self._tasks[url] = asyncio.get_running_loop().create_task(self._check(url, host, slot))

    async def results(self, within_s: float | None = None) -> dict[str, UrlStatus]:
        """Wait for every URL submitted so far (and while waiting); url -> status.

        With `within_s`, what is still running then is cancelled and left out (see `unchecked`).
        """
        loop = asyncio.get_running_loop()
        end = None if within_s is None else loop.time() + within_s
        while pending := [task for task in self._tasks.values() if not task.done()]:
            left = None if end is None else end - loop.time()
            if left is not None and left <= 0:
                await self.close()
                break
            await asyncio.wait(pending, timeout=left)
        return {url: task.result() for url, task in self._tasks.items() if not task.cancelled()}

    @property
    def unchecked(self) -> int:
        """URLs whose check was cancelled (Ctrl-C, time budget)."""
        return sum(1 for task in self._tasks.values() if task.cancelled())

    async def close(self) -> None:
        """Cancel the checks still running."""
        pending = [task for task in self._tasks.values() if not task.done()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    async def _check(self, url: str, host: str, slot: asyncio.Semaphore) -> UrlStatus:
        """One URL's status; the host's slot is held through retry waits to back off politely."""
        async with slot:
            if host in self._silent_hosts:
                return UrlStatus(url, None, _NOT_ASKED.format(self._options.timeout_s))
            return await self._ask(url, host)

    async def _ask(self, url: str, host: str) -> UrlStatus:
        """Ask until there is an answer that is not "retry later", or the retries run out."""
        attempt = 1
        while True:
            answer = await self._answer(url)
            if answer.timed_out:
                self._silent_hosts.add(host)
            if answer.status not in _RETRY_STATUSES or attempt > self._options.retries:
                return UrlStatus(url, answer.status, answer.error, answer.method, attempt)
            wait = 2.0 ** (attempt - 1) if answer.retry_after is None else answer.retry_after
            if wait > self._options.max_retry_wait_s:
                error = f"asked to retry after {wait:g} s"
                return UrlStatus(url, answer.status, error, answer.method, attempt)
            await self._sleep(wait)
            attempt += 1

    async def _answer(self, url: str) -> _Answer:
        """HEAD, confirmed by GET when HEAD's answer may be the server mishandling HEAD."""
        answer = await self._fetch("HEAD", url)
        # Many servers answer HEAD wrongly (405, 501, even 404), so any error other than "slow
        # down" is confirmed by GET; 429/503 are retried as they are.
        if (answer.status or 0) >= 400 and answer.status not in _RETRY_STATUSES:
            return await self._fetch("GET", url)
        return answer

    async def _fetch(self, method: str, url: str) -> _Answer:
        """One request, never raising: errors become words."""
        timeout_s = self._options.timeout_s
        through = _Either(self._request, self._outside, self._inside)
        try:
            got = await fetch(through, url, self._may_follow, timeout_s=timeout_s, method=method)
        except Exception as error:  # one bad URL must not sink the whole report
            got = Fetched(url, error=str(error))
        if got.error and timed_out(got.error):
            return _Answer(method, error=f"no answer within {timeout_s:g} s", timed_out=True)
        if got.error:
            return _Answer(method, error=describe_error(got.error))
        retry_after = parse_retry_after(got.headers.get("retry-after"), datetime.now(UTC))
        return _Answer(method, got.status, retry_after=retry_after)


@dataclass(frozen=True)
class _Either:
    """`head` and `get` through the site's context for its own URLs, and through the one
    without its [auth] for every other site's, hop by hop."""

    inside: APIRequestContext | CurrentRequests
    outside: APIRequestContext | CurrentRequests
    is_inside: Callable[[str], bool]

    async def head(self, url: str, **options: Any) -> APIResponse:
        return await self._for(url).head(url, **options)

    async def get(self, url: str, **options: Any) -> APIResponse:
        return await self._for(url).get(url, **options)

    def _for(self, url: str) -> APIRequestContext | CurrentRequests:
        return self.inside if self.is_inside(url) else self.outside
