"""What one sentence means (journey-language.md sections 2, 3 and 5): a `Step`, a `Run` of another
file, or the `Trouble` that keeps it from meaning anything. The sentence comes masked
(`lines.py`); its `(options)` and `in "<region>"` are split off, and the rest is matched
against `_GRAMMAR`, one rule per way of writing a step."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from cxcheck.journeys import vocabulary
from cxcheck.journeys.durations import duration
from cxcheck.journeys.lines import mask
from cxcheck.journeys.model import Match, State, Step, Target, Verb


@dataclass(frozen=True)
class Include:
    """`Run "<name>"`: the other file's steps go here."""

    name: str


@dataclass(frozen=True)
class Trouble:
    """Why a sentence does not parse, beyond "I don't understand" ('' when no more to say)."""

    detail: str = ""
    words: str = ""  # the masked sentence no grammar rule matched (for a hint on its shape)


@dataclass(frozen=True)
class _Parts:
    """What a grammar rule's builder reads besides its match."""

    quoted: tuple[str, ...]
    region: str

    def q(self, m: re.Match[str], group: str = "q") -> str:
        """The quoted text a `"<n>"` group stands for ('' when the group is absent)."""
        return self.quoted[int(m[group])] if m[group] else ""

    def target(self, m: re.Match[str]) -> Target:
        """The target the `t` group describes."""
        return _target(m["t"], self.quoted)


@dataclass(frozen=True)
class Options:
    """What a step's `(...)` asks for."""

    within_s: float | None = None
    up_to_s: float | None = None
    exact: bool = False
    optional: bool = False


def understand(core: str) -> Step | Include | Trouble:
    """What a sentence (no prefix, straight quotes) means, or why it means nothing."""
    if core.count('"') % 2:
        return Trouble()
    masked = mask(core)
    words, options = split_options(masked.words)
    if isinstance(options, Trouble):
        return options
    words, region = _split_region(words, masked.quoted)
    parts = _Parts(masked.quoted, region)
    for pattern, build in _GRAMMAR:
        m = pattern.fullmatch(words)
        built = build(m, parts) if m else None
        if built is not None:
            return _finish(built, options)
    return Trouble(words=words)


def _finish(built: Step | Include, options: Options) -> Step | Include | Trouble:
    if isinstance(built, Include):
        if options != Options():
            return Trouble("Run takes no options: it runs the other file's steps as written.")
        return built
    if (built.target and not built.target.name.strip()) or (
        built.verb in _NEEDS_VALUE and not built.value.strip()
    ):
        return Trouble('There are no words between a pair of quote marks "".')
    return replace(
        built,
        within_s=options.within_s,
        up_to_s=options.up_to_s,
        exact=options.exact,
        optional=options.optional,
    )


_NEEDS_VALUE = {Verb.OPEN, Verb.SELECT, Verb.UPLOAD, Verb.PRESS, Verb.EXPECT_URL}
_NEEDS_VALUE |= {Verb.WAIT_TO_APPEAR, Verb.WAIT_TO_DISAPPEAR}
_NEEDS_VALUE |= {Verb.EXPECT_TO_SEE, Verb.EXPECT_NOT_TO_SEE}


def split_options(words: str) -> tuple[str, Options | Trouble]:
    """The sentence without its trailing `(...)` groups, and the options they hold."""
    texts: list[str] = []
    while m := re.fullmatch(r'(.*?) ?\(([^()"]*)\)', words):
        words = m[1]
        texts.insert(0, m[2])
    return words, _options(texts) if texts else Options()


def _options(texts: list[str]) -> Options | Trouble:
    found = Options()
    parts = [" ".join(p.lower().split()) for text in texts for p in text.split(",")]
    for part in parts:
        option = with_option(part, found)
        if option is None:
            return Trouble(_OPTIONS_HINT)
        found = option
    return found


def with_option(part: str, found: Options) -> Options | None:
    """`found` with one more option set, or None if `part` is not an option."""
    if part in ("exactly", "exact"):
        return replace(found, exact=True)
    if part == "optional":
        return replace(found, optional=True)
    m = re.fullmatch(r"(within|up to) (.+)", part)
    seconds = duration(m[2]) if m else None
    if m is None or seconds is None:
        return None
    if m[1] == "within":
        return replace(found, within_s=seconds)
    return replace(found, up_to_s=seconds)


# The modifiers as the vocabulary writes them: 'in "<region>"', '(within <n> seconds)', ...
OPTION_PATTERNS = [m.pattern.removeprefix("<step> ") for m in vocabulary.MODIFIERS]
_OPTIONS_HINT = (
    "Options go in brackets at the end of a step: "
    + ", ".join(p for p in OPTION_PATTERNS if p.startswith("("))
    + "; separate several with commas."
)


def _split_region(words: str, quoted: tuple[str, ...]) -> tuple[str, str]:
    m = re.fullmatch(r'(.+) in "(\d+)"', words, re.I)
    return (m[1], quoted[int(m[2])]) if m else (words, "")


# ---------------------------------------------------------------- targets

# Every role word a tester may write -> the word the parser keeps.
ROLE_OF = vocabulary.role_of()
_ROLE = "|".join(re.escape(w) for w in sorted(ROLE_OF, key=len, reverse=True))
_ORDINAL = "|".join([*vocabulary.ORDINAL_WORDS, r"[1-9]\d*(?:st|nd|rd|th)"])
_TARGET = (
    rf"(?:the )?(?:(?P<ord>{_ORDINAL}) )?(?:the )?"
    rf'(?:(?P<pre>{_ROLE}) "(?P<q1>\d+)"|"(?P<q2>\d+)"(?: (?P<post>{_ROLE}))?)'
)
_TARGET_PARTS = re.compile(_TARGET, re.I)
_VERBATIM = re.compile(r"(?:css|xpath|testid)=|#[A-Za-z_-]", re.I)


def _target(text: str, quoted: tuple[str, ...]) -> Target:
    """`the first "Add to cart" button` -> Target("Add to cart", "button", 1)."""
    m = _TARGET_PARTS.fullmatch(text)
    assert m, text  # the grammar matched `text` with this same pattern
    name = quoted[int(m["q1"] or m["q2"])]
    role = ROLE_OF[(m["pre"] or m["post"] or "").lower()] if (m["pre"] or m["post"]) else ""
    return Target(name, role, _ordinal(m["ord"] or ""), bool(_VERBATIM.match(name)))


def _region_target(name: str) -> Target:
    return Target(name, verbatim=bool(_VERBATIM.match(name)))


def _ordinal(word: str) -> int:
    word = word.lower()
    if word in vocabulary.ORDINAL_WORDS:
        return vocabulary.ORDINAL_WORDS[word]
    return int(word[:-2]) if word else 0


# ---------------------------------------------------------------- the grammar

_Build = Callable[[re.Match[str], _Parts], Step | Include | None]


def _step(
    verb: Verb,
    p: _Parts,
    target: Target | None = None,
    value: str = "",
    *,
    match: str = "",
    state: str = "",
    count: int | None = None,
) -> Step:
    return Step(
        file="",
        line=0,
        text="",
        verb=verb,
        target=target,
        value=value,
        region=p.region,
        match=Match(match.lower()) if match else None,
        state=State(state.lower()) if state else None,
        count=count,
    )


def _in_field(verb: Verb, m: re.Match[str], p: _Parts) -> Step | None:
    """`Press "Enter" in "Search"` / `Type "x" in "Search"`: a lone trailing `in "..."` is the
    field, not a region."""
    if m["t"]:
        return _step(verb, p, p.target(m), p.q(m))
    if verb is Verb.FILL and not p.region:
        return None
    field_target = _region_target(p.region) if p.region else None
    return replace(_step(verb, p, field_target, p.q(m)), region="")


def _remember(m: re.Match[str], p: _Parts) -> Step | None:
    name = " ".join(m["var"].split())
    if not re.fullmatch(r"[A-Za-z_][\w .-]*", name):
        return None
    return _step(Verb.REMEMBER, p, p.target(m), name)


def _wait(m: re.Match[str], p: _Parts) -> Step | None:
    seconds = duration(m["d"])
    return _step(Verb.WAIT_SECONDS, p, value=f"{seconds:g}") if seconds else None


def _count(m: re.Match[str], p: _Parts) -> Step | None:
    target = p.target(m)
    return None if target.ordinal else _step(Verb.EXPECT_COUNT, p, target, count=int(m["n"]))


_STATES = "|".join(s.value for s in State)
_RULES: tuple[tuple[str, _Build], ...] = (
    ("(?:open|go to|visit) <Q>", lambda m, p: _step(Verb.OPEN, p, value=p.q(m))),
    ("go back", lambda m, p: _step(Verb.GO_BACK, p)),
    ("reload(?: the page)?", lambda m, p: _step(Verb.RELOAD, p)),
    ("(?:click|tap)(?: on)? <T>", lambda m, p: _step(Verb.CLICK, p, p.target(m))),
    ("double[- ]?click(?: on)? <T>", lambda m, p: _step(Verb.DOUBLE_CLICK, p, p.target(m))),
    ("hover(?: over| on)? <T>", lambda m, p: _step(Verb.HOVER, p, p.target(m))),
    ("fill(?: in)? <T> with <Q>", lambda m, p: _step(Verb.FILL, p, p.target(m), p.q(m))),
    ("(?:type|enter) <Q>(?: into <T>)?", lambda m, p: _in_field(Verb.FILL, m, p)),
    ("clear <T>", lambda m, p: _step(Verb.CLEAR, p, p.target(m))),
    ("(?:select|choose) <Q> from <T>", lambda m, p: _step(Verb.SELECT, p, p.target(m), p.q(m))),
    ("check <T>", lambda m, p: _step(Verb.CHECK, p, p.target(m))),
    ("uncheck <T>", lambda m, p: _step(Verb.UNCHECK, p, p.target(m))),
    ("choose <T>", lambda m, p: _step(Verb.CHOOSE, p, p.target(m))),
    ("upload <Q> (?:to|into) <T>", lambda m, p: _step(Verb.UPLOAD, p, p.target(m), p.q(m))),
    ("press(?: the)? <Q> key(?: in <T>)?", lambda m, p: _in_field(Verb.PRESS, m, p)),
    ("press <Q>(?: in <T>)?", lambda m, p: _in_field(Verb.PRESS, m, p)),
    ("press(?: on)? <T>", lambda m, p: _step(Verb.CLICK, p, p.target(m))),
    ("scroll (?:down |up )?to <T>", lambda m, p: _step(Verb.SCROLL, p, p.target(m))),
    ("switch to (?:the )?new (?:tab|window)", lambda m, p: _step(Verb.SWITCH_TO_NEW_TAB, p)),
    ("switch back", lambda m, p: _step(Verb.SWITCH_BACK, p)),
    ("accept (?:the )?(?:dialog|alert)", lambda m, p: _step(Verb.ACCEPT_DIALOG, p)),
    ("dismiss (?:the )?(?:dialog|alert)", lambda m, p: _step(Verb.DISMISS_DIALOG, p)),
    (r"remember <T> as \{(?P<var>[^{}]*)\}", _remember),
    ("wait for <Q> to appear", lambda m, p: _step(Verb.WAIT_TO_APPEAR, p, value=p.q(m))),
    ("wait for <Q> to disappear", lambda m, p: _step(Verb.WAIT_TO_DISAPPEAR, p, value=p.q(m))),
    ('wait (?P<d>[^"]+)', _wait),
    ("expect to see <Q>", lambda m, p: _step(Verb.EXPECT_TO_SEE, p, value=p.q(m))),
    ("expect not to see <Q>", lambda m, p: _step(Verb.EXPECT_NOT_TO_SEE, p, value=p.q(m))),
    (
        "expect (?:the )?(?:page )?title to (?P<m>be|contain) <Q>",
        lambda m, p: _step(Verb.EXPECT_TITLE, p, value=p.q(m), match=m["m"]),
    ),
    (
        "expect (?:the )?(?:url|address) to (?P<m>be|contain) <Q>",
        lambda m, p: _step(Verb.EXPECT_URL, p, value=p.q(m), match=m["m"]),
    ),
    (
        f"expect <T> to be (?P<s>{_STATES})",
        lambda m, p: _step(Verb.EXPECT_STATE, p, p.target(m), state=m["s"]),
    ),
    (
        "expect <T> to (?P<m>be|contain) <Q>",
        lambda m, p: _step(Verb.EXPECT_VALUE, p, p.target(m), p.q(m), match=m["m"]),
    ),
    (r"expect (?P<n>\d+) <T>", _count),
    ("take (?:a )?screenshot(?: <Q>)?", lambda m, p: _step(Verb.SCREENSHOT, p, value=p.q(m))),
    ("run <Q>", lambda m, p: Include(p.q(m))),
)


def _compile(rule: str) -> re.Pattern[str]:
    pattern = rule.replace("<Q>", r'"(?P<q>\d+)"').replace("<T>", f"(?P<t>{_TARGET_SHAPE})")
    return re.compile(pattern, re.I)


# The target as one group (no inner names, so a rule can hold it next to its own groups).
_TARGET_SHAPE = re.sub(r"\(\?P<\w+>", "(?:", _TARGET)
_GRAMMAR = tuple((_compile(rule), build) for rule, build in _RULES)
