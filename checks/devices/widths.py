"""Where a problem was seen: the width to name, and the range of widths it spans, in words.

A page is checked at a set of widths (the devices', 320 px, both sides of each breakpoint).
A problem seen at some of them is named at one (a device's own width when it was seen there,
else the narrowest) and spans runs of neighbouring checked widths: "Seen at 320–575 px;
fine at 576 px and wider."
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from cxcheck.device_views import DeviceView

T = TypeVar("T")


@dataclass
class Sighting(Generic[T]):
    """One problem, and the views (widths) it was seen in with what was seen there."""

    seen: list[tuple[DeviceView, T]] = field(default_factory=list)

    def add(self, view: DeviceView, thing: T) -> None:
        """Seen in `view`."""
        self.seen.append((view, thing))

    @property
    def widths(self) -> set[int]:
        """The widths it was seen at."""
        return {view.width for view, _ in self.seen}

    def headline(self) -> tuple[DeviceView, T]:
        """The view to name it by: a device's own load when there is one, narrowest first."""
        return min(self.seen, key=lambda seen: (seen[0].source != "load", seen[0].width))


def checked(views: Iterable[DeviceView], part: str) -> list[int]:
    """Every width a page was checked at for `part` (layout, pieces, rows, targets, texts,
    images), narrowest first."""
    return sorted({view.width for view in views if view.measured(part)})


def span(seen: Collection[int], widths: Sequence[int]) -> str:
    """ "Seen at 320–575 px; fine at 576 px and wider." for the widths `seen` among `widths`."""
    if len(widths) == 1:
        return f"Checked at {widths[0]} px only."
    if set(widths) <= set(seen):
        return f"Seen at every width checked ({widths[0]}–{widths[-1]} px)."
    runs = _runs(seen, widths)
    fine = sorted(
        {widths[i] for lo, hi in runs for i in (lo - 1, hi + 1) if 0 <= i < len(widths)} - set(seen)
    )
    where = _join([_range(widths[lo], widths[hi]) for lo, hi in runs])
    return f"Seen at {where}; fine at {_join([f'{w}' for w in fine])} px."


def _runs(seen: Collection[int], widths: Sequence[int]) -> list[tuple[int, int]]:
    """Index ranges of neighbouring checked widths that were all seen."""
    runs: list[tuple[int, int]] = []
    for index, width in enumerate(widths):
        if width not in seen:
            continue
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def _range(lo: int, hi: int) -> str:
    return f"{lo} px" if lo == hi else f"{lo}–{hi} px"


def _join(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def on(view: DeviceView) -> str:
    """ "on phone (390 px)", "at 576 px" or "in the crawl's window (1280 px)"."""
    if view.source == "resize":
        return f"at {view.width} px"
    if view.source == "crawl":
        return f"in the crawl's window ({view.width} px)"
    return f"on {view.device.describe()}"


_CONTAINERS = (
    "<div",
    "<section",
    "<main",
    "<ul",
    "<ol",
    "<nav",
    "<header",
    "<footer",
    "<form",
    "<table",
    "<article",
    "<aside",
)


def at(view: DeviceView) -> str:
    """`on(view)` to start a sentence: "On phone (390 px)", "At 576 px"."""
    words = on(view)
    return words[:1].upper() + words[1:]


def named(text: str, html: str) -> str:
    """An element as a reader knows it: its words, else (or, for a box holding many words,
    instead) its opening tag."""
    words = " ".join(text.split())
    container = html.startswith(_CONTAINERS) and len(words) > 40
    if words and not container:
        return f"“{words[:60]}{'…' if len(words) > 60 else ''}”"
    opening = html.split(">", 1)[0] + ">" if html else ""
    return opening or "an element"
