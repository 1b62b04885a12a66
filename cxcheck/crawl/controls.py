"""The "controls" capture: what a customer can click that is not an ordinary link, and
whether any script listens for it.

Listeners are read with the DevTools protocol's `getEventListeners` (the same one the
browser's developer tools use), not guessed from attributes: a button wired up with
`addEventListener` has no `onclick` to see.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from cxcheck.crawl.scripts import page_expression

Handler = Literal["own", "inside", "ancestor", "page", ""]

_CONTROLS_JS = page_expression("controls")


@dataclass(frozen=True)
class Control:
    """A clickable-looking element that is not a plain link, and what makes it act."""

    tag: str
    text: str
    selector: str
    reason: str  # button, role=button, cursor:pointer, link without href, placeholder href
    handler: Handler = ""  # who listens: it, a child, a wrapper, the whole page, or nobody
    role: str = ""
    region: str = ""  # nav, header, footer or "" (main content)
    href: str | None = None  # the href attribute as written; None when there is none
    acts: bool = False  # HTML makes it act without scripts: submits a form, opens a popover...
    disabled: bool = False
    in_shadow: bool = False
    attrs: str = ""  # id, class, name, aria-label, title, value and data-* values, for word lists

    @property
    def inert(self) -> bool:
        """Nothing at all would happen on a click: no listener anywhere, no built-in action."""
        return not self.handler and not self.acts and not self.disabled


async def capture_controls(page: Page, options: Mapping[str, Any]) -> tuple[Control, ...]:
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
