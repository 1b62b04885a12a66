"""The picture pass's browser part (data flow box "Pictures", docs/architecture.md): after the
crawl, re-open the pages a `PicturePlan` names, one after another within a time budget, and
photograph each finding: the element cropped with an outline drawn round it, or a thumbnail
of the page. Secret values are masked before any picture is taken, with the colour journey
screenshots use; file names are fingerprints, never page text.

Pictures are JPEG, taken through the DevTools protocol so a large element or a whole screen
can be scaled down in the browser: the HTML report embeds them and must stay small.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.async_api import BrowserContext, Page
from playwright.async_api import Error as PlaywrightError

from cxcheck.config import ProfileName
from cxcheck.crawl.device_pictures import screens_for, side_by_side_picture
from cxcheck.crawl.profiles import PROFILES, Profile
from cxcheck.crawl.tab import Tab
from cxcheck.device_views import DevicePassResult
from cxcheck.pictures import (
    ELEMENT,
    OUTLINE_COLOR,
    PAGE,
    Picture,
    PicturePlan,
    Shot,
    Visit,
    picture_name,
)

DEVICES = "devices"  # the check whose findings are pictured on several screens
MASK_COLOR = "#FF00FF"  # as journey screenshots (journeys/runner/evidence.py)
OUTLINE_WIDTH = 4  # CSS pixels
PADDING = 24  # CSS pixels of the page shown round an element, at least
ELEMENT_MIN = (400, 160)  # a small element is shown in this much of the page round it
ELEMENT_MAX = (720, 420)  # an element picture is scaled down to fit this (CSS pixels)
THUMBNAIL_WIDTH = 480  # a page thumbnail's width in pixels
QUALITY = 70  # JPEG quality: text stays legible, a picture stays around 10-40 KB
TABS = 3  # pages re-opened side by side: the crawl is over, the machine is free

# Covers every secret the run knows (text, field values, password fields) with a box of
# MASK_COLOR and replaces it in the text under it, so no picture can show it.
_MASK_SCRIPT = """([secrets, color]) => {
  const cover = (el) => {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) return;
    const box = document.createElement('div');
    box.setAttribute('data-cxcheck-mask', '');
    box.style.cssText = `position:absolute;left:${r.left + scrollX}px;top:${r.top + scrollY}px;`
      + `width:${r.width}px;height:${r.height}px;background:${color};z-index:2147483646;`
      + 'pointer-events:none';
    document.documentElement.appendChild(box);
  };
  const has = (text) => secrets.some((s) => text && text.includes(s));
  for (const field of document.querySelectorAll('input, textarea')) {
    if ((field.type === 'password' && field.value) || has(field.value)) cover(field);
  }
  const walker = document.createTreeWalker(document.body || document, NodeFilter.SHOW_TEXT);
  const hits = [];
  while (walker.nextNode()) if (has(walker.currentNode.nodeValue)) hits.push(walker.currentNode);
  for (const node of hits) {
    for (const s of secrets) node.nodeValue = node.nodeValue.split(s).join('••••');
    if (node.parentElement) cover(node.parentElement);
  }
}"""

# Scrolls the element into the middle of the screen and draws the outline round it on a box
# of its own (an outline on the element itself may be clipped by its parents); returns the
# area to photograph in page coordinates, or null when there is no visible element.
_OUTLINE_SCRIPT = """([selector, color, width, padding, minWidth, minHeight]) => {
  let el = null;
  try { el = document.querySelector(selector); } catch (e) { return null; }
  if (!el) return null;
  el.scrollIntoView({block: 'center', inline: 'center'});
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return null;
  const pageW = Math.max(document.documentElement.scrollWidth, innerWidth);
  const pageH = Math.max(document.documentElement.scrollHeight, innerHeight);
  // The outline goes round the element, or just inside the page's edge when the element
  // touches it (a header at the top): all four sides always show.
  const x0 = Math.max(0, r.left + scrollX - width), y0 = Math.max(0, r.top + scrollY - width);
  const x1 = Math.min(pageW, r.right + scrollX + width);
  const y1 = Math.min(pageH, r.bottom + scrollY + width);
  const box = document.createElement('div');
  box.setAttribute('data-cxcheck-outline', '');
  box.style.cssText = `position:absolute;left:${x0}px;top:${y0}px;`
    + `width:${Math.max(1, x1 - x0 - 2 * width)}px;height:${Math.max(1, y1 - y0 - 2 * width)}px;`
    + `border:${width}px solid ${color};z-index:2147483647;pointer-events:none;`
    + 'box-sizing:content-box';
  document.documentElement.appendChild(box);
  // Enough of the page round a small element to see where it is; never more than the
  // screen round a large one (shown from its top left).
  const pad = padding + width;
  const w = Math.min(Math.max(r.width + 2 * pad, minWidth), innerWidth);
  const h = Math.min(Math.max(r.height + 2 * pad, minHeight), innerHeight);
  const cx = r.left + scrollX + r.width / 2, cy = r.top + scrollY + r.height / 2;
  const left = Math.max(0, Math.min(r.width + 2 * pad > w ? r.left + scrollX - pad : cx - w / 2,
                                    pageW - w));
  const top = Math.max(0, Math.min(r.height + 2 * pad > h ? r.top + scrollY - pad : cy - h / 2,
                                   pageH - h));
  return {x: left, y: top, width: w, height: h};
}"""

_REMOVE_OUTLINE = (
    "() => document.querySelectorAll('[data-cxcheck-outline]').forEach(e => e.remove())"
)


@dataclass
class PictureTaker:
    """Takes the pictures of one plan in `context`, writing them into `folder`."""

    context: BrowserContext
    folder: Path
    secrets: Sequence[str]
    page_timeout_s: float
    deadline: float  # time.monotonic() after which no page is started or waited for
    on_visit: Callable[[int, int], None] = lambda done, total: None
    pictures: list[Picture] = field(default_factory=list)
    visited: int = 0
    # The device pass's result: a devices finding is shown on the screens it was seen on,
    # side by side (crawl/device_pictures.py), instead of at the crawl's window size.
    device_pass: DevicePassResult | None = None
    in_scope: Callable[[str], bool] = lambda url: True  # where re-opened pages may go
    profile: Profile = PROFILES[ProfileName.DESKTOP]  # the crawl's

    async def take(self, plan: PicturePlan) -> list[Picture]:
        """Every picture the plan asks for that the time budget allows; those taken so far
        stay in `pictures` when the pass is cancelled."""
        self.folder.mkdir(parents=True, exist_ok=True)
        queue = list(reversed(plan.visits))

        async def worker() -> None:
            while queue and (left := self.deadline - time.monotonic()) > 0:
                visit = queue.pop()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._visit(visit), left)
                self.visited += 1
                self.on_visit(self.visited, len(plan.visits))

        await asyncio.gather(*(worker() for _ in range(min(TABS, len(queue)))))
        return self.pictures

    async def _visit(self, visit: Visit) -> None:
        shots = []
        for shot in visit.shots:
            picture = await self._on_devices(visit.url, shot) if shot.check == DEVICES else None
            if picture is None:
                shots.append(shot)  # not a devices finding, or its screens did not load
            else:
                self.pictures.append(picture)
        if shots:
            await self._load_and_shoot(Visit(visit.url, tuple(shots)))

    async def _on_devices(self, url: str, shot: Shot) -> Picture | None:
        """A devices finding's picture: the page on the screens it was seen on and one where
        it was fine, side by side, the element outlined and secrets covered."""
        if self.device_pass is None:
            return None
        screens = screens_for(self.device_pass, url, shot.selector)
        timeout = max(1.0, min(self.page_timeout_s, self.deadline - time.monotonic()))
        selectors = [shot.selector] if shot.kind == ELEMENT else []
        try:
            made = await side_by_side_picture(
                self.context,
                url,
                screens,
                selectors,
                self.in_scope,
                timeout_s=timeout,
                prepare=self._mask,
                quality=QUALITY,
            )
        except PlaywrightError:
            return None
        path = self.folder / picture_name(shot.fingerprint, ELEMENT)
        path.write_bytes(made.data)
        note = "on " + ", ".join(f"{d.name} ({d.width} px)" for d in screens)
        return Picture(
            shot.fingerprint, str(path), ELEMENT, url, shot.selector, made.width, made.height, note
        )

    async def _mask(self, page: Page) -> None:
        await page.evaluate(_MASK_SCRIPT, [list(self.secrets), MASK_COLOR])

    async def _load_and_shoot(self, visit: Visit) -> None:
        # A Tab, as the crawl's: the page cannot leave the site or open windows (a page that
        # calls window.open on load must not reach another site when it is re-opened).
        tab = await Tab.open(self.context, self.in_scope, self.profile)
        page = tab.page
        try:
            timeout = max(1.0, min(self.page_timeout_s, self.deadline - time.monotonic()))
            try:
                await page.goto(visit.url, wait_until="load", timeout=timeout * 1000)
            except PlaywrightError:
                return  # a page that no longer loads has no picture; the pass goes on
            await self._mask(page)
            for shot in visit.shots:
                picture = await self._shoot(page, visit.url, shot)
                if picture is not None:
                    self.pictures.append(picture)
        finally:
            with contextlib.suppress(PlaywrightError):
                await tab.close()

    async def _shoot(self, page: Page, url: str, shot: Shot) -> Picture | None:
        note = ""
        try:
            if shot.kind == ELEMENT:
                drawing = [shot.selector, OUTLINE_COLOR, OUTLINE_WIDTH, PADDING, *ELEMENT_MIN]
                area = await page.evaluate(_OUTLINE_SCRIPT, drawing)
                if area:
                    width, height = ELEMENT_MAX
                    scale = min(1.0, width / area["width"], height / area["height"])
                    data = await _capture(page, area, scale)
                    await page.evaluate(_REMOVE_OUTLINE)
                    return self._save(shot, ELEMENT, url, data, area, scale, "")
                note = "the element was not visible on the page when it was re-opened"
            area = await page.evaluate(
                "() => ({x: 0, y: 0, width: innerWidth, height: innerHeight})"
            )
            await page.evaluate("() => window.scrollTo(0, 0)")
            data = await _capture(page, area, THUMBNAIL_WIDTH / area["width"])
            return self._save(shot, PAGE, url, data, area, THUMBNAIL_WIDTH / area["width"], note)
        except PlaywrightError:
            return None  # the page navigated away or closed under us: no picture of it

    def _save(
        self,
        shot: Shot,
        kind: str,
        url: str,
        data: bytes,
        area: dict[str, Any],
        scale: float,
        note: str,
    ) -> Picture:
        path = self.folder / picture_name(shot.fingerprint, kind)
        path.write_bytes(data)
        width, height = round(area["width"] * scale), round(area["height"] * scale)
        selector = shot.selector if kind == ELEMENT else ""
        return Picture(shot.fingerprint, str(path), kind, url, selector, width, height, note)


async def _capture(page: Page, area: dict[str, Any], scale: float) -> bytes:
    """A JPEG of `area` (page coordinates) scaled by `scale`, taken by the browser itself."""
    session = await page.context.new_cdp_session(page)
    try:
        clip = {key: float(area[key]) for key in ("x", "y", "width", "height")}
        shot = await session.send(
            "Page.captureScreenshot",
            {
                "format": "jpeg",
                "quality": QUALITY,
                "clip": {**clip, "scale": max(0.1, min(1.0, scale))},
                "captureBeyondViewport": False,
            },
        )
    finally:
        with contextlib.suppress(PlaywrightError):
            await session.detach()
    return base64.b64decode(shot["data"])


__all__ = ["ELEMENT", "PAGE", "PictureTaker"]
