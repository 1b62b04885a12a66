"""under-construction: no placeholder, half-built or default page goes live.

Rules (default severity):
- `placeholder-page` (major; blocker when the site's menu links to it, naming the menu
  entries): the page as a whole is a placeholder — placeholder wording is most of a main
  heading or of the main content — or a web-server, framework or CMS default page.
- `placeholder-content` (major): an unfinished part of a real page — a lorem ipsum
  paragraph, a short block that is placeholder wording ("Image coming soon"), a
  TODO/FIXME/TBD, a template leftover (`{{ price }}`, `[object Object]`, `NaN` where a
  price should be, `[Product name]`), or an image from a placeholder service or file.
- `thin-page` (minor): the main content has almost no text and no image.
- `default-title` (minor): an empty or default title ("Untitled", "Document"), or one
  title shared by most pages.

Only visible text counts, and wording counts only where it is most of a heading or of a
short block: "The film is coming soon to theatres" in a news list, "Our construction
projects" or an FAQ answer about "placeholder text in forms" are ordinary sentences.
Phrase lists live in `checks/phrases/<language>.txt`; `extra_phrases` adds to them and
`silence = { "coming soon" = ["/news/*"] }` silences a phrase on matching paths.
"""

from __future__ import annotations

import fnmatch
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from importlib.resources import files
from typing import ClassVar
from urllib.parse import urlsplit

from cxcheck.crawl.frontier import normalize_url, page_key
from cxcheck.crawl.snapshot import PageSnapshot, SiteSnapshot
from cxcheck.findings import Finding, Severity
from cxcheck.plugins import CheckContext

PHRASE_FILES = ("en", "zh", "es", "pt", "fr", "de", "it", "nl", "ja", "ko", "ru")
LOREM_WORDS = frozenset(
    "lorem ipsum dolor sit amet consectetur adipiscing adipisicing elit sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud "
    "exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure in "
    "reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint occaecat "
    "cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum".split()
)
TEMPLATE_LEFTOVERS = (
    (re.compile(r"\{\{[^{}\n]{0,80}\}\}"), "a template variable"),
    (re.compile(r"\{%[^%\n]{0,80}%\}"), "a template tag"),
    (re.compile(r"\$\{[^{}\n]{0,80}\}"), "a template expression"),
    (re.compile(r"\[object Object\]"), "[object Object]"),
    (
        re.compile(r"(?:[$€£¥]\s?(?:NaN|undefined|null)\b)|(?:\b(?:NaN|undefined|null)\s?[$€£¥])"),
        "a price that did not load",
    ),
    (re.compile(r"(?<![\w%])%[sd](?![\w])"), "a printf slot"),
    (
        re.compile(
            r"\[(?:Product|Company|Your|Customer|First|Last|Insert|Enter|Client|Brand)"
            r"(?: [A-Za-z]+){0,3}\]"
        ),
        "a bracketed slot",
    ),
)
LONE_VALUE = re.compile(r"^(?:[\w ]{0,20}:\s*)?(?:undefined|NaN|null)$")
DEVELOPER_NOTES = re.compile(r"(?<![\w-])(?:TODO|FIXME|TBD)(?![\w-])")
PLACEHOLDER_IMAGE_HOSTS = (
    "placehold",
    "dummyimage",
    "picsum.photos",
    "placekitten",
    "placeimg",
    "fakeimg",
    "lorempixel",
    "loremflickr",
    "placebear",
    "placecage",
)
PLACEHOLDER_IMAGE_WORDS = re.compile(
    r"placeholder|dummy[-_]?image|image[-_ ]coming[-_ ]soon|no[-_ ]image[-_ ]available|"
    r"\d{2,4}\s?[x×]\s?\d{2,4}\.(?:png|jpe?g|gif|svg|webp)$|\{\{|/undefined(?:/|$|\.)|/null(?:/|$|\.)",
    re.I,
)
DEFAULT_TITLES = frozenset(
    {
        "",
        "untitled",
        "untitled document",
        "document",
        "page title",
        "title",
        "new page",
        "my website",
        "index",
    }
)
_SHORT_BLOCK = 120  # a block longer than this is a sentence, not a sign
_DOMINANT = 0.5  # placeholder wording must be at least half of a heading or block
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def load_phrases(languages: Iterable[str]) -> tuple[str, ...]:
    """The placeholder phrases of the given languages, lower-cased."""
    folder = files("checks").joinpath("phrases")
    phrases = []
    for language in languages:
        for line in folder.joinpath(f"{language}.txt").read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                phrases.append(line.strip().lower())
    return tuple(phrases)


def load_defaults() -> tuple[tuple[str, str, str], ...]:
    """(phrase, where, what) of default and starter pages."""
    text = files("checks").joinpath("phrases", "defaults.txt").read_text(encoding="utf-8")
    rows = [
        line.split("|") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]
    return tuple((p.strip(), w.strip(), what.strip()) for p, w, what in rows)


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase on word boundaries (CJK scripts have none: plain substring there)."""
    body = r"\s+".join(re.escape(word) for word in phrase.split())
    if _CJK.search(phrase):
        return re.compile(body)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.I)


@dataclass(frozen=True)
class UnderConstruction:
    """Placeholder, half-built and default pages and sections."""

    name: ClassVar[str] = "under-construction"
    description: ClassVar[str] = (
        "No page or section a customer sees is a placeholder, a leftover or a default page."
    )
    needs: ClassVar[frozenset[str]] = frozenset()
    area: ClassVar[str] = "content"
    rule_ids: ClassVar[frozenset[str]] = frozenset(
        {"placeholder-page", "placeholder-content", "thin-page", "default-title"}
    )

    languages: tuple[str, ...] = field(
        default=PHRASE_FILES, metadata={"help": "Phrase lists to use (checks/phrases/*.txt)."}
    )
    extra_phrases: tuple[str, ...] = field(
        default=(), metadata={"help": 'More placeholder wording ("bientôt en ligne").'}
    )
    silence: dict[str, tuple[str, ...]] = field(
        default_factory=dict,
        metadata={"help": 'Silence a phrase on URL path globs: { "coming soon" = ["/news/*"] }.'},
    )
    thin_page_words: int = field(
        default=12,
        metadata={"help": "Main content with fewer words (and no image or links) is thin."},
    )
    lorem_min_words: int = field(
        default=6, metadata={"help": "Distinct lorem ipsum words that make a block filler."}
    )
    shared_title_pages: int = field(
        default=3, metadata={"help": "A title shared by this many pages (and most) is a default."}
    )

    def __post_init__(self) -> None:
        unknown = set(self.languages) - set(PHRASE_FILES)
        if unknown:
            raise ValueError(
                f"languages: no phrase list for {sorted(unknown)}; known: {', '.join(PHRASE_FILES)}"
            )

    @cached_property
    def _patterns(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        phrases = (*load_phrases(self.languages), *(p.lower() for p in self.extra_phrases))
        return tuple((p, phrase_pattern(p)) for p in dict.fromkeys(phrases))

    @cached_property
    def _defaults(self) -> tuple[tuple[str, str, str], ...]:
        return load_defaults()

    # ---- one page -------------------------------------------------------------------
    def check_page(self, page: PageSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        """Findings for one page; error pages are page-health's."""
        if not page.is_html or page.error or (page.status or 200) >= 400:
            return
        path = urlsplit(page.url).path or "/"
        whole = self._placeholder_page(page, path)
        if whole:
            yield self._page_finding(page, whole)
        else:
            yield from self._content(page, path)
            if _word_count(page.main_text) < self.thin_page_words and not _has_main_content(page):
                yield self._thin(page)
        if page.title.strip().lower() in DEFAULT_TITLES:
            yield self._default_title(page, page.title.strip())

    def _placeholder_page(self, page: PageSnapshot, path: str) -> str:
        """Why the whole page is a placeholder, or ""."""
        lowered = {  # once per page, not once per default phrase
            "title": page.title.lower(),
            "heading": "\n".join(h.text for h in page.headings).lower(),
            "text": f"{page.title}\n{page.text}".lower(),
        }
        for phrase, where, what in self._defaults:
            if phrase.lower() in lowered[where]:
                return f"it is {what} (“{phrase}”)"
        main_headings = [page.title, *(h.text for h in page.headings if h.level == 1)]
        for text in main_headings:
            phrase = self._dominant_phrase(_strip_site_name(text), path)
            if phrase:
                return f"its main heading says “{text.strip()}”"
        blocks = _blocks(page.main_text)
        total = sum(len(b) for b in blocks)
        placeholder = [b for b in blocks if self._dominant_phrase(b, path)]
        if total and sum(len(b) for b in placeholder) / total >= _DOMINANT:
            return f"its content is placeholder wording (“{placeholder[0][:80]}”)"
        return ""

    def _dominant_phrase(self, text: str, path: str) -> str:
        """The first placeholder phrase in `text` when such wording is most of it, or ""."""
        text = text.strip()
        if not text or len(text) > _SHORT_BLOCK:
            return ""
        # A plain substring test first: most blocks hold no phrase, and `in` is cheap; only
        # the phrases that appear get the boundary-aware regex.
        lowered = " ".join(text.lower().split())
        candidates = [(p, r) for p, r in self._patterns if p in lowered]
        covered = [False] * len(text)
        first = ""
        for phrase, pattern in candidates:
            if self._silenced(phrase, path):
                continue
            for match in pattern.finditer(text):
                first = first or phrase
                covered[match.start() : match.end()] = [True] * (match.end() - match.start())
        letters = [i for i, ch in enumerate(text) if ch.isalnum()]
        share = sum(covered[i] for i in letters) / len(letters) if letters else 0
        return first if share >= _DOMINANT else ""

    @cached_property
    def _silence_by_phrase(self) -> dict[str, tuple[str, ...]]:
        return {phrase.lower(): globs for phrase, globs in self.silence.items()}

    def _silenced(self, phrase: str, path: str) -> bool:
        globs = self._silence_by_phrase.get(phrase, ())
        return any(fnmatch.fnmatchcase(path, g) for g in globs)

    def _content(self, page: PageSnapshot, path: str) -> Iterator[Finding]:
        hidden = {line for text in page.aria_hidden_text for line in _blocks(text)}
        for block in (b for b in _blocks(page.text) if b not in hidden):
            yield from self._block_findings(page, block, path)
        for link in page.links:
            if link.kind == "img" and link.visible and _placeholder_image(link.href, link.text):
                name = link.raw.rsplit("/", 1)[-1] or link.raw
                yield self._section(
                    page,
                    f"The image {name} is a placeholder, not a real picture.",
                    evidence=link.raw,
                    selector=link.selector,
                )

    def _block_findings(self, page: PageSnapshot, block: str, path: str) -> Iterator[Finding]:
        words = set(re.findall(r"[a-z]+", block.lower()))
        if len(words & LOREM_WORDS) >= self.lorem_min_words and not self._silenced(
            "lorem ipsum", path
        ):
            yield self._section(
                page, f"A paragraph is lorem ipsum filler: “{block[:60]}…”", evidence=block[:80]
            )
            return
        phrase = self._dominant_phrase(block, path)
        if phrase:
            yield self._section(
                page, f"This section is not finished: it says “{block[:80]}”.", evidence=block[:80]
            )
            return
        for pattern, what in TEMPLATE_LEFTOVERS:
            match = pattern.search(block)
            if match:
                yield self._section(
                    page,
                    f"Customers see {what} instead of real content: “{match.group()}”.",
                    evidence=match.group(),
                )
                return
        if len(block) <= 40 and LONE_VALUE.match(block.strip()):
            yield self._section(
                page,
                f"Customers see “{block.strip()}” where a value should be.",
                evidence=block.strip(),
            )
            return
        note = DEVELOPER_NOTES.search(block)
        if note:
            yield self._section(
                page, f"A developer's note is visible: “{block[:80]}”.", evidence=block[:80]
            )

    # ---- across pages ----------------------------------------------------------------
    def check_site(self, site: SiteSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        """Placeholder pages the menu links to become blockers; one title on most pages."""
        placeholders = {
            page_key(normalize_url(f.target) or f.target): f
            for f in site.findings
            if f.check == self.name and f.rule == "placeholder-page"
        }
        entries: dict[str, list[str]] = {}
        for record in site.pages:
            for link in record.links:
                key = page_key(normalize_url(link.href) or link.href) if link.href else ""
                names = entries.setdefault(key, []) if key in placeholders else []
                if key in placeholders and link.in_navigation and link.text not in names:
                    names.append(link.text)
        for key, names in entries.items():
            if any(names):
                yield _menu_blocker(placeholders[key], [n for n in names if n])
        yield from self._shared_titles(site)

    def _shared_titles(self, site: SiteSnapshot) -> Iterator[Finding]:
        pages = [p for p in site.pages if p.rendered and not p.error and (p.status or 0) < 400]
        counts = Counter(p.title.strip() for p in pages if p.title.strip())
        for title, count in counts.items():
            if count >= self.shared_title_pages and count > len(pages) / 2:
                for page in (p for p in pages if p.title.strip() == title):
                    yield Finding(
                        self.name,
                        "default-title",
                        Severity.MINOR,
                        page.url,
                        f"{count} of {len(pages)} pages have the same title “{title}”: customers "
                        "cannot tell tabs, bookmarks or search results apart.",
                        help="Give each page a title that says what is on it.",
                        evidence=title,
                    )

    # ---- findings --------------------------------------------------------------------
    def _page_finding(self, page: PageSnapshot, why: str) -> Finding:
        return Finding(
            self.name,
            "placeholder-page",
            Severity.MAJOR,
            page.url,
            f"This page is a placeholder: {why}. Customers who land here find nothing.",
            help="Finish the page, or remove it and every link to it before launch.",
            target=page.url,
            evidence="placeholder page",
        )

    def _section(
        self, page: PageSnapshot, message: str, evidence: str, selector: str = ""
    ) -> Finding:
        return Finding(
            self.name,
            "placeholder-content",
            Severity.MAJOR,
            page.url,
            message,
            help="Replace it with the real content before launch.",
            evidence=evidence,
            selector=selector,
        )

    def _thin(self, page: PageSnapshot) -> Finding:
        words = _word_count(page.main_text)
        return Finding(
            self.name,
            "thin-page",
            Severity.MINOR,
            page.url,
            f"This page has almost nothing on it ({words} words, no picture, hardly a link).",
            help="Add the content customers come here for, or drop the page.",
            target=page.url,
            evidence=f"{words} words",
        )

    def _default_title(self, page: PageSnapshot, title: str) -> Finding:
        shown = f"“{title}”" if title else "empty"
        return Finding(
            self.name,
            "default-title",
            Severity.MINOR,
            page.url,
            f"The page title is {shown}: that is what tabs, bookmarks and search results show.",
            help="Give the page a title that says what is on it.",
            target=page.url,
            evidence=title or "(empty)",
        )


def _menu_blocker(finding: Finding, names: list[str]) -> Finding:
    """The same finding (same fingerprint), as a blocker that names the menu entries."""
    entries = ", ".join(f"“{n}”" for n in names)
    return Finding(
        finding.check,
        finding.rule,
        Severity.BLOCKER,
        finding.url,
        f"Customers who click {entries} in the site's menu land on a placeholder page. "
        + finding.message,
        help=finding.help,
        target=finding.target,
        evidence=finding.evidence,
    )


def _blocks(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", _CJK.sub("", text))) + len(_CJK.findall(text)) // 2


def _has_main_content(page: PageSnapshot) -> bool:
    """An image or video, or a few links (a hub page), outside the header, nav and footer."""
    main = [link for link in page.links if not link.region and link.visible]
    media = any(link.kind in ("img", "video", "source") for link in main)
    return media or sum(link.kind == "a" for link in main) >= 3


def _strip_site_name(title: str) -> str:
    """ "Coming soon – Northwind" -> "Coming soon": the site name is not the page's heading."""
    return re.split(r"\s+[–—|·-]\s+", title.strip())[0]


def _placeholder_image(src: str, alt: str) -> bool:
    host = urlsplit(src).hostname or ""
    if any(name in host for name in PLACEHOLDER_IMAGE_HOSTS):
        return True
    path = urlsplit(src).path
    return bool(PLACEHOLDER_IMAGE_WORDS.search(path) or PLACEHOLDER_IMAGE_WORDS.search(alt or ""))
