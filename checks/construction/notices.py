"""Notices: wording that says a page, or a part of one, is not ready yet.

A page is a placeholder when its own content (content.py) is a notice and little else: the
notice may be its title, a main heading, a sentence ("This website is currently under
construction."), or a picture (alt text or a file name such as under-construction.gif).
What surrounds a notice on such pages — a countdown, a sign-up form, social links, a
copyright line — is not content. Anything else is, and enough of it makes a real page on
which a notice is only a part: a section that says "Coming soon" and nothing more is
unfinished; a status badge on a project card or a "coming soon" label on a product is not.

Wording counts where it is most of a title part, a heading, a short block or a sentence,
or in a sentence that names the page or site itself. A quoted phrase is a mention ("What
does 'coming soon' mean?"), and a question is not a notice.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from checks.construction.content import (
    Line,
    logical_lines,
    own_lines,
    repeated_lines,
    word_count,
)
from checks.construction.leftovers import LOREM_WORDS
from checks.construction.phrases import Match, PhraseBook, coverage, find, fold
from cxcheck.snapshot import Link, PageSnapshot

DOMINANT = 0.5  # wording must be at least half of the letters of the text it stands for
_SHORT_BLOCK = 120  # a block longer than this is not a sign on a section
_LONG_SENTENCE = 200  # a sentence longer than this is prose, whatever it names
_LONG_LINE = 400
_SENTENCES = re.compile(r"[^.!?。！？…।]+[.!?。！？…।]*")
_TITLE_PARTS = re.compile(r"\s+(?:[–—|·:»-]|::)\s+")
_QUOTES = frozenset("\"'“”‘’«»„「」『』")
_PRICE = re.compile(r"(?:[$€£¥₹₩₽]\s?\d)|(?:\d[\d.,]*\s?(?:[$€£¥₹₩₽]|kr|zł|kč|tl|eur|usd)\b)", re.I)
_PRICE_WORDS = 10  # a price is content: it counts as this many words
_FILE_WORDS = re.compile(r"[-_.+\s]+|%20")
_SOCIAL = ("facebook.", "twitter.", "x.com", "instagram.", "linkedin.", "youtube.", "tiktok.")
# How much content (in words) a page may have besides its notice and still be a placeholder.
PAGE_WORDS = {"heading": 30, "text": 20, "image": 20, "title": 12}
_MENU_LINKS = 3  # this many links into the site from the content make a hub, not a notice
_WORDING = ("notice", "filler")
_PICTURES = 20  # a notice picture is among the first pictures of a page
_LOREM = 6  # distinct lorem ipsum words that make a block filler
# A sentence that names the page or site and says it is not ready is a notice when those
# words are this much of it ("This page is currently under construction."), not when they
# are a clause of a longer story ("our shop is under renovation: the café stays open...").
_ABOUT_ITSELF = 0.3
_NOTICE = ("notice",)


@dataclass(frozen=True)
class Notice:
    """Where a page says it is not ready, and the words (or picture) that say so."""

    where: str  # title, heading, text or image
    shown: str


@dataclass(frozen=True)
class Reading:
    """What a page's own content says about whether it is finished."""

    notices: tuple[Notice, ...]
    content_words: int  # words of content that are neither notice nor its companions
    content_links: int  # distinct links into the site from the page's own content
    unfinished: tuple[str, ...]  # short blocks that are an unfinished section's sign

    @property
    def placeholder(self) -> Notice | None:
        """The notice that makes the whole page a placeholder, or None."""
        if self.content_links >= _MENU_LINKS:
            return None
        for notice in self.notices:
            if self.content_words < PAGE_WORDS[notice.where]:
                return notice
        return None


@dataclass(frozen=True)
class NoticeReader:
    """Reads notices with one phrase book."""

    book: PhraseBook

    def wording(
        self, folded: str, silenced: Collection[str] = (), kinds: tuple[str, ...] = _WORDING
    ) -> list[Match]:
        """Notice and filler phrases in `folded`, less quoted mentions and silenced ones."""
        found = find(folded, self.book.of_kind(*kinds))
        return [m for m in found if m.phrase.text not in silenced and not _quoted(folded, m)]

    def dominant(
        self, folded: str, silenced: Collection[str] = (), kinds: tuple[str, ...] = _WORDING
    ) -> list[Match]:
        """The wording in `folded` when it is most of it, else []."""
        matches = self.wording(folded, silenced, kinds)
        return matches if matches and coverage(folded, matches) >= DOMINANT else []

    def read(self, page: PageSnapshot, silenced: Collection[str] = ()) -> Reading:
        """The notices and the rest of a page's own content."""
        headings = {h.text: h.level for h in page.headings}
        repeated = repeated_lines(page)
        lines = logical_lines(own_lines(page), headings, repeated)
        # Which phrases occur anywhere on the page, found once: each block is then matched
        # against those few, not against every phrase of 21 languages.
        everything = " ".join(
            [
                fold(page.title),
                *(fold(h.text) for h in page.headings),
                *(line.folded for line in lines),
            ]
        )
        present = tuple(p for p in self.book.phrases if p.text in everything)
        return NoticeReader(PhraseBook(present))._read(page, lines, repeated, silenced, self)

    def _read(
        self,
        page: PageSnapshot,
        lines: list[Line],
        repeated: set[str],
        silenced: Collection[str],
        whole: NoticeReader,
    ) -> Reading:
        signs = self._signs(lines, silenced)
        notices = [*self._title(page.title, silenced), *self._headings(page, silenced)]
        words = 0
        for i, line in enumerate(lines):
            if signs[i] and _label(lines, i, signs):
                continue  # an item's status: neither the page's notice nor content
            line_words, notice = self._line(line, silenced)
            words += 0 if line.repeated else line_words  # the menu is no content of its own
            if notice and not any(n.shown == line.text for n in notices):
                notices.append(Notice("heading" if line.heading else "text", line.text))
        split, split_words = self._split_notice(lines, silenced)
        if split:
            notices.append(Notice("text", split))
            words -= split_words
        notices += [Notice("image", name) for name in whole._images(page, silenced)]
        notices.sort(key=lambda n: -PAGE_WORDS[n.where])
        links = _content_links(page, repeated)
        return Reading(tuple(notices), words, links, self._unfinished(lines, signs))

    def _signs(self, lines: list[Line], silenced: Collection[str]) -> list[list[Match]]:
        """For each line, its wording when the line is a short block made mostly of it."""
        return [
            self.dominant(line.folded, silenced)
            if len(line.text) <= _SHORT_BLOCK and not _PRICE.search(line.text)
            else []
            for line in lines
        ]

    def _split_notice(self, lines: list[Line], silenced: Collection[str]) -> tuple[str, int]:
        """A notice written across neighbouring one-word blocks ("UNDER" / "CONSTRUCTION")
        inside a longer run of them (a countdown, a menu), and its words."""
        for i in range(len(lines) - 1):
            pair = lines[i : i + 2]
            if any(line.words > 2 or line.heading for line in pair):
                continue
            joined = " ".join(line.text for line in pair)
            if self.dominant(fold(joined), silenced, _NOTICE):
                return joined, sum(line.words for line in pair)
        return "", 0

    def _title(self, title: str, silenced: Collection[str]) -> list[Notice]:
        parts = _TITLE_PARTS.split(title.strip())
        return (
            [Notice("title", title.strip())]
            if any(self.dominant(fold(part), silenced) for part in parts)
            else []
        )

    def _headings(self, page: PageSnapshot, silenced: Collection[str]) -> list[Notice]:
        return [
            Notice("heading", h.text)
            for h in page.headings
            if h.level <= 2 and self.dominant(fold(h.text), silenced)
        ]

    def _line(self, line: Line, silenced: Collection[str]) -> tuple[int, bool]:
        """(words of content, whether a sentence of it is a notice)."""
        if len(LOREM_WORDS.intersection(re.findall(r"[a-z]+", line.folded))) >= _LOREM:
            return 0, False  # filler, reported as such: not content
        if len(line.folded) > _LONG_LINE:
            return line.words, False
        words, notice = 0, False
        for sentence in _SENTENCES.findall(line.folded):
            kind = self._sentence(sentence.strip(), silenced)
            notice = notice or kind == "notice"
            if kind == "content":
                words += word_count(sentence) + _PRICE_WORDS * len(_PRICE.findall(sentence))
        return words, notice

    def _sentence(self, sentence: str, silenced: Collection[str]) -> str:
        """notice, filler, companion or content."""
        if not any(char.isalpha() for char in sentence):
            return "companion"  # a countdown's digits, a separator
        matches = self.wording(sentence, silenced)
        if matches and coverage(sentence, matches) >= DOMINANT:
            # "Image coming soon" stands where content should be: a part of a page, not
            # a page's notice, and not content either.
            return "filler" if any(m.phrase.kind == "filler" for m in matches) else "notice"
        if _PRICE.search(sentence):
            return "content"  # "Coming soon – £120": a product, not a notice
        names_itself = find(sentence, self.book.of_kind("site"))
        if (
            matches
            and names_itself
            and not _prose(sentence)
            and coverage(sentence, [*matches, *names_itself]) >= _ABOUT_ITSELF
        ):
            return "notice"
        if _companion(sentence, find(sentence, self.book.of_kind("companion"))):
            return "companion"
        return "content"

    def _images(self, page: PageSnapshot, silenced: Collection[str]) -> list[str]:
        names = []
        pictures = [
            link
            for link in page.links
            if link.kind == "img" and link.visible and link.region not in ("nav", "footer")
        ]
        for link in pictures[:_PICTURES]:
            stem = unquote(urlsplit(link.href).path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
            said = fold(_FILE_WORDS.sub(" ", stem)).strip()
            if (
                self.dominant(fold(link.text), silenced, _NOTICE)
                or self.dominant(said, silenced, _NOTICE)
                or self._run_together(said.replace(" ", ""), silenced)
            ):
                names.append(link.text or link.raw.rsplit("/", 1)[-1])
        return names

    def _run_together(self, name: str, silenced: Collection[str]) -> bool:
        """A file name that writes a notice without spaces: underconstruction.gif."""
        return (
            any(
                " " in p.text and p.text.replace(" ", "") in name and p.text not in silenced
                for p in self.book.of_kind("notice")
                if p.bounded
            )
            and len(name) < 40
        )

    def _unfinished(self, lines: list[Line], signs: list[list[Match]]) -> tuple[str, ...]:
        """Short blocks that stand alone in a section and say it is not finished."""
        repeats = Counter(m[0].phrase.text for m in signs if m)
        found = []
        for i, matches in enumerate(signs):
            if not matches:
                continue
            filler = any(m.phrase.kind == "filler" for m in matches)
            if lines[i].heading and _label(lines, i, signs):
                continue  # "Placeholder text" over a help article, "Coming soon" over a list
            if filler or not (repeats[matches[0].phrase.text] > 1 or _label(lines, i, signs)):
                found.append(lines[i].text)
        return tuple(found)


def _label(lines: list[Line], i: int, notices: list[list[Match]]) -> bool:
    """A notice next to an item's own short content is a status label on it (a project
    card's "Under construction", a product's "Coming soon"), not a section's sign."""
    line = lines[i]
    before = lines[i - 1] if i > 0 else None
    after = lines[i + 1] if i + 1 < len(lines) else None
    if line.heading:  # a heading over content is the name of a section that has some
        return after is not None and not after.heading and not notices[i + 1]
    if before is not None and before.heading >= 3:
        return True
    return any(
        n is not None and not n.heading and 0 < n.words <= 12 and not notices[j]
        for j, n in ((i - 1, before), (i + 1, after))
    )


def _quoted(text: str, match: Match) -> bool:
    before = text[: match.start].rstrip()[-1:]
    after = text[match.end :].lstrip()[:1]
    return bool(before) and before in _QUOTES and after in _QUOTES


def _prose(sentence: str) -> bool:
    return sentence.endswith(("?", "？")) or len(sentence) > _LONG_SENTENCE


def _companion(sentence: str, matches: list[Match]) -> bool:
    """A countdown, a sign-up form's words, social links or a copyright line."""
    if sentence.startswith(("©", "(c)", "copyright")):
        return True
    letters = [i for i, char in enumerate(sentence) if char.isalpha()]
    covered = bytearray(len(sentence))
    for match in matches:
        covered[match.start : match.end] = b"\x01" * (match.end - match.start)
    return bool(letters) and sum(covered[i] for i in letters) / len(letters) >= 0.6


def _content_links(page: PageSnapshot, repeated: set[str]) -> int:
    """Distinct links into the site from the page's own content (not its menus)."""
    return len({link.href for link in page.links if _content_link(link, page.url, repeated)})


def _content_link(link: Link, page_url: str, repeated: set[str]) -> bool:
    if link.kind != "a" or link.region or not link.visible or not link.text:
        return False
    if link.text in repeated:
        return False
    parts, page = urlsplit(link.href), urlsplit(page_url)
    if parts.scheme not in ("http", "https") or parts.netloc != page.netloc:
        return False
    return not any(name in link.href for name in _SOCIAL) and parts.path != page.path
