"""The page capture: the only code that reads a page's DOM, turning one navigation into one
frozen `cxcheck.snapshot.PageSnapshot` with everything the checks read (and the extra
captures they declare); checks never touch the browser (docs/architecture.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType
from typing import Any

from playwright.async_api import ConsoleMessage as PwConsoleMessage
from playwright.async_api import Frame, Page, Request, Response

from cxcheck.crawl.axe import axe_init_script, capture_axe
from cxcheck.crawl.controls import capture_controls
from cxcheck.crawl.devices import capture_devices
from cxcheck.crawl.failures import ReadTimeout
from cxcheck.crawl.performance import PERFORMANCE_INIT_JS, capture_performance, milliseconds
from cxcheck.crawl.scripts import InitScripts, page_function
from cxcheck.crawl.stopwatch import Stopwatch
from cxcheck.crawl.traffic_capture import TRAFFIC_INIT_JS, capture_traffic
from cxcheck.snapshot import (
    MAX_PAGE_CHARS,
    MAX_RECORDED,
    ConsoleEntry,
    FailedRequest,
    Heading,
    Link,
    PageSnapshot,
    Redirect,
    Timings,
)

# Page captures a check can ask for by name in `needs`; each runs inside the loaded page,
# with the typed request (cxcheck/captures.py) the check configured or the defaults.
ExtraCapture = Callable[[Page, Any], Awaitable[Any]]  # (page, its typed request) -> result
EXTRA_CAPTURES: Mapping[str, ExtraCapture] = MappingProxyType(
    {
        "performance": capture_performance,
        "axe": capture_axe,
        "controls": capture_controls,
        "devices": capture_devices,
    }
)
# Page captures that read what the page did while it loaded (its requests and answers, as
# PageEvents recorded them) rather than only the page as it stands.
EventCapture = Callable[[Page, "PageEvents", Any], Awaitable[Any]]  # (page, events, request)
EVENT_CAPTURES: Mapping[str, EventCapture] = MappingProxyType({"traffic": capture_traffic})
# Scripts an extra capture needs in every document before the page's own scripts run.
INIT_SCRIPTS: Mapping[str, str] = InitScripts(
    {
        "performance": lambda: PERFORMANCE_INIT_JS,
        "traffic": lambda: TRAFFIC_INIT_JS,
        "axe": axe_init_script,
    }
)
# Requests and answers a page's events keep for the "traffic" capture, at most.
MAX_EXCHANGES = 2000
# Captures that measure the page go first: nothing of ours may run while they watch (axe
# alone would show up as a long task).
_FIRST = ("performance",)

_CAPTURE_JS = page_function("capture")
# How popup_guard.js's console.debug lines start: the page tried to open a window at the rest.
POPUP_MARKER = "cxcheck:popup-guard "


class PageEvents:
    """Collects what a page reports while it loads: console, errors, sub-requests in flight.

    One collector serves a page for many navigations: `reset()` before each one, and only
    requests made after it count (the previous page's aborted requests are not this page's).
    `reset(navigating=True)` before a load goes further: until the new document commits,
    the page on screen is still the old one, so its polls, console lines and errors are
    that page's and are left out (Blink reports the commit before the new document asks
    for anything).
    """

    def __init__(self, page: Page) -> None:
        self.console: list[ConsoleEntry] = []
        self.page_errors: list[str] = []
        self.failed: list[FailedRequest] = []
        self.requested: set[str] = set()
        self.sent: list[Request] = []  # every request, in order (MAX_EXCHANGES at most)
        self.answered: list[Response] = []  # every answer, redirects included
        # Filled by whoever answers the page's dialogs and stops its popups (crawl/tab.py),
        # and from the console lines popup_guard.js writes.
        self.dialogs: list[str] = []
        self.popups: list[str] = []
        self.document: Response | None = None  # the main document's latest response
        self._in_flight: set[Request] = set()
        self._before_commit = False  # a load started and its document has not committed
        self._quiet = asyncio.Event()
        self._quiet.set()
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        page.on("request", self._on_request)
        page.on("requestfinished", self._on_done)
        page.on("requestfailed", self._on_failed)
        page.on("response", self._on_response)
        page.on("framenavigated", self._on_navigated)

    def reset(self, navigating: bool = False) -> None:
        """Forget everything seen so far: a new page starts (`navigating`: loaded by the
        caller, so nothing counts until its document commits)."""
        self._before_commit = navigating
        self.console, self.page_errors, self.failed = [], [], []
        self.dialogs, self.popups = [], []
        self.requested = set()
        self.sent, self.answered = [], []
        self.document = None
        self._in_flight = set()
        self._quiet.set()

    def _on_navigated(self, frame: Frame) -> None:
        if frame.parent_frame is None:
            self._before_commit = False

    def _on_console(self, message: PwConsoleMessage) -> None:
        if self._before_commit:
            return
        if message.type == "debug" and message.text.startswith(POPUP_MARKER):
            self.note_popup(message.text[len(POPUP_MARKER) :])
        elif message.type in ("error", "warning"):
            url = (message.location or {}).get("url", "")
            self.console.append(ConsoleEntry(message.type, message.text[:2000], url))

    def _on_page_error(self, error: Any) -> None:
        if not self._before_commit:
            self.page_errors.append(_error_text(error))

    def _on_request(self, request: Request) -> None:
        if self._before_commit and not _is_main_document(request):
            return  # the old document's (a poll, a beacon): it is still the page on screen
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

    def covered(self) -> frozenset[str]:
        """URLs whose fate this load knows: asked for, and answered or failed. One still in
        flight when the page is read (a font or background asked for late) is not covered:
        the link check asks for it, else a missing one went unreported on this page."""
        pending = {request.url for request in self._in_flight}
        return frozenset(self.requested - pending)

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
        if _is_main_document(request):
            self.document = response
        elif request not in self._in_flight:
            # Asked for by the previous page and answered during this load: its cookies and
            # status are that page's, however late they came.
            return
        if len(self.answered) < MAX_EXCHANGES:
            self.answered.append(response)
        if response.status >= 400 and not _is_main_document(request):
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
    needs: Mapping[str, Any],  # capture name -> its typed request (cxcheck/captures.py)
    timeout_s: float,
    stopwatch: Stopwatch | None = None,
) -> PageSnapshot:
    """Read the loaded page once into a frozen PageSnapshot (timed in `stopwatch`)."""
    clock = stopwatch or Stopwatch()
    extras = {}
    first = [need for need in _FIRST if need in needs]
    for need in first:
        with clock.timing(f"capture: {need}"):
            extras[need] = await _within(EXTRA_CAPTURES[need](page, needs[need]), timeout_s, need)
    with clock.timing("capture: DOM, text and links"):
        # As one JSON text: Playwright's own encoding of 50,000 links costs ten times more.
        text = await _within(page.evaluate(_CAPTURE_JS, MAX_PAGE_CHARS), timeout_s, _READ)
        data = json.loads(text)
    for need in (n for n in needs if n in EVENT_CAPTURES):  # cheap, so a page too large gets it
        with clock.timing(f"capture: {need}"):
            extras[need] = await _within(
                EVENT_CAPTURES[need](page, events, needs[need]), timeout_s, need
            )
    # A page too large to read whole is too large for axe or the controls scan as well:
    # they would outlast any timeout, and the page is reported as too large instead.
    for need, request in () if data.get("cut") else needs.items():
        if need not in first and need not in EVENT_CAPTURES:
            with clock.timing(f"capture: {need}"):
                extras[need] = await _within(EXTRA_CAPTURES[need](page, request), timeout_s, need)
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
        requested_urls=events.covered(),
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


_READ = "DOM, text and links"


async def _within(work: Awaitable[Any], timeout_s: float, phase: str) -> Any:
    """`work`'s result, or ReadTimeout naming `phase` when it takes over `timeout_s`."""
    try:
        return await asyncio.wait_for(work, timeout_s)
    except TimeoutError:
        raise ReadTimeout(phase) from None


async def redirect_chain(response: Response | None) -> tuple[Redirect, ...]:
    """The hops before the final response, first hop first."""
    hops: list[Redirect] = []
    request = response.request.redirected_from if response else None
    while request is not None:
        earlier = await request.response()
        hops.append(Redirect(request.url, earlier.status if earlier else 0))
        request = request.redirected_from
    return tuple(reversed(hops))
