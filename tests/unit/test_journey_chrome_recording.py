"""Chrome DevTools Recorder exports into journeys: the shop's recordings (shaped as Chrome
writes them: tests/sites/journeys/recordings/) and every kind of recorded step and selector.
Whether the journeys replay is tests/integration/test_journey_capture.py's job."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cxcheck.journeys.language.parser import Checks, parse_text
from cxcheck.journeys.recording.chrome_recording import NotARecording, import_recording, seen
from cxcheck.journeys.recording.secret_fields import looks_secret, secret_name

RECORDINGS = Path(__file__).parent.parent / "sites" / "journeys" / "recordings"
SITE = "http://localhost:8080"


def steps_of(text: str) -> list[str]:
    """The journey's lines after the headers, comments included."""
    lines = text.splitlines()
    return [line for line in lines[lines.index("") + 1 :] if line]


def converted(*steps: dict[str, Any], **flow: Any) -> list[str]:
    data = {"title": "t", "steps": [{"type": "navigate", "url": f"{SITE}/"}, *steps], **flow}
    return steps_of(import_recording(data).text)[1:]


@pytest.mark.parametrize("path", sorted(RECORDINGS.glob("*.json")), ids=lambda p: p.name)
def test_every_shop_recording_becomes_a_journey_check_accepts(path: Path) -> None:
    data = json.loads(path.read_text())
    imported = import_recording(data)
    journey = parse_text(imported.text, "r.journey", environ={}, checks=Checks(secrets=False))
    assert len(journey.steps) == imported.steps
    assert imported.origin == SITE
    typed = [s["value"] for s in data["steps"] if s["type"] == "change"]
    secret = [v for v in typed if v in ("wild-weather-2026", "4242 4242 4242 4242")]
    for value in secret:  # a secret's value never makes it into the journey
        assert value not in imported.text
    assert all("css" not in s.text or "css=" in s.text for s in journey.steps)


def test_the_guest_checkout_recording_reads_as_a_tester_would_write_it() -> None:
    imported = import_recording(json.loads((RECORDINGS / "guest-checkout.json").read_text()))
    assert imported.text.splitlines()[:6] == [
        "# Imported from a Chrome DevTools Recorder export.",
        f"# Recorded on {SITE}: run it with --base-url {SITE}",
        "# (or the address of another copy of the site, such as a staging server).",
        "# {secret:CARD_NUMBER} is read from the environment variable CARD_NUMBER: set it "
        "before journey run (the recorded value is not copied here).",
        "Journey: Guest checkout with boots",
        "Viewport: 1280x720",
    ]
    assert steps_of(imported.text) == [
        'Open "/"',
        'Fill the "Search" field with "boots"',  # the click into the field is not a step
        'Press "Enter"',
        'Expect the URL to contain "/search.html"',
        'Click "css=#search-results > li:nth-of-type(1) > button"  # no name a person sees '
        "was recorded: found by the page's code",
        'Click "Cart"',
        'Expect the URL to contain "/cart.html"',
        'Click "Check out now"',
        'Expect the URL to contain "/checkout.html"',
        'Fill "Email" with "morag@example.com"',
        'Press "Tab"',
        'Fill "Full name" with "Morag MacLeod"',
        'Fill "Address" with "7 Bridge Road, Portree IV51 9ER"',
        'Fill "Country" with "United Kingdom"',
        'Fill "Card number" with "{secret:CARD_NUMBER}"',
        'Click "I accept the terms and conditions"',
        'Click "Place order"',
        'Expect the URL to contain "/order/confirmation.html"',
        'Wait for "Thank you for your order" to appear',
    ]
    assert (imported.steps, imported.kept, imported.secrets) == (19, 0, ("CARD_NUMBER",))


def test_steps_a_journey_cannot_express_become_comments_that_say_why() -> None:
    imported = import_recording(json.loads((RECORDINGS / "past-order.json").read_text()))
    notes = [line for line in steps_of(imported.text) if line.startswith("#")]
    assert notes == [
        "# Recorded step 'waitForExpression' left out: it waits for a script to say yes; "
        "write an Expect step for what a person would see.",
        "# Recorded step 'scroll' left out: scrolling the page by itself: steps scroll to "
        "what they act on.",
        "# Recorded step 'click' left out: a secondary mouse-button click (only plain clicks "
        "are steps).",
        "# Recorded step 'close' left out: closing the tab at the end needs no step.",
    ]
    assert imported.kept == 4


@pytest.mark.parametrize(
    ("selectors", "expected"),
    [
        ([['aria/Add to cart[role="button"]'], ["#b"]], 'the "Add to cart" button'),
        ([["aria/Where to? "], ["div input"]], '"Where to?"'),
        ([["aria/Trail Runner Socks", "aria/Add to cart"]], '"Add to cart"'),
        ([['aria/[role="main"]', "aria/Add to cart"]], '"Add to cart"'),
        ([['aria/Email[role="textbox"]']], 'the "Email" field'),
        ([['aria/Country[role="combobox"]']], 'the "Country" dropdown'),
        ([['aria/Menu[role="menuitem"]']], 'the "Menu" menu item'),
        ([['aria/Say "hi"'], ["text/Say hi"]], '"Say hi"'),  # a quote mark: the next one
        ([["#buy"], ["text/Buy now"]], '"Buy now"'),  # text before the page's code
        ([["[data-testid=buy]"], ['xpath///*[@id="x"]']], '"testid=buy"'),
        ([["#buy"], ['xpath///*[@id="buy"]']], '"#buy"'),
        (["div.cart > button:nth-child(2)"], '"css=div.cart > button:nth-child(2)"'),
        ([['input[name="q"]']], "\"css=input[name='q']\""),
        ([["pierce/my-app", "pierce/button.buy"]], '"css=my-app >> css=button.buy"'),
        ([['xpath///*[@id="buy"]/span']], "\"xpath=//*[@id='buy']/span\""),
    ],
)
def test_selectors_name_what_a_person_sees_first(selectors: list[Any], expected: str) -> None:
    found = seen(selectors)
    assert found is not None
    assert found.target == expected


def test_an_aria_chain_names_the_region() -> None:
    chain = {"selectors": [["aria/Trail Runner Socks", "aria/Add to cart"]]}
    assert converted({"type": "click", **chain}) == ['Click "Add to cart" in "Trail Runner Socks"']
    assert seen([]) is None and seen([["aria/"]]) is None


def test_typing_choosing_and_clearing() -> None:
    field = {"selectors": [["aria/Notes"]]}
    listbox = {"selectors": [['aria/Size[role="combobox"]']]}
    select = {"selectors": [["select#size"], ["aria/Size"]]}
    assert converted(
        {"type": "change", "value": "Leave at the door", **field},
        {"type": "change", "value": "", **field},
        {"type": "change", "value": "M", **listbox},
        {"type": "change", "value": "M", **select},
        {"type": "change", "value": 'He said "hi"', **field},
        {"type": "change", "value": "{not a variable}", **field},
    ) == [
        'Fill "Notes" with "Leave at the door"',
        'Clear "Notes"',
        'Select "M" from the "Size" dropdown',
        'Select "M" from "Size"',
        "# Recorded step 'change' left out: the text typed has quote marks, braces or line breaks.",
        "# Recorded step 'change' left out: the text typed has quote marks, braces or line breaks.",
    ]


@pytest.mark.parametrize(
    ("selectors", "env"),
    [
        ([["aria/Password"]], "PASSWORD"),
        ([["#pwd"], ['xpath///*[@id="pwd"]']], "PWD"),
        ([["aria/Email"], ['input[type="password"]']], "PASSWORD"),
        ([["aria/Security code"]], "SECURITY_CODE"),
        ([["aria/PIN"]], "PIN"),
    ],
)
def test_secret_looking_fields_become_secrets(selectors: list[Any], env: str) -> None:
    change = {"type": "change", "value": "hunter2", "selectors": selectors}
    imported = import_recording({"title": "t", "steps": [change]})
    assert imported.secrets == (env,)
    assert "hunter2" not in imported.text
    assert f'"{{secret:{env}}}"' in imported.text


def test_what_is_not_a_secret() -> None:
    for label in ("Shipping", "Passport number", "Opinion", "Spinner", "Email"):
        assert not looks_secret(label), label
    assert secret_name("Your card number") == "YOUR_CARD_NUMBER"
    assert secret_name("Email", "autocomplete=one-time-code") == "ONE_TIME_CODE"


def test_keys_tabs_frames_and_the_rest() -> None:
    key = {"type": "keyDown"}
    assert converted(
        {**key, "key": "Shift"},
        {**key, "key": "Tab"},
        {"type": "keyUp", "key": "Tab"},
        {"type": "keyUp", "key": "Shift"},
        {**key, "key": "\r"},
        {"type": "click", "target": "https://help.example/", "selectors": [["aria/Chat"]]},
        {"type": "click", "target": "main", "selectors": [["aria/Close"]]},
        {"type": "click", "frame": [0], "selectors": [["aria/Pay"]]},
        {"type": "setViewport", "width": 390, "height": 844},
        {
            "type": "waitForElement",
            "selectors": [['aria/Loading[role="status"]']],
            "visible": False,
        },
        {"type": "waitForElement", "selectors": [['aria/Item[role="listitem"]']], "count": 4},
        {"type": "waitForElement", "selectors": [["aria/Item"]], "operator": "<=", "count": 2},
        {"type": "dragAndDrop"},
        {"type": "doubleClick", "selectors": [["text/Edit"]]},
        {"type": "navigate", "url": "https://elsewhere.example/page?x=1"},
    ) == [
        'Press "Shift+Tab"',
        'Press "Enter"',
        "Switch to the new tab",
        'Click "Chat"',
        "Switch back",
        'Click "Close"',
        "# Recorded step 'click' left out: it happened inside a frame of the page; steps act on "
        "the page itself.",
        "# Recorded step 'setViewport' left out: the window changed to 390x844; a journey keeps "
        "one screen.",
        'Expect "Loading" to be hidden',
        'Expect 4 "Item"',
        "# Recorded step 'waitForElement' left out: it waits for <= 2 of something.",
        "# Recorded step 'dragAndDrop' left out: cxcheck does not know this kind of recorded step.",
        'Double-click "Edit"',
        'Open "https://elsewhere.example/page?x=1"',
    ]


def test_paths_are_relative_to_the_base_url_given() -> None:
    data = {"title": "x", "steps": [{"type": "navigate", "url": "https://staging.shop/a?b=1"}]}
    assert steps_of(import_recording(data, base_url="https://staging.shop").text) == [
        'Open "/a?b=1"'
    ]
    assert steps_of(import_recording(data, base_url="https://other.shop").text) == [
        'Open "https://staging.shop/a?b=1"'
    ]


@pytest.mark.parametrize(
    "data",
    [[], {"title": "x"}, {"steps": {}}, {"steps": [1]}, {"steps": [{"url": "/"}]}],
    ids=["a list", "no steps", "steps not a list", "a step not an object", "a step without type"],
)
def test_what_is_not_a_recording_says_so(data: Any) -> None:
    with pytest.raises(NotARecording):
        import_recording(data)
