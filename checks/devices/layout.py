"""Layout problems across widths: wider than the screen, spilling out, overlapping, wrapped.

Each function reads one page's views (the widths it was laid out at) and returns findings,
each named at the width it was seen and with the range of widths it spans.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence

from checks.devices.widths import Sighting, at, checked, named, on, span
from cxcheck.device_views import DeviceView, Row, Spill, Sticking, Touching
from cxcheck.findings import Finding, Severity

Make = Callable[..., Finding]  # (rule, message, *, selector, evidence, target, severity, fix)

MAX_PER_PAGE = 5  # of one rule on one page: more are the same cause, or noise


def spill_sightings(views: Sequence[DeviceView]) -> dict[str, Sighting[Spill]]:
    """Each element that spills out of its box, with the widths it does."""
    sightings: dict[str, Sighting[Spill]] = {}
    for view in views:
        for spill in view.spills:
            sightings.setdefault(spill.selector, Sighting()).add(view, spill)
    return sightings


def wider(
    views: Sequence[DeviceView], make: Make, spilled: Collection[str] = ()
) -> Iterator[Finding]:
    """One finding per page: the widths where it scrolls sideways, naming what sticks out
    (an element that spills out of its box is that finding's, not this one's)."""
    sighting: Sighting[tuple[Sticking, ...]] = Sighting()
    for view in views:
        sticking = tuple(s for s in view.wider if s.selector not in spilled)
        if sticking:
            sighting.add(view, sticking)
    if not sighting.seen:
        return
    view, sticking = sighting.headline()
    worst = sticking[0]
    parts = [f"{named(s.text, s.html)} by {s.amount} px" for s in sticking[:3]]
    more = f" and {len(sticking) - 3} more" if len(sticking) > 3 else ""
    yield make(
        "wider-than-screen",
        f"{at(view)} the page is wider than the screen and scrolls sideways: "
        f"{', '.join(parts)}{more} {'sticks' if len(sticking) == 1 else 'stick'} out past "
        f"its edge. {span(sighting.widths, checked(views, 'layout'))}",
        selector=worst.selector,
        evidence=worst.html,
    )


def spills(views: Sequence[DeviceView], make: Make) -> Iterator[Finding]:
    """Text or controls past the edge of their box (cut off, or drawn outside it); major when
    cut off or when it also pushes past the screen's edge."""
    for selector, sighting in list(spill_sightings(views).items())[:MAX_PER_PAGE]:
        view, spill = sighting.headline()
        what = named(spill.text, spill.html)
        box = f"its box ({named('', spill.container_html)})"
        if spill.clipped:
            said = f"{what} is cut off by {box}: {spill.amount} px of it cannot be seen"
        else:
            way = "past the edge of" if spill.axis == "x" else "out of the bottom of"
            said = f"{what} runs {spill.amount} px {way} {box}"
        stuck = {v.width for v in views if any(s.selector == selector for s in v.wider)}
        also = (
            f" {_widths_words(stuck)} it also pushes past the screen's edge, so the page "
            "scrolls sideways."
            if stuck
            else ""
        )
        yield make(
            "spills-out",
            f"{at(view)} {said}. {span(sighting.widths, checked(views, 'layout'))}{also}",
            severity=Severity.MAJOR if spill.clipped or stuck else Severity.MINOR,
            selector=spill.selector,
            evidence=spill.html,
        )


def _widths_words(widths: Collection[int]) -> str:
    shown = sorted(widths)
    return (
        f"At {', '.join(str(w) for w in shown[:-1])} and {shown[-1]} px"
        if len(shown) > 1
        else f"At {shown[0]} px"
    )


def overlapping(views: Sequence[DeviceView], make: Make) -> Iterator[Finding]:
    """Text or controls drawn over each other at some widths but not at others (overlays
    by design overlap at every width and stay silent)."""
    sightings: dict[tuple[str, str], Sighting[Touching]] = {}
    for view in views:
        spilled = [s.selector for s in view.spills]
        for pair in view.pairs:
            if any(_inside(pair.first, s) or _inside(pair.second, s) for s in spilled):
                continue  # text that spills out of its box over its neighbours: one finding
            sightings.setdefault((pair.first, pair.second), Sighting()).add(view, pair)
    reported = 0
    for (first, second), sighting in sightings.items():
        apart = [
            v
            for v in views
            if first in v.pieces and second in v.pieces and v.width not in sighting.widths
        ]
        if not apart or reported >= MAX_PER_PAGE:
            continue
        reported += 1
        view, pair = sighting.headline()
        yield make(
            "overlapping",
            f"{at(view)} {named(pair.first_text, pair.first_html)} and "
            f"{named(pair.second_text, pair.second_html)} are drawn over each other; "
            f"{on(apart[0])} they are not. {span(sighting.widths, checked(views, 'pieces'))}",
            selector=pair.first,
            evidence=pair.first_html,
        )


def wrapped(views: Sequence[DeviceView], make: Make) -> Iterator[Finding]:
    """An item of a row (menu entries, a field and its button) dropped onto a line of its
    own, where the same row is on one line at another width."""
    sightings: dict[str, Sighting[Row]] = {}
    one_line: dict[str, DeviceView] = {}
    for view in views:
        for row in view.rows:
            if len(row.lines) == 1:
                one_line.setdefault(row.selector, view)
            elif row.alone and not (row.items >= 3 and max(row.lines) == 1):
                sightings.setdefault(row.selector, Sighting()).add(view, row)
    reported = 0
    for selector, sighting in sightings.items():
        if selector not in one_line or reported >= MAX_PER_PAGE:
            continue
        reported += 1
        view, row = sighting.headline()
        lines = " + ".join(str(n) for n in row.lines)
        yield make(
            "wrapped",
            f"{at(view)} {_join_alone(row.alone)} drops onto a line of its own "
            f"in a row of {row.items} ({lines} per line), which is on one line "
            f"{on(one_line[selector])}. {span(sighting.widths, checked(views, 'rows'))}",
            selector=selector,
            evidence=row.html,
        )


def _join_alone(alone: Sequence[str]) -> str:
    return " and ".join(f"“{a}”" if not a.startswith("<") else a for a in alone[:2])


def _inside(selector: str, outer: str) -> bool:
    return selector == outer or selector.startswith(outer + " > ")
