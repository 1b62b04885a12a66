"""How a step names an element (docs/journey-language.md section 3): `the first "Add to cart"
button` is an ordinal, a quoted name and a role word, read into a `Target`; `css=`, `xpath=`,
`testid=` and `#id` are the engineers' escape hatch, used as written."""

from __future__ import annotations

import re

from cxcheck.journeys.language.model import Target
from cxcheck.journeys.language.roles import ROLE_WORDS

ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "last": -1,
}


def plural(word: str) -> str:
    """'button' -> 'buttons', 'box' -> 'boxes' (role words and the nouns of messages, so no
    irregular plurals)."""
    return word + ("es" if word.endswith(("x", "s", "ch", "sh")) else "s")


def role_of() -> dict[str, str]:
    """Every role word a tester may write, singular and plural -> the word the parser keeps."""
    return {
        word: role
        for role, words in ROLE_WORDS.items()
        for written in words
        for word in (written, plural(written))
    }


ROLE_OF = role_of()
_ROLE = "|".join(re.escape(w) for w in sorted(ROLE_OF, key=len, reverse=True))
_ORDINAL = "|".join([*ORDINAL_WORDS, r"[1-9]\d*(?:st|nd|rd|th)"])
# A target in a masked sentence (its quoted name is `"<n>"`, see scanner.mask).
_TARGET = (
    rf"(?:the )?(?:(?P<ord>{_ORDINAL}) )?(?:the )?"
    rf'(?:(?P<pre>{_ROLE}) "(?P<q1>\d+)"|"(?P<q2>\d+)"(?: (?P<post>{_ROLE}))?)'
)
_TARGET_PARTS = re.compile(_TARGET, re.I)
# The target as one group with no inner names, so a grammar rule can hold it next to its own.
TARGET_SHAPE = re.sub(r"\(\?P<\w+>", "(?:", _TARGET)
_VERBATIM = re.compile(r"(?:css|xpath|testid)=|#[A-Za-z_-]", re.I)
_VERBATIM_PREFIXES = ("css=", "xpath=", "testid=", "#")


def target_of(text: str, quoted: tuple[str, ...]) -> Target:
    """`the first "0" button` (masked), with `quoted[0]` "Add to cart" -> Target("Add to
    cart", "button", 1)."""
    m = _TARGET_PARTS.fullmatch(text)
    assert m, text  # the grammar matched `text` with TARGET_SHAPE, this same pattern
    name = quoted[int(m["q1"] or m["q2"])]
    role = ROLE_OF[(m["pre"] or m["post"] or "").lower()] if (m["pre"] or m["post"]) else ""
    return Target(name, role, _ordinal(m["ord"] or ""), bool(_VERBATIM.match(name)))


def named_target(name: str) -> Target:
    """A target named by its words alone (the field of `Press "Enter" in "Search"`)."""
    return Target(name, verbatim=bool(_VERBATIM.match(name)))


def is_verbatim(name: str) -> bool:
    """True for the engineers' escape hatch: css=, xpath=, testid= or #id."""
    return name.startswith(_VERBATIM_PREFIXES)


def _ordinal(word: str) -> int:
    word = word.lower()
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS[word]
    return int(word[:-2]) if word else 0
