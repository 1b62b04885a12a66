"""The "controls" capture: what a customer can click that is not an ordinary link, and
whether any script listens for it.

Listeners are read with the DevTools protocol's `getEventListeners` (the same one the
browser's developer tools use), not guessed from attributes: a button wired up with
`addEventListener` has no `onclick` to see.
"""

from __future__ import annotations

import contextlib

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from cxcheck.captures import Control, ControlsRequest
from cxcheck.crawl.scripts import page_expression

_CONTROLS_JS = page_expression("controls")


async def capture_controls(page: Page, request: ControlsRequest) -> tuple[Control, ...]:
    """The page's controls; () when the page cannot be inspected (the check then stays quiet)."""
    try:
        session = await page.context.new_cdp_session(page)
    except PlaywrightError:
        return ()
    try:
        answer = await session.send(
            "Runtime.evaluate",
            {
                "expression": _CONTROLS_JS,
                "includeCommandLineAPI": True,
                "returnByValue": True,
                "awaitPromise": True,
            },
        )
    except PlaywrightError:
        return ()
    finally:
        with contextlib.suppress(PlaywrightError):
            await session.detach()
    if "exceptionDetails" in answer:
        return ()
    return tuple(Control(**item) for item in answer["result"].get("value") or ())
