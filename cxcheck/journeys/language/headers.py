"""The lines before a journey's first step (docs/journey-language.md section 1): its headers
(`Journey:`, `Start at:`, `Tags:`, `Timeout:`, `Budget:`, `Viewport:`), as testers read them
and as each is checked when it is read, and the Gherkin keywords."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from cxcheck.journeys.devices import DeviceNames, device_problem
from cxcheck.journeys.language.durations import duration
from cxcheck.journeys.language.model import DEFAULT_STEP_TIMEOUT_S, ParseProblem
from cxcheck.journeys.language.scanner import Line
from cxcheck.journeys.language.verbs import openings


@dataclass(frozen=True)
class Header:
    """A `Key: value` line at the top of a journey file."""

    key: str
    value: str  # what goes after the colon, as a tester reads it: '<time>'
    does: str
    example: str

    @property
    def pattern(self) -> str:
        """'Timeout: <time>'."""
        return f"{self.key}: {self.value}"


HEADERS: tuple[Header, ...] = (
    Header(
        "Journey",
        "<name>",
        "The journey's name in the report (without it, the file name is used).",
        "Journey: Guest checkout",
    ),
    Header("Start at", "<url or /path>", "The page to open before the first step.", "Start at: /"),
    Header(
        "Tags",
        "<word>, <word>",
        "Words to group journeys by, separated by commas.",
        "Tags: smoke, checkout",
    ),
    Header(
        "Timeout",
        "<time>",
        "How long each step may wait for the page before it fails (normally 10 seconds). "
        "Times are written like 10 seconds, 1.5 seconds, 500 ms or 2 minutes.",
        "Timeout: 10 seconds",
    ),
    Header(
        "Budget",
        "<time>",
        "The whole journey must be done within this time, or the report calls it too slow.",
        "Budget: 30 seconds",
    ),
    Header(
        "Viewport",
        "<device> or <width>x<height>",
        "The screen to use: a phone or tablet name, or width x height in pixels.",
        "Viewport: iPhone 13",
    ),
)


@dataclass
class Headers:
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


_HEADER_KEYS = {h.key.lower(): h for h in HEADERS}
_GHERKIN_KEYS = ("feature", "scenario", "scenario outline", "background", "rule", "examples")
_PREFIX_WORDS = ("given", "when", "then", "and", "but")
_VERB_WORDS = frozenset(o.split()[0].lower() for o in openings())


def header_shape(text: str) -> tuple[str, str] | None:
    """(key as typed, value) when the line looks like `Key: value`."""
    m = re.fullmatch(r"([A-Za-z][A-Za-z -]{0,30}?)\s*:(.*)", text, re.DOTALL)
    return (" ".join(m[1].split()), m[2].strip()) if m else None


def is_header(key: str, after_steps: bool) -> bool:
    """Whether a `Key: value` line is meant as a header rather than a step."""
    if key in _HEADER_KEYS or key in _GHERKIN_KEYS:
        return True
    if key.split()[0] in (*_VERB_WORDS, *_PREFIX_WORDS):
        return False
    return not after_steps or bool(_close_header(key))


def _close_header(key: str) -> list[str]:
    return difflib.get_close_matches(key, [*_HEADER_KEYS, *_GHERKIN_KEYS], n=1, cutoff=0.6)


def apply_header(
    headers: Headers,
    head: tuple[str, str],
    line: Line,
    after_steps: bool,
    problems: list[ParseProblem],
    devices: DeviceNames | None = None,
) -> None:
    """Record one header line in `headers`, or say what is wrong with it; `devices` gives
    the device names a `Viewport:` may use (not checked when None)."""
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
        problems.extend(_set_header(headers, key, value, line, devices))


def _apply_gherkin(headers: Headers, key: str, value: str, line: Line) -> list[ParseProblem]:
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


def _set_header(
    headers: Headers, key: str, value: str, line: Line, devices: DeviceNames | None
) -> list[ParseProblem]:
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
        return _bad_viewport(value, line, devices)
    else:
        seconds = duration(value)
        if seconds is None:
            return [_bad_duration(entry, value, line)]
        if key == "timeout":
            headers.timeout_s = seconds
        else:
            headers.budget_s = seconds
    return []


def _bad_viewport(value: str, line: Line, devices: DeviceNames | None) -> list[ParseProblem]:
    """`journey run` refuses a screen Playwright does not know: so does the parser."""
    problem = device_problem(value, devices()) if devices is not None else ""
    if not problem:
        return []
    message, _, hint = problem.partition(" Did you mean: ")
    close = hint.removesuffix("?").split(", ")[0].strip('"') if hint else ""
    message = f"Viewport: {message[0].upper()}{message[1:]}"
    return [line.problem(message, f"Viewport: {close}" if close else "")]


def _bad_duration(entry: Header, value: str, line: Line) -> ParseProblem:
    message = (
        f"'{entry.key}' needs a time such as 10 seconds, 1.5 seconds, 500 ms or 2 minutes; "
        f"'{value}' is not one."
    )
    bare = re.fullmatch(r"\d+(?:\.\d+)?", value)
    return line.problem(message, f"{entry.key}: {value} seconds" if bare else "")


def _unknown_header(key: str, value: str, line: Line) -> ParseProblem:
    names = ", ".join(h.key for h in HEADERS)
    message = f"I don't understand the header '{key}'. Headers are: {names}."
    close = _close_header(key.lower())
    if not close or close[0] in _GHERKIN_KEYS:
        return line.problem(message, f"{close[0].title()}: {value}" if close else "")
    return line.problem(message, f"{_HEADER_KEYS[close[0]].key}: {value}")


def _unquote(value: str) -> str:
    m = re.fullmatch(r"[\"“”'‘’](.*)[\"“”'‘’]", value)
    return m[1].strip() if m else value
