"""The screens the devices check loads pages on, from the names a config gives (plain data,
no browser: Playwright's device list is asked for only when a name needs it).

"phone" (390 x 844, touch, 3x), "tablet" (768 x 1024) and "desktop" (1366 x 768) are built in;
any Playwright device name ("iPhone 13", "Galaxy S9+", "iPad Mini") and any size
("1024x600") work too. Playwright's device list is asked for only when a name needs it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from cxcheck.device_views import BUILT_IN, Device

__all__ = ["BUILT_IN", "DEFAULT_DEVICES", "NARROWEST_PHONE", "resolve_devices"]

DEFAULT_DEVICES = ("phone", "tablet", "desktop")
NARROWEST_PHONE = 320  # the narrowest phones still in use, CSS px

Descriptors = Callable[[], Mapping[str, Mapping[str, Any]]]


def resolve_devices(
    names: Sequence[str], descriptors: Descriptors | None = None
) -> tuple[Device, ...]:
    """The devices `names` name, narrowest first; ValueError saying which name is unknown."""
    if not names:
        raise ValueError("devices: name at least one device")
    ask = descriptors or playwright_descriptors
    found = [_device(name, ask) for name in names]
    if len({d.name for d in found}) != len(found):
        raise ValueError("devices: the same device is named twice")
    return tuple(sorted(found, key=lambda d: (d.width, d.name)))


def _device(name: str, descriptors: Descriptors) -> Device:
    if name.strip().casefold() in BUILT_IN:
        return BUILT_IN[name.strip().casefold()]
    # The rule journeys name screens by (a size, or a Playwright name); imported here so a
    # check that names only built-in devices loads nothing of the browser's.
    from cxcheck.journeys.devices import device_problem, size_of

    size = size_of(name)
    if size:
        return Device(name.strip(), size[0], size[1])
    known = descriptors()
    problem = device_problem(name, [*BUILT_IN, *known])
    if problem:
        named = "phone, tablet, desktop, a Playwright device name"
        raise ValueError(f"devices: {problem.replace('a Playwright device name', named)}")
    key = {key.casefold(): key for key in known}[name.strip().casefold()]
    return device_of(key, known[key])


def device_of(name: str, descriptor: Mapping[str, Any]) -> Device:
    """A Device from one of Playwright's device descriptors."""
    viewport = descriptor.get("viewport") or {}
    return Device(
        name,
        int(viewport.get("width", 1280)),
        int(viewport.get("height", 720)),
        float(descriptor.get("device_scale_factor") or 1),
        touch=bool(descriptor.get("has_touch")),
        mobile=bool(descriptor.get("is_mobile")),
        user_agent=str(descriptor.get("user_agent") or ""),
    )


def playwright_descriptors() -> Mapping[str, Mapping[str, Any]]:
    """Playwright's device descriptors (it starts Playwright's driver, never a browser)."""
    # In a thread of its own: Playwright's sync API refuses a thread whose event loop runs.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_ask_playwright).result()


def _ask_playwright() -> dict[str, dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return {name: dict(options) for name, options in playwright.devices.items()}


def checked_widths(
    devices: Sequence[Device], boundaries: Sequence[int], extra: bool = True, most: int = 24
) -> list[int]:
    """Every window width to check: the devices', and with `extra` 320 px and both sides of
    each layout change (`boundaries`: the first width past each breakpoint) from 320 px up to
    the widest device; at most `most` extra ones (spread evenly when there are more)."""
    widest = max(d.width for d in devices)
    own = {d.width for d in devices}
    if not extra:
        return sorted(own)
    more = {NARROWEST_PHONE} if widest > NARROWEST_PHONE else set()
    for first in boundaries:
        more.update(w for w in (first - 1, first) if NARROWEST_PHONE <= w <= widest)
    picked = sorted(more - own)
    if len(picked) > most:
        step = len(picked) / most
        picked = [picked[int(i * step)] for i in range(most)]
    return sorted(own | set(picked))
