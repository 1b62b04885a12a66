"""The small words failure messages are made of: articles, plurals, seconds, places and
paths, a step rewritten as a suggestion, and an error's first line made fit to read."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from cxcheck.journeys.roles import LANDMARK_PHRASES, ROLE_WORDS


def article(word: str) -> str:
    """'a' or 'an' before `word`."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def plural(word: str) -> str:
    """'button' -> 'buttons', 'checkbox' -> 'checkboxes'."""
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def seconds(value: float) -> str:
    """3.0 -> '3 s', 2.5 -> '2.5 s'."""
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text} s"


def in_where(where: str) -> str:
    """'in "Order summary"' or 'in the page header' ('' when unknown)."""
    if not where:
        return ""
    if where in LANDMARK_PHRASES.values():
        return f"in {where}"
    return f'in "{where}"'


def place_phrase(title: str, url: str, region: str = "") -> str:
    """'on "Your basket – Shop" (/cart)', or with a region 'in "Summary" on ...'."""
    path = path_of(url)
    on = f'on "{title}" ({path})' if title.strip() else f"on {path}"
    return f'in "{region}" {on}' if region else on


def path_of(url: str) -> str:
    """The path and query of a URL, as messages show where the browser is."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return url


_ORDINALS = r"first|second|third|fourth|fifth|last|\d+(?:st|nd|rd|th)"
_QUOTES = "\"'“”‘’"


def rephrase(
    sentence: str, raw_name: str, *, ordinal: str = "", role_word: str = "", name: str = ""
) -> str:
    """The tester's sentence with its target rewritten: 'Click the first "Add to cart" button'.

    Keeps the verb and everything else the tester wrote; `role_word` replaces the role and
    `name` the quoted name.
    """
    new_name = name or raw_name
    words = "|".join(sorted((re.escape(w) for w in ROLE_WORDS), key=len, reverse=True))
    pattern = re.compile(
        rf"(?:\bthe\s+)?(?:(?:{_ORDINALS})\s+)?(?:(?P<pre>{words})\s+)?"
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


def where_phrase(where: str, heading: str = "") -> str:
    """Where an element is, for people: 'in "Order summary"', 'in the navigation', 'under the
    heading "Sign in"' ('' when nothing says)."""
    if where:
        return in_where(where)
    return f'under the heading "{heading}"' if heading else ""


_FORBIDDEN = re.compile(r"locator|selector|strict mode|timeouterror|traceback|call log", re.I)


def plain(text: str, fallback: str) -> str:
    """The first line of an error in words a tester may read, else `fallback` (the whole
    error goes to the engineers' log)."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    first = re.sub(r"^\w+\.\w+:\s*", "", first).removeprefix("Error: ").strip().rstrip(".")
    if not first or _FORBIDDEN.search(first):
        return fallback
    return first
