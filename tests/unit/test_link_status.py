"""Link status: statuses, GET fallback, retries, slow hosts and per-host limits, on 127.0.0.1."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

import pytest
from playwright.async_api import APIRequestContext, async_playwright

from cxcheck.captures import LinkStatusRequest, UrlStatus
from cxcheck.crawl.link_status import (
    LinkStatusChecker,
    describe_error,
    parse_retry_after,
)

T = TypeVar("T")
NOT_ASKED = "the host did not answer an earlier request within 0.5 s, so it was not asked again"


class Fixtures(ThreadingHTTPServer):
    """A server that counts requests and how many are in flight at once."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.seen: list[tuple[str, str]] = []
        self.in_flight = 0
        self.max_in_flight = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client gave up on /slow: a broken pipe is expected


class Handler(BaseHTTPRequestHandler):
    server: Fixtures

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def _serve(self) -> None:
        server = self.server
        with server.lock:
            server.seen.append((self.command, self.path))
            server.in_flight += 1
            server.max_in_flight = max(server.max_in_flight, server.in_flight)
            busy_before = sum(path.startswith("/busy") for _, path in server.seen[:-1])
        try:
            status, headers = self._route(busy_before)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "2")
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(b"ok")
        finally:
            with server.lock:
                server.in_flight -= 1

    def _route(self, busy_before: int) -> tuple[int, dict[str, str]]:
        path = self.path.split("?")[0]
        head = self.command == "HEAD"
        if path == "/gone":
            return 404, {}
        if path == "/head-refused":
            return (405 if head else 200), {}
        if path == "/head-404-get-200":
            return (404 if head else 200), {}
        if path == "/busy":
            return (429, {"Retry-After": "1"}) if busy_before == 0 else (200, {})
        if path == "/later":
            return 429, {"Retry-After": "3600"}
        if path == "/down":
            return 503, {}
        if path == "/slow":
            time.sleep(3)
        if path == "/pause":
            time.sleep(0.2)
        if path == "/redirect":
            return 302, {"Location": "/ok"}
        return 200, {}


@pytest.fixture
def site() -> Iterator[Fixtures]:
    server = Fixtures()
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def run(body: Callable[[APIRequestContext], Awaitable[T]]) -> T:
    """Run `body` with a browserless Playwright request context."""

    async def main() -> T:
        async with async_playwright() as playwright:
            request = await playwright.request.new_context()
            try:
                return await body(request)
            finally:
                await request.dispose()

    return asyncio.run(main())


def check(urls: list[str], **options: Any) -> dict[str, UrlStatus]:
    """Check `urls` with instant waits."""

    async def body(request: APIRequestContext) -> dict[str, UrlStatus]:
        checker = LinkStatusChecker(request, LinkStatusRequest(**options), _no_wait)
        for url in urls:
            checker.submit(url)
        return await checker.results()

    return run(body)


async def _no_wait(seconds: float) -> None:
    await asyncio.sleep(0)


def test_statuses_and_get_fallback(site: Fixtures) -> None:
    paths = ["/ok", "/gone", "/head-refused", "/head-404-get-200", "/redirect"]
    found = check([site.base + path for path in paths])
    summary = {
        url.removeprefix(site.base): (s.status, s.method, s.error) for url, s in found.items()
    }
    assert summary == {
        "/ok": (200, "HEAD", ""),
        "/gone": (404, "GET", ""),
        "/head-refused": (200, "GET", ""),
        "/head-404-get-200": (200, "GET", ""),
        "/redirect": (200, "HEAD", ""),
    }
    assert all(status.answered for status in found.values())
    assert sorted(site.seen) == sorted(
        [("HEAD", path) for path in [*paths, "/ok"]]
        + [("GET", "/gone"), ("GET", "/head-refused"), ("GET", "/head-404-get-200")]
    )


def test_retry_after_is_honoured_in_real_time(site: Fixtures) -> None:
    async def body(request: APIRequestContext) -> tuple[dict[str, UrlStatus], float]:
        checker = LinkStatusChecker(request, LinkStatusRequest())
        started = time.monotonic()
        checker.submit(site.base + "/busy")
        return await checker.results(), time.monotonic() - started

    found, elapsed = run(body)
    assert found == {site.base + "/busy": UrlStatus(site.base + "/busy", 200, attempts=2)}
    assert 1.0 <= elapsed < 2.5


def test_503_is_retried_then_reported_with_backoff(site: Fixtures) -> None:
    waits: list[float] = []

    async def record(seconds: float) -> None:
        waits.append(seconds)

    async def body(request: APIRequestContext) -> dict[str, UrlStatus]:
        checker = LinkStatusChecker(request, LinkStatusRequest(retries=2), record)
        checker.submit(site.base + "/down")
        return await checker.results()

    found = run(body)
    assert found[site.base + "/down"] == UrlStatus(site.base + "/down", 503, attempts=3)
    assert waits == [1.0, 2.0]
    assert site.seen == [("HEAD", "/down")] * 3


def test_a_long_retry_after_is_not_waited_for(site: Fixtures) -> None:
    found = check([site.base + "/later"], max_retry_wait_s=10)
    assert found[site.base + "/later"] == UrlStatus(
        site.base + "/later", 429, "asked to retry after 3600 s"
    )


@pytest.mark.parametrize(("per_host", "timed_out"), [(1, 1), (2, 2)])
def test_a_slow_host_costs_its_timeout_once_per_slot(
    site: Fixtures, per_host: int, timed_out: int
) -> None:
    async def body(request: APIRequestContext) -> tuple[dict[str, UrlStatus], float]:
        options = LinkStatusRequest(timeout_s=0.5, per_host=per_host)
        checker = LinkStatusChecker(request, options)
        started = time.monotonic()
        for n in range(5):
            checker.submit(f"{site.base}/slow?{n}")
        return await checker.results(), time.monotonic() - started

    found, elapsed = run(body)
    errors = Counter(status.error for status in found.values())
    assert errors == {"no answer within 0.5 s": timed_out, NOT_ASKED: 5 - timed_out}
    assert not any(status.answered for status in found.values())
    assert len(site.seen) == timed_out
    assert elapsed < 2 * 0.5


def test_per_host_limit_is_never_exceeded() -> None:
    servers = [Fixtures(), Fixtures()]
    for server in servers:
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        urls = [f"{server.base}/pause?{n}" for server in servers for n in range(6)]
        found = check(urls, per_host=2)
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
    assert all(status.status == 200 for status in found.values())
    assert [server.max_in_flight for server in servers] == [2, 2]


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/x"
    assert check([url]) == {url: UrlStatus(url, None, "connection refused")}


def test_each_url_is_asked_once_and_fragments_are_dropped(site: Fixtures) -> None:
    async def body(request: APIRequestContext) -> tuple[dict[str, UrlStatus], int, int]:
        checker = LinkStatusChecker(request, LinkStatusRequest())
        for url in ["/ok", "/ok#top", "/ok#faq", "/ok", "/gone#x"]:
            checker.submit(site.base + url)
        for url in ["mailto:shop@example.com", "ftp://127.0.0.1/f", "/relative", "http://"]:
            checker.submit(url)
        return await checker.results(), checker.checked, checker.hosts

    found, checked, hosts = run(body)
    assert sorted(found) == [site.base + "/gone", site.base + "/ok"]
    assert (checked, hosts) == (2, 1)
    assert Counter(site.seen) == {("HEAD", "/ok"): 1, ("HEAD", "/gone"): 1, ("GET", "/gone"): 1}


def test_urls_submitted_while_waiting_are_included(site: Fixtures) -> None:
    async def body(request: APIRequestContext) -> dict[str, UrlStatus]:
        checker = LinkStatusChecker(request, LinkStatusRequest())
        checker.submit(site.base + "/pause")
        waiting = asyncio.create_task(checker.results())
        await asyncio.sleep(0.05)
        checker.submit(site.base + "/ok")
        return await waiting

    assert sorted(run(body)) == [site.base + "/ok", site.base + "/pause"]


def test_close_cancels_what_is_still_running(site: Fixtures) -> None:
    async def body(request: APIRequestContext) -> tuple[dict[str, UrlStatus], float]:
        checker = LinkStatusChecker(request, LinkStatusRequest(timeout_s=5))
        checker.submit(site.base + "/slow")
        checker.submit(site.base + "/ok")
        await asyncio.sleep(0.3)
        started = time.monotonic()
        await checker.close()
        return await checker.results(), time.monotonic() - started

    found, elapsed = run(body)
    assert list(found) == [site.base + "/ok"]
    assert elapsed < 0.5


@pytest.mark.parametrize(
    ("message", "words"),
    [
        (
            "APIRequestContext.head: connect ECONNREFUSED 127.0.0.1:1\nCall log:",
            "connection refused",
        ),
        (
            "APIRequestContext.head: getaddrinfo ENOTFOUND shop.test\nCall log:",
            "host name not found",
        ),
        ("APIRequestContext.get: getaddrinfo EAI_AGAIN shop.test", "host name not found"),
        ("APIRequestContext.head: read ECONNRESET", "connection reset"),
        (
            "APIRequestContext.head: self-signed certificate; if the root CA is installed locally, "
            "try running Node.js with --use-system-ca",
            "TLS certificate not accepted",
        ),
        ("APIRequestContext.head: certificate has expired", "TLS certificate not accepted"),
        (
            "APIRequestContext.head: Max redirect count exceeded",
            "redirect loop (too many redirects)",
        ),
        ("APIRequestContext.head: something odd\nCall log:", "something odd"),
        ("x" * 300, "x" * 200),
        ("", "unknown error"),
    ],
)
def test_describe_error(message: str, words: str) -> None:
    assert describe_error(message) == words


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        ("Wed, 21 Oct 2026 07:28:30 GMT", 30.0),
        ("Wed, 21 Oct 2026 07:27:00 GMT", 0.0),  # already past
        ("soon", None),
        ("-5", None),
        ("٣", None),  # a digit, but not an ASCII one
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    now = datetime(2026, 10, 21, 7, 28, 0, tzinfo=UTC)
    assert parse_retry_after(value, now) == seconds


def test_a_time_budget_cancels_what_is_left_and_counts_it(site: Fixtures) -> None:
    async def scenario(request: APIRequestContext) -> tuple[dict[str, UrlStatus], int, float]:
        checker = LinkStatusChecker(request, LinkStatusRequest(timeout_s=5, per_host=1))
        for path in ("/ok", "/slow", "/slow?again"):
            checker.submit(site.base + path)
        started = time.monotonic()
        found = await checker.results(within_s=0.5)
        return found, checker.unchecked, time.monotonic() - started

    found, unchecked, elapsed = run(scenario)
    assert list(found) == [site.base + "/ok"]
    assert unchecked == 2
    assert elapsed < 2
