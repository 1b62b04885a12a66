"""What one sentence means (docs/journey-language.md sections 2, 3 and 5): a `Step`, a `Run`
of another file, or the `Trouble` that keeps it from meaning anything.

The sentence comes masked (`scanner.py`); its `(options)` and `in "<region>"` are split off
(`modifiers.py`), and the rest is matched against the rules of the table of verbs
(`verbs.py`): the rule that matches says the verb, and its groups fill the step."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from cxcheck.journeys.language.durations import duration
from cxcheck.journeys.language.model import Match, State, Step
from cxcheck.journeys.language.modifiers import (
    OPTIONS_HINT,
    Options,
    split_options,
    split_region,
)
from cxcheck.journeys.language.scanner import mask
from cxcheck.journeys.language.targets import TARGET_SHAPE, named_target, target_of
from cxcheck.journeys.language.verbs import RUN, VERBS, VerbEntry


@dataclass(frozen=True)
class Include:
    """`Run "<name>"`: the other file's steps go here."""

    name: str


@dataclass(frozen=True)
class Trouble:
    """Why a sentence does not parse, beyond "I don't understand" ('' when no more to say)."""

    detail: str = ""
    words: str = ""  # the masked sentence no grammar rule matched (for a hint on its shape)


def understand(core: str) -> Step | Include | Trouble:
    """What a sentence (no prefix, straight quotes) means, or why it means nothing."""
    if core.count('"') % 2:
        return Trouble()
    masked = mask(core)
    words, options = split_options(masked.words)
    if options is None:
        return Trouble(OPTIONS_HINT)
    words, region = split_region(words, masked.quoted)
    for pattern, entry in _GRAMMAR:
        m = pattern.fullmatch(words)
        built = _build(entry, m, masked.quoted, region) if m else None
        if built is not None:
            return _finish(built, entry, options)
    return Trouble(words=words)


def _build(
    entry: VerbEntry | None, m: re.Match[str], quoted: tuple[str, ...], region: str
) -> Step | Include | None:
    """The step a rule's match stands for; None when its words turn out to mean nothing."""
    groups = m.groupdict()
    value = quoted[int(groups["q"])] if groups.get("q") else ""
    if entry is None:
        return Include(value)
    target = target_of(groups["t"], quoted) if groups.get("t") else None
    if "t" in groups and target is None:
        # The rule's target was left out: a lone `in "..."` names it (`Press "Enter" in
        # "Search"`), and is no region.
        target, region = (named_target(region) if region else None), ""
        if target is None and not entry.target_optional:
            return None
    if groups.get("d") is not None:
        seconds = duration(groups["d"])
        if not seconds:
            return None
        value = f"{seconds:g}"
    if groups.get("var") is not None:
        value = " ".join(groups["var"].split())
        if not re.fullmatch(r"[A-Za-z_][\w .-]*", value):
            return None
    count = int(groups["n"]) if groups.get("n") else None
    if count is not None and target is not None and target.ordinal:
        return None  # `Expect 3 "x" buttons` counts them all: an ordinal picks one
    return Step(
        file="",
        line=0,
        text="",
        verb=entry.verb,
        target=target,
        value=value,
        region=region,
        match=Match(groups["m"].lower()) if groups.get("m") else None,
        state=State(groups["s"].lower()) if groups.get("s") else None,
        count=count,
    )


def _finish(
    built: Step | Include, entry: VerbEntry | None, options: Options
) -> Step | Include | Trouble:
    if isinstance(built, Include):
        if options != Options():
            return Trouble("Run takes no options: it runs the other file's steps as written.")
        return built
    if (built.target and not built.target.name.strip()) or (
        entry is not None and entry.text_required and not built.value.strip()
    ):
        return Trouble('There are no words between a pair of quote marks "".')
    return replace(
        built,
        within_s=options.within_s,
        up_to_s=options.up_to_s,
        exact=options.exact,
        optional=options.optional,
    )


_PLACES = {
    "<Q>": r'"(?P<q>\d+)"',
    "<T>": f"(?P<t>{TARGET_SHAPE})",
    "<S>": "(?P<s>" + "|".join(s.value for s in State) + ")",
}


def _compile(rule: str) -> re.Pattern[str]:
    for place, pattern in _PLACES.items():
        rule = rule.replace(place, pattern)
    return re.compile(rule, re.I)


# Every rule of the table, with the verb it stands for (None: `Run`).
_GRAMMAR: tuple[tuple[re.Pattern[str], VerbEntry | None], ...] = (
    *((_compile(rule), entry) for entry in VERBS for form in entry.forms for rule in form.rules),
    *((_compile(rule), None) for rule in RUN.rules),
)
