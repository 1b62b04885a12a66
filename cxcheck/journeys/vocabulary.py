"""The journey language as a tester reads it: every sentence, option and header, with examples.

This is the help `cxcheck journey` shows and the word list the parser (`language.py`) builds
its "Did you mean" suggestions and role words from; the tests parse every example here, so
what testers read cannot drift from what the parser accepts (journey-language.md sections 2 and 3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cxcheck.journeys.model import Verb


@dataclass(frozen=True)
class Sentence:
    """One way to write a step (or a part of one), in the words a tester reads."""

    pattern: str  # 'Click <target>': words in <angle brackets> are yours to fill in
    does: str  # what it does, in plain words
    example: str  # a line that works as written
    verb: Verb | None = None  # None: `Run` (replaced by the other file's steps) or a modifier


@dataclass(frozen=True)
class Header:
    """A `Key: value` line at the top of a journey file."""

    key: str
    value: str  # what goes after the colon, as a tester reads it: '<time>'
    does: str
    example: str

    @property
    def pattern(self) -> str:
        """'Timeout: <time>'."""
        return f"{self.key}: {self.value}"


_SAME_AS_OPEN = "Another way to write Open."
_SAME_AS_CLICK = "Another way to write Click."
_SAME_AS_FILL = "Another way to write Fill."

STEPS: tuple[Sentence, ...] = (
    Sentence(
        'Open "<url or /path>"',
        "Opens a page of the site (or any web address) and waits until it has loaded.",
        'Open "/"',
        Verb.OPEN,
    ),
    Sentence('Go to "<url or /path>"', _SAME_AS_OPEN, 'Go to "/cart.html"', Verb.OPEN),
    Sentence('Visit "<url or /path>"', _SAME_AS_OPEN, 'Visit "/contact.html"', Verb.OPEN),
    Sentence(
        "Go back",
        "Goes back to the previous page, like the browser's Back button.",
        "Go back",
        Verb.GO_BACK,
    ),
    Sentence("Reload the page", "Loads the current page again.", "Reload the page", Verb.RELOAD),
    Sentence(
        "Click <target>",
        "Clicks a button, a link or anything else you can see on the page.",
        'Click the "Add to cart" button',
        Verb.CLICK,
    ),
    Sentence(
        'Press the "<name>" button', _SAME_AS_CLICK, 'Press the "Send message" button', Verb.CLICK
    ),
    Sentence("Tap <target>", _SAME_AS_CLICK, 'Tap the "Shop" link', Verb.CLICK),
    Sentence(
        "Double-click <target>",
        "Clicks twice, quickly.",
        'Double-click "Ridge trail boots"',
        Verb.DOUBLE_CLICK,
    ),
    Sentence(
        "Hover over <target>",
        "Moves the mouse over something without clicking, for example to open a menu.",
        'Hover over the "Help" link',
        Verb.HOVER,
    ),
    Sentence(
        'Fill <field> with "<text>"',
        "Empties a box on a form and types the text into it.",
        'Fill "Email" with "{random email}"',
        Verb.FILL,
    ),
    Sentence('Type "<text>" into <field>', _SAME_AS_FILL, 'Type "Hello" into "Message"', Verb.FILL),
    Sentence(
        'Enter "<text>" into <field>',
        _SAME_AS_FILL,
        'Enter "Ann Smith" into "Your name"',
        Verb.FILL,
    ),
    Sentence("Clear <field>", "Empties a box on a form.", 'Clear "Quantity"', Verb.CLEAR),
    Sentence(
        'Select "<option>" from <dropdown>',
        "Picks an option from a drop-down list, by the words the list shows.",
        'Select "United Kingdom" from "Country"',
        Verb.SELECT,
    ),
    Sentence(
        "Check <checkbox>",
        "Ticks a tick box (nothing changes if it is ticked already).",
        'Check "I accept the terms and conditions"',
        Verb.CHECK,
    ),
    Sentence(
        "Uncheck <checkbox>",
        "Removes the tick from a tick box.",
        'Uncheck "Send me offers"',
        Verb.UNCHECK,
    ),
    Sentence(
        'Choose "<radio label>"',
        "Picks one of a set of round option buttons, by the words next to it.",
        'Choose "Express delivery"',
        Verb.CHOOSE,
    ),
    Sentence(
        'Upload "<file>" to <field>',
        "Attaches a file (from the journey's folder) to an upload box.",
        'Upload "receipt.pdf" to "Attachment"',
        Verb.UPLOAD,
    ),
    Sentence(
        'Press "<key>" [in <field>]',
        "Presses a key on the keyboard: Enter, Tab, Escape, ArrowDown and so on.",
        'Press "Enter" in "Search"',
        Verb.PRESS,
    ),
    Sentence(
        "Scroll to <target>",
        "Scrolls the page until something is on the screen.",
        'Scroll to the "Contact us" link',
        Verb.SCROLL,
    ),
    Sentence(
        "Switch to the new tab",
        "Carries on in the tab or window the last click opened.",
        "Switch to the new tab",
        Verb.SWITCH_TO_NEW_TAB,
    ),
    Sentence(
        "Switch back",
        "Goes back to the tab the journey started in.",
        "Switch back",
        Verb.SWITCH_BACK,
    ),
    Sentence(
        "Accept the dialog",
        "Answers OK to the next pop-up question or message from the site.",
        "Accept the dialog",
        Verb.ACCEPT_DIALOG,
    ),
    Sentence(
        "Dismiss the dialog",
        "Answers Cancel to the next pop-up question from the site.",
        "Dismiss the dialog",
        Verb.DISMISS_DIALOG,
    ),
    Sentence(
        "Remember <target> as {name}",
        "Notes the words something shows, so later steps can use them as {name}.",
        'Remember the "Order number" heading as {order number}',
        Verb.REMEMBER,
    ),
    Sentence(
        'Wait for "<text>" to appear',
        "Waits until the words show on the page.",
        'Wait for "Added to your cart" to appear',
        Verb.WAIT_TO_APPEAR,
    ),
    Sentence(
        'Wait for "<text>" to disappear',
        "Waits until the words are gone, for example a loading message.",
        'Wait for "Loading" to disappear',
        Verb.WAIT_TO_DISAPPEAR,
    ),
    Sentence(
        "Wait <n> seconds",
        "Pauses for a fixed time. The report warns about it: fixed waits make journeys slow "
        'and flaky, so prefer Wait for "..." to appear.',
        "Wait 2 seconds",
        Verb.WAIT_SECONDS,
    ),
    Sentence(
        'Expect to see "<text>"',
        "Checks that the words show on the page.",
        'Expect to see "Your cart"',
        Verb.EXPECT_TO_SEE,
    ),
    Sentence(
        'Expect not to see "<text>"',
        "Checks that the words do not show on the page.",
        'Expect not to see "Cart service unavailable"',
        Verb.EXPECT_NOT_TO_SEE,
    ),
    Sentence(
        'Expect the title to be "<text>"',
        "Checks the page's title (the words on its browser tab), all of it.",
        'Expect the title to be "Your cart – Northwind Outfitters"',
        Verb.EXPECT_TITLE,
    ),
    Sentence(
        'Expect the title to contain "<text>"',
        "Checks that the page's title includes the words.",
        'Expect the title to contain "Your cart"',
        Verb.EXPECT_TITLE,
    ),
    Sentence(
        'Expect the URL to be "<text>"',
        "Checks the page's address, all of it.",
        'Expect the URL to be "/cart.html"',
        Verb.EXPECT_URL,
    ),
    Sentence(
        'Expect the URL to contain "<text>"',
        "Checks that the page's address includes the words.",
        'Expect the URL to contain "/order/confirmation"',
        Verb.EXPECT_URL,
    ),
    Sentence(
        'Expect <field> to be "<value>"',
        "Checks what is typed in a box on a form, all of it.",
        'Expect "Quantity" to be "1"',
        Verb.EXPECT_VALUE,
    ),
    Sentence(
        'Expect <field> to contain "<value>"',
        "Checks that what is typed in a box on a form includes the words.",
        'Expect "Email" to contain "@"',
        Verb.EXPECT_VALUE,
    ),
    Sentence(
        "Expect <target> to be checked / unchecked / enabled / disabled / visible / hidden",
        "Checks how something is: ticked or not, usable or greyed out, on screen or not.",
        'Expect the "Add to cart" button to be enabled',
        Verb.EXPECT_STATE,
    ),
    Sentence(
        "Expect <n> <target>",
        "Counts things on the page: there must be exactly this many.",
        'Expect 5 "Add to cart" buttons',
        Verb.EXPECT_COUNT,
    ),
    Sentence(
        'Take a screenshot ["<name>"]',
        "Saves a picture of the page in the report, with a name if you give one.",
        'Take a screenshot "cart"',
        Verb.SCREENSHOT,
    ),
    Sentence(
        'Run "<other>.journey"',
        "Runs the steps of another journey file at this point, for example a shared log-in.",
        'Run "log-in.journey"',
        None,
    ),
)

# Parts that go on any step: a region to search in and options in brackets at the end.
MODIFIERS: tuple[Sentence, ...] = (
    Sentence(
        '<step> in "<region>"',
        "Looks only inside one part of the page: a section, a row, a pop-up, or the box "
        "around the thing that shows those words (a product card).",
        'Click "Add to cart" in "Trail Runner Socks"',
    ),
    Sentence(
        "<step> (within <n> seconds)",
        "The step must be done within this time, or the report calls it too slow.",
        'Click the "Checkout" button (within 3 seconds)',
    ),
    Sentence(
        "<step> (up to <n> seconds)",
        "Lets this step wait longer than usual for the page.",
        'Expect to see "Thank you" (up to 30 seconds)',
    ),
    Sentence(
        "<step> (exactly)",
        "Matches the words exactly (all of them, same capitals) instead of inside longer text.",
        'Expect to see "Cart" (exactly)',
    ),
    Sentence(
        "<step> (optional)",
        "If this step fails, the report shows a warning and the journey carries on.",
        'Click "Accept cookies" (optional)',
    ),
)

HEADERS: tuple[Header, ...] = (
    Header(
        "Journey",
        "<name>",
        "The journey's name in the report (without it, the file name is used).",
        "Journey: Guest checkout",
    ),
    Header("Start at", "<url or /path>", "The page to open before the first step.", "Start at: /"),
    Header(
        "Tags",
        "<word>, <word>",
        "Words to group journeys by, separated by commas.",
        "Tags: smoke, checkout",
    ),
    Header(
        "Timeout",
        "<time>",
        "How long each step may wait for the page before it fails (normally 10 seconds). "
        "Times are written like 10 seconds, 1.5 seconds, 500 ms or 2 minutes.",
        "Timeout: 10 seconds",
    ),
    Header(
        "Budget",
        "<time>",
        "The whole journey must be done within this time, or the report calls it too slow.",
        "Budget: 30 seconds",
    ),
    Header(
        "Viewport",
        "<device> or <width>x<height>",
        "The screen to use: a phone or tablet name, or width x height in pixels.",
        "Viewport: iPhone 13",
    ),
)

# Role words a tester may put before or after a quoted name, by the word the parser keeps
# (model.Target.role). Plurals (`Expect 3 "Add to cart" buttons`) come from `plural`.
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "button": ("button",),
    "link": ("link",),
    "field": ("field", "box", "input", "text box", "text field"),
    "dropdown": ("dropdown", "drop-down", "drop down", "list"),
    "checkbox": ("checkbox", "check box", "tick box"),
    "radio": ("radio", "radio button", "option"),
    "tab": ("tab",),
    "menu item": ("menu item",),
    "heading": ("heading", "title"),
    "image": ("image", "picture", "logo", "icon"),
    "dialog": ("dialog", "popup", "pop-up"),
    "section": ("section", "area", "panel"),
}

# Built-in {variables}: what each one is filled with when the journey runs.
BUILT_INS: dict[str, str] = {
    "random email": "a new email address, different on every run",
    "timestamp": "the date and time the journey started, as digits",
    "start url": "the address of the site being checked",
}

ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "last": -1,
}


def plural(word: str) -> str:
    """'box' -> 'boxes', 'button' -> 'buttons' (role words only, so no irregular plurals)."""
    return word + ("es" if word.endswith(("x", "s", "ch", "sh")) else "s")


def opening(pattern: str) -> str:
    """The fixed words a sentence starts with: 'Expect the title to be "<text>"' -> 'Expect
    the title to be'; '' for a modifier."""
    return re.split(r'\s*["<\[{(]', pattern, maxsplit=1)[0]


def openings() -> tuple[str, ...]:
    """Every distinct way a step can start, longest first (for suggestions)."""
    found = {opening(s.pattern) for s in STEPS}
    return tuple(sorted(found, key=lambda w: (-len(w.split()), w)))


def keywords() -> frozenset[str]:
    """Every fixed word of the language (lower case): the words a tester does not quote."""
    fixed = " ".join(
        re.sub(r'"[^"]*"|<[^>]*>|\{[^}]*\}', " ", s.pattern) for s in (*STEPS, *MODIFIERS)
    )
    words = re.findall(r"[a-z]+(?:-[a-z]+)?", f"{fixed} {' '.join(role_of())}".lower())
    return frozenset([*words, *ORDINAL_WORDS])


def role_of() -> dict[str, str]:
    """Every role word a tester may write, singular and plural -> the word the parser keeps."""
    return {
        word: role
        for role, words in ROLE_WORDS.items()
        for written in words
        for word in (written, plural(written))
    }
