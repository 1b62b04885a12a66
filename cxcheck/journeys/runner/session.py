"""One journey run's state, and the helpers every verb shares: find the element a step
names, act on it and explain a refusal, wait for the page the step opened, and poll."""

from __future__ import annotations

import asyncio
import http
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from playwright.async_api import BrowserContext, Locator, Page, Response
from playwright.async_api import Error as PlaywrightError

from cxcheck.journeys.language.model import Journey, Step, Target
from cxcheck.journeys.language.roles import Family, family_for_role
from cxcheck.journeys.language.verbs import BY_VERB, Verb
from cxcheck.journeys.runner.evidence import Evidence, slug
from cxcheck.journeys.runner.failure import Failure
from cxcheck.journeys.runner.finder import Finder
from cxcheck.journeys.runner.phrases import path_of, seconds
from cxcheck.journeys.runner.redact import Redactor
from cxcheck.journeys.runner.refusals import action_failure
from cxcheck.journeys.runner.search import Deadline, Found
from cxcheck.journeys.runner.settings import PageReached, RunSettings
from cxcheck.journeys.runner.tabs import Tabs, Watch
from cxcheck.journeys.runner.values import Values
from cxcheck.report.model import FailureKind as Kind

log = logging.getLogger(__name__)

POLL_S = 0.1


def status_phrase(status: int) -> str:
    """An HTTP status as messages give it: "404 (Not Found)"."""
    try:
        return f"{status} ({http.HTTPStatus(status).phrase})"
    except ValueError:
        return str(status)


class Session(Tabs, Evidence):
    """The state of one journey run (tabs, values, dialog decisions, evidence) and the
    helpers its verbs share."""

    def __init__(
        self,
        context: BrowserContext,
        journey: Journey,
        settings: RunSettings,
        on_page: PageReached | None,
        device: str,
    ) -> None:
        self.context = context
        self.journey = journey
        self.settings = settings
        self.on_page = on_page
        self.device = device
        self.redact = Redactor(settings.secrets)
        self.values = Values(settings)
        self.folder = settings.output_dir / slug(" ".join(filter(None, (journey.name, device))))
        self.steps = self._with_start(journey)
        self.index = 0
        self.page: Page | None = None
        self.tabs: list[Page] = []  # pages switched away from, for Switch back
        self.opened: list[Page] = []  # tabs the site opened during the run
        self.visited: set[Page] = set()
        self.watches: dict[Page, Watch] = {}
        self.early: dict[str, Response] = {}  # new tabs' first responses, by address
        self.seen: dict[Page, tuple[int, str]] = {}  # document each tab was last reported at
        self.armed: list[int] = []  # Accept/Dismiss steps (indexes) waiting for their dialog
        self.handled: set[int] = set()  # Accept/Dismiss steps that answered a dialog already
        self.notes: list[str] = []  # warnings for the step that is running
        self.masks: list[Locator] = []  # fields that hold a secret
        self.shown_secrets: list[str] = []  # secret values typed so far
        self.before: tuple[int, str] = (0, "")
        self.shot = ""

    @staticmethod
    def _with_start(journey: Journey) -> list[Step]:
        steps = list(journey.steps)
        if journey.start_at:
            text = f"Start at: {journey.start_at}"
            steps.insert(0, Step(journey.file, 0, text, Verb.OPEN, value=journey.start_at))
        return steps

    def _number(self, index: int) -> int:
        return index if self.journey.start_at else index + 1

    def _finder(self, step: Step, target: Target | None = None) -> Finder:
        raw = (target or step.target or Target("")).name
        return Finder(self._current(), step.text, raw)

    def _target(self, step: Step) -> Target:
        if step.target is None:
            raise Failure(Kind.NOT_FOUND, "This step does not say what to look for.")
        return step.target

    def _family(self, step: Step) -> Family:
        """How to look for the step's target: its verb's family in the table of verbs, or the
        one its role word names where the table lets the role word decide."""
        entry = BY_VERB[step.verb]
        family = entry.family or Family.CLICK
        if entry.role_picks_family and step.target is not None:
            return family_for_role(step.target.role, family)
        return family

    async def _find(
        self,
        step: Step,
        deadline: Deadline,
        family: Family | None = None,
        target: Target | None = None,
        visible_only: bool = True,
    ) -> Found:
        """The element the step names (`target`: another one), looked for as `family` says
        (default: as its verb's family does)."""
        family = family or self._family(step)
        target = target or self._target(step)
        name = self.values.fill(target.name)
        region = self.values.fill(step.region) if step.region else ""
        finder = self._finder(step, target)
        return await finder.element(
            target, name, family, deadline, region, visible_only, exact=step.exact
        )

    async def _act(
        self,
        step: Step,
        found: Found,
        doing: str,
        action: Callable[..., Awaitable[Any]],
        deadline: Deadline,
    ) -> None:
        """Do `action` (called with the `timeout` left), explain its failure, await its page."""
        try:
            await action(timeout=deadline.ms())
        except PlaywrightError as error:
            log.debug("%s failed: %s", doing, self.redact(error.message))
            finder = self._finder(step)
            raise await action_failure(finder, found, error, doing, deadline.timeout_s) from None
        await self._settle(deadline)

    async def _settle(self, deadline: Deadline) -> None:
        """If the step started a navigation, wait for its page to load; an error page fails."""
        page = self._current()
        watch = self.watches[page]
        if watch.pending:
            try:
                await asyncio.wait_for(watch.loaded.wait(), timeout=max(deadline.left(), 0.001))
            except TimeoutError:
                message = (
                    f"The page this step opened ({path_of(page.url)}) did not finish loading "
                    f"within {seconds(deadline.timeout_s)}."
                )
                raise Failure(Kind.NAVIGATION, message) from None
        response = watch.response
        if self._document(page) != self.before and response is not None and response.status >= 400:
            answered = status_phrase(response.status)
            message = (
                f"This step opened {path_of(response.url)}, and the server answered {answered}."
            )
            raise Failure(Kind.NAVIGATION, message)

    async def _scope(self, step: Step, deadline: Deadline) -> Page | Locator:
        finder = self._finder(step)
        if not step.region:
            return finder.page
        return await finder.region(self.values.fill(step.region), deadline)

    def _text_of(self, step: Step) -> str:
        return self.values.fill(step.value or (step.target.name if step.target else ""))

    async def _poll(self, check: Callable[[], Awaitable[bool]], deadline: Deadline) -> bool:
        """Ask `check` until it says yes or the step's time is up."""
        while True:
            if await check():
                return True
            if deadline.passed:
                return False
            await asyncio.sleep(POLL_S)
