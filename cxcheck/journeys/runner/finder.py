"""Find the one element a step names, the way a person sees the page (docs/journey-language.md
section 3), and say in plain words what is there instead when it cannot be found (section 7).

Resolution goes tier by tier (per verb family); the first tier with at least one *visible*
match wins, and two matches there are an ambiguity the tester resolves with a role word, an
ordinal or a region: never "take the first", never a "similar" element (no self-healing).
Failures are `Failure`s whose message a tester reads: never "locator", "selector", "strict
mode", "TimeoutError" or a stack trace.

This module holds the `Finder`; the tiers are in `tiers.py`, the parts of the page `in "..."`
names in `regions.py`, the not-found and ambiguous messages in `messages.py`, the rewrites a
"Did you mean" may offer in `rewrites.py`, and the scripts it runs in the page in
`describe.js` and `summary.js`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, replace

from playwright.async_api import ElementHandle, Locator, Page
from playwright.async_api import Error as PlaywrightError

from cxcheck.journeys.language.grammar import understand
from cxcheck.journeys.language.model import Step, Target
from cxcheck.journeys.language.roles import ROLE_NAMES, Family, family_for_role
from cxcheck.journeys.language.targets import plural
from cxcheck.journeys.page_scripts import page_script
from cxcheck.journeys.runner.aria import parse_aria_snapshot
from cxcheck.journeys.runner.failure import Failure
from cxcheck.journeys.runner.messages import (
    Match,
    PageSummary,
    ambiguous_message,
    not_found_message,
)
from cxcheck.journeys.runner.phrases import (
    article,
    in_where,
    place_phrase,
    where_phrase,
)
from cxcheck.journeys.runner.regions import (
    Parts,
    named_parts,
    next_to_text,
    region_ambiguous,
    region_missing,
)
from cxcheck.journeys.runner.rewrites import Spot, proposals
from cxcheck.journeys.runner.search import Deadline, Found, Looking, looking_for
from cxcheck.journeys.runner.tiers import Scope, first_visible, tiers_for
from cxcheck.report.model import FailureKind as Kind

POLL_S = 0.1  # how often a tier is looked at again while the page may still be changing


_DESCRIBE_JS = page_script("cxcheck.journeys.runner", "describe")
_SUMMARY_JS = page_script("cxcheck.journeys.runner", "summary")


@dataclass(frozen=True)
class _Seen:
    """One look for a target: the visible matches of the tier that won (`matches[i]` is the
    i-th), where they were looked for, and the parts of the page the region named."""

    matches: tuple[Locator, ...]
    count: int
    scope: Scope
    parts: Parts | None = None  # None: the step has no region
    beside: tuple[str, ...] = ()  # for matches found next to the region's words: those words

    def at(self, position: int) -> Locator:
        """The match at a 0-based position."""
        return self.matches[position]


@dataclass
class Finder:
    """Looks for targets on one page, with the step's words at hand for messages."""

    page: Page
    sentence: str = ""  # the step as typed, for "Did you mean" rewrites
    raw_name: str = ""  # the target's name as typed, before variables were filled in
    suggest: bool = True  # False while a rewrite is tried: no waiting, no suggestions

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
        query = _Query(target, name, family, visible_only, exact)
        while True:
            seen = await self._look(query, region)
            if seen.count or deadline.passed:
                break
            await asyncio.sleep(POLL_S)
        if not seen.count:
            raise await self._nothing(query, looking, seen, region)
        if target.ordinal:
            position = target.ordinal - 1 if target.ordinal > 0 else seen.count - 1
            if position >= seen.count:
                raise _no_such_ordinal(looking, target.ordinal, seen.count)
            return Found(seen.at(position), looking)
        if seen.count > 1:
            raise await self.ambiguous(looking, seen, query, region)
        return Found(seen.at(0), looking)

    async def _look(self, query: _Query, region: str) -> _Seen:
        if not region:
            return await self._in(self.page, query)
        parts = await named_parts(self.page, region)
        inside = None
        if parts.one is not None:
            inside = replace(await self._in(parts.one, query), parts=parts)
            if inside.count == 1 or (inside.count and query.target.ordinal):
                return inside
        near = await next_to_text(self._tiers(self.page, query), region, query.visible_only)
        if near is not None:
            picked = tuple(near.matches.nth(i) for i in near.picked)
            return _Seen(picked, len(picked), self.page, parts, near.labels)
        return inside or _Seen((), 0, self.page, parts)

    async def _in(self, scope: Scope, query: _Query) -> _Seen:
        tiers = self._tiers(scope, query)
        index, count = await first_visible(tiers, query.visible_only)
        if not count:
            return _Seen((), 0, scope)
        matches = tiers[index].filter(visible=True) if query.visible_only else tiers[index]
        return _Seen(tuple(matches.nth(i) for i in range(count)), count, scope)

    def _tiers(self, scope: Scope, query: _Query, hidden: bool = False) -> list[Locator]:
        q = query
        return tiers_for(self.page, scope, q.target, q.name, q.family, q.exact, hidden=hidden)

    async def _nothing(self, query: _Query, looking: Looking, seen: _Seen, region: str) -> Failure:
        """Why a look found nothing: the region is not there (or not one), or the target."""
        parts = seen.parts
        if parts is not None and parts.count == 0:
            return await region_missing(self.page, region, await self.place())
        if parts is not None and parts.count > 1 and parts.matches is not None:
            shown = [parts.matches.nth(i) for i in range(min(parts.count, 5))]
            wheres = [in_where((await self.describe(part))["where"]) for part in shown]
            return region_ambiguous(region, parts.count, wheres)
        everything = self._tiers(seen.scope, query, hidden=True)
        return await self.not_found(looking, seen.scope, everything, region)

    async def region(self, name: str, deadline: Deadline) -> Locator:
        """The one part of the page called `name` (for steps that look for text in it)."""
        while True:
            parts = await named_parts(self.page, name)
            if parts.count or deadline.passed:
                break
            await asyncio.sleep(POLL_S)
        if parts.one is not None:
            return parts.one
        if not parts.count or parts.matches is None:
            raise await region_missing(self.page, name, await self.place())
        shown = [parts.matches.nth(i) for i in range(min(parts.count, 5))]
        wheres = [in_where((await self.describe(part))["where"]) for part in shown]
        raise region_ambiguous(name, parts.count, wheres)

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
        the page has instead, with a rewrite that was tried and works."""
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
        nodes = parse_aria_snapshot(await _aria_snapshot(scope))
        said = not_found_message(
            looking, await self.place(region), nodes, self.sentence, self.raw_name, region
        )
        lines = list(said.lines)
        for offer in said.offers if self.suggest else ():
            working = await self.first_working(offer.rewrites, looking.family, looking.name)
            if working:
                lines[offer.line] += f" Did you mean: {working}?"
                break
        return Failure(Kind.NOT_FOUND, "\n".join(lines), looking.looked_for, said.candidates)

    async def ambiguous(self, looking: Looking, seen: _Seen, query: _Query, region: str) -> Failure:
        """Several equally good matches: where each is, and for each a rewrite of the step
        that was tried on this page and picks it alone."""
        shown = seen.matches[:5]
        described = [await self.describe(match) for match in shown]
        matches = []
        for position, (match, d) in enumerate(zip(shown, described, strict=True), 1):
            if seen.beside:  # found next to the region's words: those words say where
                d = {**d, "where": "", "heading": "", "region": seen.beside[position - 1]}
            rewrite = ""
            if self.suggest:
                spot = Spot(d["role"], d["region"], d["heading"], position, seen.count)
                tries = proposals(
                    self.sentence,
                    self.raw_name,
                    spot,
                    role_word_given=bool(query.target.role),
                    has_region=bool(region),
                )
                rewrite = await self.first_working(tries, query.family, looking.name, match)
            where = where_phrase(d["where"], d["heading"])
            if seen.beside:
                where = f'next to "{d["region"]}"'
            matches.append(Match(d["word"], where, rewrite))
        message = ambiguous_message(looking, matches, seen.count)
        candidates = [
            {"role": d["word"], "name": looking.name, "where": d["where"] or d["heading"]}
            for d in described
        ]
        return Failure(Kind.AMBIGUOUS, message, looking.looked_for, candidates)

    async def first_working(
        self,
        rewrites: Sequence[str],
        family: Family,
        name: str,
        element: Locator | None = None,
    ) -> str:
        """The first rewrite that `journey check` accepts and that finds exactly one element
        on this page (`element` itself, when given); '' when none does. `name` is the
        target's name with its variables filled in."""
        handle = None
        if element is not None:
            try:
                handle = await element.element_handle(timeout=1000)
            except PlaywrightError:
                return ""
        for rewrite in rewrites:
            if await self._works(rewrite, family, name, handle):
                return rewrite
        return ""

    async def _works(
        self, rewrite: str, family: Family, name: str, handle: ElementHandle | None
    ) -> bool:
        step = understand(rewrite)
        if not isinstance(step, Step) or step.target is None:
            return False
        if "{" in step.region or (step.target.name != self.raw_name and "{" in step.target.name):
            return False
        name = name if step.target.name == self.raw_name else step.target.name
        probe = Finder(self.page, suggest=False)
        kind = family_for_role(step.target.role, family)
        try:
            found = await probe.element(
                step.target, name, kind, Deadline(0.0), step.region, exact=step.exact
            )
        except Failure:
            return False
        if handle is None:
            return True
        same = await found.locator.evaluate("(e, wanted) => e === wanted", handle)
        return bool(same)

    async def describe(self, locator: Locator) -> dict[str, str]:
        """The element's role (ARIA and in words), where it is, a name `in "..."` can use
        for that place, and the nearest heading before it."""
        try:
            found = await locator.evaluate(_DESCRIBE_JS, "describe", timeout=1000)
        except PlaywrightError:
            return {"word": "", "where": "", "role": "", "region": "", "heading": ""}
        role = str(found.get("role") or "")
        return {
            "role": role,
            "word": ROLE_NAMES.get(role, ""),
            "where": str(found["where"]),
            "region": str(found["region"]),
            "heading": str(found["heading"]),
        }

    async def covering(self, locator: Locator) -> dict[str, str]:
        """What sits on top of the element ({} when nothing does): its role word and name."""
        try:
            found = await locator.evaluate(_DESCRIBE_JS, "cover", timeout=1000)
        except PlaywrightError:
            return {}
        if not found:
            return {}
        return {"word": ROLE_NAMES.get(str(found["role"]), ""), "name": str(found["name"])}

    async def summary(self) -> PageSummary:
        """What the page says: its headings, alerts and messages, and its short texts."""
        try:
            found = await self.page.evaluate(_SUMMARY_JS)
        except PlaywrightError:
            return PageSummary()
        return PageSummary.of(found)


@dataclass(frozen=True)
class _Query:
    """What one step looks for."""

    target: Target
    name: str
    family: Family
    visible_only: bool
    exact: bool


def _no_such_ordinal(looking: Looking, ordinal: int, count: int) -> Failure:
    word = looking.word or "thing"
    there = f"is only 1 {word}" if count == 1 else f"are only {count} {plural(word)}"
    message = f'There {there} called "{looking.name}", so there is no {_ordinal_word(ordinal)} one.'
    return Failure(Kind.NOT_FOUND, message, looking.looked_for)


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
