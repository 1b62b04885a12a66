"""A parsed journey: what the tester wrote, as data the runner follows (docs/journey-language.md).

The parser (`parser.py`) builds these; the runner (`runner/run.py`) reads them and reports
`cxcheck.report.model.JourneyResult`. Texts keep variables as the tester wrote them
(`{email}`, `{secret:SHOP_PASSWORD}`): values are put in only at the moment a step runs, so
nothing derived from a Journey can leak a secret.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from cxcheck.journeys.language.verbs import Verb

DEFAULT_STEP_TIMEOUT_S = 10.0


class Match(StrEnum):
    """How an expected title, URL or field value is compared."""

    BE = "be"
    CONTAIN = "contain"


class State(StrEnum):
    """States `Expect <target> to be ...` can assert."""

    CHECKED = "checked"
    UNCHECKED = "unchecked"
    ENABLED = "enabled"
    DISABLED = "disabled"
    VISIBLE = "visible"
    HIDDEN = "hidden"


@dataclass(frozen=True)
class Target:
    """An element as a person names it: `the first "Add to cart" button`.

    `role` is the tester's role word normalised to its singular ("button", "link", "field",
    "dropdown", "checkbox", "radio", "tab", "menu item", "heading", "image", "dialog",
    "section"), or "" when none was given. `ordinal` is 1-based, -1 for "last", 0 for none.
    `verbatim` marks the engineers' escape hatch (`css=...`, `xpath=...`, `testid=...`,
    `#id`): the name is used as written, not looked up by what a person sees.
    """

    name: str
    role: str = ""
    ordinal: int = 0
    verbatim: bool = False

    def describe(self) -> str:
        """In words, for messages: 'the first button "Add to cart"'."""
        role = self.role or "element"
        if self.verbatim:
            return f'the element "{self.name}"'
        order = {1: "first", 2: "second", 3: "third", -1: "last"}.get(self.ordinal, "")
        if self.ordinal and not order:
            order = _ordinal_words(self.ordinal)
        return " ".join(w for w in ("the", order, role, f'"{self.name}"') if w)


def _ordinal_words(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class Step:
    """One sentence of a journey, understood.

    `value` holds the verb's text argument: the URL to open, the text to fill, the option to
    select, the key to press, the text to expect or wait for, the file to upload, the
    variable name to remember into (without braces), the screenshot's name, or the number
    of seconds to wait (as text). `match` is set for title/URL/value expectations, `state`
    for `Expect ... to be <state>`, `count` for `Expect <n> <target>`.
    """

    file: str
    line: int
    text: str  # the tester's sentence as typed, without its comment: the step's stable id
    verb: Verb
    target: Target | None = None
    value: str = ""
    region: str = ""  # `in "<region>"`
    match: Match | None = None
    state: State | None = None
    count: int | None = None
    within_s: float | None = None  # `(within N seconds)`: slower is "too slow"
    up_to_s: float | None = None  # `(up to N seconds)`: this step may wait longer
    exact: bool = False  # `(exactly)`
    optional: bool = False  # `(optional)`: a failure is a warning, the journey goes on
    run_from: tuple[
        str, ...
    ] = ()  # "file:line" of the `Run` lines that brought it, outermost first

    @property
    def where(self) -> str:
        """file:line, as error messages cite a step."""
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Journey:
    """A whole journey file (with `Run` includes already in place)."""

    name: str
    file: str
    steps: tuple[Step, ...]
    start_at: str = ""  # `Start at:`; opened before the first step when given
    tags: tuple[str, ...] = ()
    timeout_s: float = DEFAULT_STEP_TIMEOUT_S  # `Timeout:`: how long each step may wait
    budget_s: float | None = None  # `Budget:`: the whole journey must finish within this
    viewport: str = ""  # `Viewport:`: a Playwright device name ("iPhone 13") or "390x844"

    @property
    def secrets(self) -> frozenset[str]:
        """Environment variable names the journey's `{secret:NAME}` placeholders use."""
        texts = [self.start_at]
        for step in self.steps:
            texts += [step.value, step.region, step.target.name if step.target else ""]
        return frozenset(name for text in texts for name in secret_names(text))


def secret_names(text: str) -> list[str]:
    """NAME for every `{secret:NAME}` in `text`."""
    return [name.strip() for name in SECRET.findall(text)]


SECRET = re.compile(r"\{secret:([^}]*)\}")  # {secret:NAME}, NAME in group 1


@dataclass(frozen=True)
class ParseProblem:
    """Why one line of a journey cannot run, in the tester's words (docs/journey-language.md
    section 7)."""

    file: str
    line: int
    text: str  # the line as the tester wrote it
    message: str  # "I don't understand 'Klick "Checkout"'."
    suggestion: str = ""  # a corrected sentence, shown as "Did you mean: ...?"
    # The place is the sentence's subject: "checkout.journey:16 uses {secret:X}, but ..."
    place_is_subject: bool = False
    kind: str = "parse"  # "parse", or "missing_secret" (report.model.FailureKind)

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        where = f"{place} " if self.place_is_subject else f"{place}: "
        hint = f" Did you mean: {self.suggestion}?" if self.suggestion else ""
        return f"{where}{self.message}{hint}"
