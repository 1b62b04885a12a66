"""Run one journey in a real browser, step by step (docs/journey-language.md sections 2, 4, 5
and 6), and report it as a `JourneyResult`: each step's status, time, URL, screenshot and,
when it failed, what was looked for and what is there instead, in the tester's words.

The caller owns the browser context (with `devices.device_options` for a phone); the runner
opens a page in it, follows the steps, and hands every new document to `on_page` so page
checks run on what the journey reached. Secrets are filled in only at the moment a step types
them, masked in screenshots, kept out of traces unless asked for, and every text the result
carries goes through the `Redactor`.

This module runs the steps and words their results. Which method does a step is said by the
table of verbs (`language/verbs.py`); the methods are in `actions.py` and `expectations.py`,
built on `session.py` (state and shared helpers), `tabs.py` (tabs, documents, dialogs) and
`evidence.py` (screenshots, traces).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace

from playwright.async_api import BrowserContext
from playwright.async_api import Error as PlaywrightError

from cxcheck.journeys.language.model import Journey, Step
from cxcheck.journeys.language.verbs import VERBS, Verb
from cxcheck.journeys.runner.actions import Actions
from cxcheck.journeys.runner.expectations import Expectations
from cxcheck.journeys.runner.failure import Failure
from cxcheck.journeys.runner.phrases import seconds
from cxcheck.journeys.runner.search import Deadline
from cxcheck.journeys.runner.settings import PageReached, RunSettings
from cxcheck.report.model import FailureKind as Kind
from cxcheck.report.model import JourneyResult, StepResult

log = logging.getLogger(__name__)


async def run_journey(
    context: BrowserContext,
    journey: Journey,
    settings: RunSettings,
    on_page: PageReached | None = None,
    device: str = "",
) -> JourneyResult:
    """Run `journey` in a new page of `context`; `device` only labels the result."""
    return await _Run(context, journey, settings, on_page, device).run()


Handler = Callable[["_Run", Step, Deadline], Awaitable[None]]


class _Run(Actions, Expectations):
    """One journey run: the tabs, the values, the dialog decisions and the results so far."""

    # --- the run ---------------------------------------------------------------------------

    async def run(self) -> JourneyResult:
        """Every step in order; after a failure the rest are skipped."""
        tracing = await self._start_trace()
        self.context.on("page", self._new_tab)
        passed, trace = False, ""
        try:
            results = await self._all_steps()
            passed = all(r.status in ("passed", "skipped") for r in results)
        finally:
            self.context.remove_listener("page", self._new_tab)
            self.context.remove_listener("response", self._response)
            if tracing:
                trace = await self._stop_trace(keep=not passed)
            await self._close_pages()
        total = round(sum(r.duration_ms for r in results), 1)
        name = self.journey.name
        file = self.journey.file
        return JourneyResult(name, file, passed, total, tuple(results), self.device, trace)

    async def _all_steps(self) -> list[StepResult]:
        self.context.on("response", self._response)
        self.page = await self.context.new_page()
        self._adopt(self.page)
        self.visited.add(self.page)
        self.seen[self.page] = self._document(self.page)
        results: list[StepResult] = []
        for index, step in enumerate(self.steps):
            if any(r.status == "failed" for r in results):
                skipped = StepResult(step.line, step.text, "skipped", file=self._file(step))
                results.append(replace(skipped, run_from=step.run_from))
                continue
            self.index = index
            results.append(await self._step(index, step))
        for index in self.armed:  # Accept/Dismiss steps whose dialog never came
            note = "No dialog appeared after this step, so there was nothing to answer."
            if results[index].status == "passed":
                results[index] = replace(results[index], warnings=(*results[index].warnings, note))
        return results + self._budget_note(results)

    async def _step(self, index: int, step: Step) -> StepResult:
        timeout = step.up_to_s or self.journey.timeout_s
        deadline = Deadline(timeout)
        self.notes, self.shot = [], ""
        page = self._current()
        self.before = self._document(page)
        failure: Failure | None = None
        started = time.perf_counter()
        try:
            await _ACTIONS[step.verb](self, step, deadline)
        except Failure as caught:
            failure = caught
        except PlaywrightError as error:
            failure = self._unexpected(error)
        duration_ms = (time.perf_counter() - started) * 1000
        status, kind, error_text = "passed", "", ""
        if failure is not None and step.optional:
            self.notes.append(f"This optional step did not happen: {failure.message}")
            status = "skipped"
        elif failure is not None:
            status, kind, error_text = "failed", failure.kind, failure.message
        elif step.within_s is not None and duration_ms > step.within_s * 1000:
            status, kind = "too_slow", Kind.TOO_SLOW
            took = f"{duration_ms / 1000:.1f} s"
            error_text = f"{step.text} took {took}; the budget is {seconds(step.within_s)}."
        screenshot = self.shot
        if not screenshot and (status in ("failed", "too_slow") or self.settings.screenshots_all):
            name = "start" if step.line == 0 and index == 0 else f"step-{self._number(index):02d}"
            screenshot = await self._screenshot(name)
        notes = self.notes  # on_page may add its own
        notes += await self._reached(step)
        looked_for = failure.looked_for if failure is not None and status == "failed" else {}
        candidates = failure.candidates if failure is not None and status == "failed" else ()
        redact = self.redact
        return StepResult(
            line=step.line,
            text=step.text,
            status=status,
            duration_ms=round(duration_ms, 1),
            error=redact(error_text),
            screenshot=screenshot,
            kind=kind,
            url=redact(self._url()),
            looked_for=redact.mapping(looked_for),
            candidates=tuple(redact.mapping(c) for c in candidates),
            warnings=redact.all(notes),
            file=self._file(step),
            run_from=step.run_from,
        )

    def _file(self, step: Step) -> str:
        """The step's file when a `Run` brought it in from another one."""
        return step.file if step.file != self.journey.file else ""

    def _budget_note(self, results: list[StepResult]) -> list[StepResult]:
        budget = self.journey.budget_s
        if budget is None or any(r.status == "failed" for r in results):
            return []
        took = sum(r.duration_ms for r in results) / 1000
        if took <= budget:
            return []
        text = f"Budget: {seconds(budget).removesuffix(' s')} seconds"
        message = f"The whole journey took {took:.1f} s; the budget is {seconds(budget)}."
        return [StepResult(0, text, "too_slow", 0.0, message, kind=Kind.TOO_SLOW, url=self._url())]

    def _unexpected(self, error: PlaywrightError) -> Failure:
        log.debug("journey step stopped by the browser: %s", self.redact(str(error)))
        if "closed" in error.message.lower():
            return Failure(Kind.NAVIGATION, "The tab this journey was using has been closed.")
        return Failure(Kind.NAVIGATION, "The browser stopped this step before it finished.")


# Each verb's method, as the table of verbs names it (a missing one fails here, at import).
_ACTIONS: dict[Verb, Handler] = {entry.verb: getattr(_Run, entry.action) for entry in VERBS}
