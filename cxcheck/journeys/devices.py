"""Screens journeys run on: a Playwright device name ("iPhone 13") or a size ("390x844").

One rule for all three places a device is named, so they agree: a journey's `Viewport:`
header (checked by the parser, `language/headers.py`), the `--device` flag, and the browser
context a journey runs in (cxcheck/run/journeys.py). It belongs to neither the language nor
the runner.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from cxcheck.errors import UsageError

if TYPE_CHECKING:  # the parser checks device names without loading Playwright
    from playwright.async_api import Playwright

_SIZE = re.compile(r"\s*(\d+)\s*[x×]\s*(\d+)\s*")

DeviceNames = Callable[[], Collection[str]]  # the device names known, asked for only if needed


def size_of(name: str) -> tuple[int, int] | None:
    """(width, height) for "390x844" (or "390 × 844"), None for a device name."""
    m = _SIZE.fullmatch(name)
    return (int(m[1]), int(m[2])) if m else None


def device_problem(name: str, known: Collection[str]) -> str:
    """Why `name` is no screen a journey can run on ('' when it is one), with suggestions."""
    if size_of(name) is not None:
        return ""
    by_folded = {key.casefold(): key for key in known}
    if name.strip().casefold() in by_folded:
        return ""
    close = difflib.get_close_matches(name.strip().casefold(), list(by_folded), n=3, cutoff=0.5)
    hint = " Did you mean: " + ", ".join(f'"{by_folded[c]}"' for c in close) + "?" if close else ""
    return (
        f'unknown device "{name}": use a Playwright device name such as "iPhone 13" '
        f'or a size such as "390x844".{hint}'
    )


def device_options(playwright: Playwright, name: str) -> dict[str, Any]:
    """Browser context options for a device: a Playwright device name or a size "390x844"."""
    size = size_of(name)
    if size:
        return {"viewport": {"width": size[0], "height": size[1]}}
    devices: Mapping[str, Any] = playwright.devices
    problem = device_problem(name, devices)
    if problem:
        raise UsageError(problem)
    key = {key.casefold(): key for key in devices}[name.strip().casefold()]
    options = dict(devices[key])
    options.pop("default_browser_type", None)  # a hint for launching, not a context option
    return options


def playwright_device_names() -> DeviceNames:
    """A function that returns Playwright's device names, asking Playwright once, at the
    first call (it starts Playwright's driver, never a browser)."""
    cache: list[str] = []

    def names() -> Collection[str]:
        if not cache:
            # In a thread of its own: Playwright's sync API refuses a thread whose event
            # loop is running (a caller inside asyncio).
            with ThreadPoolExecutor(1) as pool:
                cache.extend(pool.submit(_ask_playwright).result())
        return cache

    return names


def _ask_playwright() -> list[str]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return list(playwright.devices)
