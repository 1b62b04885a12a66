"""The "device-pass" site capture: pages loaded again on every device, beside the crawl.

Every page is measured in the crawl's own window (the "devices" page capture). Pages are
grouped by template as they arrive (crawl/device_templates.py); with `sample = "template"` one
page of each template (the shallowest, chosen once the crawl is over, so every run chooses
the same) is loaded once per device after the crawl; with `sample = "all"` every page is, beside
the crawl. Each load is a tab of the crawl's context (its cookies and sign-in), made into
that device. At each device
the page is measured at the device's width, then at the widths between devices (320 px and
both sides of each CSS breakpoint) by resizing the same tab, then back at the device's width
its menus and disclosures are opened to see what a customer can reach. The result is
`SiteSnapshot.extras["device-pass"]`, a DevicePassResult.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import zlib
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from playwright.async_api import CDPSession
from playwright.async_api import Error as PlaywrightError

from cxcheck.captures import DevicePassRequest
from cxcheck.config import ProfileName
from cxcheck.crawl.breakpoints import boundaries
from cxcheck.crawl.device_templates import Templates
from cxcheck.crawl.devices import emulate, measure, reach, resize, sheet_media
from cxcheck.crawl.profiles import PROFILES
from cxcheck.crawl.tab import Tab
from cxcheck.device_list import checked_widths
from cxcheck.device_views import (
    Device,
    DeviceCapture,
    DevicePassResult,
    DeviceView,
    PageDevices,
    Reachable,
)
from cxcheck.snapshot import PageSnapshot

if TYPE_CHECKING:  # site_captures lists this capture, so it cannot be imported from here
    from cxcheck.crawl.site_scope import SiteScope

_SETTLE_S = 0.5  # how long to wait for late requests after a device load
_RECYCLE_AFTER = 20  # loads before a fresh tab (see crawler.TAB_RECYCLE_AFTER)
_MAX_NOTED_TEMPLATES = 20


@dataclass
class _DeviceTab:
    tab: Tab
    session: CDPSession
    uses: int = 0


@dataclass
class DevicePass:
    """Places pages in templates as they arrive and loads the chosen ones on every device."""

    scope: SiteScope
    request: DevicePassRequest
    templates: Templates = field(default_factory=Templates)
    _window: dict[str, DeviceView] = field(default_factory=dict)  # url -> crawl's window
    _links: dict[str, array[int]] = field(default_factory=dict)  # url -> its links, hashed
    _loaded: dict[str, PageDevices] = field(default_factory=dict)
    _queue: asyncio.Queue[str] | None = None
    _workers: list[asyncio.Task[None]] = field(default_factory=list)
    _late: int = 0
    _widths: set[int] = field(default_factory=set)

    @classmethod
    def create(cls, scope: SiteScope, request: DevicePassRequest, judge: Any = None) -> DevicePass:
        """A pass with the check's request."""
        return cls(scope, request, Templates(request.similarity))

    @property
    def devices(self) -> tuple[Device, ...]:
        """The devices pages are loaded on, narrowest first."""
        return tuple(self.request.devices)

    def observe(self, page: PageSnapshot) -> None:
        """Keep the page's crawl-window view; queue it for every device if it stands for its
        template (or if every page is loaded everywhere)."""
        capture = page.devices
        failed = page.error or (page.status or 200) >= 400
        if not isinstance(capture, DeviceCapture) or not page.is_html or failed:
            return
        self._window[page.url] = capture.view
        self._links[page.url] = array("I", sorted({_hashed(href) for href in capture.links}))
        if self.request.sample == "all":
            self._queued().put_nowait(page.url)  # every page: beside the crawl
        else:
            self.templates.add(page.url, capture.signature, page.depth)

    def _queued(self) -> asyncio.Queue[str]:
        if self._queue is None:
            self._queue = asyncio.Queue()
            self._workers = [
                asyncio.create_task(self._work()) for _ in range(max(1, self.request.workers))
            ]
        return self._queue

    async def finish(self) -> DevicePassResult:
        """Every page's views, once the chosen pages were loaded on every device (one per
        template is chosen now, when every page is known, so the choice is the same in every
        run)."""
        if self.request.sample != "all":
            for template in self.templates.groups:
                self._queued().put_nowait(template.first)
        if self._queue is not None:
            await self._queue.join()
        await self.close()
        sample_all = self.request.sample == "all"
        stood_for = {} if sample_all else {t.first: tuple(t.others) for t in self.templates.groups}
        pages = []
        for url, window in self._window.items():
            loaded = self._loaded.get(url)
            views = (window, *loaded.views) if loaded else (window,)
            pages.append(
                PageDevices(
                    url,
                    tuple(sorted(views, key=lambda v: (v.width, v.source != "load"))),
                    stood_for.get(url, ()),
                    every_device=bool(loaded and not loaded.error),
                    error=loaded.error if loaded else "",
                    volatile=loaded.volatile if loaded else frozenset(),
                    links_vary=loaded.links_vary if loaded else False,
                )
            )
        return DevicePassResult(self.devices, tuple(pages))

    async def close(self) -> None:
        """Stop the workers (and close their tabs)."""
        for worker in self._workers:
            worker.cancel()
        for worker in self._workers:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await worker
        self._workers = []

    async def _work(self) -> None:
        queue = self._queued()
        tab: _DeviceTab | None = None
        try:
            while True:
                url = await queue.get()
                try:
                    deadline = self.scope.deadline
                    if deadline is not None and time.monotonic() > deadline:
                        self._late += 1
                        continue
                    tab, loaded = await self._everywhere(url, tab)
                    self._loaded[url] = self._compared(url, loaded)
                except Exception as error:  # a page that breaks the pass is one error, not a hang
                    self._loaded[url] = PageDevices(url, error=_first_line(error))
                finally:
                    queue.task_done()
        finally:
            if tab is not None:
                await tab.tab.close()

    async def _open(self) -> _DeviceTab:
        desktop = PROFILES[ProfileName.DESKTOP]  # measuring layout: no slow network or CPU
        tab = await Tab.open(self.scope.context, self.scope.in_scope, desktop)
        return _DeviceTab(tab, await self.scope.context.new_cdp_session(tab.page))

    async def _everywhere(
        self, url: str, tab: _DeviceTab | None
    ) -> tuple[_DeviceTab | None, PageDevices]:
        """`url` on every device (each load at its own width and the widths below it)."""
        views: list[DeviceView] = []
        widths: list[int] | None = None
        errors: list[str] = []
        for device in self.devices:
            try:
                if tab is None or tab.uses >= _RECYCLE_AFTER:
                    if tab is not None:
                        await tab.tab.close()
                    tab = await self._open()
                tab.uses += 1
                found, widths = await asyncio.wait_for(
                    self._on(tab, device, url, widths), self.request.load_timeout_s * 2
                )
                views.extend(found)
            except (PlaywrightError, TimeoutError) as error:
                errors.append(f"{device.describe()}: {_first_line(error)}")
                if tab is not None:
                    await tab.tab.close()
                tab = None
        self._widths.update(widths or ())
        return tab, PageDevices(url, tuple(views), error="; ".join(errors))

    async def _on(
        self, tab: _DeviceTab, device: Device, url: str, widths: list[int] | None
    ) -> tuple[list[DeviceView], list[int]]:
        page, session, request = tab.tab.page, tab.session, self.request
        await emulate(session, device)
        tab.tab.start_visit()
        await page.goto(url, wait_until="load", timeout=request.load_timeout_s * 1000)
        await tab.tab.events.settle(_SETTLE_S)
        if tab.tab.left_for:
            raise PlaywrightError(f"the page sent the browser off the site ({tab.tab.left_for})")
        view, data = await measure(page, device, "load", request, media=widths is None)
        if widths is None:
            media = [
                *(data.get("media") or ()),
                *await sheet_media(session, data.get("unreadable_sheets") or ()),
            ]
            widths = checked_widths(
                self.devices, boundaries(media), request.breakpoints, request.max_widths
            )
        found = []
        between = _widths_below(device, self.devices, widths)
        for width in between:
            await resize(page, session, device.at(width))
            found.append((await measure(page, device.at(width), "resize", request))[0])
        if between:
            await resize(page, session, device)
        try:
            reached = await reach(page, request)
        except PlaywrightError:  # a control that navigated away: what it reaches stays unknown
            found.append(view)
            return found, widths
        found.append(
            replace(
                view,
                items=_reachables(reached, "items"),
                blocks=_reachables(reached, "blocks"),
                toggles=tuple(reached.get("toggles") or ()),
            )
        )
        return found, widths

    def _compared(self, url: str, loaded: PageDevices) -> PageDevices:
        """`loaded`, with the links that came and went between the crawl's load and the
        device load nearest its width (recommendations, rotating offers: they change from
        load to load, so a device that lacks one is not missing it)."""
        window, crawled = self._window.get(url), set(self._links.get(url, ()))
        loads = [v for v in loaded.views if v.items is not None]
        if window is None or not loads:
            return loaded
        nearest = min(loads, key=lambda v: abs(v.width - window.width))
        there = {i.key for i in nearest.items or () if i.key.startswith("link ")}
        keys = {i.key for v in loads for i in v.items or () if i.key.startswith("link ")}
        volatile = {
            k for k in keys if (_hashed(k.removeprefix("link ")) in crawled) != (k in there)
        }
        varies = crawled != {_hashed(k.removeprefix("link ")) for k in there}
        return replace(loaded, volatile=frozenset(volatile), links_vary=varies)

    def notes(self) -> list[str]:
        """What the pass did: templates, devices, widths, and what it left out."""
        if not self._window:
            return []
        devices = ", ".join(d.describe() for d in self.devices)
        pages, groups = len(self._window), len(self.templates.groups)
        loaded = len(self._loaded)
        widths = len(self._widths - {d.width for d in self.devices})
        more = (
            f" and at {widths} width{'s' if widths != 1 else ''} between them (320 px and "
            "both sides of each CSS breakpoint)"
            if widths
            else ""
        )
        if self.request.sample == "all":
            notes = [f"Every device: {loaded} of {pages} pages were loaded on {devices}{more}."]
        else:
            notes = [
                f"Every device: {pages} pages in {groups} template{'s' if groups != 1 else ''} "
                "(pages grouped by the "
                f"structure of their DOM); one page of each was loaded on {devices}{more}; "
                "the others were checked in the crawl's window only."
            ]
            shared = [t for t in self.templates.groups if t.others]
            for template in shared[:_MAX_NOTED_TEMPLATES]:
                named = ", ".join(template.others[:3])
                rest = len(template.others) - 3
                tail = f" and {rest} more" if rest > 0 else ""
                notes.append(f"Every device: {template.first} stood for {named}{tail}.")
            if len(shared) > _MAX_NOTED_TEMPLATES:
                left = len(shared) - _MAX_NOTED_TEMPLATES
                notes.append(f"Every device: {left} more templates stood for pages like them.")
        failed = [p for p in self._loaded.values() if p.error]
        if failed:
            notes.append(
                f"Every device: {len(failed)} pages could not be loaded on every device "
                f"(first: {failed[0].url}: {failed[0].error})."
            )
        if self._late:
            notes.append(
                f"Every device: {self._late} pages were not loaded on other devices: the time "
                "limit had run out."
            )
        return notes


def _widths_below(device: Device, devices: tuple[Device, ...], widths: list[int]) -> list[int]:
    """The widths this device's browser checks: those above the next narrower device's."""
    narrower = [d.width for d in devices if d.width < device.width]
    floor = max(narrower, default=0)
    own = {d.width for d in devices}
    return [w for w in widths if floor < w < device.width and w not in own]


def _hashed(href: str) -> int:
    """A link kept in four bytes (the same in every run, unlike Python's hash)."""
    return zlib.crc32(href.encode("utf-8", "replace"))


def _reachables(data: Mapping[str, Any], key: str) -> tuple[Reachable, ...]:
    return tuple(Reachable(**item) for item in data.get(key) or ())


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:300] if text else type(error).__name__
