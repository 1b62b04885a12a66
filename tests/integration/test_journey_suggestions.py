"""Help that always works, in real Chromium on tests/sites/journeys: every rewrite a message
proposes was tried on the same page and, run as its own step, does what the message says it
does; regions are found on pages without landmarks; a text that did not show is explained
with the page's title, address, messages and closest text.

Journeys here are parsed from the tester's words (language.parse_text), as in a real file.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from cxcheck.journeys.language.grammar import understand
from cxcheck.journeys.language.model import Journey, Step
from cxcheck.journeys.language.parser import parse_text
from cxcheck.report.model import JourneyResult
from tests.integration.test_journey_runner import Browsing, browsing, failed

__all__ = ["browsing"]  # the module's browser fixture, shared with the runner's tests

pytestmark = pytest.mark.usefixtures("chromium")


def written(text: str, start: str = "", timeout: str = "1 second") -> Journey:
    """A journey as a tester writes it (opening `start` may take longer than the steps)."""
    head = f"Timeout: {timeout}\n"
    opening = f'Open "{start}" (up to 10 seconds)\n' if start else ""
    return parse_text(head + opening + text, "journeys/test.journey", environ={})


def run(browsing: Browsing, text: str, start: str, **kw: Any) -> JourneyResult:
    return browsing.run(written(text, start, **kw))


def suggestions(error: str) -> list[str]:
    """The sentences after "Say which:" / "Did you mean:" in a message."""
    found = re.search(r"(?:Say which|Did you mean): (.*?)[.?]$", error, re.M)
    assert found, error
    return re.split(r", or ", found[1])


# --- ambiguity: where each one is, and a rewrite that picks it ------------------------------


def test_the_issues_sign_in_page_gets_the_suggestion_that_works(browsing: Browsing) -> None:
    bad = failed(run(browsing, 'Then Click "Sign in"', "/signin.html?one-link"))
    assert bad.kind == "ambiguous"
    assert bad.error == (
        'There are 2 things called "Sign in": a link in the navigation and a button under the '
        'heading "Sign in". Say which: Click the "Sign in" link, or Click the "Sign in" button.'
    )
    assert [c["where"] for c in bad.candidates] == ["the navigation", "Sign in"]
    link, button = suggestions(bad.error)
    assert isinstance(understand(link), Step) and isinstance(understand(button), Step)
    followed = run(
        browsing, f'{button}\nExpect to see "Signed in with the form"', "/signin.html?one-link"
    )
    assert followed.passed, [s.error for s in followed.steps]
    followed = run(
        browsing, f'{link}\nExpect the URL to contain "from=header"', "/signin.html?one-link"
    )
    assert followed.passed, [s.error for s in followed.steps]


def test_a_naive_suggestion_that_would_be_ambiguous_is_never_shown(browsing: Browsing) -> None:
    """Two "Sign in" links and a "Sign in" button: `the "Sign in" link` finds two things, so
    the links get a region or an ordinal instead, and each suggestion picks a different one."""
    bad = failed(run(browsing, 'Click "Sign in"', "/signin.html"))
    said = suggestions(bad.error)
    assert 'Click the "Sign in" link' not in said
    assert said == [
        'Click "Sign in" in "Account"',
        'Click the "Sign in" button',
        'Click the last "Sign in"',
    ]
    outcomes = (
        'Expect the URL to contain "from=header"',
        'Expect to see "Signed in with the form"',
        'Expect the URL to contain "from=footer"',
    )
    reached = []
    for sentence in said:  # each one, followed, does one of the three things
        done = [e for e in outcomes if run(browsing, f"{sentence}\n{e}", "/signin.html").passed]
        assert len(done) == 1, (sentence, done)
        reached += done
    assert sorted(reached) == sorted(outcomes)


def test_an_ambiguity_inside_a_region_is_settled_with_an_ordinal_that_works(
    browsing: Browsing,
) -> None:
    bad = failed(run(browsing, 'Click the "Add to cart" button in "Products"', "/products.html"))
    assert bad.kind == "ambiguous"
    first, second = suggestions(bad.error)
    assert first == 'Click the "Add to cart" button in "Boots, size 9"'
    assert second == 'Click the "Add to cart" button in "Socks"'
    result = run(browsing, f'{second}\nExpect to see "Added Socks"', "/products.html")
    assert result.passed


# --- not found: a "Did you mean" only when it works -----------------------------------------


def test_did_you_mean_is_shown_only_after_it_worked(browsing: Browsing) -> None:
    bad = failed(run(browsing, 'Click the "Checkout" button', "/cart.html"))
    assert bad.error.splitlines()[-1] == (
        'Also here: a link called "Checkout" in the navigation. '
        'Did you mean: Click the "Checkout" link?'
    )
    # On the sign-in page the same name is on two links and a button: the link rewrite finds
    # two things, so the working one is the button.
    bad = failed(run(browsing, 'Click the "Sign in" tab', "/signin.html"))
    assert bad.kind == "not_found"
    assert bad.error.splitlines()[-1].endswith('Did you mean: Click the "Sign in" button?')
    # A closest name is offered once it is tried.
    bad = failed(run(browsing, 'Click the "Add to basket" button', "/products.html"))
    assert "Did you mean" not in bad.error  # two "Add to cart" buttons: no single one fits
    bad = failed(run(browsing, 'Click the "Chekout now" button', "/cart.html"))
    assert 'Did you mean: Click the "Check out now" button?' in bad.error


# --- regions on pages without landmarks -------------------------------------------------------


def test_a_region_is_the_box_around_the_target_with_those_words(browsing: Browsing) -> None:
    text = (
        'Click "Add to cart" in "Harbour Beanie"\n'
        'Expect to see "Added Harbour Beanie to your cart" (exactly)\n'
        'Click "Add to cart" in "Trail Runner Socks"\n'
        'Expect to see "Added Trail Runner Socks to your cart" (exactly)\n'
        'Click "Add to cart" in "socks, kids"\n'
        'Expect to see "Added Trail Runner Socks, kids to your cart" (exactly)\n'
        'Expect to see "£18.00" in "Harbour Beanie"\n'
        'Wait for "£25.00" to appear in "Storm Gloves"\n'
    )
    result = run(browsing, text, "/tiles.html")
    assert result.passed, [(s.text, s.error) for s in result.steps if s.error]


def test_two_boxes_with_those_words_are_an_ambiguity_with_working_rewrites(
    browsing: Browsing,
) -> None:
    bad = failed(run(browsing, 'Click "Add to cart" in "Socks"', "/tiles.html"))
    assert bad.kind == "ambiguous"
    assert bad.error == (
        'There are 2 buttons called "Add to cart": next to "Trail Runner Socks" and next to '
        '"Trail Runner Socks, kids". Say which: Click "Add to cart" in "Trail Runner Socks", '
        'or Click "Add to cart" in "Trail Runner Socks, kids".'
    )


def test_words_with_no_target_beside_them_are_no_region(browsing: Browsing) -> None:
    bad = failed(run(browsing, 'Click "Add to cart" in "Recently viewed"', "/tiles.html"))
    assert bad.kind == "not_found"
    assert bad.error.startswith(
        'I could not find a part of the page called "Recently viewed" on '
        '"Socks and hats – Shop" (/tiles.html), nor the words "Recently viewed" next to what '
        "this step looks for."
    )
    bad = failed(run(browsing, 'Expect to see "£18.00" in "Storm Gloves"', "/tiles.html"))
    assert bad.kind == "expectation"
    assert bad.error.startswith('Expected to see "£18.00" in "Storm Gloves" on ')


# --- a text that did not show ----------------------------------------------------------------


def test_text_not_found_names_the_page_and_what_it_says_instead(browsing: Browsing) -> None:
    bad = failed(run(browsing, 'Expect to see "Thank you for your order"', "/declined.html"))
    assert bad.kind == "expectation"
    assert bad.error.splitlines() == [
        'Expected to see "Thank you for your order" on "Order – Shop" (/declined.html) but did '
        'not. The page says: "We could not take your payment: your card was declined".',
        'Closest text on the page: "Thank you for your visit. Try another card below.".',
    ]
