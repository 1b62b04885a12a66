"""Find the one element a step names, the way a person sees the page (JOURNEYS.md section 3),
and say in plain words what is there instead when it cannot be found (section 7).

Resolution goes tier by tier (per verb family); the first tier with at least one *visible*
match wins, and two matches there are an ambiguity the tester resolves with a role word, an
ordinal or a region: never "take the first", never a "similar" element (no self-healing).
Failures are `Failure`s whose message a tester reads: never "locator", "selector", "strict
mode", "TimeoutError" or a stack trace.

This module holds the `Finder` and explains refused actions; the tiers are in `tiers.py`,
the not-found and ambiguous messages in `wording.py`, and the scripts it runs in the page
in `describe.js` and `summary.js`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Locator, Page

from cxcheck.journeys.aria import AriaNode, parse_aria_snapshot, unique
from cxcheck.journeys.looking import Deadline, Failure, Found, Looking, looking_for
from cxcheck.journeys.model import Target
from cxcheck.journeys.roles import CLICKABLE, REGION_ROLES, ROLE_NAMES, Family, family_for_role
from cxcheck.journeys.tiers import Scope, first_visible, region_tiers, tiers_for
from cxcheck.journeys.wording import (
    MAX_LISTED,
    ambiguous_message,
    closest,
    not_found_message,
    similarity,
)
from cxcheck.journeys.words import (
    article,
    in_where,
    path_of,
    place_phrase,
    plain,
    plural,
    rephrase,
    seconds,
)
from cxcheck.report.model import FailureKind as Kind

# Re-exported: the names other modules import from here.
__all__ = [
    "CLICKABLE",
    "AriaNode",
    "Deadline",
    "Failure",
    "Family",
    "Finder",
    "Found",
    "Looking",
    "action_failure",
    "ambiguous_message",
    "closest",
    "family_for_role",
    "first_visible",
    "in_where",
    "looking_for",
    "not_found_message",
    "parse_aria_snapshot",
    "path_of",
    "place_phrase",
    "plain",
    "plural",
    "rephrase",
    "seconds",
    "similarity",
    "tiers_for",
]

POLL_S = 0.1  # how often a tier is looked at again while the page may still be changing


def _page_function(name: str) -> str:
    """`<name>.js` beside this module: a function for `evaluate` to run in the page."""
    return files("cxcheck.journeys").joinpath(f"{name}.js").read_text(encoding="utf-8")


_DESCRIBE_JS = _page_function("describe")
_SUMMARY_JS = _page_function("summary")


@dataclass
class Finder:
    """Looks for targets on one page, with the step's words at hand for messages."""

    page: Page
    sentence: str = ""  # the step as typed, for "Did you mean" rewrites
    raw_name: str = ""  # the target's name as typed, before variables were filled in

    async def element(
        self,
        target: Target,
        name: str,
        family: Family,
        deadline: Deadline,
        region: str = "",
        visible_only: bool = True,
        exact: bool = False,
    ) -> Found:
        """The one element `target` names (`name`: its text with variables filled in)."""
        looking = looking_for(target, name, family)
        scope = await self.region(region, deadline) if region else self.page
        tiers = tiers_for(self.page, scope, target, name, family, exact)
        while True:
            index, count = await first_visible(tiers, visible_only)
            if count or deadline.passed:
                break
            await asyncio.sleep(POLL_S)
        if not count:
            everything = tiers_for(self.page, scope, target, name, family, exact, hidden=True)
            raise await self.not_found(looking, scope, everything, region)
        matches = tiers[index].filter(visible=True) if visible_only else tiers[index]
        if target.ordinal:
            position = target.ordinal - 1 if target.ordinal > 0 else count - 1
            if position >= count:
                word = looking.word or "thing"
                there = f"is only 1 {word}" if count == 1 else f"are only {count} {plural(word)}"
                message = (
                    f'There {there} called "{name}", '
                    f"so there is no {_ordinal_word(target.ordinal)} one."
                )
                raise Failure(Kind.NOT_FOUND, message, looking.looked_for)
            return Found(matches.nth(position), looking)
        if count > 1:
            raise await self.ambiguous(looking, matches, count)
        return Found(matches.first, looking)

    async def region(self, name: str, deadline: Deadline) -> Locator:
        """The part of the page `in "<name>"` points to."""
        tiers = region_tiers(self.page, name)
        while True:
            index, count = await first_visible(tiers)
            if count or deadline.passed:
                break
            await asyncio.sleep(POLL_S)
        looking = Looking(name, "section", REGION_ROLES, Family.CLICK)
        if not count:
            place = await self.place()
            nodes = parse_aria_snapshot(await self.page.aria_snapshot())
            named = unique(
                [n for n in nodes if n.name and n.role in (*REGION_ROLES, "heading", "dialog")]
            )
            message = f'I could not find a part of the page called "{name}" {place}.'
            if named:
                shown = ", ".join(f'"{n.name}"' for n in named[:MAX_LISTED])
                message += f"\nSections and headings on this page: {shown}."
            candidates = [n.candidate() for n in named[:20]]
            raise Failure(Kind.NOT_FOUND, message, looking.looked_for, candidates)
        matches = tiers[index].filter(visible=True)
        if count > 1:
            wheres = [await self._where(matches.nth(i)) for i in range(min(count, 5))]
            text = f'There are {count} parts of the page called "{name}"'
            places = [in_where(w) for w in wheres if w]
            listed = f": {', '.join(places)}" if places else ""
            raise Failure(
                Kind.AMBIGUOUS,
                f"{text}{listed}. Name a more specific one.",
                looking.looked_for,
            )
        return matches.first

    async def place(self, region: str = "") -> str:
        """'on "Title" (/path)' for the current page."""
        try:
            title = await self.page.title()
        except PlaywrightError:
            title = ""
        return place_phrase(title, self.page.url, region)

    async def not_found(
        self, looking: Looking, scope: Scope, tiers: Sequence[Locator], region: str
    ) -> Failure:
        """Why nothing matched: hidden matches (`tiers` find hidden elements too), else what
        the page has instead."""
        index, count = await first_visible(tiers, visible_only=False)
        if count:
            word = looking.word if looking.word not in ("", "element") else ""
            word = word or (await self.describe(tiers[index].first))["word"] or ""
            what = (
                f'{article(word).capitalize()} {word} "{looking.name}"'
                if word
                else (f'Something called "{looking.name}"')
            )
            message = f"{what} exists but is hidden (not visible on screen)."
            return Failure(Kind.HIDDEN, message, looking.looked_for)
        snapshot = await _aria_snapshot(scope)
        nodes = parse_aria_snapshot(snapshot)
        message, candidates = not_found_message(
            looking, await self.place(region), nodes, self.sentence, self.raw_name, region
        )
        return Failure(Kind.NOT_FOUND, message, looking.looked_for, candidates)

    async def ambiguous(self, looking: Looking, matches: Locator, count: int) -> Failure:
        """Several equally good matches: name where each is and how to say which."""
        described = [await self.describe(matches.nth(i)) for i in range(min(count, 5))]
        wheres = [d["where"] for d in described] + [""] * (count - len(described))
        words = {d["word"] for d in described}
        match_word = words.pop() if len(words) == 1 else ""
        message = ambiguous_message(looking, wheres, match_word, self.sentence, self.raw_name)
        candidates = [
            {"role": d["word"], "name": looking.name, "where": d["where"]} for d in described
        ]
        return Failure(Kind.AMBIGUOUS, message, looking.looked_for, candidates)

    async def describe(self, locator: Locator) -> dict[str, str]:
        """The element's role (in words) and where it is."""
        try:
            found = await locator.evaluate(_DESCRIBE_JS, "describe", timeout=1000)
        except PlaywrightError:
            return {"word": "", "where": "", "role": ""}
        role = str(found.get("role") or "")
        return {"role": role, "word": ROLE_NAMES.get(role, ""), "where": str(found["where"])}

    async def _where(self, locator: Locator) -> str:
        return (await self.describe(locator))["where"]

    async def covering(self, locator: Locator) -> dict[str, str]:
        """What sits on top of the element ({} when nothing does): its role word and name."""
        try:
            found = await locator.evaluate(_DESCRIBE_JS, "cover", timeout=1000)
        except PlaywrightError:
            return {}
        if not found:
            return {}
        return {"word": ROLE_NAMES.get(str(found["role"]), ""), "name": str(found["name"])}

    async def summary(self) -> dict[str, str]:
        """The page's main heading and what it says (an alert, else its first paragraph)."""
        try:
            found = await self.page.evaluate(_SUMMARY_JS)
        except PlaywrightError:
            return {"heading": "", "says": ""}
        return {"heading": str(found["heading"]), "says": str(found["says"])}


def _ordinal_word(n: int) -> str:
    if n == -1:
        return "last"
    words = {1: "first", 2: "second", 3: "third"}
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return words.get(n, f"{n}{suffix}")


async def _aria_snapshot(scope: Scope) -> str:
    try:
        return await scope.aria_snapshot(timeout=2000)
    except PlaywrightError:
        return ""


# --- why an action did not happen ----------------------------------------------------------

# Playwright's call log words, and the failure kind each means for a tester.
_ACTION_STATES: tuple[tuple[str, Kind], ...] = (
    ("intercepts pointer events", Kind.COVERED),
    ("element is not enabled", Kind.DISABLED),
    ("element is not editable", Kind.DISABLED),
    ("element is not visible", Kind.HIDDEN),
    ("element is not stable", Kind.COVERED),
    ("not attached", Kind.NOT_FOUND),
    ("detached", Kind.NOT_FOUND),
)
# Plain-language reasons for errors Playwright raises at once.
_REASONS: tuple[tuple[str, str], ...] = (
    ("is not an <input>", "it is not something you can type into"),
    ("not a checkbox or radio", "it is not a checkbox or radio button"),
    ("is not a <select>", "it is not a dropdown"),
    ("is not an HTMLInputElement", "it is not a file field"),
    ("non-multiple file input", "it takes only one file"),
    ("cannot be focused", "it cannot take the keyboard"),
    ("Unknown key", "that key name is unknown"),
    ("Clicking the checkbox did not change its state", "clicking it did not change it"),
    ("Timeout ", "the time for this step ran out"),
)


async def action_failure(
    finder: Finder, found: Found, error: PlaywrightError, doing: str, timeout_s: float
) -> Failure:
    """A Playwright action's error in a tester's words.

    `doing` is the verb for messages ("click", "fill"): "did not become <able> within N s".
    """
    log = error.message
    looking = found.looking
    word = looking.word if looking.word not in ("", "element") else ""
    word = word or (await finder.describe(found.locator))["word"] or "element"
    the = f'The {word} "{looking.name}"'
    kind = next((k for phrase, k in _ACTION_STATES if phrase in log), None)
    within = seconds(timeout_s)
    able = "editable" if doing in ("fill", "clear", "type into") else "clickable"
    if kind is Kind.COVERED and "intercepts" in log:
        cover = await finder.covering(found.locator)
        if cover.get("name"):
            what = f'"{cover["name"]}"' + (
                f" ({article(cover['word'])} {cover['word']})" if cover.get("word") else ""
            )
        else:
            what = "another part of the page"
        message = f"{the} is covered by {what}. Add a step to close it first."
    elif kind is Kind.COVERED:
        message = f"{the} kept moving on screen, so I could not {doing} it within {within}."
    elif kind is Kind.DISABLED:
        message = f"{the} is greyed out (disabled); it did not become {able} within {within}."
    elif kind is Kind.HIDDEN:
        message = f"{the} is there but hidden (not visible on screen) for {within}."
    elif kind is Kind.NOT_FOUND:
        message = f"{the} disappeared from the page before I could {doing} it."
    else:
        kind = Kind.NOT_FOUND
        message = f"I could not {doing} {the[0].lower()}{the[1:]}: {_reason(log)}."
    return Failure(kind, message, looking.looked_for)


def _reason(log: str) -> str:
    for phrase, reason in _REASONS:
        if phrase in log:
            return reason
    first = plain(log, "the page did not let me")
    return first[0].lower() + first[1:]
