"""One line of a journey file as the parser reads it (docs/journey-language.md section 1): its
comment cut off, its quote marks made straight, its Gherkin prefix split off, and each quoted
text masked as `"<n>"` so no word inside quotes can be taken for a word of the language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cxcheck.journeys.language.model import ParseProblem


@dataclass(frozen=True)
class Line:
    """One non-blank line of a file, and where it is."""

    file: str
    number: int
    text: str  # as typed, without its comment
    normal: str  # straight double quotes only
    balanced: bool

    def problem(self, message: str, suggestion: str = "") -> ParseProblem:
        """A problem on this line."""
        return ParseProblem(self.file, self.number, self.text, message, suggestion)


_DOUBLE = '"“”„'
_SINGLE = "'‘’"


def scan(raw: str, file: str, number: int) -> Line:
    """Cut the comment and straighten the quotes: "double", “curly” and 'single' all become
    "double"; an apostrophe inside a word (Men's) stays as it is."""
    out: list[str] = []
    quote = ""
    for i, ch in enumerate(raw):
        if not quote and ch == "#":
            return Line(file, number, raw[:i].strip(), "".join(out).strip(), True)
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
    return Line(file, number, raw.strip(), normal, not quote and normal.count('"') % 2 == 0)


def _opens(raw: str, i: int) -> bool:
    before = raw[i - 1] if i else " "
    after = raw[i + 1] if i + 1 < len(raw) else " "
    return (before.isspace() or before in "([{,:") and not after.isspace()


def _closes(raw: str, i: int) -> bool:
    after = raw[i + 1] if i + 1 < len(raw) else " "
    return not after.isalnum()


def split_prefix(normal: str) -> tuple[str, str]:
    """('And ', 'Click "x"'): Gherkin words, bullets and numbers before a sentence."""
    m = re.match(
        r"(?:(?:(?:given|when|then|and|but)\b\s*(?:i\s+)?|[*-]\s*|\d+[.)]\s*)\s*)+", normal, re.I
    )
    return (normal[: m.end()], normal[m.end() :]) if m else ("", normal)


@dataclass(frozen=True)
class Masked:
    """A sentence with each quoted text replaced by `"<n>"` and spaces made single."""

    words: str
    quoted: tuple[str, ...]


def mask(normal: str) -> Masked:
    """`normal` with its quoted texts masked."""
    parts = normal.split('"')
    quoted = tuple(parts[1::2])
    pieces = [part if i % 2 == 0 else f' "{i // 2}" ' for i, part in enumerate(parts)]
    return Masked(" ".join("".join(pieces).split()), quoted)
