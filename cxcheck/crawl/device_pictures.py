"""Side-by-side pictures of a page on several devices, the elements of a finding outlined.

For the report's picture pass: given a page, the devices (or widths) to show it on and the
elements' selectors (`screens_for` picks them for a finding from the device pass's result),
`side_by_side` loads the page once per device in a tab of the crawl's
context (never leaving the site), outlines the elements in red, scrolls the first into
view, takes each screen as the customer sees it, and returns one PNG with the screens side
by side, each captioned with its device and width.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import html
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from playwright.async_api import BrowserContext, Page
from playwright.async_api import Error as PlaywrightError

from cxcheck.config import ProfileName
from cxcheck.crawl.devices import emulate
from cxcheck.crawl.profiles import PROFILES
from cxcheck.crawl.tab import Tab
from cxcheck.device_views import Device, DevicePassResult, DeviceView
from cxcheck.pictures import OUTLINE_COLOR

# Outlines the elements (all that match each selector) in the picture pass's colour, scrolls
# the first into view.
_OUTLINE = """([selectors, color]) => {
  const style = document.createElement("style");
  style.textContent =
    `.cxcheck-outlined { outline: 4px solid ${color} !important; outline-offset: 2px !important; }`;
  document.documentElement.append(style);
  let first = null;
  for (const selector of selectors) {
    let found = [];
    try { found = [...document.querySelectorAll(selector)]; } catch (e) { continue; }
    for (const el of found) { el.classList.add("cxcheck-outlined"); first = first || el; }
  }
  // Where the screen should start: the first element centred, within the page. Read from
  // the document, not from a scroll: an emulated phone's scroll position does not always
  // move the area a screenshot clips.
  const pageH = Math.max(document.documentElement.scrollHeight, innerHeight);
  if (!first) return [0, 0];
  const r = first.getBoundingClientRect();
  const top = r.top + scrollY - Math.max(0, (innerHeight - r.height) / 2);
  return [0, Math.max(0, Math.min(top, pageH - innerHeight))];
}"""
_SHOT_HEIGHT = 640  # CSS px each screen is shown at in the picture
MAX_SCREENS = 4


def screens_for(result: DevicePassResult, url: str, selector: str) -> list[Device]:
    """The screens to show a devices finding on (`Finding.url`, `Finding.selector`): the
    widths its element was seen at as a problem (narrowest first), then the devices' own
    widths where it was not, for contrast; at most MAX_SCREENS."""
    page = next((p for p in result.pages if p.url == url), None)
    if page is None:
        return list(result.devices)
    seen = [v.device for v in page.views if v.source != "crawl" and _names(v, selector)]
    fine = [v.device for v in page.views if v.source == "load" and v.device not in seen]
    screens: list[Device] = []
    for device in [*seen[:2], *fine, *seen[2:]]:
        if all(d.width != device.width for d in screens):
            screens.append(device)
    return sorted(screens[:MAX_SCREENS], key=lambda d: d.width) or list(result.devices)


def _names(view: DeviceView, selector: str) -> bool:
    """The view reports `selector` as a problem."""
    listed = [*view.wider, *view.spills, *view.rows, *view.targets, *view.texts, *view.images]
    return any(getattr(thing, "selector", "") == selector for thing in listed) or any(
        selector in (pair.first, pair.second) for pair in view.pairs
    )


async def side_by_side(
    context: BrowserContext,
    url: str,
    devices: Sequence[Device],
    selectors: Sequence[str] = (),
    in_scope: Callable[[str], bool] = lambda url: True,
    timeout_s: float = 30.0,
) -> bytes:
    """One PNG: `url` on each of `devices`, the elements `selectors` name outlined."""
    picture = await side_by_side_picture(context, url, devices, selectors, in_scope, timeout_s)
    return picture.data


@dataclass(frozen=True)
class SideBySide:
    """The picture, and its size in pixels."""

    data: bytes
    width: int
    height: int


async def side_by_side_picture(
    context: BrowserContext,
    url: str,
    devices: Sequence[Device],
    selectors: Sequence[str] = (),
    in_scope: Callable[[str], bool] = lambda url: True,
    timeout_s: float = 30.0,
    prepare: Callable[[Page], Awaitable[Any]] | None = None,
    quality: int | None = None,
) -> SideBySide:
    """`side_by_side` for the report's picture pass: `prepare` runs on each screen before it
    is taken (the pass covers secrets with it), and with `quality` the picture is a JPEG."""
    shots = [
        await _screen(context, url, d, selectors, in_scope, timeout_s, prepare) for d in devices
    ]
    return await _compose(context, shots, quality)


async def _screen(
    context: BrowserContext,
    url: str,
    device: Device,
    selectors: Sequence[str],
    in_scope: Callable[[str], bool],
    timeout_s: float,
    prepare: Callable[[Page], Awaitable[Any]] | None = None,
) -> tuple[Device, bytes | None]:
    tab = await Tab.open(context, in_scope, PROFILES[ProfileName.DESKTOP])
    try:
        session = await context.new_cdp_session(tab.page)
        await emulate(session, device)
        await tab.page.goto(url, wait_until="load", timeout=timeout_s * 1000)
        await tab.events.settle(0.5)
        at = await tab.page.evaluate(_OUTLINE, [list(selectors), OUTLINE_COLOR])
        if prepare is not None:
            await prepare(tab.page)
        await asyncio.sleep(0.1)
        answer = await session.send(
            "Page.captureScreenshot",
            {
                "format": "png",
                "clip": {
                    "x": at[0],
                    "y": at[1],
                    "width": device.width,
                    "height": device.height,
                    "scale": 1 / device.scale,
                },
                "captureBeyondViewport": True,  # the clip is where the element is, not the scroll
            },
        )
        return device, base64.b64decode(answer["data"])
    except (PlaywrightError, TimeoutError):
        return device, None  # shown as "could not be loaded"
    finally:
        with contextlib.suppress(PlaywrightError):
            await tab.close()


async def _compose(
    context: BrowserContext, shots: Sequence[tuple[Device, bytes | None]], quality: int | None
) -> SideBySide:
    figures = []
    for device, png in shots:
        label = html.escape(f"{device.name} · {device.width} px")
        if png is None:
            inner = '<div class="none">could not be loaded</div>'
        else:
            height = min(_SHOT_HEIGHT, device.height)
            width = round(device.width * height / device.height)
            data = base64.b64encode(png).decode()
            inner = f'<img src="data:image/png;base64,{data}" width="{width}" height="{height}">'
        figures.append(f"<figure>{inner}<figcaption>{label}</figcaption></figure>")
    page = await context.new_page()
    try:
        await page.set_viewport_size({"width": 800, "height": 600})
        await page.set_content(
            "<style>body{margin:0;padding:12px;background:#eee;font:14px sans-serif}"
            "main{display:inline-flex;gap:16px;align-items:flex-start}"
            "figure{margin:0;background:#fff;padding:6px;box-shadow:0 1px 3px #999}"
            "img{display:block;border:1px solid #ccc}figcaption{padding-top:6px;color:#333}"
            ".none{width:200px;height:100px;display:grid;place-items:center;color:#900}</style>"
            f"<main>{''.join(figures)}</main>"
        )
        main = page.locator("main")
        box = await main.bounding_box() or {"width": 0, "height": 0}
        if quality is None:
            picture = await main.screenshot()
        else:
            picture = await main.screenshot(type="jpeg", quality=quality)
        return SideBySide(picture, round(box["width"]), round(box["height"]))
    finally:
        with contextlib.suppress(PlaywrightError):
            await page.close()
