"""The rewrites of a failed step that its message may propose, most telling first: the
tester's sentence with a role word (`the "Sign in" button`), a region (`in "Socks"`) or an
ordinal (`the second "Add to cart" button`). Nothing here is shown as it is: the `Finder`
tries each rewrite on the same page and shows only one that finds exactly the element it is
meant for (docs/journey-language.md section 3: "a suggestion ... is resolved against the
same page").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cxcheck.journeys.language.roles import ARIA_ROLES, SUGGEST_WORDS
from cxcheck.journeys.language.scanner import scan, split_prefix

_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}


@dataclass(frozen=True)
class Spot:
    """One element a rewrite should pick, as `describe.js` sees it."""

    role: str  # its ARIA role ("button", "link")
    region: str = ""  # a name `in "..."` may use for the part of the page around it
    heading: str = ""  # the nearest heading before it
    position: int = 0  # 1-based among the matches of the step's target (0: unknown)
    count: int = 0  # how many matches there are


_ORDINAL_WORDS = r"first|second|third|fourth|fifth|last|\d+(?:st|nd|rd|th)"
_QUOTES = "\"'“”‘’"


def rephrase(
    sentence: str, raw_name: str, *, ordinal: str = "", role_word: str = "", name: str = ""
) -> str:
    """The tester's sentence with its target rewritten: 'Click the first "Add to cart" button'.

    Keeps the verb and everything else the tester wrote; `role_word` replaces the role and
    `name` the quoted name.
    """
    new_name = name or raw_name
    words = "|".join(sorted((re.escape(w) for w in ARIA_ROLES), key=len, reverse=True))
    pattern = re.compile(
        rf"(?:\bthe\s+)?(?:(?:{_ORDINAL_WORDS})\s+)?(?:(?P<pre>{words})\s+)?"
        rf"[{_QUOTES}]{re.escape(raw_name)}[{_QUOTES}](?:\s+(?P<post>{words})\b)?",
        re.IGNORECASE,
    )
    match = pattern.search(sentence)
    if match is None:
        verb = sentence.split(" ", 1)[0] if sentence else "Click"
        role = role_word
        return " ".join(w for w in (verb, "the", ordinal, f'"{new_name}"', role) if w)
    role = role_word or match["pre"] or match["post"] or ""
    target = " ".join(w for w in ("the", ordinal, f'"{new_name}"', role) if w)
    return sentence[: match.start()] + target + sentence[match.end() :]


def core_of(sentence: str) -> str:
    """The sentence as a step is written, without a Gherkin prefix ('Then ', '3. ') and with
    straight quotes: what a suggestion shows."""
    return split_prefix(scan(sentence, "", 0).normal)[1]


def quotable(text: str) -> bool:
    """Whether page text can go between quote marks in a step as it is (no quote marks, no
    braces a `{name}` would read, not blank, short enough to write)."""
    return bool(text.strip()) and not re.search(r'["“”{}]', text) and len(text) <= 80


def with_region(sentence: str, region: str, replacing: bool = False) -> str:
    """`sentence` with ` in "<region>"` before its options: 'Click "x" in "R" (optional)';
    `replacing`: in place of the region the sentence has."""
    old = r'\s+in\s+"[^"]*"' if replacing else ""
    m = re.fullmatch(rf'(.*?){old}((?:\s*\([^()"]*\))*)', sentence.strip())
    if m is None:  # no region where one was to be replaced
        return sentence
    return f'{m[1]} in "{region}"{m[2]}'


def proposals(
    sentence: str, raw_name: str, spot: Spot, *, role_word_given: bool, has_region: bool
) -> list[str]:
    """Rewrites of `sentence` that may pick out `spot` alone, in the order to try them:
    a role word, a region (instead of the one the step has), an ordinal."""
    core = core_of(sentence)
    word = SUGGEST_WORDS.get(spot.role, "")
    with_role = rephrase(core, raw_name, role_word=word) if word else ""
    tries = [] if role_word_given or not with_role else [with_role]
    for name in dict.fromkeys((spot.region, spot.heading)):
        if name and quotable(name):
            tries += [with_region(core, name, has_region)]
            if with_role:
                tries += [with_region(with_role, name, has_region)]
    if spot.position and spot.count:
        last = spot.position == spot.count and spot.count >= 3
        order = "last" if last else _ORDINALS.get(spot.position)
        if order:
            tries.append(rephrase(core, raw_name, ordinal=order))
    return list(dict.fromkeys(t for t in tries if t and t != core))


def other_name(sentence: str, raw_name: str, name: str, role: str) -> list[str]:
    """Rewrites naming something else that is there (the closest name, or the same name on
    another kind of thing): with its role word, then without."""
    core = core_of(sentence)
    word = SUGGEST_WORDS.get(role, "")
    tries = [rephrase(core, raw_name, name=name, role_word=word)] if word else []
    if quotable(name) and name != raw_name:
        tries.append(rephrase(core, raw_name, name=name))
    return list(dict.fromkeys(t for t in tries if t != core))
