"""cxcheck's own HTTP requests (pages past the render budget, files, robots.txt, sitemaps,
the HTML of a page whose tab crashed, link statuses): redirects followed one hop at a time,
and never one that leaves what the caller allows (the site, or for the link check a site it
checks). Playwright's own following would go anywhere: a start page that sends everything
to a single sign-on server had cxcheck fetch that server's robots.txt and sitemap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urljoin

from playwright.async_api import APIResponse
from playwright.async_api import Error as PlaywrightError

from cxcheck.snapshot import Redirect

MAX_REDIRECTS = 10
MAX_BODY_BYTES = 5_000_000  # a page past this is not read for links (as capture.js cuts)
_REDIRECTS = (301, 302, 303, 307, 308)


class Requests(Protocol):
    """What fetch sends through: Playwright's APIRequestContext, or a stand-in that picks one
    per request (crawl/lifeline.CurrentRequests, the link check's choice per hop)."""

    async def head(self, url: str, **options: Any) -> APIResponse: ...

    async def get(self, url: str, **options: Any) -> APIResponse: ...


@dataclass(frozen=True)
class Fetched:
    """One URL asked for, after its redirects: the answer, or why there was none."""

    url: str
    final_url: str = ""
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""  # only when asked for, and only up to MAX_BODY_BYTES
    redirects: tuple[Redirect, ...] = ()
    left_for: str = ""  # a redirect sent it off the site: where to (not followed)
    error: str = ""  # Playwright's message when no answer came

    @property
    def content_type(self) -> str:
        """The answer's content type, as the server sent it ("" when none)."""
        return self.headers.get("content-type", "")

    @property
    def text(self) -> str:
        """The body as text, in the charset the server named (UTF-8 if none or unknown)."""
        charset = self.content_type.lower().partition("charset=")[2].split(";")[0].strip(" \"'")
        try:
            return self.body.decode(charset or "utf-8", "replace")
        except LookupError:
            return self.body.decode("utf-8", "replace")


async def fetch(
    request: Requests,
    url: str,
    in_scope: Callable[[str], bool],
    *,
    timeout_s: float,
    method: str = "GET",  # or HEAD
    read_body: bool = False,
    headers: Mapping[str, str] | None = None,  # extra request headers (a Range, say)
    max_body: int = MAX_BODY_BYTES,
    cut_longer: bool = False,  # a longer body: its first max_body bytes (else none of it)
) -> Fetched:
    """Ask for `url`, following redirects that stay `in_scope`; never raises for the site's
    answers (no answer at all is `error`)."""
    hops: list[Redirect] = []
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        try:
            send = request.head if method == "HEAD" else request.get
            extra = {"headers": dict(headers)} if headers else {}
            response = await send(current, max_redirects=0, timeout=timeout_s * 1000, **extra)
        except PlaywrightError as error:
            return Fetched(url, current, redirects=tuple(hops), error=str(error))
        location = response.headers.get("location", "")
        if response.status not in _REDIRECTS or not location:
            body_limit = max_body if read_body else -1
            return await _answer(url, current, response, tuple(hops), body_limit, cut_longer)
        hops.append(Redirect(current, response.status))
        await response.dispose()  # else the driver keeps every hop's answer for the whole run
        current = urljoin(current, location)
        if not in_scope(current):
            return Fetched(url, current, response.status, redirects=tuple(hops), left_for=current)
    return Fetched(url, current, redirects=tuple(hops), error="net::ERR_TOO_MANY_REDIRECTS")


async def _answer(
    url: str,
    final: str,
    response: APIResponse,
    hops: tuple[Redirect, ...],
    max_body: int,  # -1: not read
    cut_longer: bool,
) -> Fetched:
    headers = {k.lower(): v for k, v in response.headers.items()}
    body = b""
    size = headers.get("content-length", "")
    too_long = size.isdigit() and int(size) > max_body and not cut_longer
    if max_body >= 0 and not too_long:
        try:
            body = (await response.body())[:max_body]
        except PlaywrightError:
            body = b""
    await response.dispose()
    return Fetched(url, final, response.status, headers, body, hops)
