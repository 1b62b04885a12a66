"""What the verbs that wait and expect do in the page: wait for text to appear or go,
and expect text, the title, the address, a field's value, an element's state or a count,
each worded as section 7 shows when it does not hold."""

from __future__ import annotations

from urllib.parse import unquote, urljoin, urlsplit

from playwright.async_api import Error as PlaywrightError

from cxcheck.journeys.language.model import Match, State, Step, Target
from cxcheck.journeys.language.roles import Family, family_for_role
from cxcheck.journeys.language.targets import plural
from cxcheck.journeys.runner.failure import Failure
from cxcheck.journeys.runner.messages import not_seen_message
from cxcheck.journeys.runner.phrases import in_where, path_of, seconds
from cxcheck.journeys.runner.refusals import action_failure
from cxcheck.journeys.runner.regions import Parts, named_parts, next_to_text, region_missing
from cxcheck.journeys.runner.search import Deadline, looking_for
from cxcheck.journeys.runner.session import Session
from cxcheck.journeys.runner.tiers import first_visible, tiers_for
from cxcheck.report.model import FailureKind as Kind


class Expectations(Session):
    """The verbs that wait and expect: each returns once what it says holds, or raises a
    `Failure` that says what is there instead."""

    async def wait_to_appear(self, step: Step, deadline: Deadline) -> None:
        await self._see(step, deadline, waiting=True)

    async def expect_to_see(self, step: Step, deadline: Deadline) -> None:
        await self._see(step, deadline, waiting=False)

    async def _see(self, step: Step, deadline: Deadline, waiting: bool) -> None:
        text = self._text_of(step)
        region = self.values.fill(step.region) if step.region else ""
        page = self._current()
        parts = [Parts(None, 1)]

        async def shown() -> bool:
            everywhere = page.get_by_text(text, exact=step.exact)
            if not region:
                return await everywhere.filter(visible=True).count() > 0
            parts[0] = await named_parts(page, region)
            inside = parts[0].one
            if inside is not None:
                found = inside.get_by_text(text, exact=step.exact).filter(visible=True)
                if await found.count():
                    return True
            # Or next to the region's words, in a part of the page of its own.
            return await next_to_text([everywhere], region) is not None

        if await self._poll(shown, deadline):
            return
        finder = self._finder(step)
        words = page.get_by_text(region).filter(visible=True)
        if parts[0].count == 0 and not await words.count():  # no such part, not even the words
            raise await region_missing(page, region, await finder.place())
        what = f'"{text}"' + (f" {in_where(region)}" if region else "")
        lead = (
            f"Waited {seconds(deadline.timeout_s)} for {what} to appear {await finder.place()}, "
            "but it did not."
            if waiting
            else f"Expected to see {what} {await finder.place()} but did not."
        )
        looked_for = {"role": "text", "name": text}
        if await page.get_by_text(text, exact=step.exact).count():
            hidden = "it is on the page but hidden (not visible on screen)"
            lead = lead.removesuffix(" but did not.").removesuffix(", but it did not.")
            raise Failure(Kind.EXPECTATION, f"{lead}, but {hidden}.", looked_for)
        message = not_seen_message(lead, text, await finder.summary())
        raise Failure(Kind.EXPECTATION, message, looked_for)

    async def wait_to_disappear(self, step: Step, deadline: Deadline) -> None:
        await self._gone(step, deadline, waiting=True)

    async def expect_not_to_see(self, step: Step, deadline: Deadline) -> None:
        await self._gone(step, deadline, waiting=False)

    async def _gone(self, step: Step, deadline: Deadline, waiting: bool) -> None:
        text = self._text_of(step)
        scope = await self._scope(step, deadline)
        visible = scope.get_by_text(text, exact=step.exact).filter(visible=True)

        async def gone() -> bool:
            return await visible.count() == 0

        if await self._poll(gone, deadline):
            return
        where = in_where((await self._finder(step).describe(visible.first))["where"])
        at = f" {where}" if where else ""
        if waiting:
            message = (
                f'Waited {seconds(deadline.timeout_s)} for "{text}" to disappear, '
                f"but it is still there{at}."
            )
        else:
            message = f'Expected not to see "{text}", but it is there{at}.'
        raise Failure(Kind.EXPECTATION, message, {"role": "text", "name": text})

    async def expect_title(self, step: Step, deadline: Deadline) -> None:
        wanted = self.values.fill(step.value)
        page = self._current()
        title = [""]

        async def matches() -> bool:
            title[0] = await page.title()
            return _matches(title[0], wanted, step.match, step.exact)

        if not await self._poll(matches, deadline):
            how = "to contain" if step.match is Match.CONTAIN else "to be"
            message = f'Expected the title {how} "{wanted}"; it is "{title[0]}".'
            raise Failure(Kind.URL_TITLE, message, {"role": "title", "name": wanted})

    async def expect_url(self, step: Step, deadline: Deadline) -> None:
        wanted = self.values.fill(step.value)
        page = self._current()

        async def matches() -> bool:
            url = page.url
            if step.match is Match.CONTAIN:
                return wanted in url or wanted in unquote(url)
            return url == urljoin(url, wanted) or path_of(url) == wanted

        if not await self._poll(matches, deadline):
            how = "to contain" if step.match is Match.CONTAIN else "to be"
            here = page.url
            shown = path_of(here) if _same_site(here, self.settings.base_url) else here
            message = f'Expected the URL {how} "{wanted}"; it is {shown}.'
            raise Failure(Kind.URL_TITLE, message, {"role": "url", "name": wanted})

    async def expect_value(self, step: Step, deadline: Deadline) -> None:
        found = await self._find(step, deadline)
        wanted = self.values.fill(step.value)
        value = [""]
        read = (
            "e => e.tagName === 'SELECT' "
            "? [...e.selectedOptions].map(o => o.label).join(', ') : e.value"
        )

        async def matches() -> bool:
            try:
                value[0] = str(await found.locator.evaluate(read, timeout=deadline.ms()))
            except PlaywrightError:
                return False
            return _matches(value[0], wanted, step.match or Match.BE, step.exact)

        if not await self._poll(matches, deadline):
            how = "to contain" if step.match is Match.CONTAIN else "to be"
            word = found.looking.word or "field"
            actual = f'"{value[0]}"' if value[0] else "empty"
            message = (
                f'Expected the {word} "{found.looking.name}" {how} "{wanted}"; it is {actual}.'
            )
            raise Failure(Kind.EXPECTATION, message, found.looking.looked_for)

    async def expect_state(self, step: Step, deadline: Deadline) -> None:
        target = self._target(step)
        state = step.state or State.VISIBLE
        family = self._family(step)
        if state in (State.CHECKED, State.UNCHECKED):  # among tick boxes, unless a role word says
            family = family_for_role(target.role, Family.CHECK)
        if state is State.HIDDEN:
            await self._expect_hidden(step, target, family, deadline)
            return
        try:
            found = await self._find(step, deadline, family)
        except Failure as failure:
            if failure.kind is not Kind.HIDDEN or state is not State.VISIBLE:
                raise
            looking = looking_for(target, self.values.fill(target.name), family)
            what = f'the {looking.word or "element"} "{looking.name}"'
            message = f"Expected {what} to be visible; it is hidden (not visible on screen)."
            raise Failure(Kind.EXPECTATION, message, looking.looked_for) from None
        if state is State.VISIBLE:
            return
        element = found.locator

        async def holds() -> bool:
            ms = max(deadline.ms(), 1000)  # it was just found: reading its state is quick
            if state in (State.CHECKED, State.UNCHECKED):
                return await element.is_checked(timeout=ms) == (state is State.CHECKED)
            return await element.is_enabled(timeout=ms) == (state is State.ENABLED)

        try:
            ok = await self._poll(holds, deadline)
        except PlaywrightError as error:
            raise await action_failure(
                self._finder(step), found, error, "check", deadline.timeout_s
            ) from None
        if not ok:
            opposite = {
                State.CHECKED: "unchecked",
                State.UNCHECKED: "checked",
                State.ENABLED: "disabled (greyed out)",
                State.DISABLED: "enabled",
            }[state]
            word = found.looking.word or (await self._finder(step).describe(found.locator))["word"]
            what = f'the {word} "{found.looking.name}"' if word else f'"{found.looking.name}"'
            message = f"Expected {what} to be {state.value}; it is {opposite}."
            raise Failure(Kind.EXPECTATION, message, found.looking.looked_for)

    async def _expect_hidden(
        self, step: Step, target: Target, family: Family, deadline: Deadline
    ) -> None:
        name = self.values.fill(target.name)
        scope = await self._scope(step, deadline)
        tiers = tiers_for(self._current(), scope, target, name, family, step.exact)

        async def hidden() -> bool:
            return (await first_visible(tiers))[1] == 0

        if not await self._poll(hidden, deadline):
            looking = looking_for(target, name, family)
            message = f"Expected {looking.phrase()} to be hidden; it is visible."
            raise Failure(Kind.EXPECTATION, message, looking.looked_for)

    async def expect_count(self, step: Step, deadline: Deadline) -> None:
        target = self._target(step)
        wanted = step.count or 0
        name = self.values.fill(target.name)
        family = self._family(step)
        scope = await self._scope(step, deadline)
        tiers = tiers_for(self._current(), scope, target, name, family, step.exact)
        count = [0]

        async def right() -> bool:
            count[0] = (await first_visible(tiers))[1]
            return count[0] == wanted

        if not await self._poll(right, deadline):
            looking = looking_for(target, name, family)
            word = looking.word or "thing"
            things = word if wanted == 1 else plural(word)
            there = "is" if count[0] == 1 else "are"
            message = f'Expected {wanted} {things} called "{name}"; there {there} {count[0]}.'
            raise Failure(Kind.EXPECTATION, message, looking.looked_for)


def _matches(actual: str, wanted: str, match: Match | None, exact: bool) -> bool:
    a, w = " ".join(actual.split()), " ".join(wanted.split())
    if match is Match.CONTAIN:
        return w in a if exact else w.casefold() in a.casefold()
    return a == w


def _same_site(url: str, base: str) -> bool:
    return urlsplit(url).netloc == urlsplit(base).netloc
