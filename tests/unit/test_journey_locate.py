"""The pure parts of running journeys: reading ARIA snapshots, ranking near names, the
wording of section-7 messages, rewriting a step as a suggestion, redacting secrets, and the
small translations the runner does (keys, devices, folder names). No browser."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from cxcheck.errors import UsageError
from cxcheck.journeys.devices import device_options
from cxcheck.journeys.language.model import Target
from cxcheck.journeys.language.roles import CLICKABLE, Family
from cxcheck.journeys.language.targets import plural
from cxcheck.journeys.runner.actions import key_name
from cxcheck.journeys.runner.aria import AriaNode, parse_aria_snapshot
from cxcheck.journeys.runner.evidence import slug
from cxcheck.journeys.runner.messages import (
    Match,
    Offer,
    ambiguous_message,
    closest,
    not_found_message,
    similarity,
)
from cxcheck.journeys.runner.phrases import path_of, place_phrase, seconds
from cxcheck.journeys.runner.redact import Redactor
from cxcheck.journeys.runner.rewrites import rephrase
from cxcheck.journeys.runner.search import Looking, looking_for

# page.aria_snapshot() of tests/sites/journeys/cart.html, as Chromium gives it.
CART = """\
- banner:
  - navigation "Main":
    - link "Home":
      - /url: /
    - link "Checkout":
      - /url: /thanks.html
- main:
  - heading "Your basket" [level=1]
  - paragraph: Boots, size 9 — £60
  - button "Remove"
  - button "Apply coupon"
  - region "Order summary":
    - paragraph: Total £60
    - button "Check out now"
  - button "Continue shopping"
"""

PRODUCTS = """\
- main:
  - heading "Products" [level=1]
  - article:
    - heading "Boots, size 9" [level=2]
    - button "Add to cart"
  - article:
    - heading "Socks" [level=2]
    - button "Add to cart"
  - paragraph:
    - text: "Your promo code:"
    - strong: SAVE-42
"""

QUOTING = """\
- 'button "Say: \\"hi\\" – it''s bold"'
- 'heading "a: b" [level=2]'
- button "Place order" [disabled]
- textbox "Email": someone@example.com
- list:
  - listitem:
    - text: Buy milk
    - checkbox
- paragraph: "#1 - item"
"""

FORBIDDEN = ("locator", "selector", "strict mode", "TimeoutError", "Traceback")


def _button(name: str) -> Looking:
    return looking_for(Target(name, "button"), name, Family.CLICK)


def test_snapshot_lines_become_roles_names_and_where_they_sit() -> None:
    nodes = parse_aria_snapshot(CART)
    named = [(n.role, n.name, n.where) for n in nodes if n.name]
    assert named == [
        ("navigation", "Main", "the page header"),
        ("link", "Home", "the navigation"),
        ("link", "Checkout", "the navigation"),
        ("heading", "Your basket", ""),
        ("button", "Remove", ""),
        ("button", "Apply coupon", ""),
        ("region", "Order summary", ""),
        ("button", "Check out now", "Order summary"),
        ("button", "Continue shopping", ""),
    ]


def test_an_unnamed_card_is_named_by_its_heading() -> None:
    buttons = [n for n in parse_aria_snapshot(PRODUCTS) if n.role == "button"]
    assert [n.where for n in buttons] == ["Boots, size 9", "Socks"]


def test_yaml_quoting_states_and_values_are_read_right() -> None:
    nodes = parse_aria_snapshot(QUOTING)
    assert nodes[0] == AriaNode("button", 'Say: "hi" – it\'s bold')
    assert nodes[1] == AriaNode("heading", "a: b")
    assert nodes[2] == AriaNode("button", "Place order", disabled=True)
    assert nodes[3] == AriaNode("textbox", "Email")  # the value typed is not a name
    checkbox = next(n for n in nodes if n.role == "checkbox")
    assert checkbox.where == "Buy milk"  # an unlabelled tick box is where its row's text is
    assert parse_aria_snapshot("- /url: /x\nnot a list line\n") == []


def test_near_names_rank_by_characters_and_shared_words() -> None:
    nodes = parse_aria_snapshot(CART)
    assert [n.name for n in closest("Checkout", nodes, ("button",))] == ["Check out now"]
    assert [n.name for n in closest("apply the coupon", nodes)] == ["Apply coupon"]
    assert closest("Zebra", nodes) == []
    assert similarity("Checkout", "checkout") == 1.0
    assert similarity("Add", "Add to cart") >= 0.7  # one contains the other


def test_not_found_lists_same_role_closest_and_other_roles() -> None:
    said = not_found_message(
        _button("Checkout"),
        place_phrase("Your basket – Shop", "http://127.0.0.1:8000/cart"),
        parse_aria_snapshot(CART),
        'Click the "Checkout" button',
        "Checkout",
    )
    assert said.lines == (
        'I could not find a button called "Checkout" on "Your basket – Shop" (/cart).',
        'Buttons on this page: "Remove", "Apply coupon", "Check out now", "Continue shopping".',
        'Closest match: "Check out now" (button, in "Order summary").',
        'Also here: a link called "Checkout" in the navigation.',
    )
    # What a suggestion may say, to be tried on the page first: the same name as the link
    # (on the "Also here" line), then the closest name (on the "Closest match" line).
    assert said.offers == (
        Offer(3, ('Click the "Checkout" link',)),
        Offer(2, ('Click the "Check out now" button',)),
    )
    assert said.candidates[2] == {
        "role": "button",
        "name": "Check out now",
        "where": "Order summary",
    }
    assert len(said.candidates) == 4


def test_not_found_without_a_role_word_lists_everything_clickable() -> None:
    looking = looking_for(Target("Pay"), "Pay", Family.CLICK)
    assert looking.roles == CLICKABLE
    said = not_found_message(looking, "on /cart", parse_aria_snapshot(CART), 'Click "Pay"', "Pay")
    first, listing = said.lines[:2]
    assert first == 'I could not find anything called "Pay" on /cart.'
    assert listing.startswith(
        'Things to click on this page: "Home" (link), "Checkout" (link), "Remove" (button)'
    )


def test_not_found_says_when_there_is_none_of_that_kind_and_marks_disabled_ones() -> None:
    looking = looking_for(Target("Terms"), "Terms", Family.CHECK)
    said = not_found_message(
        looking, "on /cart", parse_aria_snapshot(CART), 'Check "Terms"', "Terms"
    )
    assert "There are no checkboxes on this page." in said.lines
    said = not_found_message(
        _button("Pay"), "on /", parse_aria_snapshot(QUOTING), 'Click the "Pay" button', "Pay"
    )
    assert '"Place order" (disabled)' in "\n".join(said.lines)


def test_a_region_shows_in_the_listing() -> None:
    said = not_found_message(
        _button("Pay"),
        'in "Order summary" on /cart',
        parse_aria_snapshot(CART),
        "",
        "Pay",
        "Order summary",
    )
    assert any(line.startswith('Buttons in "Order summary": ') for line in said.lines)


def test_ambiguity_says_where_each_is_and_which_rewrite_picks_it() -> None:
    message = ambiguous_message(
        _button("Add to cart"),
        [
            Match(
                "button", 'in "Boots, size 9"', 'Click the "Add to cart" button in "Boots, size 9"'
            ),
            Match("button", 'in "Socks"', 'Click the "Add to cart" button in "Socks"'),
        ],
        2,
    )
    assert message == (
        'There are 2 buttons called "Add to cart": in "Boots, size 9" and in "Socks". '
        'Say which: Click the "Add to cart" button in "Boots, size 9", '
        'or Click the "Add to cart" button in "Socks".'
    )


def test_ambiguity_between_kinds_names_each_kind() -> None:
    anything = looking_for(Target("Sign in"), "Sign in", Family.CLICK)
    message = ambiguous_message(
        anything,
        [
            Match("link", "in the navigation", 'Click the "Sign in" link'),
            Match("button", 'under the heading "Sign in"', 'Click the "Sign in" button'),
        ],
        2,
    )
    assert message == (
        'There are 2 things called "Sign in": a link in the navigation and a button under '
        'the heading "Sign in". Say which: Click the "Sign in" link, or Click the "Sign in" button.'
    )


def test_ambiguity_with_no_working_rewrite_says_how_in_general() -> None:
    anything = looking_for(Target("Add"), "Add", Family.CLICK)
    message = ambiguous_message(anything, [Match("", ""), Match("", "")], 7)
    assert message == (
        'There are 7 things called "Add" on this page. Say which one: add a role word '
        '(button, link), first or second, or in "<part of the page>".'
    )
    message = ambiguous_message(
        anything, [Match("button", 'in "A"'), Match("button", 'in "B"', 'Click "Add" in "B"')], 9
    )
    assert message == (
        'There are 9 buttons called "Add": in "A" and in "B" (the first 2 shown). '
        'Say which: Click "Add" in "B".'
    )


@pytest.mark.parametrize(
    ("sentence", "kw", "expected"),
    [
        ('Click the "Checkout" button', {"role_word": "link"}, 'Click the "Checkout" link'),
        ('Click "Add to cart"', {"ordinal": "first"}, 'Click the first "Add to cart"'),
        ('Click the button "Add"', {"ordinal": "first"}, 'Click the first "Add" button'),
        (
            "Tap on “Checkout” in “Summary”",
            {"role_word": "link"},
            'Tap on the "Checkout" link in “Summary”',
        ),
        (
            "Hover over the second 'Menu' tab",
            {"ordinal": "first"},
            'Hover over the first "Menu" tab',
        ),
        ("", {"role_word": "link"}, 'Click the "Checkout" link'),
    ],
)
def test_suggestions_rewrite_only_the_target(
    sentence: str, kw: dict[str, str], expected: str
) -> None:
    name = "Checkout" if "Checkout" in expected else expected.split('"')[1]
    assert rephrase(sentence, name, **kw) == expected


def test_words_for_messages() -> None:
    assert [plural(w) for w in ("button", "checkbox", "search field")] == [
        "buttons",
        "checkboxes",
        "search fields",
    ]
    assert (seconds(3.0), seconds(2.5), seconds(10)) == ("3 s", "2.5 s", "10 s")
    assert path_of("http://x/cart?step=2#top") == "/cart?step=2"
    assert place_phrase("", "http://x/") == "on /"
    assert place_phrase("Shop", "http://x/a", "Summary") == 'in "Summary" on "Shop" (/a)'
    assert looking_for(Target("css=.buy", verbatim=True), "css=.buy", Family.CLICK).phrase() == (
        'an element called "css=.buy"'
    )
    assert looking_for(Target("Email"), "Email", Family.FIELD).looked_for == {
        "role": "field",
        "name": "Email",
    }


def test_messages_never_name_internals() -> None:
    texts = [
        "\n".join(
            not_found_message(
                _button("Checkout"), "on /", parse_aria_snapshot(CART), "Click", "Checkout"
            ).lines
        ),
        ambiguous_message(_button("Add"), [Match("button", 'in "A"')], 2),
    ]
    for text in texts:
        assert not any(word.lower() in text.lower() for word in FORBIDDEN)


def test_redactor_puts_placeholders_back_in_every_form() -> None:
    redact = Redactor({"CARD": "4929 1234", "PIN": "12", "EMPTY": ""})
    assert redact("typed 4929 1234 here") == "typed {secret:CARD} here"
    assert redact("/pay?card=4929+1234&pin=12") == "/pay?card={secret:CARD}&pin={secret:PIN}"
    assert redact("/pay/4929%201234") == "/pay/{secret:CARD}"
    assert redact.mapping({"name": "4929 1234"}) == {"name": "{secret:CARD}"}
    assert redact.all(["12", "x"]) == ("{secret:PIN}", "x")
    assert bool(redact) and not Redactor({})
    assert Redactor({"A": "ab", "B": "abc"})("abcd") == "{secret:B}d"  # longest first


def test_keys_are_named_the_way_the_browser_knows_them() -> None:
    assert [key_name(k) for k in ("enter", "Esc", "ctrl+a", "Shift + Tab", "page down", "x")] == [
        "Enter",
        "Escape",
        "Control+a",
        "Shift+Tab",
        "PageDown",
        "x",
    ]


def test_device_names_and_sizes() -> None:
    phone: dict[str, Any] = {
        "viewport": {"width": 390, "height": 664},
        "default_browser_type": "webkit",
    }
    playwright: Any = SimpleNamespace(devices={"iPhone 13": phone, "Pixel 7": {}})
    assert device_options(playwright, "iPhone 13") == {"viewport": {"width": 390, "height": 664}}
    assert device_options(playwright, "IPHONE 13")["viewport"]["width"] == 390
    assert device_options(playwright, "1024 x 768") == {"viewport": {"width": 1024, "height": 768}}
    with pytest.raises(UsageError, match='Did you mean: "iPhone 13"'):
        device_options(playwright, "iphone 31")
    with pytest.raises(UsageError, match='unknown device "Nokia"') as raised:
        device_options(playwright, "Nokia")
    assert "Did you mean" not in str(raised.value)


def test_folder_names() -> None:
    assert slug("Guest checkout with boots") == "guest-checkout-with-boots"
    assert slug("Find a store iPhone 13") == "find-a-store-iphone-13"
    assert slug("!!!") == "journey"
