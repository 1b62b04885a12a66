"""One problem, one finding: where two checks see the same cause, which finding stays.

Applied once, after every check ran (`app.py`), never inside a check: each check on its own
still reports everything it sees (run with `--only`, it misses nothing), and this table
decides what a reader is shown when several checks ran. Each rule is written down with its
reason in the README ("One problem, one finding").

1. **An error page behind links** is the links' problem. A page that answers 4xx/5xx (or
   fails to load) and that the crawl reached only by following links is reported once, by
   dead-navigation, as the broken links that lead to it (naming the linking pages and link
   texts), not a second time by page-health as an error page. page-health keeps it when the
   crawl was given the page (the start URL, a sitemap entry, a journey step) or when
   dead-navigation did not run.
2. **The same story on one page**: for each pair below, when both findings are on the same
   page (and, where marked, about the same URL), the worse one stays; on a tie, the first.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urldefrag

from cxcheck.findings import Finding
from cxcheck.snapshot import SiteSnapshot

Rule = tuple[str, str]  # (check, rule)

ERROR_PAGE_RULES = frozenset({("page-health", "http-error"), ("page-health", "load-failed")})
LINK_CHECK = "dead-navigation"


@dataclass(frozen=True)
class Overlap:
    """Two findings that tell one story when they meet on one page."""

    first: Rule  # stays on a tie
    second: Rule
    why: str
    same_target: bool = False  # only when both name the same URL (a file, a link)
    same_element: bool = False  # only when both name the same element (its opening tag)


OVERLAPS: tuple[Overlap, ...] = (
    Overlap(
        ("dead-navigation", "broken-asset"),
        ("page-health", "console-error"),
        "a missing file also logs “Failed to load resource”: the file's finding names it",
        same_target=True,
    ),
    Overlap(
        ("dead-navigation", "soft-404"),
        ("under-construction", "placeholder-page"),
        "a page that says it is not there is not also an unfinished page",
    ),
    Overlap(
        ("page-health", "http-error"),
        ("under-construction", "placeholder-page"),
        "an error page that says “back soon” is an error page",
    ),
    Overlap(
        ("under-construction", "placeholder-page"),
        ("under-construction", "thin-page"),
        "a placeholder page is thin by nature",
    ),
    Overlap(
        ("under-construction", "placeholder-page"),
        ("under-construction", "placeholder-content"),
        "the whole page is a placeholder: its parts need no finding of their own",
    ),
    Overlap(
        ("accessibility", "document-title"),
        ("under-construction", "default-title"),
        "an empty title is one problem for everyone, screen-reader users first",
    ),
    Overlap(
        ("data-safety", "form-to-http"),
        ("dead-navigation", "insecure-link"),
        "a form that sends passwords, cards or contact details over http is that, not only a "
        "plain-http link",
        same_target=True,
    ),
    Overlap(
        ("under-construction", "placeholder-content"),
        ("dead-navigation", "broken-asset"),
        "a placeholder image that also fails to load is still the placeholder to replace",
        same_target=True,
    ),
    Overlap(
        ("accessibility", "meta-viewport"),
        ("devices", "zoom-disabled"),
        "a viewport meta tag that turns zooming off is one problem; axe names the WCAG rule",
    ),
    Overlap(
        ("accessibility", "meta-viewport-large"),
        ("devices", "zoom-disabled"),
        "a viewport meta tag that limits zooming is one problem",
    ),
    Overlap(
        ("accessibility", "target-size"),
        ("devices", "small-tap-target"),
        "a tap target too small and too close to another is one problem, whoever measured it",
        same_element=True,
    ),
)


def resolve(findings: Iterable[Finding], site: SiteSnapshot, ran: Collection[str]) -> list[Finding]:
    """`findings` with every finding another one already tells left out (see the module)."""
    kept = [f for f in findings if not _behind_links(f, site, ran)]
    dropped: set[int] = set()
    by_page: dict[str, list[int]] = {}
    for index, finding in enumerate(kept):
        by_page.setdefault(site.key_of(finding.url), []).append(index)
    for indexes in by_page.values():
        dropped.update(_told_twice([kept[i] for i in indexes], indexes))
    return [f for i, f in enumerate(kept) if i not in dropped]


def _behind_links(finding: Finding, site: SiteSnapshot, ran: Collection[str]) -> bool:
    """An error page the crawl reached through links: dead-navigation reports the links."""
    if (finding.check, finding.rule) not in ERROR_PAGE_RULES or LINK_CHECK not in ran:
        return False
    record = site.record_for(finding.target or finding.url)
    return record is not None and not record.given


def _told_twice(findings: Sequence[Finding], indexes: Sequence[int]) -> set[int]:
    """Indexes (from `indexes`) of the findings on one page that an overlap leaves out."""
    dropped: set[int] = set()
    for overlap in OVERLAPS:
        firsts = [(i, f) for i, f in zip(indexes, findings, strict=True) if _is(f, overlap.first)]
        seconds = [(i, f) for i, f in zip(indexes, findings, strict=True) if _is(f, overlap.second)]
        for i, first in firsts:
            for j, second in seconds:
                if overlap.same_target and _target(first) != _target(second):
                    continue
                if overlap.same_element and _element(first) != _element(second):
                    continue
                dropped.add(i if second.severity > first.severity else j)
    return dropped


def _is(finding: Finding, rule: Rule) -> bool:
    return (finding.check, finding.rule) == rule


def _target(finding: Finding) -> str:
    return urldefrag(finding.target).url


def _element(finding: Finding) -> str:
    """The element a finding's HTML evidence shows, by its opening tag (axe and the devices
    check cut the rest of the HTML at different lengths)."""
    return " ".join(finding.evidence.split(">", 1)[0].split())
