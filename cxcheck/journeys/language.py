"""Journey files -> `Journey` objects, every line checked before a browser starts.

The grammar is JOURNEYS.md sections 1, 2, 3 and 5: headers, then one sentence per line with
an optional Gherkin prefix, an optional `in "<region>"` and optional `(options)`. A line goes
through four small steps: scan (comments off, quotes made straight), mask (each quoted text
becomes `"<n>"` so no keyword inside it can confuse the patterns), split (options, region) and
match against `_GRAMMAR`. Problems are collected for the whole file (and the files it runs)
and raised together; "Did you mean" suggestions are corrected sentences that themselves parse,
built from the words in `vocabulary.py`.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from cxcheck.errors import CxError, ExitCode
from cxcheck.journeys import vocabulary
from cxcheck.journeys.model import (
    DEFAULT_STEP_TIMEOUT_S,
    Journey,
    Match,
    ParseProblem,
    State,
    Step,
    Target,
    Verb,
)


class JourneyParseError(CxError):
    """One or more journey lines cannot run; `problems` lists every one of them."""

    exit_code = ExitCode.USAGE

    def __init__(self, problems: Sequence[ParseProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


# ---------------------------------------------------------------- public API


def parse_text(
    text: str,
    file: str,
    *,
    variables: Collection[str] = (),
    environ: Mapping[str, str] | None = None,
    base_dir: Path | None = None,
) -> Journey:
    """The journey `text` describes; `file` names it in messages, `base_dir` anchors `Run`."""
    base = Path(file).parent if base_dir is None else base_dir
    reader = _Reader(
        known={name.strip() for name in variables},
        environ=os.environ if environ is None else environ,
        chain=[(base / Path(file).name).resolve()],
    )
    headers, steps = _read(text.removeprefix("\ufeff"), file, base, reader)
    if reader.problems:
        raise JourneyParseError(reader.problems)
    return Journey(
        name=headers.name or headers.scenario or headers.feature or _name_from_file(file),
        file=file,
        steps=tuple(steps),
        start_at=headers.start_at,
        tags=headers.tags,
        timeout_s=headers.timeout_s,
        budget_s=headers.budget_s,
        viewport=headers.viewport,
    )


def parse_file(
    path: Path,
    *,
    variables: Collection[str] = (),
    environ: Mapping[str, str] | None = None,
) -> Journey:
    """The journey in the file at `path` (messages cite the path as given)."""
    text = _read_file(path)
    if isinstance(text, ParseProblem):
        raise JourneyParseError([text])
    return parse_text(text, str(path), variables=variables, environ=environ, base_dir=path.parent)


def load_journeys(
    paths: Sequence[str | Path],
    *,
    variables: Collection[str] = (),
    environ: Mapping[str, str] | None = None,
) -> list[Journey]:
    """Every journey in `paths` (files, or folders searched for *.journey), or one
    JourneyParseError listing the problems of all of them."""
    journeys: list[Journey] = []
    problems: list[ParseProblem] = []
    seen: set[Path] = set()
    for given in paths:
        files = _journey_files(Path(given))
        if isinstance(files, ParseProblem):
            problems.append(files)
            continue
        for file in files:
            if file.resolve() in seen:
                continue
            seen.add(file.resolve())
            try:
                journeys.append(parse_file(file, variables=variables, environ=environ))
            except JourneyParseError as error:
                problems.extend(error.problems)
    if problems:
        # A part that other journeys Run is also read on its own: say each problem once.
        raise JourneyParseError(list(dict.fromkeys(problems)))
    return journeys


def placeholders(text: str) -> list[str]:
    """The names inside `{...}` placeholders in `text`, as written ('secret:NAME' included).

    Text in double braces (`{{ product.price }}`, a template left on a page) is not a
    placeholder: testers check for exactly that text."""
    return [name.strip() for name in _PLACEHOLDER.findall(text)]


_PLACEHOLDER = re.compile(r"(?<!\{)\{(\s*[A-Za-z_][\w .:-]*)\}(?!\})")


def _journey_files(path: Path) -> list[Path] | ParseProblem:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.journey") if p.is_file())
        return files or ParseProblem(str(path), 0, "", "This folder has no .journey files.")
    if path.is_file():
        return [path]
    return ParseProblem(str(path), 0, "", "There is no file or folder with this name.")


def _read_file(path: Path) -> str | ParseProblem:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        message = "This file is not plain text (UTF-8). Save it as plain text and try again."
    except OSError as error:
        message = f"This file cannot be read ({error.strerror or error})."
    return ParseProblem(str(path), 0, "", message)


def _name_from_file(file: str) -> str:
    """'journeys/guest-checkout.journey' -> 'Guest checkout'."""
    words = " ".join(re.split(r"[-_\s]+", Path(file).stem)).strip() or "Journey"
    return words[0].upper() + words[1:]


# ---------------------------------------------------------------- reading files


@dataclass
class _Reader:
    """What one parse shares across the files it reads: names known so far (they grow with
    Remember), the environment, the files being read (to spot Run cycles) and problems."""

    known: set[str]
    environ: Mapping[str, str]
    chain: list[Path]
    problems: list[ParseProblem] = field(default_factory=list)


@dataclass
class _Headers:
    """What the lines before the first step say about the journey."""

    name: str = ""
    scenario: str = ""
    feature: str = ""
    start_at: str = ""
    tags: tuple[str, ...] = ()
    timeout_s: float = DEFAULT_STEP_TIMEOUT_S
    budget_s: float | None = None
    viewport: str = ""
    lines: dict[str, int] = field(default_factory=dict)  # key -> line, to spot repeats


@dataclass(frozen=True)
class _Line:
    """One non-blank line of a file, and where it is."""

    file: str
    number: int
    text: str  # as typed, without its comment
    normal: str  # straight double quotes only
    balanced: bool

    def problem(self, message: str, suggestion: str = "") -> ParseProblem:
        """A problem on this line."""
        return ParseProblem(self.file, self.number, self.text, message, suggestion)


def _read(text: str, file: str, base: Path, reader: _Reader) -> tuple[_Headers, list[Step]]:
    """Headers and steps of one file; its problems go to `reader`."""
    headers = _Headers()
    steps: list[Step] = []
    any_step = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = _scan(raw, file, number)
        if not line.text:
            continue
        head = _header_shape(line.text)
        if head and _is_header(head[0].lower(), any_step):
            _apply_header(headers, head, line, any_step, reader.problems)
            continue
        any_step = True
        steps.extend(_read_step(line, base, reader))
    if not any_step:
        reader.problems.append(
            ParseProblem(file, 0, "", 'This journey has no steps. Add one, such as: Open "/".')
        )
    return headers, steps


def _read_step(line: _Line, base: Path, reader: _Reader) -> list[Step]:
    """The steps one line stands for (several for `Run`); problems go to `reader`."""
    if not line.balanced:
        reader.problems.append(_unbalanced(line))
        return []
    prefix, core = _split_prefix(line.normal)
    understood = _understand(core)
    if isinstance(understood, _Trouble):
        reader.problems.append(_not_understood(line, prefix, core, understood))
        return []
    reader.problems.extend(_check_variables(line, _mask(core).quoted, reader))
    if isinstance(understood, _Include):
        return _include(understood.name, line, base, reader)
    step = replace(understood, file=line.file, line=line.number, text=line.text)
    if step.verb is Verb.REMEMBER:
        reader.known.add(step.value)
    return [step]


def _include(name: str, line: _Line, base: Path, reader: _Reader) -> list[Step]:
    """The steps of the file `Run "<name>"` names, read with the same rules."""
    path = base / name
    if path.resolve() in reader.chain:
        circle = " → ".join([*(p.name for p in reader.chain), path.name])
        message = f'Run "{name}" goes round in a circle ({circle}): a journey cannot run itself.'
        reader.problems.append(line.problem(message))
        return []
    if not path.is_file():
        reader.problems.append(_missing_include(name, path, line))
        return []
    text = _read_file(path)
    if isinstance(text, ParseProblem):
        reader.problems.append(text)
        return []
    reader.chain.append(path.resolve())
    _, steps = _read(text.removeprefix("\ufeff"), str(path), path.parent, reader)
    reader.chain.pop()
    return steps


def _missing_include(name: str, path: Path, line: _Line) -> ParseProblem:
    others = {p.stem: p.name for p in path.parent.glob("*.journey")} if path.parent.is_dir() else {}
    close = difflib.get_close_matches(path.stem, others, n=1)
    suggestion = f'Run "{Path(name).parent / others[close[0]]}"' if close else ""
    return line.problem(f'Run "{name}": there is no file {path}.', suggestion)


# ---------------------------------------------------------------- headers

_HEADER_KEYS = {h.key.lower(): h for h in vocabulary.HEADERS}
_GHERKIN_KEYS = ("feature", "scenario", "scenario outline", "background", "rule", "examples")
_PREFIX_WORDS = ("given", "when", "then", "and", "but")


def _header_shape(text: str) -> tuple[str, str] | None:
    """(key as typed, value) when the line looks like `Key: value`."""
    m = re.fullmatch(r"([A-Za-z][A-Za-z -]{0,30}?)\s*:(.*)", text, re.DOTALL)
    return (" ".join(m[1].split()), m[2].strip()) if m else None


def _is_header(key: str, after_steps: bool) -> bool:
    """Whether a `Key: value` line is meant as a header rather than a step."""
    if key in _HEADER_KEYS or key in _GHERKIN_KEYS:
        return True
    if key.split()[0] in (*_VERB_WORDS, *_PREFIX_WORDS):
        return False
    return not after_steps or bool(_close_header(key))


def _close_header(key: str) -> list[str]:
    return difflib.get_close_matches(key, [*_HEADER_KEYS, *_GHERKIN_KEYS], n=1, cutoff=0.6)


def _apply_header(
    headers: _Headers,
    head: tuple[str, str],
    line: _Line,
    after_steps: bool,
    problems: list[ParseProblem],
) -> None:
    """Record one header line in `headers`, or say what is wrong with it."""
    typed, value = head[0], _unquote(head[1])
    key = typed.lower()
    if key in _GHERKIN_KEYS:
        problems.extend(_apply_gherkin(headers, key, value, line))
    elif key not in _HEADER_KEYS:
        problems.append(_unknown_header(typed, value, line))
    elif after_steps:
        title = _HEADER_KEYS[key].key
        message = f"The header '{title}' must come before the first step: move it to the top."
        problems.append(line.problem(message))
    elif key in headers.lines:
        message = f"'{_HEADER_KEYS[key].key}' is already set on line {headers.lines[key]}."
        problems.append(line.problem(message))
    else:
        headers.lines[key] = line.number
        problems.extend(_set_header(headers, key, value, line))


def _apply_gherkin(headers: _Headers, key: str, value: str, line: _Line) -> list[ParseProblem]:
    """Gherkin keywords: Feature and Scenario give a name, Background and Rule are ignored."""
    if key == "examples":
        message = "Examples tables are not supported yet: one journey file follows one path."
        return [line.problem(message)]
    if key == "feature":
        headers.feature = headers.feature or value
    elif key in ("scenario", "scenario outline") and headers.scenario:
        message = "This file already has a scenario: put each scenario in its own .journey file."
        return [line.problem(message)]
    elif key in ("scenario", "scenario outline"):
        headers.scenario = value
    return []


def _set_header(headers: _Headers, key: str, value: str, line: _Line) -> list[ParseProblem]:
    entry = _HEADER_KEYS[key]
    if not value:
        return [line.problem(f"'{entry.key}' needs a value, for example: {entry.example}")]
    if key == "journey":
        headers.name = value
    elif key == "start at":
        headers.start_at = value
    elif key == "tags":
        headers.tags = tuple(tag.strip() for tag in value.split(",") if tag.strip())
    elif key == "viewport":
        headers.viewport = value
    else:
        seconds = _duration(value)
        if seconds is None:
            return [_bad_duration(entry, value, line)]
        if key == "timeout":
            headers.timeout_s = seconds
        else:
            headers.budget_s = seconds
    return []


def _bad_duration(entry: vocabulary.Header, value: str, line: _Line) -> ParseProblem:
    message = (
        f"'{entry.key}' needs a time such as 10 seconds, 1.5 seconds, 500 ms or 2 minutes; "
        f"'{value}' is not one."
    )
    bare = re.fullmatch(r"\d+(?:\.\d+)?", value)
    return line.problem(message, f"{entry.key}: {value} seconds" if bare else "")


def _unknown_header(key: str, value: str, line: _Line) -> ParseProblem:
    names = ", ".join(h.key for h in vocabulary.HEADERS)
    message = f"I don't understand the header '{key}'. Headers are: {names}."
    close = _close_header(key.lower())
    if not close or close[0] in _GHERKIN_KEYS:
        return line.problem(message, f"{close[0].title()}: {value}" if close else "")
    return line.problem(message, f"{_HEADER_KEYS[close[0]].key}: {value}")


def _unquote(value: str) -> str:
    m = re.fullmatch(r"[\"“”'‘’](.*)[\"“”'‘’]", value)
    return m[1].strip() if m else value


# ---------------------------------------------------------------- scanning a line

_DOUBLE = '"“”„'
_SINGLE = "'‘’"


def _scan(raw: str, file: str, number: int) -> _Line:
    """Cut the comment and straighten the quotes: "double", “curly” and 'single' all become
    "double"; an apostrophe inside a word (Men's) stays as it is."""
    out: list[str] = []
    quote = ""
    for i, ch in enumerate(raw):
        if not quote and ch == "#":
            return _Line(file, number, raw[:i].strip(), "".join(out).strip(), True)
        if not quote and (ch in _DOUBLE or (ch in _SINGLE and _opens(raw, i))):
            quote = '"' if ch in _DOUBLE else "'"
            out.append('"')
        elif (quote == '"' and ch in _DOUBLE) or (
            quote == "'" and ch in _SINGLE and _closes(raw, i)
        ):
            quote = ""
            out.append('"')
        else:
            out.append(ch)
    normal = "".join(out).strip()
    return _Line(file, number, raw.strip(), normal, not quote and normal.count('"') % 2 == 0)


def _opens(raw: str, i: int) -> bool:
    before = raw[i - 1] if i else " "
    after = raw[i + 1] if i + 1 < len(raw) else " "
    return (before.isspace() or before in "([{,:") and not after.isspace()


def _closes(raw: str, i: int) -> bool:
    after = raw[i + 1] if i + 1 < len(raw) else " "
    return not after.isalnum()


def _split_prefix(normal: str) -> tuple[str, str]:
    """('And ', 'Click "x"'): Gherkin words, bullets and numbers before a sentence."""
    m = re.match(
        r"(?:(?:(?:given|when|then|and|but)\b\s*(?:i\s+)?|[*-]\s*|\d+[.)]\s*)\s*)+", normal, re.I
    )
    return (normal[: m.end()], normal[m.end() :]) if m else ("", normal)


@dataclass(frozen=True)
class _Masked:
    """A sentence with each quoted text replaced by `"<n>"` and spaces made single."""

    words: str
    quoted: tuple[str, ...]


def _mask(normal: str) -> _Masked:
    parts = normal.split('"')
    quoted = tuple(parts[1::2])
    pieces = [part if i % 2 == 0 else f' "{i // 2}" ' for i, part in enumerate(parts)]
    return _Masked(" ".join("".join(pieces).split()), quoted)


# ---------------------------------------------------------------- understanding a sentence


@dataclass(frozen=True)
class _Include:
    """`Run "<name>"`: the other file's steps go here."""

    name: str


@dataclass(frozen=True)
class _Trouble:
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
class _Options:
    """What a step's `(...)` asks for."""

    within_s: float | None = None
    up_to_s: float | None = None
    exact: bool = False
    optional: bool = False


def _understand(core: str) -> Step | _Include | _Trouble:
    """What a sentence (no prefix, straight quotes) means, or why it means nothing."""
    if core.count('"') % 2:
        return _Trouble()
    masked = _mask(core)
    words, options = _split_options(masked.words)
    if isinstance(options, _Trouble):
        return options
    words, region = _split_region(words, masked.quoted)
    parts = _Parts(masked.quoted, region)
    for pattern, build in _GRAMMAR:
        m = pattern.fullmatch(words)
        built = build(m, parts) if m else None
        if built is not None:
            return _finish(built, options)
    return _Trouble(words=words)


def _finish(built: Step | _Include, options: _Options) -> Step | _Include | _Trouble:
    if isinstance(built, _Include):
        if options != _Options():
            return _Trouble("Run takes no options: it runs the other file's steps as written.")
        return built
    if (built.target and not built.target.name.strip()) or (
        built.verb in _NEEDS_VALUE and not built.value.strip()
    ):
        return _Trouble('There are no words between a pair of quote marks "".')
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


def _split_options(words: str) -> tuple[str, _Options | _Trouble]:
    """The sentence without its trailing `(...)` groups, and the options they hold."""
    texts: list[str] = []
    while m := re.fullmatch(r'(.*?) ?\(([^()"]*)\)', words):
        words = m[1]
        texts.insert(0, m[2])
    return words, _options(texts) if texts else _Options()


def _options(texts: list[str]) -> _Options | _Trouble:
    found = _Options()
    parts = [" ".join(p.lower().split()) for text in texts for p in text.split(",")]
    for part in parts:
        option = _option(part, found)
        if option is None:
            return _Trouble(_OPTIONS_HINT)
        found = option
    return found


def _option(part: str, found: _Options) -> _Options | None:
    """`found` with one more option set, or None if `part` is not an option."""
    if part in ("exactly", "exact"):
        return replace(found, exact=True)
    if part == "optional":
        return replace(found, optional=True)
    m = re.fullmatch(r"(within|up to) (.+)", part)
    seconds = _duration(m[2]) if m else None
    if m is None or seconds is None:
        return None
    if m[1] == "within":
        return replace(found, within_s=seconds)
    return replace(found, up_to_s=seconds)


_OPTION_PATTERNS = [m.pattern.removeprefix("<step> ") for m in vocabulary.MODIFIERS]
_OPTIONS_HINT = (
    "Options go in brackets at the end of a step: "
    + ", ".join(p for p in _OPTION_PATTERNS if p.startswith("("))
    + "; separate several with commas."
)


def _split_region(words: str, quoted: tuple[str, ...]) -> tuple[str, str]:
    m = re.fullmatch(r'(.+) in "(\d+)"', words, re.I)
    return (m[1], quoted[int(m[2])]) if m else (words, "")


_DURATION = re.compile(
    r"(\d+(?:\.\d+)?|\.\d+) ?(ms|milliseconds?|s|secs?|seconds?|mins?|minutes?)", re.I
)


def _duration(text: str) -> float | None:
    """Seconds in '10 seconds', '10 s', '1.5 seconds', '500 ms', '2 minutes'; None if not
    a time or not more than zero."""
    m = _DURATION.fullmatch(" ".join(text.split()))
    if not m:
        return None
    unit = m[2].lower()
    scale = 60.0 if unit.startswith("min") else 0.001 if unit.startswith("m") else 1.0
    seconds = float(m[1]) * scale
    return seconds if seconds > 0 else None


# ---------------------------------------------------------------- targets

_ROLE_OF = vocabulary.role_of()
_ROLE = "|".join(re.escape(w) for w in sorted(_ROLE_OF, key=len, reverse=True))
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
    role = _ROLE_OF[(m["pre"] or m["post"] or "").lower()] if (m["pre"] or m["post"]) else ""
    return Target(name, role, _ordinal(m["ord"] or ""), bool(_VERBATIM.match(name)))


def _region_target(name: str) -> Target:
    return Target(name, verbatim=bool(_VERBATIM.match(name)))


def _ordinal(word: str) -> int:
    word = word.lower()
    if word in vocabulary.ORDINAL_WORDS:
        return vocabulary.ORDINAL_WORDS[word]
    return int(word[:-2]) if word else 0


# ---------------------------------------------------------------- the grammar

_Build = Callable[[re.Match[str], _Parts], Step | _Include | None]


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
    seconds = _duration(m["d"])
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
    ("run <Q>", lambda m, p: _Include(p.q(m))),
)


def _compile(rule: str) -> re.Pattern[str]:
    pattern = rule.replace("<Q>", r'"(?P<q>\d+)"').replace("<T>", f"(?P<t>{_TARGET_SHAPE})")
    return re.compile(pattern, re.I)


# The target as one group (no inner names, so a rule can hold it next to its own groups).
_TARGET_SHAPE = re.sub(r"\(\?P<\w+>", "(?:", _TARGET)
_GRAMMAR = tuple((_compile(rule), build) for rule, build in _RULES)


# ---------------------------------------------------------------- explaining problems

_STEP_OPENINGS = vocabulary.openings()
_VERB_WORDS = frozenset(o.split()[0].lower() for o in _STEP_OPENINGS)
_KEYWORDS = vocabulary.keywords() | {"on", "in", "into", "over", "key"}
_TARGET_WORDS = frozenset(["the", *vocabulary.ORDINAL_WORDS])
_GENERAL_HINT = "Each step starts with a word such as Open, Click, Fill, Select, Press or Expect."


def _shape_hint(words: str, verb: Verb | None = None) -> str:
    """For a known verb in an unknown shape: how that verb is written, from the vocabulary
    (the form closest in shape, or the form of `verb` when the intended verb is known)."""
    first = words.split(" ", 1)[0].lower()
    entries = [e for e in _ENTRY_SHAPES if e[0] == first and (verb is None or e[2].verb is verb)]
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


# (first word, shape of the example, entry) for every step of the vocabulary.
_ENTRY_SHAPES = tuple(
    (vocabulary.opening(e.pattern).split()[0].lower(), _shape(_mask(e.example).words), e)
    for e in vocabulary.STEPS
)


def _not_understood(line: _Line, prefix: str, core: str, trouble: _Trouble) -> ParseProblem:
    suggestion = _suggest(core)
    detail = trouble.detail or _shape_hint(trouble.words)
    if suggestion and detail and not trouble.detail:
        # The corrected sentence shows which form the tester was after ('Press Enter' is a
        # key press, not a button), so explain that form.
        meant = _understand(suggestion)
        verb = meant.verb if isinstance(meant, Step) else None
        detail = _shape_hint(_split_options(_mask(suggestion).words)[0], verb)
    detail = detail or ("" if suggestion else _GENERAL_HINT)
    message = f"I don't understand '{line.text}'." + (f" {detail}" if detail else "")
    return line.problem(message, prefix + suggestion if suggestion else "")


def _unbalanced(line: _Line) -> ParseProblem:
    message = (
        "The quote marks on this line do not pair up: "
        "every text in quotes needs a quote mark before it and after it."
    )
    prefix, core = _split_prefix(line.normal)
    words, _, options = core.partition(" (") if core.endswith(")") else (core, "", "")
    tries = [f'{words}" ({options}' if options else "", f'{core}"']
    fixed = next((t for t in tries if t and not isinstance(_understand(t), _Trouble)), "")
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
        if text not in tried and not isinstance(_understand(text), _Trouble):
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
    tail = [inner.pop()] if inner and inner[-1].lower() in _ROLE_OF else []
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


# 'within', 'up to', 'exactly', 'optional', as the vocabulary writes them.
_OPTION_OPENINGS = [re.split(r" <|\)", p[1:])[0] for p in _OPTION_PATTERNS if p[0] == "("]


def _fix_options(groups: str) -> str:
    """' (withn 3 seconds)' -> ' (within 3 seconds)': each option's words put right."""
    fixed = [_fix_option(" ".join(p.split())) for p in re.findall(r"[^(),]+", groups)]
    return f" ({', '.join(p for p in fixed if p)})"


def _fix_option(part: str) -> str:
    if _option(part.lower(), _Options()) is not None:
        return part
    words = part.split()
    for k in (2, 1):
        close = difflib.get_close_matches(" ".join(words[:k]).lower(), _OPTION_OPENINGS, n=1)
        if close:
            candidate = " ".join([close[0], *words[k:]])
            if re.fullmatch(r"(within|up to) \d+(?:\.\d+)?", candidate):
                candidate += " seconds"
            if _option(candidate, _Options()) is not None:
                return candidate
    return part


# ---------------------------------------------------------------- variables and secrets


def _check_variables(line: _Line, quoted: tuple[str, ...], reader: _Reader) -> list[ParseProblem]:
    """A problem for each `{name}` nobody sets and each `{secret:NAME}` not in the
    environment. Only presence is checked: a secret's value never leaves `environ`."""
    problems: list[ParseProblem] = []
    for name in dict.fromkeys(n for text in quoted for n in placeholders(text)):
        if name.lower().startswith("secret:"):
            problems.extend(_check_secret(line, name.split(":", 1)[1].strip(), reader))
        elif (
            " ".join(name.lower().split()) not in vocabulary.BUILT_INS and name not in reader.known
        ):
            problems.append(_unknown_variable(line, name, reader))
    return problems


def _check_secret(line: _Line, env_name: str, reader: _Reader) -> list[ParseProblem]:
    if env_name and env_name in reader.environ:
        return []
    if not env_name:
        return [
            line.problem("{secret:} needs the name of an environment variable after the colon.")
        ]
    message = f"uses {{secret:{env_name}}}, but no environment variable {env_name} is set."
    return [replace(line.problem(message), place_is_subject=True)]


def _unknown_variable(line: _Line, name: str, reader: _Reader) -> ParseProblem:
    message = (
        f"uses {{{name}}}, but no variable called {name} is set. Set it under "
        f"[journeys.vars] in cxcheck.toml or with --var {name}=..., or note it first with "
        f"Remember ... as {{{name}}}."
    )
    close = difflib.get_close_matches(name, [*reader.known, *vocabulary.BUILT_INS], n=1)
    suggestion = line.normal.replace(f"{{{name}}}", f"{{{close[0]}}}") if close else ""
    return line.problem(message, suggestion)
