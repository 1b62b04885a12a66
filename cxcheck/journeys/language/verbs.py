"""The table of verbs: every sentence a step can be, once (docs/journey-language.md section 2).

Each verb has one entry in `VERBS`: the ways to write it (`Sentence`: the pattern a tester
reads, what it does, an example, and the grammar rules the parser matches), the family that
looks for its target in the page (`roles.Family`), and the name of the runner's method that
does it. Everything else is derived from this table: the parser's grammar (`grammar.py`), the
help `cxcheck journey steps` prints, the "Did you mean" suggestions (`suggest.py`) and the
runner's dispatch (`runner/run.py`). Adding a verb is one `Verb` member, one entry here, and
its method in `runner/actions.py` or `runner/expectations.py`.

Rules are regular expressions over a masked sentence (`scanner.mask`): `<Q>` stands for a
quoted text (the step's value), `<T>` for a target, `<S>` for a state word; named groups `m`
(be/contain), `n` (a count), `d` (a time) and `var` (a variable name) fill the step's other
fields. Matching ignores case, and no two rules match the same sentence (a test checks it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from cxcheck.journeys.language.roles import Family


class Verb(StrEnum):
    """The closed set of verbs: one member per entry of `VERBS`."""

    OPEN = "open"
    GO_BACK = "go back"
    RELOAD = "reload"
    CLICK = "click"
    DOUBLE_CLICK = "double-click"
    HOVER = "hover"
    FILL = "fill"
    CLEAR = "clear"
    SELECT = "select"
    CHECK = "check"
    UNCHECK = "uncheck"
    CHOOSE = "choose"
    UPLOAD = "upload"
    PRESS = "press"
    SCROLL = "scroll"
    SWITCH_TO_NEW_TAB = "switch to the new tab"
    SWITCH_BACK = "switch back"
    ACCEPT_DIALOG = "accept the dialog"
    DISMISS_DIALOG = "dismiss the dialog"
    REMEMBER = "remember"
    WAIT_TO_APPEAR = "wait to appear"
    WAIT_TO_DISAPPEAR = "wait to disappear"
    WAIT_SECONDS = "wait seconds"
    EXPECT_TO_SEE = "expect to see"
    EXPECT_NOT_TO_SEE = "expect not to see"
    EXPECT_TITLE = "expect title"
    EXPECT_URL = "expect url"
    EXPECT_VALUE = "expect value"
    EXPECT_STATE = "expect state"
    EXPECT_COUNT = "expect count"
    SCREENSHOT = "screenshot"


@dataclass(frozen=True)
class Sentence:
    """One way to write a step (or a part of one), in the words a tester reads."""

    pattern: str  # 'Click <target>': words in <angle brackets> are yours to fill in
    does: str  # what it does, in plain words
    example: str  # a line that works as written
    rules: tuple[str, ...] = ()  # what the parser matches (see the module's docstring)


@dataclass(frozen=True)
class VerbEntry:
    """Everything about one verb."""

    verb: Verb
    action: str  # the runner's method that does it: `async def <action>(step, deadline)`
    family: Family | None  # how its target is looked for (None: it names no element)
    forms: tuple[Sentence, ...]
    text_required: bool = False  # its quoted text may not be blank
    target_optional: bool = False  # `Press "Enter"`: the field may be left out
    role_picks_family: bool = False  # `Remember the "Email" field`: a role word decides


def _same_as(verb: str, pattern: str, example: str, rule: str) -> Sentence:
    return Sentence(pattern, f"Another way to write {verb}.", example, (rule,))


# A table reads best as a table: the formatter would give every argument a line of its own.
# fmt: off
VERBS: tuple[VerbEntry, ...] = (
    VerbEntry(Verb.OPEN, "open", None, text_required=True, forms=(
        Sentence('Open "<url or /path>"',
                 "Opens a page of the site (or any web address) and waits until it has loaded.",
                 'Open "/"', ("open <Q>",)),
        _same_as("Open", 'Go to "<url or /path>"', 'Go to "/cart.html"', "go to <Q>"),
        _same_as("Open", 'Visit "<url or /path>"', 'Visit "/contact.html"', "visit <Q>"),
    )),
    VerbEntry(Verb.GO_BACK, "go_back", None, forms=(
        Sentence("Go back", "Goes back to the previous page, like the browser's Back button.",
                 "Go back", ("go back",)),
    )),
    VerbEntry(Verb.RELOAD, "reload", None, forms=(
        Sentence("Reload the page", "Loads the current page again.",
                 "Reload the page", ("reload(?: the page)?",)),
    )),
    VerbEntry(Verb.CLICK, "click", Family.CLICK, forms=(
        Sentence("Click <target>",
                 "Clicks a button, a link or anything else you can see on the page.",
                 'Click the "Add to cart" button', ("click(?: on)? <T>",)),
        # A bare quoted text after Press is a key (`Press "Enter"`), not something to click.
        _same_as("Click", 'Press the "<name>" button', 'Press the "Send message" button',
                 r'press (?!"\d+"$)(?:on )?<T>'),
        _same_as("Click", "Tap <target>", 'Tap the "Shop" link', "tap(?: on)? <T>"),
    )),
    VerbEntry(Verb.DOUBLE_CLICK, "double_click", Family.CLICK, forms=(
        Sentence("Double-click <target>", "Clicks twice, quickly.",
                 'Double-click "Ridge trail boots"', ("double[- ]?click(?: on)? <T>",)),
    )),
    VerbEntry(Verb.HOVER, "hover", Family.CLICK, forms=(
        Sentence("Hover over <target>",
                 "Moves the mouse over something without clicking, for example to open a menu.",
                 'Hover over the "Help" link', ("hover(?: over| on)? <T>",)),
    )),
    VerbEntry(Verb.FILL, "fill", Family.FIELD, forms=(
        Sentence('Fill <field> with "<text>"',
                 "Empties a box on a form and types the text into it.",
                 'Fill "Email" with "{random email}"', ("fill(?: in)? <T> with <Q>",)),
        # With no `into`, a lone `in "..."` names the field: `Type "Hello" in "Message"`.
        _same_as("Fill", 'Type "<text>" into <field>', 'Type "Hello" into "Message"',
                 "type <Q>(?: into <T>)?"),
        _same_as("Fill", 'Enter "<text>" into <field>', 'Enter "Ann Smith" into "Your name"',
                 "enter <Q>(?: into <T>)?"),
    )),
    VerbEntry(Verb.CLEAR, "clear", Family.FIELD, forms=(
        Sentence("Clear <field>", "Empties a box on a form.", 'Clear "Quantity"', ("clear <T>",)),
    )),
    VerbEntry(Verb.SELECT, "select", Family.SELECT, text_required=True, forms=(
        Sentence('Select "<option>" from <dropdown>',
                 "Picks an option from a drop-down list, by the words the list shows.",
                 'Select "United Kingdom" from "Country"', ("(?:select|choose) <Q> from <T>",)),
    )),
    VerbEntry(Verb.CHECK, "check", Family.CHECK, forms=(
        Sentence("Check <checkbox>", "Ticks a tick box (nothing changes if it is ticked already).",
                 'Check "I accept the terms and conditions"', ("check <T>",)),
    )),
    VerbEntry(Verb.UNCHECK, "uncheck", Family.CHECK, forms=(
        Sentence("Uncheck <checkbox>", "Removes the tick from a tick box.",
                 'Uncheck "Send me offers"', ("uncheck <T>",)),
    )),
    VerbEntry(Verb.CHOOSE, "choose", Family.CHECK, forms=(
        Sentence('Choose "<radio label>"',
                 "Picks one of a set of round option buttons, by the words next to it.",
                 'Choose "Express delivery"', ("choose <T>",)),
    )),
    VerbEntry(Verb.UPLOAD, "upload", Family.FIELD, text_required=True, forms=(
        Sentence('Upload "<file>" to <field>',
                 "Attaches a file (from the journey's folder) to an upload box.",
                 'Upload "receipt.pdf" to "Attachment"', ("upload <Q> (?:to|into) <T>",)),
    )),
    VerbEntry(Verb.PRESS, "press", Family.FIELD, text_required=True, target_optional=True, forms=(
        Sentence('Press "<key>" [in <field>]',
                 "Presses a key on the keyboard: Enter, Tab, Escape, ArrowDown and so on.",
                 'Press "Enter" in "Search"',
                 ("press(?: the)? <Q> key(?: in <T>)?", "press <Q>(?: in <T>)?")),
    )),
    VerbEntry(Verb.SCROLL, "scroll", Family.CLICK, forms=(
        Sentence("Scroll to <target>", "Scrolls the page until something is on the screen.",
                 'Scroll to the "Contact us" link', ("scroll (?:down |up )?to <T>",)),
    )),
    VerbEntry(Verb.SWITCH_TO_NEW_TAB, "switch_to_new_tab", None, forms=(
        Sentence("Switch to the new tab", "Carries on in the tab or window the last click opened.",
                 "Switch to the new tab", ("switch to (?:the )?new (?:tab|window)",)),
    )),
    VerbEntry(Verb.SWITCH_BACK, "switch_back", None, forms=(
        Sentence("Switch back", "Goes back to the tab the journey started in.",
                 "Switch back", ("switch back",)),
    )),
    VerbEntry(Verb.ACCEPT_DIALOG, "answer_dialog", None, forms=(
        Sentence("Accept the dialog",
                 "Answers OK to the next pop-up question or message from the site.",
                 "Accept the dialog", ("accept (?:the )?(?:dialog|alert)",)),
    )),
    VerbEntry(Verb.DISMISS_DIALOG, "answer_dialog", None, forms=(
        Sentence("Dismiss the dialog", "Answers Cancel to the next pop-up question from the site.",
                 "Dismiss the dialog", ("dismiss (?:the )?(?:dialog|alert)",)),
    )),
    VerbEntry(Verb.REMEMBER, "remember", Family.CLICK, role_picks_family=True, forms=(
        Sentence("Remember <target> as {name}",
                 "Notes the words something shows, so later steps can use them as {name}.",
                 'Remember the "Order number" heading as {order number}',
                 (r"remember <T> as \{(?P<var>[^{}]*)\}",)),
    )),
    VerbEntry(Verb.WAIT_TO_APPEAR, "wait_to_appear", Family.TEXT, text_required=True, forms=(
        Sentence('Wait for "<text>" to appear', "Waits until the words show on the page.",
                 'Wait for "Added to your cart" to appear', ("wait for <Q> to appear",)),
    )),
    VerbEntry(Verb.WAIT_TO_DISAPPEAR, "wait_to_disappear", Family.TEXT, text_required=True, forms=(
        Sentence('Wait for "<text>" to disappear',
                 "Waits until the words are gone, for example a loading message.",
                 'Wait for "Loading" to disappear', ("wait for <Q> to disappear",)),
    )),
    VerbEntry(Verb.WAIT_SECONDS, "wait_seconds", None, forms=(
        Sentence("Wait <n> seconds",
                 "Pauses for a fixed time. The report warns about it: fixed waits make journeys "
                 'slow and flaky, so prefer Wait for "..." to appear.',
                 "Wait 2 seconds", ('wait (?P<d>[^"]+)',)),
    )),
    VerbEntry(Verb.EXPECT_TO_SEE, "expect_to_see", Family.TEXT, text_required=True, forms=(
        Sentence('Expect to see "<text>"', "Checks that the words show on the page.",
                 'Expect to see "Your cart"', ("expect to see <Q>",)),
    )),
    VerbEntry(Verb.EXPECT_NOT_TO_SEE, "expect_not_to_see", Family.TEXT, text_required=True, forms=(
        Sentence('Expect not to see "<text>"', "Checks that the words do not show on the page.",
                 'Expect not to see "Cart service unavailable"', ("expect not to see <Q>",)),
    )),
    VerbEntry(Verb.EXPECT_TITLE, "expect_title", None, forms=(
        Sentence('Expect the title to be "<text>"',
                 "Checks the page's title (the words on its browser tab), all of it.",
                 'Expect the title to be "Your cart – Northwind Outfitters"',
                 ("expect (?:the )?(?:page )?title to (?P<m>be) <Q>",)),
        Sentence('Expect the title to contain "<text>"',
                 "Checks that the page's title includes the words.",
                 'Expect the title to contain "Your cart"',
                 ("expect (?:the )?(?:page )?title to (?P<m>contain) <Q>",)),
    )),
    VerbEntry(Verb.EXPECT_URL, "expect_url", None, text_required=True, forms=(
        Sentence('Expect the URL to be "<text>"', "Checks the page's address, all of it.",
                 'Expect the URL to be "/cart.html"',
                 ("expect (?:the )?(?:url|address) to (?P<m>be) <Q>",)),
        Sentence('Expect the URL to contain "<text>"',
                 "Checks that the page's address includes the words.",
                 'Expect the URL to contain "/order/confirmation"',
                 ("expect (?:the )?(?:url|address) to (?P<m>contain) <Q>",)),
    )),
    VerbEntry(Verb.EXPECT_VALUE, "expect_value", Family.FIELD, role_picks_family=True, forms=(
        Sentence('Expect <field> to be "<value>"',
                 "Checks what is typed in a box on a form, all of it.",
                 'Expect "Quantity" to be "1"', ("expect <T> to (?P<m>be) <Q>",)),
        Sentence('Expect <field> to contain "<value>"',
                 "Checks that what is typed in a box on a form includes the words.",
                 'Expect "Email" to contain "@"', ("expect <T> to (?P<m>contain) <Q>",)),
    )),
    # Checked and unchecked look among tick boxes unless a role word says otherwise.
    VerbEntry(Verb.EXPECT_STATE, "expect_state", Family.CLICK, role_picks_family=True, forms=(
        Sentence(
            "Expect <target> to be checked / unchecked / enabled / disabled / visible / hidden",
            "Checks how something is: ticked or not, usable or greyed out, on screen or not.",
            'Expect the "Add to cart" button to be enabled', ("expect <T> to be <S>",)),
    )),
    VerbEntry(Verb.EXPECT_COUNT, "expect_count", Family.CLICK, role_picks_family=True, forms=(
        Sentence("Expect <n> <target>",
                 "Counts things on the page: there must be exactly this many.",
                 'Expect 5 "Add to cart" buttons', (r"expect (?P<n>\d+) <T>",)),
    )),
    VerbEntry(Verb.SCREENSHOT, "screenshot", None, forms=(
        Sentence('Take a screenshot ["<name>"]',
                 "Saves a picture of the page in the report, with a name if you give one.",
                 'Take a screenshot "cart"', ("take (?:a )?screenshot(?: <Q>)?",)),
    )),
)
# fmt: on

# `Run` is no verb: the parser puts the other file's steps in its place (each keeping its own
# file and line), so the runner never sees it.
RUN = Sentence(
    'Run "<other>.journey"',
    "Runs the steps of another journey file at this point, for example a shared log-in.",
    'Run "log-in.journey"',
    ("run <Q>",),
)

BY_VERB: Mapping[Verb, VerbEntry] = {entry.verb: entry for entry in VERBS}

# Every way to write a step, in the order `cxcheck journey steps` shows them.
STEPS: tuple[Sentence, ...] = (*(form for entry in VERBS for form in entry.forms), RUN)


def opening(pattern: str) -> str:
    """The fixed words a sentence starts with: 'Expect the title to be "<text>"' -> 'Expect
    the title to be'; '' for a modifier."""
    return re.split(r'\s*["<\[{(]', pattern, maxsplit=1)[0]


def openings() -> tuple[str, ...]:
    """Every distinct way a step can start, longest first (for suggestions)."""
    found = {opening(s.pattern) for s in STEPS}
    return tuple(sorted(found, key=lambda w: (-len(w.split()), w)))
