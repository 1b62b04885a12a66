"""`cxcheck journey record URL`: a visible browser in which every click, typing, choice and
navigation the tester makes becomes a sentence of the journey language (docs/journey-language.md
section 9). `recorder.js` runs in every page and reports what happened in a person's words; the
`Recording` turns those reports into lines, and the file is written again after each one,
so stopping at any moment (the toolbar's button, closing the window, Ctrl-C) loses nothing.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

from playwright.async_api import BrowserContext, Dialog, Page

from cxcheck.journeys.page_scripts import page_script
from cxcheck.journeys.recording.recorded_steps import Recording
from cxcheck.journeys.recording.secret_fields import SECRET_AUTOCOMPLETE, SECRET_WORDS

BINDING = "__cxcheckRecord"
_SCRIPT = page_script("cxcheck.journeys.recording", "recorder")


def display_problem(environ: Mapping[str, str], platform: str = sys.platform) -> str:
    """Why a visible browser cannot open here ('' when it can): on Linux a window needs an
    X or Wayland display."""
    if not platform.startswith("linux") or environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return ""
    return (
        "journey record opens a browser window, and there is no display here ($DISPLAY and "
        "$WAYLAND_DISPLAY are not set): run it on a desktop, over ssh -X, or under xvfb-run"
    )


def recorder_script() -> str:
    """The in-page recorder, with the secret-field rule it shares with `secret_fields.py`."""
    config = {
        "binding": BINDING,
        "secretWords": SECRET_WORDS,  # the same pattern: Python's and JavaScript's agree here
        "secretAutocomplete": list(SECRET_AUTOCOMPLETE),
    }
    return f"({_SCRIPT.strip().rstrip(';')})({json.dumps(config)});"


class Recorder:
    """Records what happens in one browser context into a `Recording`; `saved` is called
    with it after every change."""

    def __init__(
        self,
        recording: Recording,
        saved: Callable[[Recording], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.recording = recording
        self.saved = saved
        self.clock = clock
        self.done = asyncio.Event()
        self._tabs: dict[Page, int] = {}

    async def attach(self, context: BrowserContext) -> None:
        """Listen to every page of `context`, from its first document."""
        await context.expose_binding(BINDING, self._reported)
        await context.add_init_script(recorder_script())
        context.on("page", self._watch)
        context.on("close", lambda _: self.done.set())
        for page in context.pages:
            self._watch(page)

    def _watch(self, page: Page) -> None:
        self._tabs.setdefault(page, len(self._tabs))
        page.on("dialog", self._answer)
        page.on("close", self._closed)

    def _closed(self, page: Page) -> None:
        if all(p.is_closed() for p in self._tabs):
            self.done.set()  # the tester closed the window: the recording is over

    async def _answer(self, dialog: Dialog) -> None:
        self.recording.dialog(dialog.message)
        self.saved(self.recording)
        await dialog.accept()

    def _reported(self, source: Mapping[str, Any], event: Any) -> None:
        if not isinstance(event, Mapping):
            return
        page = source.get("page")
        tab = self._tabs.setdefault(page, len(self._tabs)) if page is not None else 0
        self.recording.add(event, self.clock(), tab)
        self.saved(self.recording)
        if self.recording.stopped:
            self.done.set()
