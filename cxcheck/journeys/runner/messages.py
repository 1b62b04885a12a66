"""The section-7 messages for a target that is not there or is there more than once, with
the names nearest the one looked for ranked as candidates."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cxcheck.journeys.language.roles import (
    CHECK_ROLES,
    CLICKABLE,
    FAMILY_ROLES,
    FIELD_ROLES,
    SELECT_ROLES,
)
from cxcheck.journeys.language.targets import plural
from cxcheck.journeys.runner.aria import AriaNode, unique
from cxcheck.journeys.runner.phrases import article, in_where
from cxcheck.journeys.runner.rewrites import other_name
from cxcheck.journeys.runner.search import Looking

MAX_LISTED = 10  # candidate names in the "Buttons on this page" line
MAX_CLOSEST = 5

_INTERESTING = frozenset(
    CLICKABLE + FIELD_ROLES + SELECT_ROLES + CHECK_ROLES + ("heading", "img", "dialog")
)


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def similarity(wanted: str, name: str) -> float:
    """How alike two names are, 0..1: character similarity or shared words, whichever is more."""
    a, b = wanted.casefold().strip(), name.casefold().strip()
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    wa, wb = _tokens(a), _tokens(b)
    overlap = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
    contained = 0.7 if a and b and (a in b or b in a) else 0.0
    return max(ratio, overlap, contained)


def closest(name: str, nodes: Sequence[AriaNode], roles: Sequence[str] = ()) -> list[AriaNode]:
    """Up to 5 nodes whose names are nearest `name` (same-role ones win ties); exact excluded."""
    seen: set[tuple[str, str]] = set()
    scored: list[tuple[float, int, AriaNode]] = []
    for i, node in enumerate(nodes):
        key = (node.role, node.name)
        if not node.name or node.role not in _INTERESTING or key in seen:
            continue
        seen.add(key)
        if node.name.casefold().strip() == name.casefold().strip():
            continue
        score = similarity(name, node.name) + (0.05 if node.role in roles else 0.0)
        if score >= 0.6:
            scored.append((score, -i, node))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [node for _, _, node in scored[:MAX_CLOSEST]]


@dataclass(frozen=True)
class Offer:
    """Rewrites a message may end a line with ("Did you mean: ...?"), once one is tried on
    the page and works: `line` is the index of the message line it belongs to."""

    line: int
    rewrites: tuple[str, ...]


@dataclass(frozen=True)
class NotFound:
    """The section-7 message for a target that is not there, before its suggestion."""

    lines: tuple[str, ...]
    candidates: tuple[dict[str, str], ...]
    offers: tuple[Offer, ...]  # most telling first; the first that works is shown


def not_found_message(
    looking: Looking,
    place: str,
    nodes: Sequence[AriaNode],
    sentence: str,
    raw_name: str,
    region: str = "",
) -> NotFound:
    """What to say when a target is not there: what is there instead, and the rewrites a
    suggestion may be made of (the same name on another kind of thing, the closest name)."""
    lines = [f"I could not find {looking.phrase()} {place}."]
    same = unique([n for n in nodes if n.role in looking.roles and n.name])
    lines.append(_listing(looking, same, region))
    offers: list[Offer] = []
    others = [
        n
        for n in unique(nodes)
        if n.name.casefold().strip() == looking.name.casefold().strip()
        and n.role not in looking.roles
        and n.role in _INTERESTING
    ]
    allowed = FAMILY_ROLES[looking.family] or CLICKABLE
    near = closest(looking.name, nodes, looking.roles)
    if near:
        label = "Closest match" if len(near) == 1 else "Closest matches"
        lines.append(f"{label}: " + ", ".join(_with_role(n) for n in near) + ".")
    if others:
        lines.append(_also_here(others[:3]))
        roles = dict.fromkeys(n.role for n in others if n.role in allowed)
        rewrites = [r for role in roles for r in other_name(sentence, raw_name, raw_name, role)]
        if rewrites:
            offers.append(Offer(len(lines) - 1, tuple(rewrites)))
    for node in near[:2]:
        if node.role in allowed or not looking.roles:
            offers.append(Offer(2, tuple(other_name(sentence, raw_name, node.name, node.role))))
    candidates = tuple(n.candidate() for n in unique(same[:20] + near))
    kept = [(i, line) for i, line in enumerate(lines) if line]
    renumber = {old: new for new, (old, _) in enumerate(kept)}
    offers = [Offer(renumber[o.line], o.rewrites) for o in offers if o.line in renumber]
    return NotFound(tuple(line for _, line in kept), candidates, tuple(offers))


def _listing(looking: Looking, same: Sequence[AriaNode], region: str) -> str:
    where = in_where(region) if region else "on this page"
    if looking.word and looking.word != "element":
        heading = plural(looking.word).capitalize()
        shown = [f'"{n.name}"' + (" (disabled)" if n.disabled else "") for n in same]
    else:
        heading = "Things to click"
        shown = [f'"{n.name}" ({n.word}{", disabled" if n.disabled else ""})' for n in same]
    if not looking.roles:
        return ""
    if not shown:
        return f"There are no {heading.lower()} {where}."
    more = f" and {len(shown) - MAX_LISTED} more" if len(shown) > MAX_LISTED else ""
    return f"{heading} {where}: " + ", ".join(shown[:MAX_LISTED]) + more + "."


def _with_role(node: AriaNode) -> str:
    where = in_where(node.where)
    details = ", ".join(d for d in (node.word, where, "disabled" if node.disabled else "") if d)
    return f'"{node.name}" ({details})'


def _also_here(others: Sequence[AriaNode]) -> str:
    said = []
    for other in others:
        where = in_where(other.where)
        said.append(f'{article(other.word)} {other.word} called "{other.name}"')
        said[-1] += f" {where}" if where else ""
    return "Also here: " + ", ".join(said) + "."


@dataclass(frozen=True)
class Match:
    """One of several equal matches: its role in words, where it is for people, and a
    rewrite of the step that was tried and picks it alone ('' when none did)."""

    word: str
    where: str  # 'in "Socks"', 'in the navigation', 'under the heading "Sign in"' or ''
    rewrite: str = ""


def ambiguous_message(looking: Looking, matches: Sequence[Match], count: int) -> str:
    """'There are 2 buttons called "Add to cart": in "A" and in "B". Say which: ...'"""
    given = looking.word if looking.word not in ("", "element") else ""
    kinds = {m.word for m in matches}
    word = given or (next(iter(kinds)) if len(kinds) == 1 else "")
    things = plural(word) if word else "things"
    mixed = not given and len(kinds) > 1  # say what each one is: "a link in the navigation"
    places = [_place(m, mixed) for m in matches]
    head = f'There are {count} {things} called "{looking.name}"'
    if all(places) and len(set(places)) == len(places):
        listed = ", ".join(places[:-1]) + " and " + places[-1] if len(places) > 1 else places[0]
        more = f" (the first {len(matches)} shown)" if count > len(matches) else ""
        head += f": {listed}{more}."
    else:
        head += " on this page."
    rewrites = list(dict.fromkeys(m.rewrite for m in matches if m.rewrite))
    if rewrites:
        return f"{head} Say which: " + ", or ".join(rewrites) + "."
    return (
        f"{head} Say which one: add a role word (button, link), first or second, "
        'or in "<part of the page>".'
    )


def _place(match: Match, with_word: bool) -> str:
    what = f"{article(match.word)} {match.word}" if with_word and match.word else ""
    return " ".join(part for part in (what, match.where) if part)


@dataclass(frozen=True)
class PageSummary:
    """What a page says, as `summary.js` reads it: its headings, the messages it shows
    (alerts, errors, notices), its first paragraph, and its short texts."""

    headings: tuple[str, ...] = ()
    alerts: tuple[str, ...] = ()
    says: str = ""  # the first paragraph of plain text
    texts: tuple[str, ...] = ()

    @classmethod
    def of(cls, found: Mapping[str, Any]) -> PageSummary:
        """From what `summary.js` returns."""
        return cls(
            tuple(str(h) for h in found.get("headings", [])),
            tuple(str(a) for a in found.get("alerts", [])),
            str(found.get("says", "")),
            tuple(str(t) for t in found.get("texts", [])),
        )

    def closest_text(self, wanted: str) -> str:
        """The page's text nearest `wanted` ('' when none is near)."""
        folded = wanted.casefold().strip()
        scored = [
            (similarity(wanted, text), -len(text), text)
            for text in self.texts
            if text.casefold().strip() != folded
        ]
        best = max(scored, default=(0.0, 0, ""))
        return best[2] if best[0] >= 0.6 else ""


def not_seen_message(lead: str, wanted: str, summary: PageSummary) -> str:
    """A text that did not show: `lead` ('Expected to see "x" on "T" (/p) but did not.'),
    then what the page has instead: its heading(s), the messages it shows (else its first
    paragraph), and the text closest to the one wanted."""
    details = []
    headings = list(summary.headings[:3])
    if len(headings) == 1:
        details.append(f'The page heading is "{headings[0]}"')
    elif headings:
        listed = ", ".join(f'"{h}"' for h in headings[:-1]) + f' and "{headings[-1]}"'
        details.append(f"The page headings are {listed}")
    said = [a for a in summary.alerts if a not in headings] or (
        [summary.says] if summary.says and summary.says not in headings else []
    )
    if said:
        says = "the page says: " + "; ".join(f'"{a.rstrip(".")}"' for a in said[:2])
        details.append(says if details else says[0].upper() + says[1:])
    lines = [lead + (" " + "; ".join(details) + "." if details else "")]
    near = summary.closest_text(wanted)
    if near and not any(near in shown for shown in (*headings, *said)):
        lines.append(f'Closest text on the page: "{near}".')
    return "\n".join(lines)
