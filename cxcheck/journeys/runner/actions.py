"""What the verbs that do something do in the page: open, go back, reload, click, fill,
select, tick, upload, press keys, scroll, switch tabs, answer dialogs, remember a value,
wait a fixed time and take a screenshot."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from playwright.async_api import Error as PlaywrightError

from cxcheck.journeys.language.model import Step, Target, secret_names
from cxcheck.journeys.language.roles import Family
from cxcheck.journeys.runner.failure import Failure
from cxcheck.journeys.runner.phrases import seconds
from cxcheck.journeys.runner.search import Deadline, Found
from cxcheck.journeys.runner.session import Session, status_phrase
from cxcheck.report.model import FailureKind as Kind

FIXED_WAIT = 'fixed waits make journeys slow and flaky; use Wait for "..." to appear'

# Keys as testers write them; anything else is passed on with its first letter capitalised.
_KEYS = {
    **{key.lower(): key for key in "Enter Tab Escape Space Backspace Delete Home End".split()},
    **{key.lower(): key for key in "Shift Alt Control Meta PageUp PageDown".split()},
    **{"return": "Enter", "esc": "Escape", "ctrl": "Control", "cmd": "Meta", "option": "Alt"},
    **{"page up": "PageUp", "page down": "PageDown", "command": "Meta"},
    **{side: f"Arrow{side.title()}" for side in ("up", "down", "left", "right")},
    **{f"arrow {side}": f"Arrow{side.title()}" for side in ("up", "down", "left", "right")},
}
_NET_REASONS = {
    "ERR_CONNECTION_REFUSED": "the server could not be reached (connection refused)",
    "ERR_CONNECTION_RESET": "the server dropped the connection",
    "ERR_NAME_NOT_RESOLVED": "there is no such address",
    "ERR_ADDRESS_UNREACHABLE": "the server could not be reached",
    "ERR_ABORTED": "the browser stopped loading it (a download, or another page took over)",
    "ERR_CERT": "the site's certificate is not trusted",
    "ERR_EMPTY_RESPONSE": "the server sent nothing back",
    "ERR_TOO_MANY_REDIRECTS": "it redirects in a loop",
}


def key_name(text: str) -> str:
    """A key as testers write it ("enter", "ctrl+a"), as Playwright names it ("Control+a")."""
    parts = [p.strip() for p in re.split(r"\s*\+\s*", text.strip()) if p.strip()]
    named = [_KEYS.get(p.lower(), p if len(p) == 1 else p[0].upper() + p[1:]) for p in parts]
    return "+".join(named) or text


class Actions(Session):
    """The verbs that act: each does what its sentence says, or raises a `Failure`."""

    async def open(self, step: Step, deadline: Deadline) -> None:
        value = self.values.fill(step.value)
        page = self._current()
        url = urljoin(self.settings.base_url, value)
        try:
            response = await page.goto(url, wait_until="load", timeout=deadline.ms())
        except PlaywrightError as error:
            reason = _net_reason(error.message, deadline)
            raise Failure(Kind.NAVIGATION, f'Opening "{value}" failed: {reason}.') from None
        if response is not None and response.status >= 400:
            answered = status_phrase(response.status)
            raise Failure(
                Kind.NAVIGATION, f'Opening "{value}" failed: the server answered {answered}.'
            )

    async def go_back(self, step: Step, deadline: Deadline) -> None:
        page = self._current()
        if await page.evaluate("history.length") <= 1:
            raise Failure(Kind.NAVIGATION, "There is no earlier page to go back to.")
        try:
            await page.go_back(wait_until="load", timeout=deadline.ms())
        except PlaywrightError as error:
            reason = _net_reason(error.message, deadline)
            raise Failure(Kind.NAVIGATION, f"Going back failed: {reason}.") from None
        await self._settle(deadline)

    async def reload(self, step: Step, deadline: Deadline) -> None:
        page = self._current()
        try:
            response = await page.reload(wait_until="load", timeout=deadline.ms())
        except PlaywrightError as error:
            reason = _net_reason(error.message, deadline)
            raise Failure(Kind.NAVIGATION, f"Reloading the page failed: {reason}.") from None
        if response is not None and response.status >= 400:
            answered = status_phrase(response.status)
            raise Failure(
                Kind.NAVIGATION,
                f"Reloading the page failed: the server answered {answered}.",
            )

    async def click(self, step: Step, deadline: Deadline) -> None:
        found = await self._find(step, deadline)
        await self._act(step, found, "click", found.locator.click, deadline)

    async def double_click(self, step: Step, deadline: Deadline) -> None:
        found = await self._find(step, deadline)
        await self._act(step, found, "double-click", found.locator.dblclick, deadline)

    async def hover(self, step: Step, deadline: Deadline) -> None:
        found = await self._find(step, deadline)
        await self._act(step, found, "hover over", found.locator.hover, deadline)

    async def fill(self, step: Step, deadline: Deadline) -> None:
        text = self.values.fill(step.value)
        found = await self._find(step, deadline)
        if secret_names(step.value):
            self.masks.append(found.locator)
            self.shown_secrets += [self.settings.secrets[n] for n in secret_names(step.value)]
        if await _tag(found) == "select":  # "filling" a dropdown (an imported recording's
            await self._choose_option(step, found, text, deadline)  # change) picks the option
            return
        await self._act(step, found, "fill", partial(found.locator.fill, text), deadline)

    async def clear(self, step: Step, deadline: Deadline) -> None:
        found = await self._find(step, deadline)
        await self._act(step, found, "clear", found.locator.clear, deadline)

    async def select(self, step: Step, deadline: Deadline) -> None:
        found = await self._find(step, deadline)
        option = self.values.fill(step.value)
        if await _tag(found) != "select":
            await self._pick_from_list(step, found, option, deadline)
            return
        await self._choose_option(step, found, option, deadline)

    async def _choose_option(
        self, step: Step, found: Found, option: str, deadline: Deadline
    ) -> None:
        """Choose the option of a <select> whose words are `option` (or, failing that, whose
        value is: a Chrome recording gives values)."""
        element = found.locator
        options: list[dict[str, str]] = []
        read = "e => [...e.options].map(o => ({label: o.label.trim(), value: o.value}))"

        async def has_option() -> bool:
            options[:] = await element.evaluate(read)
            return _option(options, option) is not None

        if not await self._poll(has_option, deadline):
            labels = [o["label"] for o in options]
            listed = ", ".join(f'"{label}"' for label in labels[:15])
            message = f'The dropdown "{found.looking.name}" has no option "{option}".'
            message += f" Its options: {listed}." if listed else " It has no options."
            candidates = [{"role": "option", "name": label, "where": ""} for label in labels[:20]]
            raise Failure(Kind.NOT_FOUND, message, {"role": "option", "name": option}, candidates)
        chosen = _option(options, option)
        assert chosen is not None
        action = partial(element.select_option, **chosen)
        await self._act(step, found, "choose from", action, deadline)

    async def _pick_from_list(
        self, step: Step, found: Found, option: str, deadline: Deadline
    ) -> None:
        """A dropdown built from ARIA roles: open it, then click the option by its name."""
        await self._act(step, found, "open", found.locator.click, deadline)
        choice = await self._find(step, deadline, Family.CLICK, Target(option, role="option"))
        await self._act(step, choice, "choose", choice.locator.click, deadline)

    async def check(self, step: Step, deadline: Deadline) -> None:
        found = await self._find(step, deadline)
        await self._act(step, found, "tick", found.locator.check, deadline)

    async def uncheck(self, step: Step, deadline: Deadline) -> None:
        found = await self._find(step, deadline)
        await self._act(step, found, "untick", found.locator.uncheck, deadline)

    async def choose(self, step: Step, deadline: Deadline) -> None:
        target = step.target or Target(step.value)
        if not target.role:
            target = replace(target, role="radio")
        found = await self._find(step, deadline, target=target)
        await self._act(step, found, "choose", found.locator.check, deadline)

    async def upload(self, step: Step, deadline: Deadline) -> None:
        value = self.values.fill(step.value)
        here = Path(step.file).parent
        places = [Path(value)] if Path(value).is_absolute() else [here / value, Path(value)]
        file = next((p for p in places if p.is_file()), None)
        if file is None:
            message = f'The file "{value}" to upload is not there (looked in {here}).'
            raise Failure(Kind.NOT_FOUND, message, {"role": "file", "name": value})
        found = await self._find(step, deadline, visible_only=False)
        action = partial(found.locator.set_input_files, file)
        await self._act(step, found, "upload to", action, deadline)

    async def press(self, step: Step, deadline: Deadline) -> None:
        key = key_name(self.values.fill(step.value))
        if step.target is None:
            try:
                await self._current().keyboard.press(key)
            except PlaywrightError:
                raise Failure(Kind.NOT_FOUND, f'I do not know the key "{step.value}".') from None
            await self._settle(deadline)
            return
        found = await self._find(step, deadline)
        await self._act(step, found, "press keys in", partial(found.locator.press, key), deadline)

    async def scroll(self, step: Step, deadline: Deadline) -> None:
        found = await self._find(step, deadline)
        action = found.locator.scroll_into_view_if_needed
        await self._act(step, found, "scroll to", action, deadline)

    async def switch_to_new_tab(self, step: Step, deadline: Deadline) -> None:
        fresh = [p for p in self.opened if p not in self.visited and not p.is_closed()]
        if fresh:
            page = fresh[-1]
        else:
            try:
                page = await self.context.wait_for_event("page", timeout=deadline.ms())
            except PlaywrightError:
                message = f"No new tab opened within {seconds(deadline.timeout_s)}."
                raise Failure(Kind.NAVIGATION, message) from None
            self._new_tab(page)
        try:
            await page.wait_for_load_state("load", timeout=deadline.ms())
        except PlaywrightError:
            message = f"The new tab did not finish loading within {seconds(deadline.timeout_s)}."
            raise Failure(Kind.NAVIGATION, message) from None
        self.tabs.append(self._current())
        self.visited.add(page)
        self.page = page
        await page.bring_to_front()

    async def switch_back(self, step: Step, deadline: Deadline) -> None:
        open_tabs = [p for p in self.tabs if not p.is_closed()]
        if not open_tabs:
            raise Failure(Kind.NAVIGATION, "There is no earlier tab to switch back to.")
        self.tabs = open_tabs
        self.page = self.tabs.pop()
        await self.page.bring_to_front()

    async def answer_dialog(self, step: Step, deadline: Deadline) -> None:
        # A dialog the step before opened was answered as it appeared; otherwise this step
        # arms the answer for the next dialog (Playwright needs it before the dialog shows).
        if self.index not in self.handled:
            self.armed.append(self.index)

    async def remember(self, step: Step, deadline: Deadline) -> None:
        found = await self._find(step, deadline)
        text = await found.locator.evaluate(
            "e => ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.tagName) ? e.value : e.innerText",
            timeout=deadline.ms(),
        )
        name = step.value.strip().strip("{}").strip()
        self.values.variables[name] = " ".join(str(text).split())

    async def wait_seconds(self, step: Step, deadline: Deadline) -> None:
        try:
            pause = float(step.value)
        except ValueError:
            raise Failure(Kind.EXPECTATION, f'"{step.value}" is not a number of seconds.') from None
        await self._current().wait_for_timeout(pause * 1000)
        self.notes.append(FIXED_WAIT)

    async def screenshot(self, step: Step, deadline: Deadline) -> None:
        name = self.values.fill(step.value) or f"step-{self._number(self.index):02d}"
        self.shot = await self._screenshot(name)


async def _tag(found: Found) -> str:
    return str(await found.locator.evaluate("e => e.tagName.toLowerCase()"))


def _option(options: list[dict[str, str]], wanted: str) -> dict[str, Any] | None:
    """How to choose `wanted`: {"label": ...} by its words, else {"value": ...}."""
    folded = wanted.casefold()
    for option in options:
        if option["label"].casefold() == folded:
            return {"label": option["label"]}
    for option in options:
        if option["value"] == wanted:
            return {"value": option["value"]}
    return None


def _net_reason(message: str, deadline: Deadline) -> str:
    if "Timeout" in message or "timeout" in message:
        return f"the page did not finish loading within {seconds(deadline.timeout_s)}"
    for code, reason in _NET_REASONS.items():
        if code in message:
            return reason
    found = re.search(r"net::(ERR_[A-Z_]+)", message)
    return (
        f"the browser could not load it ({found[1]})" if found else "the browser could not load it"
    )
