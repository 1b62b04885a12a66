"""The small words failure messages are made of: articles, seconds, places and paths, and an
error's first line made fit to read (plurals: `language/targets.plural`)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from cxcheck.journeys.language.roles import LANDMARK_PHRASES


def article(word: str) -> str:
    """'a' or 'an' before `word`."""
    return "an" if word[:1].lower() in "aeiou" else "a"


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
