"""Pictures of findings, the part without a browser: which findings get one and on which
page (`plan_pictures`), where the files go (`pictures_folder`), and what a report carries
(`Picture`, `PicturePass`). The browser part is cxcheck/crawl/pictures.py; the phase that
runs it is `Run.take_pictures` in cxcheck/run/phases.py.

Every finding that blocks launch gets a picture, and the most frequent others up to a
bound: a cropped, outlined screenshot of the element, or a page thumbnail for a finding
about the whole page (no selector: slow, placeholder, error pages). Pages are chosen so
that one load serves as many findings as it can, and the pass stops at a page cap.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from cxcheck.findings import GroupedFinding, Severity

ELEMENT = "element"  # a cropped screenshot of the element, outlined
PAGE = "page"  # a thumbnail of the page's first screen
OUTLINE_COLOR = "#E0007A"  # the outline drawn round an element: a magenta-red seen on any page
# Selectors that name the whole page: a picture of them is a page thumbnail.
_WHOLE_PAGE = frozenset({"", "html", "body", ":root"})
# The formats whose files show pictures, in the order that decides where they go.
_SHOWN_IN = ("json", "html", "sarif")


@dataclass(frozen=True)
class Shot:
    """One picture to take on a page: of the element `selector`, or of the page when ""."""

    fingerprint: str
    selector: str = ""
    check: str = ""  # the finding's check: a devices finding is shown on several screens

    @property
    def kind(self) -> str:
        """ELEMENT or PAGE."""
        return PAGE if self.selector.strip().lower() in _WHOLE_PAGE else ELEMENT


@dataclass(frozen=True)
class Visit:
    """One page to re-open and the pictures to take there."""

    url: str
    shots: tuple[Shot, ...]


@dataclass(frozen=True)
class PicturePlan:
    """The pass's work, pages in the order they are visited (blockers' pages first)."""

    visits: tuple[Visit, ...] = ()
    left_out: int = 0  # findings that wanted a picture past the page cap

    @property
    def shots(self) -> int:
        """Pictures the plan asks for."""
        return sum(len(visit.shots) for visit in self.visits)


@dataclass(frozen=True)
class Picture:
    """A picture taken for one finding (its fingerprint), as the report carries it."""

    fingerprint: str
    path: str  # as written, relative to where the command ran (as journey screenshots)
    kind: str  # ELEMENT or PAGE
    page: str  # the URL it was taken on
    selector: str = ""
    width: int = 0
    height: int = 0
    note: str = ""  # why an element picture became a page one ("the element was not visible")


@dataclass(frozen=True)
class PicturePass:
    """What the pass did and within which bounds: the run facts say it."""

    taken: int
    pages: int
    seconds: float
    time_budget_s: float
    max_pages: int
    left_out: int  # findings that wanted a picture and got none (page cap, time, failure)
    folder: str


def wanted(
    findings: Sequence[GroupedFinding], fail_on: Severity, others: int
) -> list[GroupedFinding]:
    """The findings that get a picture: every one at or above `fail_on` (worst first), then
    the `others` seen on the most pages."""
    blocking = [g for g in findings if g.finding.severity.at_least(fail_on)]
    rest = [g for g in findings if not g.finding.severity.at_least(fail_on)]
    blocking.sort(key=lambda g: (-g.finding.severity.rank, -len(g.pages)))
    rest.sort(key=lambda g: (-len(g.pages), -g.finding.severity.rank))
    return blocking + rest[:others]


def plan_pictures(
    findings: Sequence[GroupedFinding],
    fail_on: Severity,
    max_pages: int,
    others: int,
    is_page: Mapping[str, bool] | None = None,
) -> PicturePlan:
    """Which pages to re-open and what to photograph on each, at most `max_pages` pages.

    A finding is photographed on a page already chosen for another when it occurs there,
    else on its page where the most wanted findings occur (the first page it was seen on, on
    a tie); `is_page` (URL -> whether it was rendered as a page) rules out targets that are
    not pages (a PDF, an image)."""
    chosen = wanted(findings, fail_on, others)
    pages_of = {
        g.fingerprint: [
            url
            for url in (g.pages or (g.finding.url,))
            if url and (is_page is None or is_page.get(url, False))
        ]
        for g in chosen
    }
    shared = Counter(url for pages in pages_of.values() for url in pages)
    shots: dict[str, list[Shot]] = {}
    left_out = 0
    for group in chosen:
        pages = pages_of[group.fingerprint]
        if not pages:
            continue
        url = next((p for p in pages if p in shots), None)
        if url is None and len(shots) >= max_pages:
            left_out += 1
            continue
        url = url or max(pages, key=lambda p: shared[p])  # max keeps the first of equals
        finding = group.finding
        shots.setdefault(url, []).append(Shot(group.fingerprint, finding.selector, finding.check))
    visits = tuple(Visit(url, tuple(found)) for url, found in shots.items())
    return PicturePlan(visits, left_out)


def pictures_folder(outputs: Mapping[str, str]) -> Path | None:
    """Where pictures go: `<name>-pictures/` next to the JSON report (else the HTML, else the
    SARIF one); None when no file that shows pictures is written."""
    for fmt in _SHOWN_IN:
        if outputs.get(fmt):
            report = Path(outputs[fmt])
            return report.parent / f"{report.stem}-pictures"
    return None


def picture_name(fingerprint: str, kind: str) -> str:
    """A picture's file name: the finding's fingerprint (a hash: never a secret) and kind."""
    return f"{fingerprint}-{kind}.jpg"
