"""The journey language parser: every sentence, header and problem a tester can meet."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest

from cxcheck.errors import CxError, ExitCode
from cxcheck.journeys.language import verbs
from cxcheck.journeys.language.headers import HEADERS
from cxcheck.journeys.language.model import Journey, Match, State, Step, Target
from cxcheck.journeys.language.modifiers import MODIFIERS
from cxcheck.journeys.language.parser import (
    Checks,
    JourneyParseError,
    load_journeys,
    parse_file,
    parse_text,
)
from cxcheck.journeys.language.roles import ROLE_WORDS
from cxcheck.journeys.language.starter import starter
from cxcheck.journeys.language.suggest import keywords
from cxcheck.journeys.language.targets import plural
from cxcheck.journeys.language.variables import placeholders, unset_secrets
from cxcheck.journeys.language.verbs import RUN, STEPS, Sentence, Verb

FILE = "journeys/checkout.journey"
FIXTURES = Path(__file__).parent / "journey_files"


def parse(
    text: str,
    *,
    variables: tuple[str, ...] = ("email",),
    environ: dict[str, str] | None = None,
    base_dir: Path | None = None,
) -> Journey:
    return parse_text(text, FILE, variables=variables, environ=environ or {}, base_dir=base_dir)


def step(sentence: str, **kwargs: Any) -> Step:
    journey = parse(sentence, **kwargs)
    assert len(journey.steps) == 1
    return journey.steps[0]


def problems(text: str, **kwargs: Any) -> list[str]:
    with pytest.raises(JourneyParseError) as error:
        parse(text, **kwargs)
    return [str(problem) for problem in error.value.problems]


def problem(text: str, **kwargs: Any) -> str:
    found = problems(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- every verb and alias


def target(name: str, role: str = "", ordinal: int = 0, verbatim: bool = False) -> Target:
    return Target(name, role, ordinal, verbatim)


VERBS: list[tuple[str, Verb, dict[str, Any]]] = [
    ('Open "/"', Verb.OPEN, {"value": "/"}),
    ('Go to "/cart.html"', Verb.OPEN, {"value": "/cart.html"}),
    ('Visit "https://shop.example/sale"', Verb.OPEN, {"value": "https://shop.example/sale"}),
    ("Go back", Verb.GO_BACK, {}),
    ("Reload the page", Verb.RELOAD, {}),
    ("Reload", Verb.RELOAD, {}),
    ('Click "Checkout"', Verb.CLICK, {"target": target("Checkout")}),
    ('Click the "Checkout" button', Verb.CLICK, {"target": target("Checkout", "button")}),
    ('Click on "Checkout"', Verb.CLICK, {"target": target("Checkout")}),
    ('Tap the "Shop" link', Verb.CLICK, {"target": target("Shop", "link")}),
    ('Press the "Send message" button', Verb.CLICK, {"target": target("Send message", "button")}),
    ('Press "Place order" button', Verb.CLICK, {"target": target("Place order", "button")}),
    ('Double-click "Boots"', Verb.DOUBLE_CLICK, {"target": target("Boots")}),
    ('Double click the "Boots" image', Verb.DOUBLE_CLICK, {"target": target("Boots", "image")}),
    ('Hover over the "Help" link', Verb.HOVER, {"target": target("Help", "link")}),
    ('Hover "Help"', Verb.HOVER, {"target": target("Help")}),
    (
        'Fill "Email" with "ann@example.com"',
        Verb.FILL,
        {"target": target("Email"), "value": "ann@example.com"},
    ),
    (
        'Fill in the "Email" field with "a"',
        Verb.FILL,
        {"target": target("Email", "field"), "value": "a"},
    ),
    ('Fill "Coupon" with ""', Verb.FILL, {"target": target("Coupon"), "value": ""}),
    ('Type "boots" into "Search"', Verb.FILL, {"target": target("Search"), "value": "boots"}),
    ('Type "boots" in "Search"', Verb.FILL, {"target": target("Search"), "value": "boots"}),
    (
        'Enter "Ann" into the "Your name" box',
        Verb.FILL,
        {"target": target("Your name", "field"), "value": "Ann"},
    ),
    ('Clear "Quantity"', Verb.CLEAR, {"target": target("Quantity")}),
    (
        'Select "United Kingdom" from "Country"',
        Verb.SELECT,
        {"target": target("Country"), "value": "United Kingdom"},
    ),
    (
        'Select "UK" from the "Country" dropdown',
        Verb.SELECT,
        {"target": target("Country", "dropdown"), "value": "UK"},
    ),
    ('Choose "UK" from "Country"', Verb.SELECT, {"target": target("Country"), "value": "UK"}),
    ('Check "I accept the terms"', Verb.CHECK, {"target": target("I accept the terms")}),
    ('Check the "Gift wrap" checkbox', Verb.CHECK, {"target": target("Gift wrap", "checkbox")}),
    ('Uncheck "Send me offers"', Verb.UNCHECK, {"target": target("Send me offers")}),
    ('Choose "Express delivery"', Verb.CHOOSE, {"target": target("Express delivery")}),
    ('Choose the "Express" option', Verb.CHOOSE, {"target": target("Express", "radio")}),
    (
        'Upload "receipt.pdf" to "Attachment"',
        Verb.UPLOAD,
        {"target": target("Attachment"), "value": "receipt.pdf"},
    ),
    ('Press "Enter"', Verb.PRESS, {"value": "Enter"}),
    ('Press "Enter" in "Search"', Verb.PRESS, {"target": target("Search"), "value": "Enter"}),
    (
        'Press "Enter" in the "Search" field',
        Verb.PRESS,
        {"target": target("Search", "field"), "value": "Enter"},
    ),
    ('Press the "Tab" key', Verb.PRESS, {"value": "Tab"}),
    ('Scroll to the "Contact us" link', Verb.SCROLL, {"target": target("Contact us", "link")}),
    ("Switch to the new tab", Verb.SWITCH_TO_NEW_TAB, {}),
    ("Switch to new window", Verb.SWITCH_TO_NEW_TAB, {}),
    ("Switch back", Verb.SWITCH_BACK, {}),
    ("Accept the dialog", Verb.ACCEPT_DIALOG, {}),
    ("Dismiss the dialog", Verb.DISMISS_DIALOG, {}),
    (
        'Remember "Order number" as {order}',
        Verb.REMEMBER,
        {"target": target("Order number"), "value": "order"},
    ),
    (
        'Remember the "Total" heading as {order total}',
        Verb.REMEMBER,
        {"target": target("Total", "heading"), "value": "order total"},
    ),
    (
        'Wait for "Added to your cart" to appear',
        Verb.WAIT_TO_APPEAR,
        {"value": "Added to your cart"},
    ),
    ('Wait for "Loading" to disappear', Verb.WAIT_TO_DISAPPEAR, {"value": "Loading"}),
    ("Wait 2 seconds", Verb.WAIT_SECONDS, {"value": "2"}),
    ("Wait 1.5 seconds", Verb.WAIT_SECONDS, {"value": "1.5"}),
    ("Wait 500 ms", Verb.WAIT_SECONDS, {"value": "0.5"}),
    ("Wait 1 minute", Verb.WAIT_SECONDS, {"value": "60"}),
    ('Expect to see "Thank you"', Verb.EXPECT_TO_SEE, {"value": "Thank you"}),
    ('Expect not to see "Error"', Verb.EXPECT_NOT_TO_SEE, {"value": "Error"}),
    ('Expect the title to be "Cart"', Verb.EXPECT_TITLE, {"value": "Cart", "match": Match.BE}),
    (
        'Expect the title to contain "Cart"',
        Verb.EXPECT_TITLE,
        {"value": "Cart", "match": Match.CONTAIN},
    ),
    (
        'Expect the URL to be "/cart.html"',
        Verb.EXPECT_URL,
        {"value": "/cart.html", "match": Match.BE},
    ),
    (
        'Expect the url to contain "/order"',
        Verb.EXPECT_URL,
        {"value": "/order", "match": Match.CONTAIN},
    ),
    (
        'Expect "Quantity" to be "1"',
        Verb.EXPECT_VALUE,
        {"target": target("Quantity"), "value": "1", "match": Match.BE},
    ),
    (
        'Expect the "Email" field to contain "@"',
        Verb.EXPECT_VALUE,
        {"target": target("Email", "field"), "value": "@", "match": Match.CONTAIN},
    ),
    (
        'Expect "Terms" to be checked',
        Verb.EXPECT_STATE,
        {"target": target("Terms"), "state": State.CHECKED},
    ),
    (
        'Expect "Terms" to be unchecked',
        Verb.EXPECT_STATE,
        {"target": target("Terms"), "state": State.UNCHECKED},
    ),
    (
        'Expect "Pay" to be enabled',
        Verb.EXPECT_STATE,
        {"target": target("Pay"), "state": State.ENABLED},
    ),
    (
        'Expect the "Pay" button to be disabled',
        Verb.EXPECT_STATE,
        {"target": target("Pay", "button"), "state": State.DISABLED},
    ),
    (
        'Expect "Cookies" to be visible',
        Verb.EXPECT_STATE,
        {"target": target("Cookies"), "state": State.VISIBLE},
    ),
    (
        'Expect "Cookies" to be hidden',
        Verb.EXPECT_STATE,
        {"target": target("Cookies"), "state": State.HIDDEN},
    ),
    (
        'Expect 3 "Add to cart" buttons',
        Verb.EXPECT_COUNT,
        {"target": target("Add to cart", "button"), "count": 3},
    ),
    ('Expect 1 "Cart" link', Verb.EXPECT_COUNT, {"target": target("Cart", "link"), "count": 1}),
    (
        'Expect 0 "Remove" buttons',
        Verb.EXPECT_COUNT,
        {"target": target("Remove", "button"), "count": 0},
    ),
    ("Take a screenshot", Verb.SCREENSHOT, {}),
    ('Take a screenshot "cart"', Verb.SCREENSHOT, {"value": "cart"}),
]


@pytest.mark.parametrize(("sentence", "verb", "fields"), VERBS, ids=[v[0] for v in VERBS])
def test_every_verb_and_alias(sentence: str, verb: Verb, fields: dict[str, Any]) -> None:
    assert step(sentence, variables=()) == Step(FILE, 1, sentence, verb, **fields)


def test_the_verb_table_covers_every_verb() -> None:
    assert {verb for _, verb, _ in VERBS} == set(Verb)


@pytest.mark.parametrize(
    "sentence", ['CLICK "Checkout"', 'click   the  "Checkout"   BUTTON', '\tClick "Checkout"  ']
)
def test_keywords_are_case_insensitive_and_whitespace_tolerant(sentence: str) -> None:
    found = step(sentence)
    assert found.verb is Verb.CLICK
    assert found.target is not None and found.target.name == "Checkout"
    assert found.text == sentence.strip()


def test_quoted_text_keeps_its_case_and_inner_spaces() -> None:
    assert step('Expect to see "Total:  £5  "').value == "Total:  £5  "


# ---------------------------------------------------------------- headers


def test_headers() -> None:
    journey = parse(
        "Journey: Guest checkout\nStart at: /shop/\nTags: smoke, checkout , ,mobile\n"
        'Timeout: 5 seconds\nBudget: 2 minutes\nViewport: iPhone 13\nOpen "/"\n'
    )
    assert journey.name == "Guest checkout"
    assert journey.file == FILE
    assert journey.start_at == "/shop/"
    assert journey.tags == ("smoke", "checkout", "mobile")
    assert journey.timeout_s == 5.0
    assert journey.budget_s == 120.0
    assert journey.viewport == "iPhone 13"


def test_header_defaults() -> None:
    journey = parse('Open "/"')
    assert journey.name == "Checkout"
    assert (journey.start_at, journey.tags, journey.viewport) == ("", (), "")
    assert journey.timeout_s == 10.0
    assert journey.budget_s is None


@pytest.mark.parametrize(
    ("file", "name"),
    [
        ("journeys/guest-checkout.journey", "Guest checkout"),
        ("guest_checkout_UK.journey", "Guest checkout UK"),
        ("sign-in.journey", "Sign in"),
    ],
)
def test_default_name_comes_from_the_file_name(file: str, name: str) -> None:
    assert parse_text('Open "/"', file, environ={}).name == name


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("10 seconds", 10.0),
        ("10 s", 10.0),
        ("10s", 10.0),
        ("1 second", 1.0),
        ("1.5 seconds", 1.5),
        ("500 ms", 0.5),
        ("2 minutes", 120.0),
        ("3 secs", 3.0),
    ],
)
def test_header_durations(text: str, seconds: float) -> None:
    assert parse(f'Timeout: {text}\nOpen "/"').timeout_s == seconds


def test_header_keys_are_case_insensitive_and_may_be_quoted() -> None:
    journey = parse('JOURNEY: "Sign in"\nstart   AT: /login\nviewport: 390x844\nOpen "/"')
    assert (journey.name, journey.start_at, journey.viewport) == ("Sign in", "/login", "390x844")


DEVICES = ("iPhone 13", "Galaxy S9+", "Galaxy S8", "Pixel 7")


def test_a_viewport_the_runner_would_refuse_is_a_problem_before_any_browser() -> None:
    asked: list[int] = []

    def devices() -> tuple[str, ...]:
        asked.append(1)
        return DEVICES

    checks = Checks(devices=devices)
    with pytest.raises(JourneyParseError) as error:
        parse_text('Journey: x\nViewport: galaxy s9\nOpen "/"', FILE, environ={}, checks=checks)
    assert [str(p) for p in error.value.problems] == [
        'journeys/checkout.journey:2: Viewport: Unknown device "galaxy s9": use a Playwright '
        'device name such as "iPhone 13" or a size such as "390x844". '
        "Did you mean: Viewport: Galaxy S9+?"
    ]
    for fine in ("iphone 13", "390x844", "1024 × 768"):
        journey = parse_text(f'Viewport: {fine}\nOpen "/"', FILE, environ={}, checks=checks)
        assert journey.viewport == fine
    asked.clear()
    parse_text('Open "/"', FILE, environ={}, checks=checks)
    assert asked == []  # the device list is only asked for when a Viewport names a device


def test_the_viewport_rule_is_the_runners_rule() -> None:
    from playwright.sync_api import sync_playwright

    from cxcheck.journeys.devices import playwright_device_names

    names = playwright_device_names()
    with sync_playwright() as playwright:
        known = set(playwright.devices)
    assert set(names()) == known
    assert "iPhone 13" in names()


def test_header_value_with_a_comment() -> None:
    assert parse('Budget: 30 seconds   # all of it\nOpen "/"').budget_s == 30.0


def test_bad_duration_is_a_problem_with_a_suggestion() -> None:
    assert problem('Timeout: 10\nOpen "/"') == (
        f"{FILE}:1: 'Timeout' needs a time such as 10 seconds, 1.5 seconds, 500 ms or "
        "2 minutes; '10' is not one. Did you mean: Timeout: 10 seconds?"
    )
    assert "'soon' is not one." in problem('Budget: soon\nOpen "/"')
    assert "'0 seconds' is not one." in problem('Timeout: 0 seconds\nOpen "/"')


def test_unknown_header_suggests_the_closest() -> None:
    assert problem('Tgas: smoke\nOpen "/"') == (
        f"{FILE}:1: I don't understand the header 'Tgas'. Headers are: Journey, Start at, Tags, "
        "Timeout, Budget, Viewport. Did you mean: Tags: smoke?"
    )
    assert problem('Start: /\nOpen "/"').endswith("Did you mean: Start at: /?")


def test_unknown_header_without_a_close_one_lists_the_headers() -> None:
    assert problem('Owner: Ann\nOpen "/"') == (
        f"{FILE}:1: I don't understand the header 'Owner'. Headers are: Journey, Start at, Tags, "
        "Timeout, Budget, Viewport."
    )


def test_header_after_the_first_step_is_a_problem() -> None:
    assert problem('Open "/"\nTimeout: 5 seconds') == (
        f"{FILE}:2: The header 'Timeout' must come before the first step: move it to the top."
    )


def test_repeated_and_empty_headers_are_problems() -> None:
    assert problems('Journey: A\nJourney: B\nTags:\nOpen "/"') == [
        f"{FILE}:2: 'Journey' is already set on line 1.",
        f"{FILE}:3: 'Tags' needs a value, for example: Tags: smoke, checkout",
    ]


def test_gherkin_feature_and_scenario_name_the_journey() -> None:
    text = 'Feature: Checkout\n\nScenario: Guest buys boots\n  Given Open "/"\n'
    assert parse(text).name == "Guest buys boots"
    assert parse('Feature: Checkout\nOpen "/"').name == "Checkout"
    assert parse('Journey: Mine\nScenario: Theirs\nOpen "/"').name == "Mine"


def test_gherkin_background_then_scenario_is_one_path() -> None:
    text = (
        'Feature: Shop\nBackground:\n  Given Open "/"\nScenario: Find boots\n'
        '  When Fill "Search" with "boots"\n  Then Expect to see "boots"\n'
    )
    journey = parse(text)
    assert journey.name == "Find boots"
    assert [s.line for s in journey.steps] == [3, 5, 6]


def test_a_second_scenario_and_examples_are_problems() -> None:
    text = 'Scenario: One\nOpen "/"\nScenario: Two\nOpen "/"\nExamples:\n'
    assert problems(text) == [
        f"{FILE}:3: This file already has a scenario: put each scenario in its own .journey file.",
        f"{FILE}:5: Examples tables are not supported yet: one journey file follows one path.",
    ]


def test_a_step_with_a_colon_is_not_a_header() -> None:
    journey = parse('Open "https://shop.example/"\nExpect to see "Total: 5"')
    assert [s.value for s in journey.steps] == ["https://shop.example/", "Total: 5"]


# ---------------------------------------------------------------- Gherkin prefixes


@pytest.mark.parametrize(
    "prefix",
    ["Given ", "When ", "Then ", "And ", "But ", "* ", "- ", "3. ", "12) ", "When I ", "and "],
)
def test_gherkin_prefixes_are_ignored(prefix: str) -> None:
    found = step(f'{prefix}Click "Checkout"')
    assert (found.verb, found.target) == (Verb.CLICK, target("Checkout"))
    assert found.text == f'{prefix}Click "Checkout"'.strip()


def test_a_prefix_alone_is_a_problem() -> None:
    assert "I don't understand 'And'." in problem("And")


# ---------------------------------------------------------------- quotes


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ('Click "Checkout"', "Checkout"),
        ("Click “Checkout”", "Checkout"),
        ("Click 'Checkout'", "Checkout"),
        ("Click ‘Checkout’", "Checkout"),
        ('Click "Men\'s boots"', "Men's boots"),
        ("Click “Men’s boots”", "Men’s boots"),
        ("Click 'Men's boots'", "Men's boots"),
        ("Click ‘Men’s boots’", "Men’s boots"),
        ("Click \"Say 'hello'\"", "Say 'hello'"),
    ],
)
def test_quotes_are_normalised(sentence: str, name: str) -> None:
    found = step(sentence)
    assert found.target == target(name)
    assert found.text == sentence  # the tester's own quotes stay in the report


def test_single_quotes_around_values_and_regions() -> None:
    found = step("Fill 'Email' with 'ann@example.com' in 'Sign in'")
    assert (found.target, found.value, found.region) == (
        target("Email"),
        "ann@example.com",
        "Sign in",
    )


def test_unbalanced_quotes_are_a_problem_that_says_so() -> None:
    assert problem('Click "Checkout') == (
        f"{FILE}:1: The quote marks on this line do not pair up: every text in quotes needs a "
        'quote mark before it and after it. Did you mean: Click "Checkout"?'
    )
    assert problem('Click "Checkout (within 3 seconds)').endswith(
        'Did you mean: Click "Checkout" (within 3 seconds)?'
    )


def test_empty_quotes_are_a_problem() -> None:
    assert 'There are no words between a pair of quote marks "".' in problem('Click ""')
    assert "no words between" in problem('Expect to see "  "')


# ---------------------------------------------------------------- comments and lines


def test_comments_and_blank_lines() -> None:
    text = (
        "# A journey about boots\n"
        "\n"
        'Open "/"   # the home page\n'
        "   # an indented note\n"
        'Click "Size #9" # the hash inside quotes is text\n'
        "Expect to see 'Item #3'\n"
    )
    journey = parse(text)
    assert [(s.line, s.text) for s in journey.steps] == [
        (3, 'Open "/"'),
        (5, 'Click "Size #9"'),
        (6, "Expect to see 'Item #3'"),
    ]
    assert journey.steps[1].target == target("Size #9")
    assert journey.steps[2].value == "Item #3"


def test_windows_line_endings_and_byte_order_mark() -> None:
    journey = parse('\ufeffJourney: Boots\r\nOpen "/"\r\n\r\nGo back\r\n')
    assert journey.name == "Boots"
    assert [(s.line, s.text) for s in journey.steps] == [(2, 'Open "/"'), (4, "Go back")]


# ---------------------------------------------------------------- options and regions


@pytest.mark.parametrize(
    ("options", "fields"),
    [
        ("(within 3 seconds)", {"within_s": 3.0}),
        ("(within 500 ms)", {"within_s": 0.5}),
        ("(up to 30 seconds)", {"up_to_s": 30.0}),
        ("(exactly)", {"exact": True}),
        ("(optional)", {"optional": True}),
        ("(Within 1.5 s, OPTIONAL)", {"within_s": 1.5, "optional": True}),
        (
            "(within 2 seconds, up to 20 seconds, exactly, optional)",
            {"within_s": 2.0, "up_to_s": 20.0, "exact": True, "optional": True},
        ),
        ("(exactly) (optional)", {"exact": True, "optional": True}),
        ("( within 3 seconds )", {"within_s": 3.0}),
    ],
)
def test_options(options: str, fields: dict[str, Any]) -> None:
    sentence = f'Expect to see "Thank you" {options}'
    expected = Step(FILE, 1, sentence, Verb.EXPECT_TO_SEE, value="Thank you", **fields)
    assert step(sentence) == expected


def test_a_parenthesis_inside_quotes_is_text() -> None:
    found = step('Click "Basket (2)"')
    assert found.target == target("Basket (2)")
    assert found.optional is False


@pytest.mark.parametrize(
    ("sentence", "suggestion"),
    [
        ('Click "Checkout" (withn 3 seconds)', 'Click "Checkout" (within 3 seconds)'),
        ('Click "Checkout" (within 3)', 'Click "Checkout" (within 3 seconds)'),
        ('Click "Checkout" (optinal)', 'Click "Checkout" (optional)'),
        (
            'Click "Checkout" (up too 5 seconds, exactley)',
            'Click "Checkout" (up to 5 seconds, exactly)',
        ),
    ],
)
def test_unknown_options_are_problems_with_suggestions(sentence: str, suggestion: str) -> None:
    assert problem(sentence) == (
        f"{FILE}:1: I don't understand '{sentence}'. Options go in brackets at the end of a "
        "step: (within <n> seconds), (up to <n> seconds), (exactly), (optional); separate "
        f"several with commas. Did you mean: {suggestion}?"
    )


def test_regions() -> None:
    found = step('Click "Remove" in "Boots, size 9"')
    assert (found.target, found.region) == (target("Remove"), "Boots, size 9")
    found = step('Expect to see "£95" in "Order summary" (within 2 seconds)')
    assert (found.value, found.region, found.within_s) == ("£95", "Order summary", 2.0)
    found = step('Type "boots" into "Search" in "Header"')
    assert (found.target, found.value, found.region) == (target("Search"), "boots", "Header")
    found = step('Press "Enter" in "Search" in "Header"')
    assert (found.target, found.value, found.region) == (target("Search"), "Enter", "Header")


def test_in_inside_quoted_text_is_not_a_region() -> None:
    found = step('Click "Sign in"')
    assert (found.target, found.region) == (target("Sign in"), "")
    assert step('Expect to see "Log in "').region == ""


# ---------------------------------------------------------------- targets


@pytest.mark.parametrize(
    ("words", "ordinal"),
    [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("last", -1),
        ("1st", 1),
        ("2nd", 2),
        ("3rd", 3),
        ("11th", 11),
        ("22nd", 22),
    ],
)
def test_ordinals(words: str, ordinal: int) -> None:
    assert step(f'Click the {words} "Add to cart" button').target == target(
        "Add to cart", "button", ordinal
    )


def test_ordinal_before_the_and_role_word_first() -> None:
    assert step('Click first the "Add" button').target == target("Add", "button", 1)
    assert step('Click the second button "Add"').target == target("Add", "button", 2)
    assert step('Click the link "Shop"').target == target("Shop", "link")


def test_a_zeroth_element_is_a_problem() -> None:
    assert "I don't understand" in problem('Click the 0th "Add" button')


ROLES = [(word, role) for role, words in ROLE_WORDS.items() for word in words]


@pytest.mark.parametrize(("word", "role"), ROLES, ids=[w for w, _ in ROLES])
def test_role_words_and_their_plurals(word: str, role: str) -> None:
    assert step(f'Click the "X" {word}').target == target("X", role)
    assert step(f'Click the {word.upper()} "X"').target == target("X", role)
    plurals = plural(word)
    assert step(f'Expect 2 "X" {plurals}') == Step(
        FILE, 1, f'Expect 2 "X" {plurals}', Verb.EXPECT_COUNT, target=target("X", role), count=2
    )


def test_role_words_normalise_to_the_model_words() -> None:
    documented = {
        "button", "link", "field", "dropdown", "checkbox", "radio", "tab", "menu item",
        "heading", "image", "dialog", "section",
    }  # fmt: skip
    assert set(ROLE_WORDS) == documented


@pytest.mark.parametrize(
    ("name", "verbatim"),
    [
        ("css=.buy-now", True),
        ("xpath=//button[1]", True),
        ("testid=checkout", True),
        ("#checkout", True),
        ("#place-order", True),
        ("#1 best seller", False),
        ("Checkout", False),
        ("Pay with css=", False),
    ],
)
def test_verbatim_targets(name: str, verbatim: bool) -> None:
    assert step(f'Click "{name}"').target == target(name, verbatim=verbatim)


def test_verbatim_field_and_region_as_field() -> None:
    assert step('Fill "css=#email" with "a"').target == target("css=#email", verbatim=True)
    assert step('Press "Enter" in "#search"').target == target("#search", verbatim=True)


# ---------------------------------------------------------------- variables and secrets


def test_known_variables_and_built_ins() -> None:
    text = (
        'Fill "Email" with "{email}"\n'
        'Fill "Name" with "{random email}-{Timestamp}"\n'
        'Open "{start url}/cart"\n'
        'Expect not to see "{{ product.price }}"\n'
    )
    journey = parse(text, variables=("email",))
    assert [s.value for s in journey.steps] == [
        "{email}",
        "{random email}-{Timestamp}",
        "{start url}/cart",
        "{{ product.price }}",
    ]


def test_unknown_variable_names_it_and_suggests_a_known_one() -> None:
    assert problem('Fill "Email" with "{emial}"', variables=("email",)) == (
        f"{FILE}:1: uses {{emial}}, but no variable called emial is set. Set it under "
        "[journeys.vars] in cxcheck.toml or with --var emial=..., or note it first with "
        'Remember ... as {emial}. Did you mean: Fill "Email" with "{email}"?'
    )


def test_unknown_variable_in_a_target_or_region() -> None:
    assert problems('Click "{product}" in "{row}"', variables=()) == [
        f"{FILE}:1: uses {{product}}, but no variable called product is set. Set it under "
        "[journeys.vars] in cxcheck.toml or with --var product=..., or note it first with "
        "Remember ... as {product}.",
        f"{FILE}:1: uses {{row}}, but no variable called row is set. Set it under "
        "[journeys.vars] in cxcheck.toml or with --var row=..., or note it first with "
        "Remember ... as {row}.",
    ]


def test_remembered_variables_are_known_after_the_remember_step() -> None:
    text = (
        'Expect to see "{order}"\n'
        'Remember the "Order number" heading as {order}\n'
        'Expect to see "Order {order} is on its way"\n'
    )
    assert problems(text, variables=()) == [
        f"{FILE}:1: uses {{order}}, but no variable called order is set. Set it under "
        "[journeys.vars] in cxcheck.toml or with --var order=..., or note it first with "
        "Remember ... as {order}."
    ]
    assert len(parse(text.split("\n", 1)[1], variables=()).steps) == 2


def test_a_remember_name_must_be_a_name() -> None:
    assert "Write it like this: Remember <target> as {name}" in problem('Remember "x" as {}')
    assert "I don't understand" in problem('Remember "x" as {secret:X}')


def test_secret_present_is_accepted_and_its_value_is_never_kept() -> None:
    journey = parse(
        'Fill "Password" with "{secret:SHOP_PASSWORD}"',
        environ={"SHOP_PASSWORD": "hunter2-do-not-leak"},
    )
    assert journey.steps[0].value == "{secret:SHOP_PASSWORD}"
    assert journey.secrets == frozenset({"SHOP_PASSWORD"})
    assert "hunter2" not in repr(journey)


def test_missing_secret_message_is_exact() -> None:
    text = "\n" * 15 + 'Fill "Card number" with "{secret:SHOP_TEST_CARD}"'
    assert problem(text, environ={"OTHER": "x"}) == (
        "journeys/checkout.journey:16 uses {secret:SHOP_TEST_CARD}, but no environment "
        "variable SHOP_TEST_CARD is set."
    )


def test_a_misspelt_secret_gets_a_did_you_mean_from_the_variables_set() -> None:
    text = 'Fill "Password" with "{secret:SHOP_PASWORD}"'
    environ = {"SHOP_PASSWORD": "hunter2-do-not-leak", "PATH": "/bin", "HOME": "/root"}
    found = problem(text, environ=environ)
    assert found == (
        "journeys/checkout.journey:1 uses {secret:SHOP_PASWORD}, but no environment variable "
        "SHOP_PASWORD is set; SHOP_PASSWORD is. "
        'Did you mean: Fill "Password" with "{secret:SHOP_PASSWORD}"?'
    )
    assert "hunter2" not in found
    # Nothing close: no guess.
    assert "Did you mean" not in problem(text, environ={"PATH": "/bin"})


def test_secrets_need_not_be_set_when_only_checking(tmp_path: Path) -> None:
    path = write(tmp_path, "login.journey", '\nFill "Password" with "{secret:SHOP_PASWORD}"\n')
    with pytest.raises(JourneyParseError, match="SHOP_PASWORD is set"):
        load_journeys([path], environ={})
    environ = {"SHOP_PASSWORD": "hunter2-do-not-leak"}
    journeys = load_journeys([path], environ=environ, checks=Checks(secrets=False))
    assert unset_secrets(journeys, environ) == [
        f"{path}:2 uses {{secret:SHOP_PASWORD}}: set the environment variable SHOP_PASWORD "
        "before journey run. SHOP_PASSWORD is set: did you mean {secret:SHOP_PASSWORD}?"
    ]
    assert unset_secrets(journeys, {"SHOP_PASWORD": "x"}) == []


def test_a_missing_secret_problem_has_its_own_kind() -> None:
    with pytest.raises(JourneyParseError) as error:
        parse('Fill "P" with "{secret:NOPE}"\nKlick "x"', environ={})
    assert [p.kind for p in error.value.problems] == ["missing_secret", "parse"]


def test_secret_values_never_appear_in_problems() -> None:
    text = 'Fill "Password" with "{secret:SHOP_PASSWORD}"\nKlick "Sign in"\nFill "x" with "{nope}"'
    error = problems(text, environ={"SHOP_PASSWORD": "hunter2-do-not-leak"})
    assert len(error) == 2
    assert not any("hunter2" in line for line in error)


def test_secret_without_a_name() -> None:
    assert problem('Fill "Password" with "{secret:}"').endswith(
        "{secret:} needs the name of an environment variable after the colon."
    )


def test_environ_defaults_to_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXCHECK_TEST_SECRET", "x")
    journey = parse_text('Fill "P" with "{secret:CXCHECK_TEST_SECRET}"', FILE)
    assert journey.secrets == frozenset({"CXCHECK_TEST_SECRET"})


def test_placeholders() -> None:
    assert placeholders("{a} and {secret:B} {{ c }} {random email} {1}") == [
        "a",
        "secret:B",
        "random email",
    ]


# ---------------------------------------------------------------- Run includes


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_run_inlines_the_other_file_in_place(tmp_path: Path) -> None:
    write(
        tmp_path,
        "parts/sign-in.journey",
        'Journey: Sign in\nTimeout: 99 seconds\n\nOpen "/login"\nRemember "Name" as {who}\n',
    )
    main = write(
        tmp_path, "main.journey", 'Go back\nRun "parts/sign-in.journey"\nExpect to see "{who}"\n'
    )
    journey = parse_file(main, environ={})
    assert journey.name == "Main"
    assert journey.timeout_s == 10.0  # the included file's headers are ignored
    assert [(Path(s.file).name, s.line, s.text) for s in journey.steps] == [
        ("main.journey", 1, "Go back"),
        ("sign-in.journey", 4, 'Open "/login"'),
        ("sign-in.journey", 5, 'Remember "Name" as {who}'),
        ("main.journey", 3, 'Expect to see "{who}"'),
    ]
    assert journey.steps[1].file == str(tmp_path / "parts" / "sign-in.journey")


def test_steps_brought_in_by_run_know_the_run_lines(tmp_path: Path) -> None:
    write(tmp_path, "parts/sign-in.journey", 'Open "/login"\nRun "fill.journey"\n')
    write(tmp_path, "parts/fill.journey", '\nFill "Email" with "a@b.c"\n')
    main = write(tmp_path, "main.journey", 'Go back\n\nRun "parts/sign-in.journey"\nGo back\n')
    journey = parse_file(main, environ={})
    runs = [(Path(s.file).name, s.line, s.run_from) for s in journey.steps]
    sign_in = str(tmp_path / "parts" / "sign-in.journey")
    assert runs == [
        ("main.journey", 1, ()),
        ("sign-in.journey", 1, (f"{main}:3",)),
        ("fill.journey", 2, (f"{main}:3", f"{sign_in}:2")),
        ("main.journey", 4, ()),
    ]


def test_run_resolves_against_base_dir_for_parse_text(tmp_path: Path) -> None:
    write(tmp_path, "sign-in.journey", 'Open "/login"\n')
    journey = parse('Run "sign-in.journey"\nGo back', base_dir=tmp_path)
    assert [s.verb for s in journey.steps] == [Verb.OPEN, Verb.GO_BACK]


def test_run_nested_files_resolve_against_their_own_folder(tmp_path: Path) -> None:
    write(tmp_path, "a/b.journey", 'Run "c/d.journey"\n')
    write(tmp_path, "a/c/d.journey", 'Open "/deep"\n')
    journey = parse('Run "a/b.journey"', base_dir=tmp_path)
    assert [s.value for s in journey.steps] == ["/deep"]


def test_included_files_follow_the_variable_rules(tmp_path: Path) -> None:
    write(
        tmp_path, "pay.journey", 'Fill "Card" with "{secret:CARD}"\nFill "Name" with "{nobody}"\n'
    )
    assert problems('Run "pay.journey"', base_dir=tmp_path) == [
        f"{tmp_path / 'pay.journey'}:1 uses {{secret:CARD}}, but no environment variable CARD is set.",
        f"{tmp_path / 'pay.journey'}:2: uses {{nobody}}, but no variable called nobody is set. "
        "Set it under [journeys.vars] in cxcheck.toml or with --var nobody=..., or note it "
        "first with Remember ... as {nobody}.",
    ]


def test_run_of_a_missing_file(tmp_path: Path) -> None:
    write(tmp_path, "sign-in.journey", 'Open "/login"\n')
    assert problems(
        'Open "/"\nRun "sign-on.journey"\nRun "payment.journey"', base_dir=tmp_path
    ) == [
        f'{FILE}:2: Run "sign-on.journey": there is no file {tmp_path / "sign-on.journey"}. '
        'Did you mean: Run "sign-in.journey"?',
        f'{FILE}:3: Run "payment.journey": there is no file {tmp_path / "payment.journey"}.',
    ]


def test_run_cycles_are_problems_at_the_run_line(tmp_path: Path) -> None:
    a = write(tmp_path, "a.journey", 'Open "/"\nRun "b.journey"\n')
    write(tmp_path, "b.journey", 'Go back\nRun "a.journey"\n')
    with pytest.raises(JourneyParseError) as error:
        parse_file(a, environ={})
    assert [str(p) for p in error.value.problems] == [
        f'{tmp_path / "b.journey"}:2: Run "a.journey" goes round in a circle '
        "(a.journey → b.journey → a.journey): a journey cannot run itself."
    ]


def test_a_file_running_itself(tmp_path: Path) -> None:
    me = write(tmp_path, "me.journey", 'Open "/"\nRun "me.journey"\n')
    with pytest.raises(JourneyParseError, match=r"me.journey:2: Run \"me.journey\" goes round"):
        parse_file(me, environ={})


def test_the_same_part_may_run_twice(tmp_path: Path) -> None:
    write(tmp_path, "part.journey", "Go back\n")
    journey = parse('Run "part.journey"\nRun "part.journey"', base_dir=tmp_path)
    assert [s.verb for s in journey.steps] == [Verb.GO_BACK, Verb.GO_BACK]


def test_run_takes_no_options(tmp_path: Path) -> None:
    write(tmp_path, "part.journey", "Go back\n")
    assert "Run takes no options" in problem('Run "part.journey" (optional)', base_dir=tmp_path)


def test_an_included_file_without_steps(tmp_path: Path) -> None:
    write(tmp_path, "empty.journey", "# nothing yet\nJourney: Empty\n")
    assert problems('Run "empty.journey"', base_dir=tmp_path) == [
        f'{tmp_path / "empty.journey"}: This journey has no steps. Add one, such as: Open "/".'
    ]


def test_the_fixture_journey(tmp_path: Path) -> None:
    journey = parse_file(
        FIXTURES / "guest-checkout.journey",
        variables=("email",),
        environ={"SHOP_TEST_CARD": "4242", "SHOP_PASSWORD": "pw"},
    )
    assert journey.name == "Guest checkout with boots"
    assert (journey.tags, journey.budget_s, journey.viewport) == (
        ("smoke", "checkout"),
        30.0,
        "iPhone 13",
    )
    assert len(journey.steps) == 4 + 15
    assert Path(journey.steps[0].file) == FIXTURES / "parts" / "sign-in.journey"
    assert journey.steps[4].where == f"{FIXTURES / 'guest-checkout.journey'}:10"
    assert journey.steps[8].text == 'Click the first "Add to cart" button'
    assert journey.steps[10].within_s == 3.0
    assert journey.secrets == frozenset({"SHOP_TEST_CARD", "SHOP_PASSWORD"})


# ---------------------------------------------------------------- problems and suggestions


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            'Klick "Checkout"',
            """I don't understand 'Klick "Checkout"'. Did you mean: Click "Checkout"?""",
        ),
        ('Clik the "Checkout" button', 'Did you mean: Click the "Checkout" button?'),
        ('Fil "Email" with "a"', 'Did you mean: Fill "Email" with "a"?'),
        ('Expectt to see "Thank you"', 'Did you mean: Expect to see "Thank you"?'),
        ('Expect the titel to be "Cart"', 'Did you mean: Expect the title to be "Cart"?'),
        ('Doubleclik "Boots"', 'Did you mean: Double-click "Boots"?'),
        ('Goto "/cart"', 'Did you mean: Go to "/cart"?'),
        ('Scroll "Footer"', 'Did you mean: Scroll to "Footer"?'),
        ('"Checkout" click', 'Did you mean: Click "Checkout"?'),
        ("Back go", "Did you mean: Go back?"),
        ('Expect to not see "Error"', 'Did you mean: Expect not to see "Error"?'),
        ("Click Checkout", 'Did you mean: Click "Checkout"?'),
        ("Click the Checkout button", 'Did you mean: Click the "Checkout" button?'),
        ("Click Add to cart", 'Did you mean: Click "Add to cart"?'),
        ("Fill Email with {email}", 'Did you mean: Fill "Email" with "{email}"?'),
        (
            "Select United Kingdom from Country",
            'Did you mean: Select "United Kingdom" from "Country"?',
        ),
        ("Expect to see Thank you", 'Did you mean: Expect to see "Thank you"?'),
        ("Open /", 'Did you mean: Open "/"?'),
        ("Press Enter", 'Did you mean: Press "Enter"?'),
        ("Expect 3 Add to cart buttons", 'Did you mean: Expect 3 "Add to cart" buttons?'),
        (
            'And Klick "Checkout" (within 3 seconds)',
            'Did you mean: And Click "Checkout" (within 3 seconds)?',
        ),
    ],
)
def test_did_you_mean(line: str, message: str) -> None:
    found = problem(line)
    assert found.startswith(f"{FILE}:1: I don't understand '{line}'.")
    assert found.endswith(message)


def test_the_section_7_parse_message_is_exact() -> None:
    text = "\n" * 12 + 'Klick "Checkout"'
    assert problem(text) == (
        """journeys/checkout.journey:13: I don't understand 'Klick "Checkout"'. Did you mean: Click "Checkout"?"""
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            'Fill "Email"',
            """I don't understand 'Fill "Email"'. Write it like this: Fill <field> with "<text>", """
            """for example: Fill "Email" with "{random email}".""",
        ),
        (
            'Select "UK"',
            """I don't understand 'Select "UK"'. Write it like this: Select "<option>" from """
            """<dropdown>, for example: Select "United Kingdom" from "Country".""",
        ),
        (
            'Wait "x" seconds',
            """I don't understand 'Wait "x" seconds'. Write it like this: Wait <n> seconds, """
            "for example: Wait 2 seconds.",
        ),
        (
            "Expect 3",
            "I don't understand 'Expect 3'. Write it like this: Expect <n> <target>, for example: "
            'Expect 5 "Add to cart" buttons.',
        ),
        (
            'Type "boots"',
            """I don't understand 'Type "boots"'. Write it like this: Type "<text>" into <field>, """
            """for example: Type "Hello" into "Message".""",
        ),
        (
            'Upload "a.pdf"',
            """I don't understand 'Upload "a.pdf"'. Write it like this: Upload "<file>" to """
            """<field>, for example: Upload "receipt.pdf" to "Attachment".""",
        ),
        (
            'Expect "Terms" to be ticked',
            """I don't understand 'Expect "Terms" to be ticked'. Write it like this: Expect """
            "<target> to be checked / unchecked / enabled / disabled / visible / hidden, for "
            """example: Expect the "Add to cart" button to be enabled. Did you mean: Expect "Terms" """
            "to be checked?",
        ),
        (
            "Wait for the spinner",
            "I don't understand 'Wait for the spinner'. Write it like this: Wait for \"<text>\" "
            'to appear, for example: Wait for "Added to your cart" to appear.',
        ),
        (
            "Remember the total",
            "I don't understand 'Remember the total'. Write it like this: Remember <target> as "
            '{name}, for example: Remember the "Order number" heading as {order number}.',
        ),
    ],
)
def test_wrong_shapes_say_what_the_verb_needs(line: str, message: str) -> None:
    assert problem(line) == f"{FILE}:1: {message}"


def test_wrong_shape_with_a_suggestion_explains_the_suggested_form() -> None:
    assert problem("Click Checkout") == (
        f"{FILE}:1: I don't understand 'Click Checkout'. Write it like this: Click <target>, "
        'for example: Click the "Add to cart" button. Did you mean: Click "Checkout"?'
    )
    assert 'Write it like this: Press "<key>" [in <field>]' in problem("Press Enter")


def test_a_sentence_with_no_known_verb() -> None:
    assert problem("Make sure the basket is empty") == (
        f"{FILE}:1: I don't understand 'Make sure the basket is empty'. Each step starts with "
        "a word such as Open, Click, Fill, Select, Press or Expect."
    )


def test_several_problems_are_all_reported_with_their_lines() -> None:
    text = (
        "Journey: Broken on purpose\n"  # 1
        "Tgas: smoke\n"  # 2
        'Open "/"\n'  # 3
        'Klick "Checkout"\n'  # 4
        "\n"  # 5
        "# a comment\n"  # 6
        'Fill "Email"\n'  # 7
        'Click "Checkout" (within 3 seconds)\n'  # 8 (fine)
        'Fill "Card" with "{secret:SHOP_TEST_CARD}"\n'  # 9
        'Click "Basket\n'  # 10
        "Timeout: 5 seconds\n"  # 11
        'Fill "Email" with "{emial}"\n'  # 12
    )
    found = problems(text)
    assert [re.match(r"\S+:\d+", p)[0] for p in found] == [
        f"{FILE}:{n}" for n in (2, 4, 7, 9, 10, 11, 12)
    ]


def test_problem_objects_carry_the_line_as_typed() -> None:
    with pytest.raises(JourneyParseError) as error:
        parse('Open "/"\n  Klick “Checkout”   # oops\n')
    (found,) = error.value.problems
    assert (found.file, found.line, found.text) == (FILE, 2, "Klick “Checkout”")
    assert found.suggestion == 'Click "Checkout"'


def test_a_file_with_no_steps() -> None:
    assert problems("Journey: Nothing yet\n# TODO\n") == [
        f'{FILE}: This journey has no steps. Add one, such as: Open "/".'
    ]
    assert problems("") == [f'{FILE}: This journey has no steps. Add one, such as: Open "/".']


def test_journey_parse_error() -> None:
    with pytest.raises(JourneyParseError) as error:
        parse('Klick "a"\nKlick "b"')
    assert isinstance(error.value, CxError)
    assert error.value.exit_code is ExitCode.USAGE
    assert str(error.value) == "\n".join(str(p) for p in error.value.problems)
    assert len(error.value.problems) == 2


# ---------------------------------------------------------------- files and folders


def test_parse_file_cites_the_path_as_given(tmp_path: Path) -> None:
    path = write(tmp_path, "guest-checkout.journey", 'Open "/"\n')
    journey = parse_file(path, environ={})
    assert (journey.file, journey.name) == (str(path), "Guest checkout")
    assert journey.steps[0].where == f"{path}:1"


def test_parse_file_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "bad.journey"
    path.write_bytes(b"Open \xff\xfe\n")
    with pytest.raises(JourneyParseError, match="not plain text"):
        parse_file(path, environ={})


def test_load_journeys_from_a_folder_and_files(tmp_path: Path) -> None:
    write(tmp_path, "journeys/b.journey", 'Open "/b"\n')
    write(tmp_path, "journeys/a.journey", 'Open "/a"\n')
    write(tmp_path, "journeys/deeper/c.journey", 'Open "/c"\n')
    write(tmp_path, "journeys/notes.txt", "Not a journey\n")
    extra = write(tmp_path, "extra.journey", 'Open "/x"\n')
    journeys = load_journeys(
        [tmp_path / "journeys", str(extra), tmp_path / "journeys/a.journey"], environ={}
    )
    assert [j.steps[0].value for j in journeys] == ["/a", "/b", "/c", "/x"]


def test_load_journeys_collects_problems_from_every_file(tmp_path: Path) -> None:
    write(tmp_path, "journeys/a.journey", 'Klick "x"\n')
    write(tmp_path, "journeys/b.journey", 'Open "/"\n')
    write(tmp_path, "journeys/c.journey", 'Fill "Card" with "{secret:NOPE}"\n')
    (tmp_path / "empty").mkdir()
    with pytest.raises(JourneyParseError) as error:
        load_journeys(
            [tmp_path / "journeys", tmp_path / "empty", tmp_path / "missing.journey"], environ={}
        )
    assert [(Path(p.file).name, p.line) for p in error.value.problems] == [
        ("a.journey", 1),
        ("c.journey", 1),
        ("empty", 0),
        ("missing.journey", 0),
    ]
    assert str(error.value).splitlines()[2:] == [
        f"{tmp_path / 'empty'}: This folder has no .journey files.",
        f"{tmp_path / 'missing.journey'}: There is no file or folder with this name.",
    ]


def test_load_journeys_reports_a_shared_part_once(tmp_path: Path) -> None:
    write(tmp_path, "a.journey", 'Run "part.journey"\n')
    write(tmp_path, "b.journey", 'Run "part.journey"\n')
    write(tmp_path, "part.journey", 'Klick "x"\n')
    with pytest.raises(JourneyParseError) as error:
        load_journeys([tmp_path], environ={})
    assert [(Path(p.file).name, p.line) for p in error.value.problems] == [("part.journey", 1)]


def test_load_journeys_passes_variables(tmp_path: Path) -> None:
    write(tmp_path, "a.journey", 'Fill "Email" with "{email}"\n')
    assert load_journeys([tmp_path], variables=["email"], environ={})[0].steps[0].value == "{email}"
    with pytest.raises(JourneyParseError, match="no variable called email"):
        load_journeys([tmp_path], environ={})


# ---------------------------------------------------------------- the vocabulary


def test_starter_parses_cleanly() -> None:
    text = starter("Guest checkout", "journeys/guest-checkout.journey")
    journey = parse_text(text, "journeys/guest-checkout.journey", environ={})
    assert journey.name == "Guest checkout"
    assert journey.start_at == "/"
    assert len(journey.steps) >= 5
    assert all(line.startswith("#") for line in text.splitlines()[:5])


def test_the_starters_commands_are_complete() -> None:
    text = starter("Guest checkout", "my journeys/guest-checkout.journey")
    commands = [line.strip("# ") for line in text.splitlines() if "cxcheck journey" in line]
    assert commands == [
        'cxcheck journey check "my journeys/guest-checkout.journey"',
        'cxcheck journey run "my journeys/guest-checkout.journey" '
        "--base-url https://staging.example.com",
        'cxcheck journey run "my journeys/guest-checkout.journey" --serve sample_sites/shop',
    ]


@pytest.mark.parametrize(
    "name", ['Issue #7 "quoted"', "Two\nlines", "   ", "Men's boots: the sequel"]
)
def test_starter_parses_whatever_the_name(name: str) -> None:
    journey = parse_text(starter(name, "new.journey"), "new.journey", environ={})
    assert journey.name == (" ".join(name.replace("#", " ").split()) or "New journey")


FORMS = [(entry.verb, form) for entry in verbs.VERBS for form in entry.forms]
STEP_ENTRIES = [form for _, form in FORMS]


@pytest.mark.parametrize(("verb", "entry"), FORMS, ids=[s.pattern for _, s in FORMS])
def test_every_vocabulary_example_parses_to_its_verb(verb: Verb, entry: Sentence) -> None:
    found = step(entry.example)
    assert found.verb is verb
    assert entry.pattern and entry.does and entry.example


def test_the_run_example_parses(tmp_path: Path) -> None:
    name = RUN.example.split('"')[1]
    write(tmp_path, name, "Go back\n")
    assert [s.verb for s in parse(RUN.example, base_dir=tmp_path).steps] == [Verb.GO_BACK]


def test_every_verb_is_documented() -> None:
    assert [entry.verb for entry in verbs.VERBS] == list(Verb)
    assert all(entry.forms for entry in verbs.VERBS)
    assert (*STEP_ENTRIES, RUN) == STEPS


def test_modifier_examples_parse_with_their_modifier() -> None:
    region, within, up_to, exactly, optional = (step(m.example) for m in MODIFIERS)
    assert region.region
    assert within.within_s
    assert up_to.up_to_s
    assert exactly.exact
    assert optional.optional


def test_header_examples_parse() -> None:
    for header in HEADERS:
        parse(f'{header.example}\nOpen "/"')
        assert header.example.startswith(f"{header.key}: ")
        assert header.pattern.startswith(f"{header.key}: <")
        assert header.does
    assert [h.key for h in HEADERS] == [
        "Journey",
        "Start at",
        "Tags",
        "Timeout",
        "Budget",
        "Viewport",
    ]


def test_vocabulary_size() -> None:
    assert (len(STEPS), len(MODIFIERS), len(HEADERS)) == (41, 5, 6)


def misspell(word: str) -> str:
    """'Click' -> 'Clickk': one letter typed twice."""
    return word + word[-1]


@pytest.mark.parametrize("entry", STEP_ENTRIES, ids=[s.pattern for s in STEP_ENTRIES])
def test_a_typo_in_any_verb_suggests_the_vocabulary_example(entry: Sentence) -> None:
    first, rest = entry.example.split(" ", 1) if " " in entry.example else (entry.example, "")
    typo = f"{misspell(first)} {rest}".strip()
    with pytest.raises(JourneyParseError) as error:
        parse(typo)
    assert error.value.problems[0].suggestion == entry.example


# ---------------------------------------------------------------- never crash

FUZZ_WORDS = [
    *(w for s in STEPS for w in s.example.split()),
    *sorted(keywords()),
    *['"', "'", "“", "”", "‘", "’", "(", ")", "{", "}", "{{", "}}", "#", ",", ":", "\t", "\\"],
    *["{email}", "{secret:X}", "{secret:}", "{nope}", "3", "1.5", "0", "0th", "22nd", "ms"],
    *["Journey:", "Tags:", "Timeout:", "Budget:", "Feature:", "Scenario:", "Examples:", "Tgas:"],
    *["Given", "And", "*", "-", "2.", "css=", "#x", "Run", '"a.journey"', '"missing.journey"'],
]


def test_fuzz_random_lines_give_a_journey_or_a_parse_error(tmp_path: Path) -> None:
    write(tmp_path, "a.journey", 'Open "/"\nRun "a.journey"\n')
    rng = random.Random(20240607)
    outcomes = {"journey": 0, "problems": 0}
    valid = [s.example for s in STEP_ENTRIES]
    for _ in range(400):
        lines = []
        garbled = rng.random() < 0.8  # the rest are whole vocabulary examples, which must parse
        for _ in range(rng.randint(0, 5)):
            glue = rng.choice(["", " ", "  "])
            words = (rng.choice(FUZZ_WORDS) for _ in range(rng.randint(0, 9)))
            lines.append(glue.join(words) if garbled else rng.choice(valid))
        text = "\n".join(lines)
        try:
            journey = parse(text, environ={"X": "1"}, base_dir=tmp_path)
        except JourneyParseError as error:
            outcomes["problems"] += 1
            assert garbled or not lines, f"{text}\n{error}"
            assert error.problems
            assert all(0 <= p.line <= max(len(lines), 2) for p in error.problems), text
        else:
            outcomes["journey"] += 1
            assert journey.steps, text
    assert outcomes["journey"] and outcomes["problems"]
