"""A third-party check, written against cxcheck's public API only (no cxcheck.* submodule)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from cxcheck import Check, CheckContext, Finding, PageSnapshot, Severity, SiteSnapshot


@dataclass(frozen=True)
class ShortTitles:
    """Pages whose title says too little; a title used by two pages."""

    name: ClassVar[str] = "short-titles"
    description: ClassVar[str] = "Every page says what it is in its title."
    needs: ClassVar[frozenset[str]] = frozenset()

    min_words: int = 2

    def check_page(self, page: PageSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        if page.is_html and len(page.title.split()) < self.min_words:
            yield Finding(
                self.name,
                "short-title",
                Severity.MINOR,
                page.url,
                f"The title “{page.title}” says too little about the page.",
                target=page.url,
            )

    def check_site(self, site: SiteSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        pages_by_title: dict[str, list[str]] = {}
        for record in site.pages:
            if record.is_html:
                pages_by_title.setdefault(record.title, []).append(record.url)
        for title, urls in pages_by_title.items():
            for url in urls if len(urls) > 1 else ():
                yield Finding(
                    self.name,
                    "same-title",
                    Severity.MINOR,
                    url,
                    f"{len(urls)} pages share the title “{title}”.",
                    evidence=title,
                )


assert isinstance(ShortTitles(), Check)
