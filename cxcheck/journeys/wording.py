"""The section-7 messages for a target that is not there or is there more than once, with
the names nearest the one looked for ranked as candidates."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from cxcheck.journeys.aria import AriaNode, unique
from cxcheck.journeys.looking import Looking
from cxcheck.journeys.roles import (
    CHECK_ROLES,
    CLICKABLE,
    FAMILY_ROLES,
    FIELD_ROLES,
    SELECT_ROLES,
    SUGGEST_WORDS,
)
from cxcheck.journeys.words import article, in_where, plural, rephrase

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


def not_found_message(
    looking: Looking,
    place: str,
    nodes: Sequence[AriaNode],
    sentence: str,
    raw_name: str,
    region: str = "",
) -> tuple[str, list[dict[str, str]]]:
    """The section-7 message for a target that is not there, and the candidates it names."""
    lines = [f"I could not find {looking.phrase()} {place}."]
    same = unique([n for n in nodes if n.role in looking.roles and n.name])
    lines.append(_listing(looking, same, region))
    near = closest(looking.name, nodes, looking.roles)
    if near:
        label = "Closest match" if len(near) == 1 else "Closest matches"
        lines.append(f"{label}: " + ", ".join(_with_role(n) for n in near) + ".")
    others = [
        n
        for n in unique(nodes)
        if n.name.casefold().strip() == looking.name.casefold().strip()
        and n.role not in looking.roles
        and n.role in _INTERESTING
    ]
    if others:
        lines.append(_also_here(others, looking, sentence, raw_name))
    candidates = [n.candidate() for n in unique(same[:20] + near)]
    return "\n".join(line for line in lines if line), candidates


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


def _also_here(others: Sequence[AriaNode], looking: Looking, sentence: str, raw_name: str) -> str:
    first = others[0]
    where = in_where(first.where)
    text = f'Also here: {article(first.word)} {first.word} called "{first.name}"'
    text += f" {where}." if where else "."
    allowed = FAMILY_ROLES[looking.family] or CLICKABLE
    if first.role in allowed and first.role in SUGGEST_WORDS:
        suggestion = rephrase(sentence, raw_name, role_word=SUGGEST_WORDS[first.role])
        text += f" Did you mean: {suggestion}?"
    return text


def ambiguous_message(
    looking: Looking, wheres: Sequence[str], match_word: str, sentence: str, raw_name: str
) -> str:
    """'There are 2 buttons called "Add to cart": in "A" and in "B". Say which: ...'"""
    word = looking.word if looking.word not in ("", "element") else match_word
    things = plural(word) if word else "things"
    count = len(wheres)
    places = [in_where(w) for w in wheres if w]
    first = rephrase(sentence, raw_name, ordinal="first")
    if places and len(set(places)) == len(places):
        listed = ", ".join(places[:-1]) + " and " + places[-1] if len(places) > 1 else places[0]
        head = f'There are {count} {things} called "{looking.name}": {listed}.'
        return f"{head} Say which: {first}, or add {places[0]}."
    return f'There are {count} {things} called "{looking.name}" on this page. Say which: {first}.'
