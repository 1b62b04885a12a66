"""A page's own content: its visible text without what the site repeats on every page.

The capture lists the text of the header, navigation, footer, side bars and cookie banners
(`PageSnapshot.boilerplate_text`, from landmarks, ARIA roles and the usual id and class
names); what is left of the main text is the page's own. A coming-soon page often puts its
notice in a "header" of its own and leaves nothing else: when almost nothing is left, the
whole visible text is the page's content.

Lines are blocks as the browser lays them out. Runs of a few tiny lines are read as one
("UNDER" / "CONSTRUCTION", or a sentence whose words sit in separate elements); a long run
of tiny lines is a menu or a countdown and stays as it is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from checks.construction.phrases import fold
from cxcheck.snapshot import PageSnapshot

_HAN_KANA = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")  # about two characters a word
_THAI = re.compile(r"[\u0e00-\u0e7f]")  # about five characters a word
_TINY_WORDS = 4  # a line of at most this many words...
_TINY_CHARS = 40  # ...and characters is a fragment, not a block of its own
_MAX_RUN = 6  # more tiny lines in a row than this are a menu or a countdown
_ALMOST_NOTHING = 3  # words: own content this small means the notice sits in a "header"


@dataclass(frozen=True)
class Line:
    """One block of the page's own content, as shown and as compared."""

    text: str
    folded: str
    words: int
    heading: int = 0  # 1-3 when the block is the text of an h1-h3, else 0
    repeated: bool = False  # text of the header, menu, footer or a cookie banner


def blocks(text: str) -> list[str]:
    """Non-empty lines of `text`, whitespace collapsed."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def word_count(text: str) -> int:
    """Words; in scripts without spaces, two Chinese or Japanese characters or five Thai
    ones count as one."""
    han, thai = len(_HAN_KANA.findall(text)), len(_THAI.findall(text))
    spaced = _THAI.sub(" ", _HAN_KANA.sub(" ", text))
    return len(re.findall(r"\w+", spaced)) + han // 2 + thai // 5


def repeated_lines(page: PageSnapshot) -> set[str]:
    """Blocks of what the site repeats around the page: header, menu, footer, banners."""
    return {line for text in page.boilerplate_text for line in blocks(text)}


def own_lines(page: PageSnapshot) -> list[str]:
    """The page's own visible blocks, in order; when that is almost nothing (the notice
    sits in a "header" of its own), every visible block."""
    hidden = Counter(line for text in page.aria_hidden_text for line in blocks(text))
    repeated = Counter(line for text in page.boilerplate_text for line in blocks(text))
    own = _without(blocks(page.main_text), repeated + hidden)
    if sum(word_count(line) for line in own) < _ALMOST_NOTHING:
        own = _without(blocks(page.text), hidden)
    return own


def logical_lines(
    lines: Iterable[str], headings: dict[str, int], repeated: Collection[str] = ()
) -> list[Line]:
    """`lines` with short runs of tiny fragments joined into one line each (never the
    site's repeated parts: a menu stays a menu)."""
    result: list[Line] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) > _MAX_RUN:
            result.extend(_line(text, headings, repeated) for text in run)
        elif run:
            result.append(_line(" ".join(run), headings, repeated))
        run.clear()

    for text in lines:
        if text in headings or text in repeated or not _tiny(text):
            flush()
            result.append(_line(text, headings, repeated))
        else:
            run.append(text)
    flush()
    return result


def _line(text: str, headings: dict[str, int], repeated: Collection[str]) -> Line:
    return Line(text, fold(text), word_count(text), headings.get(text, 0), text in repeated)


def _tiny(text: str) -> bool:
    return len(text) <= _TINY_CHARS and word_count(text) <= _TINY_WORDS


def _without(lines: list[str], drop: Counter[str]) -> list[str]:
    """`lines` less one occurrence of each line counted in `drop`."""
    left = Counter(drop)
    kept = []
    for line in lines:
        if left[line] > 0:
            left[line] -= 1
        else:
            kept.append(line)
    return kept
