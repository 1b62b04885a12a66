"""Breakpoints: the window widths where a page's CSS changes its layout, read from the media
queries of its stylesheets (`@media`, `<link media>`, `<source media>`).

Each is given as the first width on the far side of the change: `(min-width: 768px)` and
`(max-width: 767.98px)` both change the layout between 767 and 768 px, so both give 768.
Queries for print, or that no screen matches, are left out; `em` and `rem` in media queries
are 16 px (the browser's initial font size, whatever the page sets).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

_PX_PER = {"px": 1.0, "em": 16.0, "rem": 16.0}
_NUMBER = r"(\d+(?:\.\d+)?|\.\d+)\s*(px|em|rem)"
_CLASSIC = re.compile(rf"\(\s*(min|max)-width\s*:\s*{_NUMBER}\s*\)", re.I)
# Range syntax: (width >= 600px), (600px < width), (400px <= width < 900px)
_RANGE_LEFT = re.compile(rf"{_NUMBER}\s*(<=|<|>=|>)\s*width", re.I)
_RANGE_RIGHT = re.compile(rf"width\s*(<=|<|>=|>)\s*{_NUMBER}", re.I)
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


def boundaries(media_texts: Iterable[str]) -> list[int]:
    """The first width past each breakpoint the media queries name, sorted, each once."""
    found: set[int] = set()
    for text in media_texts:
        for query in (text or "").split(","):
            if _for_screens(query):
                found.update(_query_boundaries(query))
    return sorted(w for w in found if w > 0)


def _for_screens(query: str) -> bool:
    words = query.strip().lower()
    return not re.match(r"^(only\s+)?(print|speech)\b", words) and not re.match(
        r"^not\s+(all|screen)\b", words
    )


def _query_boundaries(query: str) -> set[int]:
    found = set()
    for side, number, unit in _CLASSIC.findall(query):
        found.add(_first_past(">=" if side.lower() == "min" else "<=", _px(number, unit)))
    for number, unit, op in _RANGE_LEFT.findall(query):
        found.add(_first_past(_FLIP[op], _px(number, unit)))
    for op, number, unit in _RANGE_RIGHT.findall(query):
        found.add(_first_past(op, _px(number, unit)))
    return found


def _px(number: str, unit: str) -> float:
    return float(number) * _PX_PER[unit.lower()]


def _first_past(op: str, value: float) -> int:
    """The first whole width on the upper side of `width <op> value`'s edge."""
    if op in (">=", "<"):  # width >= v matches from ceil(v) up
        return math.ceil(value)
    return math.floor(value) + 1  # width <= v (or > v) changes after floor(v)
