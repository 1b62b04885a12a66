"""A journey's tabs, the documents they load and the dialogs they show: which tab a step
acts in, when a step's navigation has loaded, which main-document response each tab last
got, each new document handed to `on_page`, and every dialog answered as it appears."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urldefrag

from playwright.async_api import Dialog, Page, Request, Response
from playwright.async_api import Error as PlaywrightError

from cxcheck.journeys.language.model import Step
from cxcheck.journeys.language.verbs import Verb
from cxcheck.journeys.runner.failure import Failure
from cxcheck.journeys.runner.phrases import path_of, plain
from cxcheck.journeys.runner.settings import PageReached
from cxcheck.journeys.runner.values import Values

log = logging.getLogger(__name__)


class Watch:
    """What one tab's main frame is doing: navigations in flight, documents loaded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.loads = 0
        self.pending: set[Request] = set()
        self.loaded = asyncio.Event()
        self.loaded.set()
        self.response: Response | None = None  # the last main-document response (Tabs sets it)
        page.on("request", self._request)
        page.on("requestfailed", self._failed)
        page.on("load", self._load)

    def _main(self, request: Request) -> bool:
        try:
            return request.is_navigation_request() and request.frame == self.page.main_frame
        except PlaywrightError:  # service-worker requests have no frame
            return False

    def _request(self, request: Request) -> None:
        if self._main(request):
            self.pending.add(request)
            self.loaded.clear()

    def _failed(self, request: Request) -> None:
        self.pending.discard(request)
        if not self.pending:
            self.loaded.set()

    def _load(self, _: Page) -> None:
        self.loads += 1
        self.pending.clear()
        self.loaded.set()


class Tabs:
    """The tab, document and dialog part of a journey run (`Session` sets the state)."""

    steps: list[Step]
    index: int
    values: Values
    on_page: PageReached | None
    page: Page | None
    tabs: list[Page]
    opened: list[Page]
    watches: dict[Page, Watch]
    early: dict[str, Response]
    seen: dict[Page, tuple[int, str]]
    armed: list[int]
    handled: set[int]
    notes: list[str]

    def _current(self) -> Page:
        assert self.page is not None
        if self.page.is_closed() and self.tabs:
            self.page = self.tabs.pop()
            self.notes.append("The tab this journey was using closed; went back to the one before.")
        return self.page

    def _adopt(self, page: Page) -> None:
        if page in self.watches:
            return
        self.watches[page] = Watch(page)
        page.on("dialog", self._dialog)

    def _new_tab(self, page: Page) -> None:
        if page in self.opened:
            return
        self._adopt(page)
        self.opened.append(page)
        early = self.early.pop(urldefrag(page.url)[0], None)
        if early is not None and self.watches[page].response is None:
            self.watches[page].response = early

    def _response(self, response: Response) -> None:
        """Keep each tab's last main-document response, a new tab's first one included."""
        request = response.request
        if not request.is_navigation_request():
            return
        try:
            frame = request.frame
        except PlaywrightError:
            # A new tab's first document is asked for before its frame exists: keep the
            # answer by address until the tab shows up (_new_tab).
            self.early[urldefrag(response.url)[0]] = response
            return
        if frame.parent_frame is None:
            self._adopt(frame.page)
            self.watches[frame.page].response = response

    def _document(self, page: Page) -> tuple[int, str]:
        return self.watches[page].loads, urldefrag(page.url)[0]

    def _url(self) -> str:
        return self.page.url if self.page is not None and not self.page.is_closed() else ""

    async def _reached(self, step: Step) -> list[str]:
        """Hand a newly reached document to `on_page`; its failures become warnings."""
        page = self.page
        if page is None or page.is_closed() or not page.url.startswith(("http:", "https:")):
            return []  # a blank tab or the browser's own error page: nothing to check
        document = self._document(page)
        last = self.seen.get(page)
        if document == last:
            return []
        self.seen[page] = document
        if self.on_page is None:
            return []
        new_load = last is None or document[0] != last[0]
        response = self.watches[page].response if new_load else None
        try:
            await self.on_page(page, response, step)
        except Exception as error:  # page checks must never fail the journey itself
            log.debug("on_page failed", exc_info=True)
            reason = plain(str(error), "see the log for details")
            return [f"Checking the page {path_of(page.url)} failed: {reason}"]
        return []

    async def _dialog(self, dialog: Dialog) -> None:
        """Answer a dialog at once (an open one blocks the page): as an Accept/Dismiss step
        armed before it says, or the step right after says; otherwise dismiss and warn."""
        answer = self.armed.pop(0) if self.armed else None
        following = self.index + 1
        answers = (Verb.ACCEPT_DIALOG, Verb.DISMISS_DIALOG)
        if (
            answer is None
            and following < len(self.steps)
            and following not in self.handled
            and self.steps[following].verb in answers
        ):
            answer = following
        if answer is not None:
            self.handled.add(answer)
        step = self.steps[answer] if answer is not None else None
        accept = step is not None and step.verb is Verb.ACCEPT_DIALOG
        prompt = ""
        if accept and step is not None and step.value and dialog.type == "prompt":
            try:
                prompt = self.values.fill(step.value)
            except Failure as failure:  # still answer: an open dialog would hang the page
                self.notes.append(failure.message)
        try:
            if not accept:
                await dialog.dismiss()
            else:
                await (dialog.accept(prompt) if prompt else dialog.accept())
        except PlaywrightError:  # the page went away with its dialog
            log.debug("could not answer a dialog", exc_info=True)
        if step is None:
            self.notes.append(
                f'The page showed a dialog saying "{dialog.message}"; I dismissed it. Add '
                '"Accept the dialog" or "Dismiss the dialog" after the step that opens it.'
            )

    async def _close_pages(self) -> None:
        for page in [*self.watches]:
            try:
                await page.close()
            except PlaywrightError:
                log.debug("page already closed", exc_info=True)
