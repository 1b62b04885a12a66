"""What the recorder writes for each event the page reports (recorder.js; driven in a real
browser by tests/integration/test_journey_capture.py). Pure: events in, lines out."""

from __future__ import annotations

from typing import Any

import pytest

from cxcheck.journeys.language.parser import Checks, parse_text
from cxcheck.journeys.recording.recorded_steps import CAUSED_WITHIN_S, Recording, words_for
from cxcheck.journeys.recording.recorder import display_problem, recorder_script

SITE = "https://shop.example/"


def target(name: str, role: str = "button", **kw: Any) -> dict[str, Any]:
    return {"name": name, "role": role, **kw}


def recorded(*events: dict[str, Any], tabs: list[int] | None = None) -> Recording:
    recording = Recording(SITE)
    recording.add({"type": "load", "url": SITE, "how": "navigate"}, 0.0, 0)
    for n, event in enumerate(events):
        recording.add(event, 1.0 + n, (tabs or [0] * len(events))[n])
    return recording


@pytest.mark.parametrize(
    ("found", "words"),
    [
        (target("Add to cart"), '"Add to cart"'),
        (target("Sign in", withRole=True), 'the "Sign in" button'),
        (target("Email", "textbox", withRole=True), 'the "Email" field'),
        (target("Add", withRole=True, ordinal=2, total=5), 'the second "Add" button'),
        (target("Add", withRole=True, ordinal=5, total=5), 'the last "Add" button'),
        (target("Add", withRole=True, ordinal=7, total=9), 'the 7th "Add" button'),
        (target("Read more", "", ordinal=2, total=2), 'the second "Read more"'),
        (target("Add", region="Harbour Beanie"), '"Add"'),
    ],
)
def test_the_fewest_words_that_pick_it(found: dict[str, Any], words: str) -> None:
    assert words_for(found)[0] == words


def test_every_kind_of_event_is_one_sentence() -> None:
    recording = recorded(
        {"type": "fill", "target": target("Search", "searchbox"), "value": "boots"},
        {"type": "press", "key": "Enter"},
        {"type": "press", "key": "Tab"},  # focus moves: not a step
        {"type": "click", "target": target("Add to cart", region="Ridge trail boots")},
        {"type": "select", "target": target("Country", "combobox"), "option": "Ireland"},
        {"type": "check", "target": target("I accept", "checkbox")},
        {"type": "uncheck", "target": target("Send me offers", "checkbox")},
        {"type": "choose", "target": target("Express", "radio")},
        {"type": "fill", "target": target("Notes", "textbox"), "value": ""},
        {"type": "expect", "text": 'Thank you, "Ann"'},
        {"type": "nonsense"},
    )
    assert recording.lines == [
        'Open "/"',
        'Fill "Search" with "boots"',
        'Press "Enter"',
        'Click "Add to cart" in "Ridge trail boots"',
        'Select "Ireland" from "Country"',
        'Check "I accept"',
        'Uncheck "Send me offers"',
        'Choose "Express"',
        'Clear "Notes"',
        'Expect to see "Thank you,"',
    ]
    assert recording.steps == 10
    parse_text(recording.text(), "r.journey", environ={}, checks=Checks(secrets=False))


def test_typing_again_into_a_field_keeps_the_last_text_and_secrets_are_placeholders() -> None:
    secret = {"type": "fill", "target": target("Password", "textbox"), "secret": True}
    recording = recorded(
        {"type": "fill", "target": target("Email", "textbox"), "value": "a@b"},
        {"type": "fill", "target": target("Email", "textbox"), "value": "a@b.test"},
        {**secret, "value": "", "hints": "Password"},
        {"type": "fill", "target": target("Quote", "textbox"), "value": 'say "hi"'},
    )
    assert recording.lines[1:] == [
        'Fill "Email" with "a@b.test"',
        'Fill "Password" with "{secret:PASSWORD}"',
        '# Typed text with quote marks or braces into "Quote": type it by hand.',
    ]
    text = recording.text("journeys/r.journey")
    assert (
        "# Replay it: cxcheck journey run journeys/r.journey --base-url https://shop.example"
        in (text)
    )
    assert "{secret:PASSWORD} is read from the environment variable PASSWORD" in text
    assert "Add Expect lines" in text  # nothing proves the task worked yet


def test_navigation_the_tester_did_and_what_an_action_did() -> None:
    recording = Recording(SITE)
    add = recording.add
    add({"type": "load", "url": "about:blank"}, 0.0, 0)
    add({"type": "load", "url": SITE}, 0.5, 0)
    add({"type": "click", "target": target("Shop", "link")}, 10.0, 0)
    add({"type": "load", "url": SITE + "shop/", "how": "navigate"}, 10.5, 0)  # the click did it
    add({"type": "load", "url": SITE + "help/", "how": "navigate"}, 10.5 + CAUSED_WITHIN_S + 1, 0)
    add({"type": "load", "url": SITE + "help/", "how": "reload"}, 30.0, 0)
    add({"type": "load", "url": SITE + "shop/", "how": "back_forward"}, 40.0, 0)
    add({"type": "load", "url": "https://other.example/x", "how": "navigate"}, 90.0, 0)
    assert recording.lines == [
        'Open "/"',
        'Click "Shop"',
        'Open "/help/"',
        "Reload the page",
        "Go back",
        'Open "https://other.example/x"',
    ]


def test_tabs_double_clicks_dialogs_and_things_without_a_name() -> None:
    shipping = target("Shipping", "link")
    recording = recorded(
        {"type": "click", "target": target("Help", "link")},
        {"type": "load", "url": SITE + "help", "how": "navigate"},  # the new tab loads
        {"type": "click", "target": shipping},
        {"type": "dblclick", "target": shipping},
        {"type": "click", "target": target("Close", "button")},
        {"type": "click", "target": {"nameless": True, "role": "button"}},
        tabs=[0, 1, 1, 1, 0, 0],
    )
    recording.dialog("Are you sure?")
    assert recording.lines[1:] == [
        'Click "Help"',
        "Switch to the new tab",
        'Double-click "Shipping"',
        "Switch back",
        'Click "Close"',
        "# Click step left out: what it acts on has no name a person can see (an icon without "
        "a label?). Add the step by hand, and ask for the control to get a label.",
        "Accept the dialog  # the recorder answered OK; write Dismiss to answer Cancel",
    ]


def test_stop_and_the_display() -> None:
    recording = recorded({"type": "stop"})
    assert recording.stopped and recording.lines == ['Open "/"']
    assert display_problem({}, "linux").startswith("journey record opens a browser window")
    assert display_problem({"DISPLAY": ":0"}, "linux") == ""
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") == ""
    assert display_problem({}, "darwin") == display_problem({}, "win32") == ""
    assert '"binding": "__cxcheckRecord"' in recorder_script()
