"""under-construction: no placeholder, half-built or default page, and none of what is
right on a staging site but wrong on the live one, goes live.

Rules (default severity):
- `placeholder-page` (major; blocker when the site's menu links to it, naming the menu
  entries): the page's own content is a notice that it is not ready — in its title, a main
  heading, a sentence ("This website is currently under construction."), a picture (alt
  text or a file name such as under-construction.gif) — with little else besides what
  such pages carry (countdown, sign-up form, social links); or it is mostly template slots
  ([TITLE], [CONTENT]); or a web-server, framework or CMS default page.
- `placeholder-content` (major): an unfinished part of a real page — a section whose only
  content is "Coming soon", filler ("Image coming soon", lorem ipsum), a TODO/FIXME/TBD, a
  template leftover (`{{ price }}`, `[object Object]`, `£NaN`, `[Product name]`,
  `[CONTENT]`, a `[vc_row]` shortcode), or an image from a placeholder service or file.
- `thin-page` (minor): the main content has almost no text and no image.
- `default-title` (minor): an empty or default title ("Untitled", "Document"), or one
  title shared by most pages.
- `noindex` (major on the start page, minor elsewhere): meta robots or X-Robots-Tag says
  noindex. With `production_host` set and another host checked, the header is taken for
  this environment's own setting (info), the meta tag for what will go live.
- `other-environment` (major): a link, asset, canonical address, og:url or form action on
  another environment: a local address (when the site checked is not local), a host named
  staging/stage/dev/test/uat/preview/sandbox, or one listed in `other_environments`.
- `test-data` (major): visible test addresses, names or products ("test@example.com",
  "John Doe", "Test product", "asdf") as content, not as an example in a sentence.
- `robots-disallow-all` (major; info when `production_host` is another host): robots.txt
  shuts every crawler out of the whole site.
- `no-not-found-page` (major): a made-up address under the site answers 200.
- `bare-error-page` (minor): a missing page gets a bare server error page without the
  site's menu.
- `no-favicon` (minor): no page declares an icon and /favicon.ico is missing.

Status badges on project cards, news about building work, "coming soon" labels on real
products, FAQs about placeholder text and hidden text stay silent. Phrase lists live in
`checks/phrases/<language>.txt` (21 languages); `extra_phrases` adds notices and `silence =
{ "coming soon" = ["/news/*"] }` silences a phrase on matching paths.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from importlib.resources import files
from typing import ClassVar
from urllib.parse import urlsplit

from checks.construction import findings as make
from checks.construction.content import blocks, own_lines, word_count
from checks.construction.findings import RULES
from checks.construction.golive import environment_links, noindex_sources, test_data
from checks.construction.leftovers import is_slot_page, placeholder_image, text_leftover
from checks.construction.notices import NoticeReader
from checks.construction.phrases import LANGUAGES, PhraseBook, fold
from checks.construction.site_answers import favicon_missing, not_found_problem, robots_shut_out
from cxcheck.captures import SiteProbe
from cxcheck.contract import CheckContext
from cxcheck.findings import Finding
from cxcheck.snapshot import PageSnapshot, SiteSnapshot
from cxcheck.urls import key_of, matches_any

DEFAULT_TITLES = frozenset(
    {"", "untitled", "untitled document", "document", "page title", "title", "new page"}
    | {"my website", "index"}
)
# Pages that are left out of search engines on purpose.
NOINDEX_OK = (
    *("*/search*", "*/cart*", "*/basket*", "*/checkout*", "*/account*", "*/login*"),
    *("*/signin*", "*/sign-in*", "*/register*", "*/password*", "*/order*", "*/thank*"),
    *("*/admin*", "*/wp-admin*", "*/my-account*", "*/preview*", "*/print*"),
)


def load_defaults() -> tuple[tuple[str, str, str], ...]:
    """(phrase, where, what) of default and starter pages."""
    text = files("checks").joinpath("phrases", "defaults.txt").read_text(encoding="utf-8")
    rows = [
        line.split("|") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]
    return tuple((p.strip(), w.strip(), what.strip()) for p, w, what in rows)


@dataclass(frozen=True)
class UnderConstruction:
    """Placeholder, half-built and default pages, and go-live leftovers."""

    name: ClassVar[str] = "under-construction"
    description: ClassVar[str] = (
        "No page or section a customer sees is a placeholder, a leftover or a default page, "
        "and nothing of the staging site's setup goes live."
    )
    needs: ClassVar[frozenset[str]] = frozenset({"site-probe"})
    area: ClassVar[str] = "content"
    rule_ids: ClassVar[frozenset[str]] = RULES.ids

    languages: tuple[str, ...] = field(
        default=LANGUAGES, metadata={"help": "Phrase lists to use (checks/phrases/*.txt)."}
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
    production_host: str = field(
        default="",
        metadata={
            "help": 'The live host ("www.example.com"); checking another host, '
            "noindex and robots.txt are judged as what will go live."
        },
    )
    other_environments: tuple[str, ...] = field(
        default=(),
        metadata={"help": 'More hosts that are not live, as globs ("*.internal.example").'},
    )
    noindex_ok: tuple[str, ...] = field(
        default=NOINDEX_OK, metadata={"help": "URL path globs where noindex is on purpose."}
    )
    disable: tuple[str, ...] = field(
        default=(), metadata={"help": 'Rules to leave out, e.g. ["no-favicon"].'}
    )

    def __post_init__(self) -> None:
        unknown = set(self.languages) - set(LANGUAGES)
        if unknown:
            raise ValueError(
                f"languages: no phrase list for {sorted(unknown)}; known: {', '.join(LANGUAGES)}"
            )
        if set(self.disable) - RULES.ids:
            first = sorted(set(self.disable) - RULES.ids)[0]
            raise ValueError(f"disable: unknown rule {first!r}")

    @cached_property
    def _reader(self) -> NoticeReader:
        return NoticeReader(PhraseBook.load(self.languages, self.extra_phrases))

    @cached_property
    def _defaults(self) -> tuple[tuple[str, str, str], ...]:
        return load_defaults()

    def _on(self, rule: str) -> bool:
        return rule not in self.disable

    # ---- one page -------------------------------------------------------------------
    def check_page(self, page: PageSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        """Findings for one page; error pages are page-health's."""
        if not page.is_html or page.error or (page.status or 200) >= 400:
            return
        path = urlsplit(page.url).path or "/"
        found = [*self._unfinished(page, path), *self._go_live(page, ctx, path)]
        title = page.title.strip()
        if title.lower() in DEFAULT_TITLES:
            found.append(make.default_title(page, title))
        yield from (f for f in found if self._on(f.rule))

    def _unfinished(self, page: PageSnapshot, path: str) -> list[Finding]:
        silenced = self._silenced(path)
        reading = self._reader.read(page, silenced)
        whole = self._default_page(page) or self._slot_page(page)
        if not whole and reading.placeholder:
            notice = reading.placeholder
            whole = make.notice_words(notice.where, notice.shown)
        if whole:
            return [make.placeholder_page(page, whole)]
        found = [
            make.section(page, f"This section is not finished: it says “{block[:80]}”.", block[:80])
            for block in reading.unfinished
        ]
        found += self._leftovers(page, path)
        if word_count(page.main_text) < self.thin_page_words and not _has_main_content(page):
            found.append(make.thin(page, word_count(page.main_text)))
        return found

    def _default_page(self, page: PageSnapshot) -> str:
        lowered = {  # once per page, not once per default phrase
            "title": page.title.lower(),
            "heading": "\n".join(h.text for h in page.headings).lower(),
            "text": f"{page.title}\n{page.text}".lower(),
        }
        for phrase, where, what in self._defaults:
            if phrase.lower() in lowered[where]:
                return f"it is {what} (“{phrase}”)"
        return ""

    def _slot_page(self, page: PageSnapshot) -> str:
        slots = is_slot_page(own_lines(page))
        return f"its content is template slots ({', '.join(slots[:3])})" if slots else ""

    def _silenced(self, path: str) -> frozenset[str]:
        return frozenset(
            " ".join(fold(phrase).split())
            for phrase, globs in self.silence.items()
            if matches_any(path, globs)
        )

    def _leftovers(self, page: PageSnapshot, path: str) -> Iterator[Finding]:
        hidden = {line for text in page.aria_hidden_text for line in blocks(text)}
        lorem = "lorem ipsum" not in self._silenced(path)
        for block in (b for b in blocks(page.text) if b not in hidden):
            leftover = text_leftover(block, self.lorem_min_words, lorem)
            if leftover:
                yield make.leftover(page, leftover)
        for link in page.links:
            if link.kind == "img" and link.visible and placeholder_image(link.href, link.text):
                yield make.placeholder_image(page, link)

    def _go_live(self, page: PageSnapshot, ctx: CheckContext, path: str) -> Iterator[Finding]:
        checked = urlsplit(ctx.start_url).hostname or ""
        staging = bool(self.production_host) and checked != self.production_host.lower()
        home = key_of(page.url) == key_of(ctx.start_url)
        deliberate = matches_any(path, self.noindex_ok)
        for source in noindex_sources(page) if home or not deliberate else ():
            yield make.noindex(page, source, home, self.production_host if staging else "")
        for link in environment_links(page, checked, self.other_environments, self.production_host):
            yield make.other_environment(page, link)
        for what, shown in test_data(page):
            yield make.test_data(page, what, shown)

    # ---- across pages ----------------------------------------------------------------
    def check_site(self, site: SiteSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        """Menu links to placeholder pages; one title on most pages; site-wide leftovers."""
        found = [*self._menu_blockers(site), *self._shared_titles(site)]
        probe = site.site_probe
        if isinstance(probe, SiteProbe):
            checked = urlsplit(ctx.start_url).hostname or ""
            staging = bool(self.production_host) and checked != self.production_host.lower()
            for problem in (
                robots_shut_out(probe),
                not_found_problem(probe),
                favicon_missing(probe),
            ):
                if problem:
                    found.append(make.site_problem(ctx, problem, staging, self.production_host))
        yield from (f for f in found if self._on(f.rule))

    def _menu_blockers(self, site: SiteSnapshot) -> Iterator[Finding]:
        placeholders = {
            site.key_of(f.target): f
            for f in site.findings
            if f.check == self.name and f.rule == "placeholder-page"
        }
        entries: dict[str, list[str]] = {}
        for record in site.pages:
            for link in record.links:
                key = _lands_on(site, link.href) if link.href else ""
                if key in placeholders and link.in_navigation and link.text:
                    names = entries.setdefault(key, [])
                    if link.text not in names:
                        names.append(link.text)
        for key, names in entries.items():
            yield make.menu_blocker(placeholders[key], names)

    def _shared_titles(self, site: SiteSnapshot) -> Iterator[Finding]:
        # A page once, however many URLs led to it (`own`): else the count follows the order.
        pages = [
            p for p in site.pages if p.own and p.rendered and not p.error and (p.status or 0) < 400
        ]
        counts = Counter(p.title.strip() for p in pages if p.title.strip())
        for title, count in counts.items():
            if count >= self.shared_title_pages and count > len(pages) / 2:
                for page in (p for p in pages if p.title.strip() == title):
                    yield make.shared_title(page.url, title, count, len(pages))


def _lands_on(site: SiteSnapshot, href: str) -> str:
    """The page `href` leads to (through a redirect, where it landed), as the crawl keys it:
    findings about a page name it so."""
    record = site.record_for(href)
    return site.key_of(record.final_url or record.url) if record else site.key_of(href)


def _has_main_content(page: PageSnapshot) -> bool:
    """An image or video, or a few links (a hub page), outside the header, nav and footer."""
    main = [link for link in page.links if not link.region and link.visible]
    media = any(link.kind in ("img", "video", "source") for link in main)
    return media or sum(link.kind == "a" for link in main) >= 3
