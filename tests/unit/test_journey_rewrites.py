"""What a failure message may propose (each rewrite is tried on the page before it is shown,
see tests/integration/test_journey_suggestions.py) and how a text that did not show is
explained. Pure: no browser."""

from __future__ import annotations

import pytest

from cxcheck.journeys.language.grammar import understand
from cxcheck.journeys.language.model import Step
from cxcheck.journeys.runner.messages import PageSummary, not_seen_message
from cxcheck.journeys.runner.rewrites import (
    Spot,
    core_of,
    other_name,
    proposals,
    quotable,
    with_region,
)


def test_a_suggestion_is_the_sentence_without_its_gherkin_prefix() -> None:
    assert core_of("Then Click “Sign in”") == 'Click "Sign in"'
    assert core_of('3. And Click the "Sign in" button (optional)') == (
        'Click the "Sign in" button (optional)'
    )


@pytest.mark.parametrize(
    ("sentence", "region", "replacing", "expected"),
    [
        ('Click "Add"', "Socks", False, 'Click "Add" in "Socks"'),
        (
            'Click "Add" (within 3 seconds)',
            "Socks",
            False,
            'Click "Add" in "Socks" (within 3 seconds)',
        ),
        ('Click "Add" in "Socks" (optional)', "Kids", True, 'Click "Add" in "Kids" (optional)'),
        ('Click "Add"', "Kids", True, 'Click "Add"'),  # nothing to replace
    ],
)
def test_a_region_goes_before_the_options(
    sentence: str, region: str, replacing: bool, expected: str
) -> None:
    assert with_region(sentence, region, replacing) == expected


@pytest.mark.parametrize(
    ("spot", "expected"),
    [
        (
            Spot("link", region="Account", heading="", position=1, count=2),
            [
                'Click the "Sign in" link',
                'Click "Sign in" in "Account"',
                'Click the "Sign in" link in "Account"',
                'Click the first "Sign in"',
            ],
        ),
        (
            Spot("button", heading="Sign in", position=2, count=2),
            [
                'Click the "Sign in" button',
                'Click "Sign in" in "Sign in"',
                'Click the "Sign in" button in "Sign in"',
                'Click the second "Sign in"',
            ],
        ),
    ],
    ids=["the header's link", "the form's button"],
)
def test_proposals_for_one_of_two_things_called_sign_in(spot: Spot, expected: list[str]) -> None:
    tries = proposals(
        'Then Click "Sign in"', "Sign in", spot, role_word_given=False, has_region=False
    )
    assert tries == expected


def test_proposals_keep_the_testers_role_word_and_replace_the_region() -> None:
    spot = Spot("button", region="Trail Runner Socks, kids", position=3, count=3)
    tries = proposals(
        'Click the "Add to cart" button in "Socks"',
        "Add to cart",
        spot,
        role_word_given=True,
        has_region=True,
    )
    assert tries == [
        'Click the "Add to cart" button in "Trail Runner Socks, kids"',
        'Click the last "Add to cart" button in "Socks"',
    ]


def test_every_proposal_is_a_sentence_journey_check_accepts() -> None:
    spots = [
        Spot("link", "Main", "", 1, 3),
        Spot("menuitem", "", 'Say "hi"', 2, 3),  # a heading that cannot be quoted
        Spot("textbox", "Billing {address}", "Billing", 3, 3),
    ]
    for sentence in ('Click "Go"', 'Fill "Email" with "a@b.c" (optional)', 'Hover over "Menu"'):
        for spot in spots:
            for rewrite in proposals(
                sentence, sentence.split('"')[1], spot, role_word_given=False, has_region=False
            ):
                assert isinstance(understand(rewrite), Step), rewrite
                assert 'hi"' not in rewrite and "{address}" not in rewrite


def test_other_names_are_proposed_with_their_role_word_first() -> None:
    assert other_name('Click the "Checkout" button', "Checkout", "Check out now", "button") == [
        'Click the "Check out now" button',
    ]
    assert other_name('Click "Checkout"', "Checkout", "Checkout", "link") == [
        'Click the "Checkout" link'
    ]
    assert other_name('Click "{what}"', "{what}", "Basket", "link") == [
        'Click the "Basket" link',
        'Click the "Basket"',
    ]
    assert not quotable('Say "hi"') and not quotable("{x}") and not quotable("  ")


SUMMARY = PageSummary(
    headings=(),
    alerts=("We could not take your payment: your card was declined.",),
    says="",
    texts=(
        "We could not take your payment: your card was declined.",
        "Thank you for your visit. Try another card below.",
        "Card number",
    ),
)


def test_a_text_that_did_not_show_gets_what_the_page_says_and_the_closest_text() -> None:
    lead = (
        'Expected to see "Thank you for your order" on "Order – Shop" (/declined.html) but did not.'
    )
    assert not_seen_message(lead, "Thank you for your order", SUMMARY).splitlines() == [
        lead + ' The page says: "We could not take your payment: your card was declined".',
        'Closest text on the page: "Thank you for your visit. Try another card below.".',
    ]


def test_headings_lead_and_nothing_close_is_not_invented() -> None:
    summary = PageSummary(("Payment failed", "Try again"), (), "Your card was declined.", ("Zzz",))
    assert not_seen_message("Expected x.", "Thank you", summary) == (
        'Expected x. The page headings are "Payment failed" and "Try again"; '
        'the page says: "Your card was declined".'
    )
    assert not_seen_message("Expected x.", "Thank you", PageSummary()) == "Expected x."
