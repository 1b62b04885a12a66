"""Where `in "<name>"` points (docs/journey-language.md section 3, "regions").

First a part of the page called that: a landmark, dialog, section or list item by its name,
the smallest container under a heading with those words, or the smallest container holding
them (`tiers.region_tiers`). Where no such part holds the target (product cards that are
plain boxes), the region is the smallest element around a match of the target whose words
contain the name, and which holds exactly that one match (`text_region.js`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Locator, Page

from cxcheck.journeys.language.roles import REGION_ROLES, Family
from cxcheck.journeys.page_scripts import page_script
from cxcheck.journeys.runner.aria import parse_aria_snapshot, unique
from cxcheck.journeys.runner.failure import Failure
from cxcheck.journeys.runner.messages import MAX_LISTED
from cxcheck.journeys.runner.search import Looking
from cxcheck.journeys.runner.tiers import first_visible, region_tiers
from cxcheck.report.model import FailureKind as Kind

_TEXT_REGION_JS = page_script("cxcheck.journeys.runner", "text_region")


@dataclass(frozen=True)
class Parts:
    """The parts of the page called a name: `matches` (visible), `count` of them."""

    matches: Locator | None
    count: int

    @property
    def one(self) -> Locator | None:
        """The part, when exactly one is called that."""
        return self.matches.first if self.matches is not None and self.count == 1 else None


async def named_parts(page: Page, name: str) -> Parts:
    """The parts of the page called `name`, from the first region tier that has any."""
    tiers = region_tiers(page, name)
    index, count = await first_visible(tiers)
    return Parts(tiers[index].filter(visible=True) if count else None, count)


@dataclass(frozen=True)
class NextToText:
    """Matches of a target that each sit in their own part of the page with the region's
    words: `matches` is the tier's (visible) matches, `picked` the indexes of those, and
    `labels` the words of each part that hold the region's name."""

    matches: Locator
    picked: tuple[int, ...]
    labels: tuple[str, ...]

    @property
    def one(self) -> Locator | None:
        """The match, when exactly one sits next to the words."""
        return self.matches.nth(self.picked[0]) if len(self.picked) == 1 else None


async def next_to_text(
    tiers: Sequence[Locator], text: str, visible_only: bool = True
) -> NextToText | None:
    """In the first tier where any match sits in a part of the page of its own with `text`,
    those matches (None when no tier has one)."""
    for tier in tiers:
        matches = tier.filter(visible=True) if visible_only else tier
        try:
            if not await matches.count():
                continue
            picked = await matches.evaluate_all(_TEXT_REGION_JS, text)
        except PlaywrightError:  # the page changed under us: look again on the next poll
            return None
        if picked:
            indexes = tuple(int(p["index"]) for p in picked)
            return NextToText(matches, indexes, tuple(str(p["label"]) for p in picked))
    return None


async def region_missing(page: Page, name: str, place: str) -> Failure:
    """No part of the page is called `name`, and no match of the target sits next to those
    words: the sections and headings there are, to pick from."""
    looking = Looking(name, "section", REGION_ROLES, Family.CLICK)
    try:
        nodes = parse_aria_snapshot(await page.aria_snapshot(timeout=2000))
    except PlaywrightError:
        nodes = []
    named = unique([n for n in nodes if n.name and n.role in (*REGION_ROLES, "heading", "dialog")])
    message = (
        f'I could not find a part of the page called "{name}" {place}, '
        f'nor the words "{name}" next to what this step looks for.'
    )
    if named:
        shown = ", ".join(f'"{n.name}"' for n in named[:MAX_LISTED])
        message += f"\nSections and headings on this page: {shown}."
    candidates = [n.candidate() for n in named[:20]]
    return Failure(Kind.NOT_FOUND, message, looking.looked_for, candidates)


def region_ambiguous(name: str, count: int, wheres: Sequence[str]) -> Failure:
    """Several parts of the page are called `name` and none holds the target alone."""
    looking = Looking(name, "section", REGION_ROLES, Family.CLICK)
    places = [w for w in wheres if w]
    listed = f": {', '.join(places)}" if places else ""
    message = (
        f'There are {count} parts of the page called "{name}"{listed}. Name a more specific one.'
    )
    return Failure(Kind.AMBIGUOUS, message, looking.looked_for)
