"""The "traffic" capture: every request a page made while it loaded, and every cookie it got
(Set-Cookie on any answer, the page's own and other hosts', and document.cookie writes with
the script that wrote them, noted by cookie_watch.js). Cookie values are dropped at once.

It reads what PageEvents recorded during the load, so it costs no extra page work beyond
asking the browser for answers' raw headers (Set-Cookie is not among the headers Playwright
hands over by default), one round trip each: the page's own documents, its XHR and fetch
answers and every answer of another host are asked; the site's own images, fonts,
stylesheets, scripts and media are not (they seldom set cookies; one that does is still in
the browser's jar at the end, which the site-traffic capture reads).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from typing import Protocol

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Request, Response

from cxcheck.captures import TrafficRequest
from cxcheck.crawl.scripts import init_script
from cxcheck.traffic import CookieSet, PageTraffic, Sent, host_of, parse_set_cookie


class PageEvents(Protocol):
    """What this capture reads of a page's recorded events (crawl/snapshot.py's PageEvents,
    which registers this capture: named by what it offers, so neither imports the other)."""

    sent: list[Request]  # every request, in order
    answered: list[Response]  # every answer, redirects included


TRAFFIC_INIT_JS = init_script("cookie_watch")
MAX_REQUESTS = 1000  # per page; a page that asks for more is counted, not listed
_HEADERS_WAIT_S = 5.0  # raw headers of an answer the browser never completes are not waited for
_WRITES_JS = "() => window.__cxcheckCookieWrites || []"
_STATIC_KINDS = frozenset({"image", "font", "stylesheet", "script", "media", "manifest"})


async def capture_traffic(page: Page, events: PageEvents, request: TrafficRequest) -> PageTraffic:
    """What the page loaded and which cookies it got, from what `events` saw during the load."""
    statuses: dict[Request, int] = {r.request: r.status for r in events.answered}
    sent = events.sent[:MAX_REQUESTS]
    requests = tuple(Sent(r.url[:2000], r.resource_type, statuses.get(r)) for r in sent)
    own = host_of(page.url)
    asked = [r for r in events.answered[:MAX_REQUESTS] if _may_set_cookies(r, own)]
    # Side by side: the answers' headers and the page's record of script writes.
    answered, written = await asyncio.gather(_set_cookies(asked), _script_writes(page))
    cookies = [*answered, *written]
    return PageTraffic(requests, tuple(cookies), max(0, len(events.sent) - MAX_REQUESTS))


def _may_set_cookies(answer: Response, own_host: str) -> bool:
    """Worth a round trip for its Set-Cookie: not one of the site's own static files."""
    if answer.request.resource_type not in _STATIC_KINDS:
        return True
    return host_of(answer.url) != own_host


async def _set_cookies(answers: Sequence[Response]) -> list[CookieSet]:
    tasks = [asyncio.ensure_future(_header_lines(answer)) for answer in answers]
    if not tasks:
        return []
    done, pending = await asyncio.wait(tasks, timeout=_HEADERS_WAIT_S)
    for task in pending:
        task.cancel()
    found = []
    for answer, task in zip(answers, tasks, strict=True):
        if task in done and not task.cancelled() and task.exception() is None:
            owner = host_of(answer.url)
            for line in task.result():
                cookie = parse_set_cookie(line, owner, answer.url[:2000])
                if cookie:
                    found.append(cookie)
    return found


async def _header_lines(answer: Response) -> list[str]:
    with contextlib.suppress(PlaywrightError):
        values = await answer.header_values("set-cookie")
        # Some answers come with several cookies folded into one value, one per line.
        return [line for value in values for line in value.split("\n") if line.strip()]
    return []


async def _script_writes(page: Page) -> list[CookieSet]:
    try:
        writes = await page.evaluate(_WRITES_JS)
    except PlaywrightError:
        return []
    owner = host_of(page.url)
    found = []
    for write in writes if isinstance(writes, list) else []:
        if not isinstance(write, dict):
            continue
        text = f"{write.get('name', '')}=; {write.get('attributes', '')}"
        cookie = parse_set_cookie(
            text, owner, str(write.get("script") or page.url)[:2000], "script"
        )
        if cookie:
            found.append(cookie)
    return found
