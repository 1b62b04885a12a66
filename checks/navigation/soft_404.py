"""soft-404: a page that answers 200 but is an error page, told by its title or main heading.

Only the title (each part between site-name separators, judged on its own) and the h1
headings (the first h2 when there is no h1) count, and only when not-found wording is most
of one of them: "Page not found – Northwind" and "404" are error pages; "Not found what you
need? Contact us", "How to fix 404 errors" and "Lost and found" are not. The phrases live in
`checks/navigation/not_found.txt`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib.resources import files

_DOMINANT = 0.5  # not-found wording must be at least half of a title part or heading
_LONG = 120  # a heading longer than this is a sentence, not a sign
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|·|::|»)\s+")
_APOSTROPHES = str.maketrans("’‘ʼ`´", "'''''")
# A bare "404" says nothing on its own inside a sentence ("Page 404 of our catalogue"): only
# when it is all there is, give or take the usual exclamations.
_BARE_404 = re.compile(
    r"(?:(?:oops|whoops|sorry|uh oh|error)\s+)*(?:http\s+)?(?:error\s+)?404"
    r"(?:\s+(?:error|not found))?"
)
# Exclamations that decorate an error heading ("Oops!", "Error 404:") without saying "not
# found"; they count towards the wording only next to a real not-found phrase.
_DECORATIONS = (
    *("404", "oops", "whoops", "sorry", "uh oh", "error", "oups", "désolé", "hoppla", "ups"),
    *("oeps", "lo sentimos", "упс", "извините", "к сожалению"),
    *("抱歉", "对不起", "申し訳ありません", "죄송합니다"),
)


def load_not_found_phrases(extra: Sequence[str] = ()) -> tuple[str, ...]:
    """The not-found phrases of every language in not_found.txt, lower-cased, plus `extra`."""
    text = files("checks.navigation").joinpath("not_found.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    phrases = [line.lower() for line in lines if line and not line.startswith("#")]
    phrases += [phrase.strip().lower() for phrase in extra if phrase.strip()]
    return tuple(dict.fromkeys(phrases))


def soft_404_evidence(
    title: str, headings: Sequence[tuple[int, str]], phrases: Sequence[str]
) -> str:
    """The title or main heading that shows the page is an error page, or "" when none does."""
    wording = _wording(tuple(phrases))
    if any(_is_error_text(part, wording) for part in _SEPARATORS.split(title.strip())):
        return f'title "{_tidy(title)}"'
    for text in _main_headings(headings):
        if _is_error_text(text, wording):
            return f'heading "{_tidy(text)}"'
    return ""


@lru_cache(maxsize=8)
def _wording(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The phrases normalised as page text is, once per list (not once per page: ~200 of
    them cost ~2 ms a page)."""
    return tuple(p for p in dict.fromkeys(_normalise(phrase) for phrase in phrases) if p)


def _main_headings(headings: Sequence[tuple[int, str]]) -> list[str]:
    """The h1 texts; the first h2 when the page has no h1 (h2s under an h1 are sections)."""
    h1 = [text for level, text in headings if level == 1]
    return h1 or [text for level, text in headings if level == 2][:1]


def _is_error_text(text: str, phrases: Sequence[str]) -> bool:
    """Whether not-found wording (or a bare 404) is most of `text`."""
    text = _normalise(text)
    if not text or len(text) > _LONG:
        return False
    if _BARE_404.fullmatch(text):
        return True
    covered = _cover(text, phrases, [False] * len(text))
    if not any(covered):
        return False
    covered = _cover(text, _DECORATIONS, covered)
    letters = [i for i, ch in enumerate(text) if ch.isalnum()]
    return sum(covered[i] for i in letters) / len(letters) >= _DOMINANT


def _cover(text: str, phrases: Iterable[str], covered: list[bool]) -> list[bool]:
    """`covered`, with the characters of every phrase occurrence in `text` marked."""
    marked = list(covered)
    for phrase in phrases:
        if phrase not in text:  # a cheap test first: most phrases are absent from a heading
            continue
        for match in re.finditer(_pattern(phrase), text):
            marked[match.start() : match.end()] = [True] * (match.end() - match.start())
    return marked


def _pattern(phrase: str) -> str:
    """A phrase on word boundaries (CJK scripts have none: plain substring there)."""
    body = re.escape(phrase)
    return body if _CJK.search(phrase) else rf"(?<!\w){body}(?!\w)"


def _normalise(text: str) -> str:
    """Lower-cased, one kind of apostrophe, no punctuation or emoji, single spaces."""
    text = text.lower().translate(_APOSTROPHES)
    text = re.sub(r"[^\w\s']|_", " ", text)
    text = re.sub(r"(?<!\w)'|'(?!\w)", " ", text)  # quotes, not the apostrophe of "can't"
    return " ".join(text.split())


def _tidy(text: str) -> str:
    return " ".join(text.split())
