"""What any step may end with (docs/journey-language.md sections 3 and 4): `in "<region>"`
to look in one part of the page, and options in brackets: `(within 3 seconds)`, `(up to 30
seconds)`, `(exactly)`, `(optional)`."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from cxcheck.journeys.language.durations import duration
from cxcheck.journeys.language.verbs import Sentence

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

# The modifiers as testers write them: 'in "<region>"', '(within <n> seconds)', ...
OPTION_PATTERNS = [m.pattern.removeprefix("<step> ") for m in MODIFIERS]
OPTIONS_HINT = (
    "Options go in brackets at the end of a step: "
    + ", ".join(p for p in OPTION_PATTERNS if p.startswith("("))
    + "; separate several with commas."
)


@dataclass(frozen=True)
class Options:
    """What a step's `(...)` asks for."""

    within_s: float | None = None
    up_to_s: float | None = None
    exact: bool = False
    optional: bool = False


def split_options(words: str) -> tuple[str, Options | None]:
    """The sentence without its trailing `(...)` groups, and the options they hold (None when
    one of them is no option)."""
    texts: list[str] = []
    while m := re.fullmatch(r'(.*?) ?\(([^()"]*)\)', words):
        words = m[1]
        texts.insert(0, m[2])
    return words, _options(texts) if texts else Options()


def _options(texts: list[str]) -> Options | None:
    found = Options()
    parts = [" ".join(p.lower().split()) for text in texts for p in text.split(",")]
    for part in parts:
        option = with_option(part, found)
        if option is None:
            return None
        found = option
    return found


def with_option(part: str, found: Options) -> Options | None:
    """`found` with one more option set, or None if `part` is not an option."""
    if part in ("exactly", "exact"):
        return replace(found, exact=True)
    if part == "optional":
        return replace(found, optional=True)
    m = re.fullmatch(r"(within|up to) (.+)", part)
    seconds = duration(m[2]) if m else None
    if m is None or seconds is None:
        return None
    if m[1] == "within":
        return replace(found, within_s=seconds)
    return replace(found, up_to_s=seconds)


def split_region(words: str, quoted: tuple[str, ...]) -> tuple[str, str]:
    """A masked sentence without its trailing `in "<n>"`, and the region's name ('' for none)."""
    m = re.fullmatch(r'(.+) in "(\d+)"', words, re.I)
    return (m[1], quoted[int(m[2])]) if m else (words, "")
