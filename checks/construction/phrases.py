"""Placeholder wording: the phrase lists of checks/phrases/<language>.txt and finding them.

Text and phrases are folded the same way before they are compared: Unicode compatibility
forms (full-width ＵＮＤＥＲ and half-width ｶﾀｶﾅ become their ordinary letters), case folded
(Turkish dotted and dotless i made one), curly apostrophes made straight. A phrase in a
script with spaces between words must stand on word boundaries ("construction" is not
inside "reconstructions"); Chinese, Japanese, Korean and Thai have none to stand on, so
their phrases match anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.resources import files

LANGUAGES = (
    *("en", "zh", "ja", "ko", "de", "fr", "es", "pt", "it", "nl", "ru"),
    *("pl", "tr", "ar", "he", "hi", "id", "vi", "th", "sv", "cs"),
)
KINDS = ("notice", "filler", "site", "companion")
_FOLD = str.maketrans({"ı": "i", "\u0307": None, "’": "'", "‘": "'", "ʼ": "'", "`": "'"})
# Scripts whose words are not separated by spaces (or, in Korean, carry their particles).
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff66-\uff9f]")
_SECTION = re.compile(r"^\[(\w+)\]$")


def fold(text: str) -> str:
    """`text` as phrases are compared: compatibility forms, case folded, one apostrophe."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char) in ("Mn", "Mc")


@dataclass(frozen=True)
class Phrase:
    """One folded phrase, its kind and whether it must stand on word boundaries."""

    text: str
    kind: str
    bounded: bool

    @classmethod
    def of(cls, text: str, kind: str) -> Phrase:
        """A phrase as written in a list, folded."""
        folded = " ".join(fold(text).split())
        return cls(folded, kind, not _UNSPACED.search(folded))

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each whole-word occurrence in folded `text`."""
        start = text.find(self.text)
        while start >= 0:
            end = start + len(self.text)
            if not self.bounded or (
                (start == 0 or not _is_word_char(text[start - 1]))
                and (end == len(text) or not _is_word_char(text[end]))
            ):
                yield start, end
            start = text.find(self.text, start + 1)


def read_list(text: str) -> dict[str, list[str]]:
    """Phrases by kind from one list file; lines before any [section] are notices."""
    found: dict[str, list[str]] = {kind: [] for kind in KINDS}
    kind = "notice"
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        section = _SECTION.match(line)
        if section:
            kind = section.group(1)
            if kind not in found:
                raise ValueError(f"unknown section [{kind}]; known: {', '.join(KINDS)}")
            continue
        found[kind].append(line)
    return found


@dataclass(frozen=True)
class PhraseBook:
    """Every phrase of the chosen languages, by kind, longest first."""

    phrases: tuple[Phrase, ...]

    @classmethod
    def load(cls, languages: Iterable[str], extra_notices: Iterable[str] = ()) -> PhraseBook:
        """The lists of `languages` plus a user's extra notice phrases."""
        folder = files("checks").joinpath("phrases")
        phrases: dict[tuple[str, str], Phrase] = {}
        for language in languages:
            text = folder.joinpath(f"{language}.txt").read_text(encoding="utf-8")
            for kind, lines in read_list(text).items():
                for line in lines:
                    phrase = Phrase.of(line, kind)
                    phrases.setdefault((phrase.text, kind), phrase)
        for line in extra_notices:
            if line.strip():
                phrase = Phrase.of(line, "notice")
                phrases.setdefault((phrase.text, "notice"), phrase)
        ordered = sorted(phrases.values(), key=lambda p: -len(p.text))
        return cls(tuple(ordered))

    def of_kind(self, *kinds: str) -> tuple[Phrase, ...]:
        """The phrases of the given kinds."""
        return tuple(p for p in self.phrases if p.kind in kinds)


@dataclass(frozen=True)
class Match:
    """Where a phrase was found in a folded text."""

    phrase: Phrase
    start: int
    end: int


def find(text: str, phrases: Iterable[Phrase]) -> list[Match]:
    """Every occurrence of `phrases` in folded `text`.

    A plain substring test first: most phrases are absent from most text, and `in` is far
    cheaper than looking at boundaries.
    """
    return [
        Match(phrase, start, end)
        for phrase in phrases
        if phrase.text in text
        for start, end in phrase.spans(text)
    ]


def coverage(text: str, matches: Iterable[Match]) -> float:
    """The share of `text`'s letters and digits that `matches` cover."""
    covered = bytearray(len(text))
    for match in matches:
        covered[match.start : match.end] = b"\x01" * (match.end - match.start)
    letters = [i for i, char in enumerate(text) if char.isalnum()]
    return sum(covered[i] for i in letters) / len(letters) if letters else 0.0
