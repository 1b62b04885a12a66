"""The "devices" capture: a page measured as laid out on a screen, inside the page.

Two uses. In the crawl's own tab, on every page, `capture_devices` measures the page in the
crawl's window and reads the shape of its DOM (to group pages by template). In the device
pass (crawl/device_pass.py), a tab is made into each device in turn (`emulate`), the page is
loaded there, and `measure` and `reach` read it at that width and at the widths between.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from typing import Any

from playwright.async_api import CDPSession, Page
from playwright.async_api import Error as PlaywrightError

from cxcheck.captures import DevicePassRequest, DevicesRequest
from cxcheck.crawl.scripts import page_function
from cxcheck.device_views import Device, DeviceCapture, DeviceView, view_from_json

_LAYOUT_JS = page_function("device_layout")
_SHAPE_JS = page_function("device_shape")
_REACH_JS = page_function("device_reach")
# What a device load measures; the crawl's window gets only what one width can tell.
EVERY_PART = ("layout", "pieces", "rows", "targets", "texts", "images")
CRAWL_PARTS = ("layout", "targets", "texts", "images")
_WAIT_AFTER_RESIZE = """() => new Promise((done) =>
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 150))))"""
_MEDIA_RULE = re.compile(r"@media([^{]+)\{")


async def capture_devices(page: Page, request: DevicesRequest) -> DeviceCapture | None:
    """The page measured in the crawl's own window; None when it cannot be measured."""
    size = page.viewport_size or {"width": 1280, "height": 720}
    window = Device("the crawl's window", size["width"], size["height"])
    try:
        data = await page.evaluate(_LAYOUT_JS, _layout_input(request, CRAWL_PARTS, auto=True))
        data.update(await page.evaluate(_SHAPE_JS, {"parts": ["signature", "links"]}))
    except PlaywrightError:
        return None
    device = Device(
        window.name,
        window.width,
        window.height,
        float(data.get("scale") or 1),
        bool(data.get("touch")),
    )
    signature = frozenset(int(n) for n in data.get("signature") or ())
    links = frozenset(str(href) for href in data.get("links") or ())
    return DeviceCapture(view_from_json(device, "crawl", data), signature, links)


def _layout_input(
    request: DevicesRequest | DevicePassRequest,
    parts: Sequence[str],
    auto: bool = False,
    settle: bool = True,
) -> dict[str, Any]:
    return {
        "parts": list(parts),
        "exclude": list(request.exclude),
        "minTarget": request.min_target,
        "minText": request.min_text,
        "auto": auto,
        "settle": settle,
    }


async def emulate(session: CDPSession, device: Device) -> None:
    """Make the tab `device`: its window, pixel ratio, touch screen and browser name."""
    await session.send(
        "Emulation.setDeviceMetricsOverride",
        {
            "width": device.width,
            "height": device.height,
            "deviceScaleFactor": device.scale,
            "mobile": device.mobile,
            "screenWidth": device.width,
            "screenHeight": device.height,
        },
    )
    await session.send(
        "Emulation.setTouchEmulationEnabled",
        {"enabled": device.touch, "maxTouchPoints": 5 if device.touch else 1},
    )
    if device.user_agent:
        await session.send("Emulation.setUserAgentOverride", {"userAgent": device.user_agent})


async def resize(page: Page, session: CDPSession, device: Device) -> None:
    """The same device in another window width; waits for the page to lay itself out again."""
    await emulate(session, device)
    await page.evaluate(_WAIT_AFTER_RESIZE)


async def measure(
    page: Page, device: Device, source: str, request: DevicePassRequest, media: bool = False
) -> tuple[DeviceView, dict[str, Any]]:
    """The page laid out on `device` (at its width), and the raw answer (for `media`)."""
    parts = list(EVERY_PART)
    phone = device.phone
    if not device.touch:
        parts.remove("targets")
    if not phone:
        parts = [p for p in parts if p not in ("texts", "images")]
    data = await page.evaluate(_LAYOUT_JS, _layout_input(request, parts))
    if media:
        data.update(await page.evaluate(_SHAPE_JS, {"parts": ["media"]}))
    return view_from_json(device, source, data), data


async def reach(page: Page, request: DevicePassRequest) -> dict[str, Any]:
    """What a customer reaches at this width once menus and disclosures are opened."""
    return await page.evaluate(
        _REACH_JS,
        {"reveal": True, "exclude": list(request.exclude), "avoid": list(request.avoid)},
    )


async def sheet_media(session: CDPSession, hrefs: Sequence[str]) -> list[str]:
    """Media queries of stylesheets the page may not read itself (another origin's), read
    through DevTools from what the browser already loaded: no request is made."""
    if not hrefs:
        return []
    headers: list[dict[str, Any]] = []
    session.on("CSS.styleSheetAdded", lambda event: headers.append(event["header"]))
    found: list[str] = []
    try:
        await session.send("DOM.enable")
        await session.send("CSS.enable")
        await asyncio.sleep(0.05)  # the sheets already loaded are announced as the domain starts
        wanted = set(hrefs)
        for header in headers:
            if header.get("sourceURL") not in wanted:
                continue
            answer = await session.send(
                "CSS.getStyleSheetText", {"styleSheetId": header["styleSheetId"]}
            )
            found.extend(m.strip() for m in _MEDIA_RULE.findall(answer.get("text", "")))
        await session.send("CSS.disable")
        await session.send("DOM.disable")
    except PlaywrightError:
        pass  # the page went away: its breakpoints stay unknown
    return found
