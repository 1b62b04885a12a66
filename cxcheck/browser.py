"""Find and launch Chromium: Playwright's bundled build, a system one, or a remote endpoint."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Literal

from playwright.async_api import Browser, Playwright, async_playwright
from playwright.async_api import Error as PlaywrightError

from cxcheck.config import BrowserConfig
from cxcheck.errors import BrowserNotFound

# Headless as root on a closed network: without these Chromium refuses to start as root or
# stalls on background calls to hosts it cannot reach.
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-quic",
    "--metrics-recording-only",
    "--mute-audio",
)

SYSTEM_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

HOW_TO_INSTALL = (
    "no Chromium found. Install one: `apt-get install -y chromium` (Debian/Ubuntu) or "
    "`python -m playwright install chromium`, or pass --browser-path PATH"
)


@dataclass(frozen=True)
class BrowserChoice:
    """Which browser a run will drive, and how it was chosen."""

    kind: Literal["configured", "playwright", "system", "remote"]
    location: str  # executable path, or ws:// endpoint for "remote"

    def describe(self) -> str:
        """One line for `doctor` and the report."""
        labels = {
            "configured": "the browser you configured",
            "playwright": "Playwright's bundled Chromium",
            "system": "the system Chromium",
            "remote": "a remote browser",
        }
        return f"{labels[self.kind]} at {self.location}"


def choose_browser(
    config: BrowserConfig,
    bundled_path: str,
    is_executable: Callable[[str], bool] = lambda p: os.path.isfile(p) and os.access(p, os.X_OK),
    which: Callable[[str], str | None] = shutil.which,
) -> BrowserChoice:
    """The browser to use, in order: endpoint, --browser-path, Playwright's, system ones."""
    if config.endpoint:
        return BrowserChoice("remote", config.endpoint)
    if config.path:
        if not is_executable(config.path):
            raise BrowserNotFound(f"browser {config.path} not found or not executable")
        return BrowserChoice("configured", config.path)
    if bundled_path and is_executable(bundled_path):
        return BrowserChoice("playwright", bundled_path)
    for name in SYSTEM_BROWSERS:
        found = which(name)
        if found:
            return BrowserChoice("system", found)
    raise BrowserNotFound(HOW_TO_INSTALL)


def bundled_chromium(playwright: Playwright) -> str:
    """Where Playwright's own Chromium would be ("" if Playwright cannot say)."""
    try:
        return playwright.chromium.executable_path
    except PlaywrightError:
        return ""


@contextlib.asynccontextmanager
async def driver() -> AsyncIterator[Playwright]:
    """Playwright's driver (a Node process), stopped on the way out; `BrowserNotFound` in
    one line when it cannot start: a NODE_OPTIONS its Node refuses, say, whose own
    message the driver prints just above."""
    try:
        playwright = await async_playwright().start()
    except Exception as error:  # "Connection closed while reading from the driver"
        reason = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        raise BrowserNotFound(
            f"Playwright's driver did not start ({reason}); its own message, if any, is "
            "above (a NODE_OPTIONS it refuses?)"
        ) from None
    try:
        yield playwright
    finally:
        await playwright.stop()


async def launch(
    playwright: Playwright, config: BrowserConfig, headless: bool = True
) -> tuple[Browser, BrowserChoice]:
    """Start (or connect to) the chosen browser; a clear error when that fails. `headless`
    False shows its window (`cxcheck journey record`)."""
    choice = choose_browser(config, bundled_chromium(playwright))
    try:
        if choice.kind == "remote":
            browser = await playwright.chromium.connect(choice.location, timeout=30_000)
        else:
            browser = await playwright.chromium.launch(
                executable_path=choice.location,
                args=list(LAUNCH_ARGS),
                timeout=60_000,
                headless=headless,
            )
    except PlaywrightError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else "unknown error"
        raise BrowserNotFound(f"could not start {choice.describe()}: {first_line}") from None
    return browser, choice
