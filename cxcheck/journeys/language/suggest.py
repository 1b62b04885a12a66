"""What to say about a sentence that does not parse (docs/journey-language.md section 7): how
its verb is written, and "Did you mean" corrections (typos in the verb words, words out of
order, quote marks left out, a misspelt option) that are only offered when they themselves
parse. Every word it knows comes from the table of verbs (`verbs.py`) and the modifiers."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator

from cxcheck.journeys.language.grammar import Trouble, understand
from cxcheck.journeys.language.model import ParseProblem, Step
from cxcheck.journeys.language.modifiers import (
    MODIFIERS,
    OPTION_PATTERNS,
    Options,
    split_options,
    with_option,
)
from cxcheck.journeys.language.scanner import Line, mask, split_prefix
from cxcheck.journeys.language.targets import ORDINAL_WORDS, ROLE_OF
from cxcheck.journeys.language.verbs import RUN, STEPS, VERBS, Verb, openings
from cxcheck.journeys.language.verbs import opening as opening_of


def keywords() -> frozenset[str]:
    """Every fixed word of the language (lower case): the words a tester does not quote."""
    fixed = " ".join(
        re.sub(r'"[^"]*"|<[^>]*>|\{[^}]*\}', " ", s.pattern) for s in (*STEPS, *MODIFIERS)
    )
    words = re.findall(r"[a-z]+(?:-[a-z]+)?", f"{fixed} {' '.join(ROLE_OF)}".lower())
    return frozenset([*words, *ORDINAL_WORDS])


_STEP_OPENINGS = openings()
_KEYWORDS = keywords() | {"on", "in", "into", "over", "key"}
_TARGET_WORDS = frozenset(["the", *ORDINAL_WORDS])
_GENERAL_HINT = "Each step starts with a word such as Open, Click, Fill, Select, Press or Expect."


def _shape_hint(words: str, verb: Verb | None = None) -> str:
    """For a known verb in an unknown shape: how that verb is written, from the table of verbs
    (the form closest in shape, or the form of `verb` when the intended verb is known)."""
    first = words.split(" ", 1)[0].lower()
    entries = [e for e in _ENTRY_SHAPES if e[0] == first and (verb is None or e[3] is verb)]
    if not entries:
        return ""
    shape = _shape(words)
    best = max(entries, key=lambda e: difflib.SequenceMatcher(None, shape, e[1]).ratio())[2]
    return f"Write it like this: {best.pattern}, for example: {best.example}."


def _shape(words: str) -> list[str]:
    """Word classes for comparing sentence shapes: keywords as themselves, the rest by kind."""
    kinds = {'"': "TEXT", "{": "NAME"}
    return [
        kinds.get(w[0], "NUMBER" if w[0].isdigit() else w.lower()) for w in words.lower().split()
    ]


# (first word, shape of the example, sentence, verb) for every way to write a step (None: Run).
_ENTRY_SHAPES = tuple(
    (opening_of(s.pattern).split()[0].lower(), _shape(mask(s.example).words), s, verb)
    for verb, s in [*((e.verb, s) for e in VERBS for s in e.forms), (None, RUN)]
)


def not_understood(line: Line, prefix: str, core: str, trouble: Trouble) -> ParseProblem:
    """The problem for a sentence that does not parse, with a correction if one is found."""
    suggestion = _suggest(core)
    detail = trouble.detail or _shape_hint(trouble.words)
    if suggestion and detail and not trouble.detail:
        # The corrected sentence shows which form the tester was after ('Press Enter' is a
        # key press, not a button), so explain that form.
        meant = understand(suggestion)
        verb = meant.verb if isinstance(meant, Step) else None
        detail = _shape_hint(split_options(mask(suggestion).words)[0], verb)
    detail = detail or ("" if suggestion else _GENERAL_HINT)
    message = f"I don't understand '{line.text}'." + (f" {detail}" if detail else "")
    return line.problem(message, prefix + suggestion if suggestion else "")


def unbalanced(line: Line) -> ParseProblem:
    """The problem for a line whose quote marks do not pair up."""
    message = (
        "The quote marks on this line do not pair up: "
        "every text in quotes needs a quote mark before it and after it."
    )
    prefix, core = split_prefix(line.normal)
    words, _, options = core.partition(" (") if core.endswith(")") else (core, "", "")
    tries = [f'{words}" ({options}' if options else "", f'{core}"']
    fixed = next((t for t in tries if t and not isinstance(understand(t), Trouble)), "")
    return line.problem(message, prefix + fixed if fixed else "")


def _suggest(core: str) -> str:
    """A corrected sentence that parses (typos in the verb words, words out of order, quote
    marks left out, a misspelt option), or '' when none is found."""
    m = re.fullmatch(r'(.*?)((?: ?\([^()"]*\))+)', core.strip())
    sentence, options = (m[1], _fix_options(m[2])) if m else (core, "")
    tokens = re.findall(r'"[^"]*"|[^\s"]+', sentence)
    tried = {core.strip()}
    for candidate in _candidates(tokens):
        text = " ".join(candidate) + options
        if text not in tried and not isinstance(understand(text), Trouble):
            return text
        tried.add(text)
    return ""


def _candidates(tokens: list[str]) -> Iterator[list[str]]:
    # Mending the verb words comes first: quoting words of a misspelt verb ('Expect the
    # titel to be') could make a sentence that parses but means something else.
    bases = [tokens, *_verb_fixes(tokens), *_reorders(tokens), *_word_fixes(tokens)]
    yield from bases
    for base in bases:
        yield from _quote_fixes(base)


def _verb_fixes(tokens: list[str]) -> Iterator[list[str]]:
    """The leading words swapped for the closest ways a step can start: 'Klick' -> 'Click',
    'Expect to not see' -> 'Expect not to see', 'Scroll' -> 'Scroll to'. A fix never drops
    a word the tester wrote ('not' matters)."""
    lead = []
    for token in tokens:
        if token[0] in '"{(' or token[0].isdigit():
            break
        lead.append(token.lower())
    for k in range(len(lead), 0, -1):
        for opening in _mended_openings(lead[:k]):
            yield [opening, *tokens[k:]]


def _mended_openings(words: list[str]) -> list[str]:
    """Openings the words were probably meant as: a typo in the same number of words, the
    same letters spaced differently ('goto'), or the words with some left out ('scroll')."""
    phrase = " ".join(words)
    by_lower = {o.lower(): o for o in _STEP_OPENINGS}
    same_count = [o for o in by_lower if len(o.split()) == len(words)]
    found = difflib.get_close_matches(phrase, same_count, n=3, cutoff=0.6)
    found += [o for o in by_lower if o.replace(" ", "") == phrase.replace(" ", "")]
    if phrase not in by_lower:
        found += [o for o in by_lower if len(o.split()) > len(words) and _in_order(words, o)]
    return [by_lower[o] for o in dict.fromkeys(found) if o != phrase]


def _in_order(words: list[str], opening: str) -> bool:
    """Whether `words` appear in `opening` in the same order (others may sit between)."""
    rest = iter(opening.split())
    return all(word in rest for word in words)


def _reorders(tokens: list[str]) -> Iterator[list[str]]:
    """The opening words moved to the front ('"Checkout" click' -> 'click "Checkout"')."""
    plain = Counter(t.lower() for t in tokens if not t.startswith('"'))
    for opening in _STEP_OPENINGS:
        words = opening.lower().split()
        if [t.lower() for t in tokens[: len(words)]] == words or Counter(words) - plain:
            continue
        rest = list(tokens)
        for word in words:
            rest.pop(next(i for i, t in enumerate(rest) if t.lower() == word))
        yield [opening, *rest]


def _word_fixes(tokens: list[str]) -> Iterator[list[str]]:
    """One misspelt fixed word put right ('wiht' -> 'with', 'ticked' -> 'checked')."""
    for i, token in enumerate(tokens):
        if i and token.isalpha() and token.lower() not in _KEYWORDS:
            for close in difflib.get_close_matches(token.lower(), _KEYWORDS, n=2, cutoff=0.6):
                yield [*tokens[:i], close, *tokens[i + 1 :]]


def _quote_fixes(tokens: list[str]) -> Iterator[list[str]]:
    """Quote marks put around the words a tester meant as text ('Click Checkout' ->
    'Click "Checkout"')."""
    start = _opening_length(tokens)
    head, rest = tokens[:start], tokens[start:]
    if not rest or all(t.startswith('"') for t in rest):
        return
    yield head + _quote_runs(rest, braces=True)
    yield head + _quote_runs(rest, braces=False)
    inner = list(rest)
    lead = []
    while inner and (inner[0].lower() in _TARGET_WORDS or inner[0].isdigit()):
        lead.append(inner.pop(0))
    tail = [inner.pop()] if inner and inner[-1].lower() in ROLE_OF else []
    if inner and not any(t.startswith('"') for t in inner):
        yield [*head, *lead, '"' + " ".join(inner) + '"', *tail]


def _opening_length(tokens: list[str]) -> int:
    lower = [t.lower() for t in tokens]
    for opening in _STEP_OPENINGS:
        words = opening.lower().split()
        if lower[: len(words)] == words:
            return len(words)
    return 1


def _quote_runs(tokens: list[str], *, braces: bool) -> list[str]:
    """Each run of words that are not keywords, in quotes."""
    out: list[str] = []
    run: list[str] = []
    for token in tokens:
        plain = not token.startswith('"') and token.lower() not in _KEYWORDS
        if plain and (braces or not re.search(r"[{}]", token)):
            run.append(token)
            continue
        if run:
            out.append('"' + " ".join(run) + '"')
            run = []
        out.append(token)
    if run:
        out.append('"' + " ".join(run) + '"')
    return out


# 'within', 'up to', 'exactly', 'optional', as the modifiers write them.
_OPTION_OPENINGS = [re.split(r" <|\)", p[1:])[0] for p in OPTION_PATTERNS if p[0] == "("]


def _fix_options(groups: str) -> str:
    """' (withn 3 seconds)' -> ' (within 3 seconds)': each option's words put right."""
    fixed = [_fix_option(" ".join(p.split())) for p in re.findall(r"[^(),]+", groups)]
    return f" ({', '.join(p for p in fixed if p)})"


def _fix_option(part: str) -> str:
    if with_option(part.lower(), Options()) is not None:
        return part
    words = part.split()
    for k in (2, 1):
        close = difflib.get_close_matches(" ".join(words[:k]).lower(), _OPTION_OPENINGS, n=1)
        if close:
            candidate = " ".join([close[0], *words[k:]])
            if re.fullmatch(r"(within|up to) \d+(?:\.\d+)?", candidate):
                candidate += " seconds"
            if with_option(candidate, Options()) is not None:
                return candidate
    return part
