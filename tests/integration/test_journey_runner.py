"""The journey runner in real Chromium on tests/sites/journeys: every verb does what its
sentence says, every failure kind reads as journey-language.md section 7 shows it, timings and
evidence land on the right step, secrets never leak, and a phone journey runs on a phone.

Journeys are built from model.py directly (no parser): `step()` and `journey()` below.
"""

from __future__ import annotations

import asyncio
import base64
import json
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Page, Playwright, Response, async_playwright

from cxcheck.browser import launch
from cxcheck.config import BrowserConfig
from cxcheck.errors import UsageError
from cxcheck.journeys.devices import device_options
from cxcheck.journeys.language.model import Journey, Match, State, Step, Target
from cxcheck.journeys.language.verbs import Verb
from cxcheck.journeys.runner.actions import FIXED_WAIT
from cxcheck.journeys.runner.run import run_journey
from cxcheck.journeys.runner.settings import PageReached, RunSettings
from cxcheck.report.model import JourneyResult
from cxcheck.serve import serve_folder
from tests.conftest import TEST_SITES

pytestmark = pytest.mark.usefixtures("chromium")

FORBIDDEN = ("locator", "selector", "strict mode", "TimeoutError", "Traceback")
CARD = "4929 1234 5678 9012"  # the secret the secret tests type
FILE = "journeys/test.journey"


def step(
    text: str, verb: Verb, target: Target | str | None = None, value: str = "", **kw: Any
) -> Step:
    """A Step as the parser would build it from `text` (line numbers come from journey())."""
    if isinstance(target, str):
        target = Target(target)
    return Step(FILE, 0, text, verb, target, value, **kw)


def journey(
    *steps: Step, name: str = "Test journey", start: str = "", timeout: float = 1.0, **kw: Any
) -> Journey:
    """A Journey of `steps`, numbered from line 1, with a short step timeout."""
    numbered = tuple(replace(s, line=i + 1) for i, s in enumerate(steps))
    return Journey(name, FILE, numbered, start_at=start, timeout_s=timeout, **kw)


def open_(path: str) -> Step:
    # Opening may take its time on a busy machine; the steps under test keep short timeouts.
    return step(f'Open "{path}"', Verb.OPEN, value=path, up_to_s=10.0)


def see(text: str, **kw: Any) -> Step:
    return step(f'Expect to see "{text}"', Verb.EXPECT_TO_SEE, value=text, **kw)


def click(text: str, target: Target | str, **kw: Any) -> Step:
    return step(text, Verb.CLICK, target, **kw)


@dataclass
class Browsing:
    """One browser for the module, driven from a loop the tests share."""

    loop: asyncio.AbstractEventLoop
    playwright: Playwright
    browser: Browser
    url: str
    out: Path

    def settings(self, **kw: Any) -> RunSettings:
        options: dict[str, Any] = {"output_dir": self.out, "trace": False, **kw}
        return RunSettings(self.url, **options)

    def run(
        self,
        plan: Journey,
        settings: RunSettings | None = None,
        on_page: PageReached | None = None,
        device: str = "",
    ) -> JourneyResult:
        coroutine = self._run(plan, settings or self.settings(), on_page, device)
        result = self.loop.run_until_complete(coroutine)
        assert_plain(result)
        return result

    async def _run(
        self, plan: Journey, settings: RunSettings, on_page: PageReached | None, device: str
    ) -> JourneyResult:
        options = device_options(self.playwright, device) if device else {}
        context = await self.browser.new_context(**options)
        try:
            return await run_journey(context, plan, settings, on_page, device)
        finally:
            await context.close()

    def pixels(self, png: Path, box: dict[str, float]) -> list[tuple[int, int, int]]:
        """RGB of every pixel of `png` inside `box` (CSS pixels), read by the browser itself."""
        return self.loop.run_until_complete(self._pixels(png, box))

    async def _pixels(self, png: Path, box: dict[str, float]) -> list[tuple[int, int, int]]:
        page = await self.browser.new_page()
        data = base64.b64encode(png.read_bytes()).decode()
        values = await page.evaluate(_READ_PIXELS, {"src": f"data:image/png;base64,{data}", **box})
        await page.close()
        return [tuple(values[i : i + 3]) for i in range(0, len(values), 4)]  # type: ignore[misc]

    def box_of(self, path: str, label: str) -> dict[str, float]:
        """Where the field labelled `label` sits on `path` at the default viewport."""
        return self.loop.run_until_complete(self._box_of(path, label))

    async def _box_of(self, path: str, label: str) -> dict[str, float]:
        page = await self.browser.new_page()
        await page.goto(self.url + path.lstrip("/"))
        box = await page.get_by_label(label).bounding_box()
        await page.close()
        assert box is not None
        return box


_READ_PIXELS = """
async ({src, x, y, width, height}) => {
  const image = new Image();
  image.src = src;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(Math.ceil(x), Math.ceil(y), Math.floor(width) - 1, Math.floor(height) - 1).data;
  return Array.from(data);
}
"""


@pytest.fixture(scope="module")
def browsing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browsing]:
    loop = asyncio.new_event_loop()
    out = tmp_path_factory.mktemp("journeys") / "report" / "journeys"
    with serve_folder(TEST_SITES / "journeys") as site:
        playwright = loop.run_until_complete(async_playwright().start())
        browser, _ = loop.run_until_complete(launch(playwright, BrowserConfig()))
        try:
            yield Browsing(loop, playwright, browser, site.url, out)
        finally:
            loop.run_until_complete(browser.close())
            loop.run_until_complete(playwright.stop())
            loop.close()


def assert_plain(result: JourneyResult) -> None:
    """No message a tester reads names Playwright's internals."""
    for s in result.steps:
        for text in (s.error, *s.warnings):
            for word in FORBIDDEN:
                assert word.lower() not in text.lower(), (word, text)


def statuses(result: JourneyResult) -> list[str]:
    return [s.status for s in result.steps]


def failed(result: JourneyResult) -> Any:
    (bad,) = [s for s in result.steps if s.status == "failed"]
    return bad


# --- every verb, passing -------------------------------------------------------------------


def _form_journey(folder: Path) -> Journey:
    (folder / "cv.txt").write_text("my cv")
    upload = step('Upload "cv.txt" to "Attachment"', Verb.UPLOAD, "Attachment", "cv.txt")
    return journey(
        step('Fill "Full name" with "{name}"', Verb.FILL, "Full name", "{name}"),
        step('Fill "Email" with "{random email}"', Verb.FILL, "Email", "{random email}"),
        step('Fill "Discount code" with "SPRING"', Verb.FILL, "Discount code", "SPRING"),
        step(
            'Expect "Discount code" to be "SPRING"',
            Verb.EXPECT_VALUE,
            "Discount code",
            "SPRING",
            match=Match.BE,
        ),
        step('Clear "Notes"', Verb.CLEAR, "Notes"),
        step(
            'Expect the "Notes" field to be ""',
            Verb.EXPECT_VALUE,
            Target("Notes", "field"),
            "",
            match=Match.BE,
        ),
        step('Select "France" from "Country"', Verb.SELECT, "Country", "France"),
        step(
            'Expect the "Country" dropdown to contain "Fra"',
            Verb.EXPECT_VALUE,
            Target("Country", "dropdown"),
            "Fra",
            match=Match.CONTAIN,
        ),
        step('Uncheck "Send me the newsletter"', Verb.UNCHECK, "Send me the newsletter"),
        step(
            'Expect "Send me the newsletter" to be unchecked',
            Verb.EXPECT_STATE,
            "Send me the newsletter",
            state=State.UNCHECKED,
        ),
        step('Choose "Express"', Verb.CHOOSE, "Express"),
        step(
            'Expect the "Express" radio to be checked',
            Verb.EXPECT_STATE,
            Target("Express", "radio"),
            state=State.CHECKED,
        ),
        step('Check "Buy milk"', Verb.CHECK, "Buy milk"),
        step(
            'Expect the "Buy milk" checkbox to be checked',
            Verb.EXPECT_STATE,
            Target("Buy milk", "checkbox"),
            state=State.CHECKED,
        ),
        step(
            'Expect the "Buy bread" checkbox to be unchecked',
            Verb.EXPECT_STATE,
            Target("Buy bread", "checkbox"),
            state=State.UNCHECKED,
        ),
        replace(upload, file=str(folder / "order.journey")),
        see("Selected: cv.txt"),
        step(
            'Expect the "Continue" button to be disabled',
            Verb.EXPECT_STATE,
            Target("Continue", "button"),
            state=State.DISABLED,
        ),
        step(
            'Check "I accept the terms and conditions"',
            Verb.CHECK,
            "I accept the terms and conditions",
        ),
        step(
            'Expect the "Continue" button to be enabled',
            Verb.EXPECT_STATE,
            Target("Continue", "button"),
            state=State.ENABLED,
        ),
        click('Click "Continue"', "Continue"),
        step(
            'Expect the URL to contain "/thanks"',
            Verb.EXPECT_URL,
            value="/thanks",
            match=Match.CONTAIN,
        ),
        step(
            'Expect the URL to be "/thanks.html"',
            Verb.EXPECT_URL,
            value="/thanks.html",
            match=Match.BE,
        ),
        step(
            'Expect the title to be "Thank you – Shop"',
            Verb.EXPECT_TITLE,
            value="Thank you – Shop",
            match=Match.BE,
        ),
        step(
            'Remember "testid=order-number" as {order}',
            Verb.REMEMBER,
            Target("testid=order-number", verbatim=True),
            "order",
        ),
        see("Your order number is {order}"),
        step("Go back", Verb.GO_BACK),
        step(
            'Expect the title to contain "order form"',
            Verb.EXPECT_TITLE,
            value="order form",
            match=Match.CONTAIN,
        ),
        step("Reload the page", Verb.RELOAD),
        step('Take a screenshot "Form again"', Verb.SCREENSHOT, value="Form again"),
        name="Order form",
        start="/form.html",
        timeout=10,
    )


def _products_journey() -> Journey:
    return journey(
        step(
            'Wait for "Loading products" to disappear',
            Verb.WAIT_TO_DISAPPEAR,
            value="Loading products",
        ),
        step(
            'Expect not to see "Loading products"', Verb.EXPECT_NOT_TO_SEE, value="Loading products"
        ),
        step(
            'Expect 2 "Add to cart" buttons',
            Verb.EXPECT_COUNT,
            Target("Add to cart", "button"),
            count=2,
        ),
        click('Click "Add to cart" in "Socks"', "Add to cart", region="Socks"),
        see("Added Socks to your cart"),
        click('Click the first "Add to cart" button', Target("Add to cart", "button", 1)),
        see("Added Boots, size 9 to your cart"),
        step('Double-click "Edit name"', Verb.DOUBLE_CLICK, "Edit name"),
        see("Editing name"),
        step(
            'Remember "css=[data-testid=promo]" as {promo}',
            Verb.REMEMBER,
            Target("css=[data-testid=promo]", verbatim=True),
            "promo",
        ),
        step(
            'Expect the "Secret sale" button to be hidden',
            Verb.EXPECT_STATE,
            Target("Secret sale", "button"),
            state=State.HIDDEN,
        ),
        step('Scroll to "Back to top"', Verb.SCROLL, "Back to top"),
        step(
            'Expect the "Back to top" button to be visible',
            Verb.EXPECT_STATE,
            Target("Back to top", "button"),
            state=State.VISIBLE,
        ),
        step('Hover over "Categories"', Verb.HOVER, "Categories"),
        click('Click the "Boots and shoes" link', Target("Boots and shoes", "link")),
        see("results for boots"),
        step("Wait 0.2 seconds", Verb.WAIT_SECONDS, value="0.2"),
        step("Go back", Verb.GO_BACK),
        click('Click "Load offers"', "Load offers"),
        step(
            'Wait for "Offers loaded" to appear',
            Verb.WAIT_TO_APPEAR,
            value="Offers loaded",
            up_to_s=3.0,
        ),
        name="Products",
        start="/products.html",
        timeout=10,
    )


def _tabs_journey() -> Journey:
    return journey(
        click('Click "Say hello"', "Say hello"),
        step("Accept the dialog", Verb.ACCEPT_DIALOG),
        step("Dismiss the dialog", Verb.DISMISS_DIALOG),
        click('Click "Delete account"', "Delete account"),
        see("Account kept"),
        click('Click "Delete account"', "Delete account"),
        step("Accept the dialog", Verb.ACCEPT_DIALOG),
        see("Account deleted"),
        click('Click "Open the help page"', "Open the help page"),
        step("Switch to the new tab", Verb.SWITCH_TO_NEW_TAB),
        step(
            'Expect the title to be "Help centre – Shop"',
            Verb.EXPECT_TITLE,
            value="Help centre – Shop",
            match=Match.BE,
        ),
        step("Switch back", Verb.SWITCH_BACK),
        see("Help and dialogs"),
        open_("/"),
        step('Fill "Search" with "boots"', Verb.FILL, "Search", "boots"),
        step('Press "Enter"', Verb.PRESS, value="Enter"),
        see("results for boots"),
        step("Go back", Verb.GO_BACK),
        step('Press "enter" in "Search"', Verb.PRESS, "Search", "enter"),
        step(
            'Expect the URL to contain "q=boots"',
            Verb.EXPECT_URL,
            value="q=boots",
            match=Match.CONTAIN,
        ),
        name="Tabs and dialogs",
        start="/tabs.html",
        timeout=10,
    )


def test_every_verb_does_what_its_sentence_says(browsing: Browsing, tmp_path: Path) -> None:
    plans = [_form_journey(tmp_path), _products_journey(), _tabs_journey()]
    used = {s.verb for plan in plans for s in plan.steps}
    assert used == set(Verb)
    for plan in plans:
        result = browsing.run(plan, browsing.settings(variables={"name": "Ada Lovelace"}))
        problems = [(s.text, s.error) for s in result.steps if s.status != "passed"]
        assert result.passed, problems
        assert result.steps[0].text == f"Start at: {plan.start_at}"
        assert result.duration_ms == pytest.approx(sum(s.duration_ms for s in result.steps), abs=1)


def test_a_screenshot_step_saves_its_picture_and_fixed_waits_are_flagged(
    browsing: Browsing,
) -> None:
    plan = journey(
        open_("/thanks.html"),
        step('Take a screenshot "Order done"', Verb.SCREENSHOT, value="Order done"),
        step("Take a screenshot", Verb.SCREENSHOT),
        step("Wait 0.1 seconds", Verb.WAIT_SECONDS, value="0.1"),
        name="Evidence",
    )
    result = browsing.run(plan)
    assert result.passed
    named, numbered, wait = result.steps[1:]
    assert named.screenshot == str(browsing.out / "evidence" / "order-done.png")
    assert numbered.screenshot == str(browsing.out / "evidence" / "step-03.png")
    assert Path(named.screenshot).read_bytes().startswith(b"\x89PNG")
    assert wait.warnings == (FIXED_WAIT,)
    assert "use Wait for" in FIXED_WAIT


def test_remembered_and_built_in_values_are_filled_in(browsing: Browsing) -> None:
    plan = journey(
        open_("/thanks.html"),
        step(
            'Remember "testid=order-number" as {order}',
            Verb.REMEMBER,
            Target("testid=order-number", verbatim=True),
            "order",
        ),
        open_("/"),
        step(
            'Fill "Search" with "{order} {timestamp}"', Verb.FILL, "Search", "{order} {timestamp}"
        ),
        step(
            'Expect "Search" to contain "A-1234 20"',
            Verb.EXPECT_VALUE,
            "Search",
            "A-1234 20",
            match=Match.CONTAIN,
        ),
        step('Open "{start url}thanks.html"', Verb.OPEN, value="{start url}thanks.html"),
        see("Thank you"),
    )
    assert browsing.run(plan).passed


# --- failure kinds -------------------------------------------------------------------------


def test_not_found_names_what_is_there_instead(browsing: Browsing) -> None:
    result = browsing.run(
        journey(
            open_("/cart.html"), click('Click the "Checkout" button', Target("Checkout", "button"))
        )
    )
    bad = failed(result)
    assert bad.kind == "not_found"
    assert bad.error.splitlines() == [
        'I could not find a button called "Checkout" on "Your basket – Shop" (/cart.html).',
        'Buttons on this page: "Remove", "Apply coupon", "Check out now", "Continue shopping".',
        'Closest match: "Check out now" (button, in "Order summary").',
        'Also here: a link called "Checkout" in the navigation. Did you mean: Click the "Checkout" link?',
    ]
    assert bad.looked_for == {"role": "button", "name": "Checkout"}
    assert {"role": "button", "name": "Check out now", "where": "Order summary"} in bad.candidates
    assert bad.screenshot == str(browsing.out / "test-journey" / "step-02.png")
    assert Path(bad.screenshot).is_file()


def test_two_equal_matches_are_an_ambiguity_never_the_first(browsing: Browsing) -> None:
    result = browsing.run(
        journey(
            open_("/products.html"),
            click('Click the "Add to cart" button', Target("Add to cart", "button")),
        )
    )
    bad = failed(result)
    assert bad.kind == "ambiguous"
    assert bad.error == (
        'There are 2 buttons called "Add to cart": in "Boots, size 9" and in "Socks". '
        'Say which: Click the "Add to cart" button in "Boots, size 9", '
        'or Click the "Add to cart" button in "Socks".'
    )
    assert [c["where"] for c in bad.candidates] == ["Boots, size 9", "Socks"]


def test_a_hidden_element_is_reported_as_hidden(browsing: Browsing) -> None:
    bad = failed(
        browsing.run(journey(open_("/products.html"), click('Click "Secret sale"', "Secret sale")))
    )
    assert bad.kind == "hidden"
    assert bad.error == 'A button "Secret sale" exists but is hidden (not visible on screen).'


def test_a_disabled_button_is_greyed_out(browsing: Browsing) -> None:
    bad = failed(
        browsing.run(journey(open_("/form.html"), click('Click "Place order"', "Place order")))
    )
    assert bad.kind == "disabled"
    assert bad.error == (
        'The button "Place order" is greyed out (disabled); it did not become clickable within 1 s.'
    )
    assert 900 < bad.duration_ms < 6000


def test_a_covered_button_names_what_covers_it(browsing: Browsing) -> None:
    bad = failed(
        browsing.run(
            journey(
                open_("/cookies.html"),
                click('Click the "Checkout" button', Target("Checkout", "button")),
            )
        )
    )
    assert bad.kind == "covered"
    assert bad.error == (
        'The button "Checkout" is covered by "We use cookies" (a dialog). Add a step to close it first.'
    )


def test_a_missed_expectation_says_what_the_page_says(browsing: Browsing) -> None:
    bad = failed(browsing.run(journey(open_("/payment.html"), see("Thank you"))))
    assert bad.kind == "expectation"
    assert bad.error == (
        'Expected to see "Thank you" on "Payment – Shop" (/payment.html) but did not. '
        'The page heading is "Payment failed"; the page says: "Your card was declined".'
    )


def test_url_and_title_expectations_say_what_they_are(browsing: Browsing) -> None:
    url = step(
        'Expect the URL to contain "/order/confirmation"',
        Verb.EXPECT_URL,
        value="/order/confirmation",
        match=Match.CONTAIN,
    )
    title = step(
        'Expect the title to be "Thanks"', Verb.EXPECT_TITLE, value="Thanks", match=Match.BE
    )
    bad = failed(browsing.run(journey(open_("/payment.html"), url)))
    assert (bad.kind, bad.error) == (
        "url_title",
        'Expected the URL to contain "/order/confirmation"; it is /payment.html.',
    )
    bad = failed(browsing.run(journey(open_("/payment.html"), title)))
    assert (bad.kind, bad.error) == (
        "url_title",
        'Expected the title to be "Thanks"; it is "Payment – Shop".',
    )


def test_a_server_error_fails_the_navigation(browsing: Browsing) -> None:
    result = browsing.run(journey(open_("/error.html"), see("Something")))
    assert statuses(result) == ["failed", "skipped"]
    bad = result.steps[0]
    assert bad.kind == "navigation"
    assert (
        bad.error
        == 'Opening "/error.html" failed: the server answered 500 (Internal Server Error).'
    )


def test_a_step_over_its_budget_is_too_slow_not_failed(browsing: Browsing) -> None:
    plan = journey(
        open_("/products.html"),
        click('Click "Load offers"', "Load offers"),
        step(
            'Wait for "Offers loaded" to appear (within 1 second)',
            Verb.WAIT_TO_APPEAR,
            value="Offers loaded",
            within_s=1.0,
            up_to_s=3.0,
        ),
        see("Offers loaded"),
    )
    result = browsing.run(plan)
    assert statuses(result) == ["passed", "passed", "too_slow", "passed"]
    slow = result.steps[2]
    assert slow.kind == "too_slow"
    took = slow.duration_ms / 1000
    assert 1.0 < took < 3.0
    assert slow.error == (
        f'Wait for "Offers loaded" to appear (within 1 second) took {took:.1f} s; the budget is 1 s.'
    )
    assert Path(slow.screenshot).is_file()
    assert not result.passed and result.status == "too_slow"


def test_the_journey_budget_is_reported_when_exceeded(browsing: Browsing) -> None:
    result = browsing.run(
        journey(open_("/slow.html"), see("A slow page"), budget_s=0.5, timeout=10)
    )
    assert not result.passed
    note = result.steps[-1]
    assert (note.line, note.text, note.status, note.kind) == (
        0,
        "Budget: 0.5 seconds",
        "too_slow",
        "too_slow",
    )
    assert note.error.startswith("The whole journey took 1.")
    assert note.error.endswith("s; the budget is 0.5 s.")


def test_after_a_failure_the_rest_is_skipped(browsing: Browsing) -> None:
    plan = journey(open_("/cart.html"), click('Click "Pay"', "Pay"), see("Thank you"), open_("/"))
    result = browsing.run(plan)
    assert statuses(result) == ["passed", "failed", "skipped", "skipped"]
    assert [s.line for s in result.steps] == [1, 2, 3, 4]
    assert not result.passed and result.status == "failed"


def test_an_optional_step_that_fails_is_a_warning(browsing: Browsing) -> None:
    cookies = click(
        'Click "Accept cookies" (optional)', "Accept cookies", optional=True, up_to_s=0.5
    )
    checkout = click('Click the "Checkout" button', Target("Checkout", "button"))
    result = browsing.run(
        journey(
            open_("/cart.html"),
            cookies,
            open_("/cookies.html"),
            cookies,
            checkout,
            see("Order placed"),
        )
    )
    assert result.passed
    assert statuses(result) == ["passed", "skipped", "passed", "passed", "passed", "passed"]
    (note,) = result.steps[1].warnings
    assert note.startswith(
        'This optional step did not happen: I could not find anything called "Accept cookies"'
    )
    assert result.steps[1].error == ""


def test_missing_values_fail_by_name(browsing: Browsing) -> None:
    plan = journey(
        open_("/"), step('Fill "Search" with "{secret:NOPE}"', Verb.FILL, "Search", "{secret:NOPE}")
    )
    bad = failed(browsing.run(plan))
    assert (bad.kind, bad.error) == (
        "missing_secret",
        "This step uses {secret:NOPE}, but no environment variable NOPE is set.",
    )
    plan = journey(
        open_("/"), step('Fill "Search" with "{coupon}"', Verb.FILL, "Search", "{coupon}")
    )
    bad = failed(browsing.run(plan))
    assert bad.kind == "missing_variable"
    assert bad.error.startswith("This step uses {coupon}, but it has no value")


def test_an_unexpected_dialog_is_dismissed_with_a_warning(browsing: Browsing) -> None:
    result = browsing.run(
        journey(
            open_("/tabs.html"),
            click('Click "Delete account"', "Delete account"),
            see("Account kept"),
        )
    )
    assert result.passed
    warning = (
        'The page showed a dialog saying "Delete your account?"; I dismissed it. Add "Accept the '
        'dialog" or "Dismiss the dialog" after the step that opens it.'
    )
    # The dialog event may reach us just after the click's step has ended (a busy machine):
    # then the next step carries the warning. Either way it is said once.
    warnings = [w for step in result.steps for w in step.warnings]
    assert warnings == [warning]
    assert warning in result.steps[1].warnings + result.steps[2].warnings


def test_a_region_that_is_not_there_lists_the_sections(browsing: Browsing) -> None:
    bad = failed(
        browsing.run(
            journey(
                open_("/products.html"),
                click('Click "Add to cart" in "Hats"', "Add to cart", region="Hats"),
            )
        )
    )
    assert bad.kind == "not_found"
    assert bad.error.startswith(
        'I could not find a part of the page called "Hats" on "Products – Shop" (/products.html), '
        'nor the words "Hats" next to what this step looks for.'
    )
    assert '"Boots, size 9", "Socks"' in bad.error


def test_other_wordings_read_as_a_tester_would_say_them(browsing: Browsing) -> None:
    def maybe(
        text: str, verb: Verb, target: Target | str | None = None, value: str = "", **kw: Any
    ) -> Step:
        return step(text, verb, target, value, optional=True, up_to_s=0.3, **kw)

    plan = journey(
        open_("/form.html"),
        maybe('Select "Narnia" from "Country"', Verb.SELECT, "Country", "Narnia"),
        maybe(
            'Expect the "Continue" button to be enabled',
            Verb.EXPECT_STATE,
            Target("Continue", "button"),
            state=State.ENABLED,
        ),
        maybe('Expect not to see "Your order"', Verb.EXPECT_NOT_TO_SEE, value="Your order"),
        maybe('Wait for "Nothing" to appear', Verb.WAIT_TO_APPEAR, value="Nothing"),
        maybe('Expect 3 "Buy" checkboxes', Verb.EXPECT_COUNT, Target("Buy", "checkbox"), count=3),
        maybe('Click the third "Pay now" button', Verb.CLICK, Target("Pay now", "button", 3)),
        maybe('Fill "Password" with "x"', Verb.FILL, "Password", "x"),
        maybe("Switch back", Verb.SWITCH_BACK),
    )
    result = browsing.run(plan)
    assert result.passed
    said = [
        s.warnings[0].removeprefix("This optional step did not happen: ") for s in result.steps[1:]
    ]
    assert said[:7] == [
        'The dropdown "Country" has no option "Narnia". Its options: "United Kingdom", "France", "Germany".',
        'Expected the button "Continue" to be enabled; it is disabled (greyed out).',
        'Expected not to see "Your order", but it is there.',
        'Waited 0.3 s for "Nothing" to appear on "Order form – Shop" (/form.html), but it did not. '
        'The page heading is "Your order".',
        'Expected 3 checkboxes called "Buy"; there are 2.',
        'There is only 1 button called "Pay now", so there is no third one.',
        'I could not find a field called "Password" on "Order form – Shop" (/form.html).\n'
        'Fields on this page: "Full name", "Email", "Discount code", "Card number", "Notes", "Country".',
    ]
    assert said[7] == "There is no earlier tab to switch back to."


# --- evidence and secrets ------------------------------------------------------------------


def test_screenshots_all_takes_one_per_step(browsing: Browsing) -> None:
    result = browsing.run(
        journey(open_("/"), see("Welcome"), name="All shots"),
        browsing.settings(screenshots_all=True),
    )
    assert [Path(s.screenshot).name for s in result.steps] == ["step-01.png", "step-02.png"]
    assert all(Path(s.screenshot).is_file() for s in result.steps)


def test_a_failed_journey_leaves_a_trace_for_engineers(browsing: Browsing) -> None:
    result = browsing.run(
        journey(open_("/payment.html"), see("Thank you"), name="Traced"),
        browsing.settings(trace=True),
    )
    assert not result.passed
    trace = browsing.out / "traced" / "trace.zip"
    assert zipfile.is_zipfile(trace)
    passing = browsing.run(journey(open_("/"), name="Not traced"), browsing.settings(trace=True))
    assert passing.passed and not (browsing.out / "not-traced" / "trace.zip").exists()


def _secret_journey(name: str) -> Journey:
    return journey(
        open_("/form.html"),
        step('Fill "Card number" with "{secret:CARD}"', Verb.FILL, "Card number", "{secret:CARD}"),
        step(
            'Expect "Card number" to be "0000"',
            Verb.EXPECT_VALUE,
            "Card number",
            "0000",
            match=Match.BE,
        ),
        name=name,
        timeout=1.0,
    )


def test_a_secret_never_appears_in_results_or_traces(browsing: Browsing) -> None:
    settings = browsing.settings(secrets={"CARD": CARD}, trace=True, screenshots_all=True)
    result = browsing.run(_secret_journey("Secret card"), settings)
    text = json.dumps(asdict(result), ensure_ascii=False)
    assert (
        CARD not in text
        and CARD.replace(" ", "+") not in text
        and CARD.replace(" ", "%20") not in text
    )
    assert result.steps[1].text == 'Fill "Card number" with "{secret:CARD}"'
    assert (
        failed(result).error
        == 'Expected the field "Card number" to be "0000"; it is "{secret:CARD}".'
    )
    folder = browsing.out / "secret-card"
    assert not (folder / "trace.zip").exists()  # journeys with secrets are not traced
    for file in folder.rglob("*"):
        assert CARD.encode() not in file.read_bytes()

    # Why traces are off for such journeys: a trace holds what was typed.
    opted_in = browsing.settings(secrets={"CARD": CARD}, trace=True, trace_secrets=True)
    browsing.run(_secret_journey("Secret traced"), opted_in)
    with zipfile.ZipFile(browsing.out / "secret-traced" / "trace.zip") as trace:
        assert any(CARD.encode() in trace.read(name) for name in trace.namelist())

    pay = click('Click "Pay now"', "Pay now")
    result = browsing.run(journey(*_secret_journey("Secret in address").steps[:2], pay), settings)
    assert result.passed
    assert result.steps[-1].url.endswith(
        "card={secret:CARD}&notes=Leave+at+the+door&country=United+Kingdom&news=on&delivery=standard&file="
    )


def test_a_secret_is_masked_in_screenshots(browsing: Browsing) -> None:
    result = browsing.run(_secret_journey("Masked card"), browsing.settings(secrets={"CARD": CARD}))
    shot = Path(failed(result).screenshot)
    box = browsing.box_of("/form.html", "Card number")
    masked = browsing.pixels(shot, box)
    assert masked and set(masked) == {(255, 0, 255)}  # one solid box over the whole field

    # The same value typed as a plain variable is visible: the check above can fail.
    plain = _secret_journey("Plain card")
    plain = replace(
        plain, steps=(plain.steps[0], replace(plain.steps[1], value="{card}"), plain.steps[2])
    )
    result = browsing.run(plain, browsing.settings(variables={"card": CARD}))
    shown = browsing.pixels(Path(failed(result).screenshot), box)
    assert (255, 0, 255) not in set(shown)
    assert any(sum(rgb) < 200 for rgb in shown)  # dark pixels: the digits are there


# --- devices and pages reached -------------------------------------------------------------


def _store_finder() -> Journey:
    return journey(
        click('Click the "Menu" button', Target("Menu", "button")),
        click('Click "Find a store"', "Find a store"),
        see("Our stores"),
        name="Find a store",
        start="/mobile.html",
        timeout=2,
    )


def test_a_phone_journey_uses_the_phone_menu(browsing: Browsing) -> None:
    options = device_options(browsing.playwright, "iPhone 13")
    assert options["viewport"]["width"] == 390 and options["has_touch"] and options["is_mobile"]
    assert "default_browser_type" not in options
    result = browsing.run(_store_finder(), device="iPhone 13")
    assert result.passed, [s.error for s in result.steps]
    assert result.device == "iPhone 13"
    desktop = browsing.run(_store_finder())
    bad = failed(desktop)
    assert (bad.kind, bad.error) == (
        "hidden",
        'A button "Menu" exists but is hidden (not visible on screen).',
    )


def test_device_sizes_and_unknown_devices(browsing: Browsing) -> None:
    assert device_options(browsing.playwright, "390x844") == {
        "viewport": {"width": 390, "height": 844}
    }
    assert device_options(browsing.playwright, "iphone 13")["viewport"]["width"] == 390
    with pytest.raises(UsageError, match=r'unknown device "iPhone 99".* Did you mean: "iPhone '):
        device_options(browsing.playwright, "iPhone 99")


def test_on_page_sees_each_new_document_once_with_the_step_that_reached_it(
    browsing: Browsing,
) -> None:
    reached: list[tuple[str, int | None, str]] = []

    async def on_page(page: Page, response: Response | None, by: Step) -> None:
        reached.append(
            (page.url.removeprefix(browsing.url), response.status if response else None, by.text)
        )
        if "form" in page.url:
            raise RuntimeError("axe fell over")

    plan = journey(
        click('Click "Order form"', "Order form"),
        step('Fill "Email" with "a@b.c"', Verb.FILL, "Email", "a@b.c"),
        step("Go back", Verb.GO_BACK),
        see("Welcome"),
        click('Click "Help and dialogs"', "Help and dialogs"),
        click('Click "Open the help page"', "Open the help page"),
        step("Switch to the new tab", Verb.SWITCH_TO_NEW_TAB),
        step("Switch back", Verb.SWITCH_BACK),
        start="/",
        timeout=10,
    )
    result = browsing.run(plan, on_page=on_page)
    assert result.passed
    assert reached == [
        ("", 200, "Start at: /"),
        ("form.html", 200, 'Click "Order form"'),
        ("", 200, "Go back"),
        ("tabs.html", 200, 'Click "Help and dialogs"'),
        ("help.html", 200, "Switch to the new tab"),
    ]
    assert result.steps[1].warnings == ("Checking the page /form.html failed: axe fell over",)
