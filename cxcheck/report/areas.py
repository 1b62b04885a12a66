"""The areas a customer feels (navigation, finished content, accessibility, speed, journeys):
which checks belong to each, a status and a score per area. Every renderer reads these, so a
new check that names its `area` needs no report code.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxcheck.findings import GroupedFinding, Severity
from cxcheck.report.model import JourneyResult, Report


@dataclass(frozen=True)
class Area:
    """An area of the customer's experience."""

    key: str
    title: str
    promise: str  # what a customer gets when the area is good


AREAS: tuple[Area, ...] = (
    Area("navigation", "Navigation", "Every link, button and page leads somewhere that works."),
    Area("content", "Finished content", "No placeholder text, 'coming soon' or half-built pages."),
    Area(
        "accessibility",
        "Accessibility",
        "People who use a keyboard, a screen reader or zoom can use every page.",
    ),
    Area("speed", "Speed", "Pages show their content quickly and stay steady while loading."),
    Area(
        "devices",
        "Every device",
        "Pages look right and work the same on a phone, a tablet and a desktop.",
    ),
    Area(
        "data",
        "Customers' data",
        "What customers type and who they are stays between them and the site.",
    ),
    Area("journeys", "Journeys", "Customers can finish the tasks they came for."),
)
OTHER = Area("other", "Other checks", "Checks that name no area of their own.")
_KEYS = {a.key for a in AREAS}

BLOCKED, NEEDS_WORK, GOOD, NOT_CHECKED = "blocked", "needs work", "good", "not checked"
# Nothing new, but problems the baseline accepted are still there: never "good".
ACCEPTED = "known problems"
# Points a problem costs the area's score out of 100; a journey costs its share of them all.
PENALTY = {Severity.BLOCKER: 40, Severity.MAJOR: 15, Severity.MINOR: 4, Severity.INFO: 0}


def scoring(fail_on: Severity) -> str:
    """How the scores and statuses are worked out, in one paragraph for the reader."""
    points = ", ".join(f"{PENALTY[s]} per {s.value}" for s in Severity if PENALTY[s])
    return (
        f"Each area starts at 100 and loses points for every problem still on the site "
        f"({points}; never below 0), problems accepted in the baseline included. Journeys "
        f"score the share of journeys that passed. The status follows the verdict instead: "
        f"an area is blocked by any new problem that is {fail_on.value} or worse, or by a "
        f"failed journey, whatever its score."
    )


@dataclass(frozen=True)
class AreaResult:
    """One area's standing in a report."""

    area: Area
    status: str  # blocked | needs work | good | not checked
    score: int | None  # 0..100, None when nothing checked this area
    checks: tuple[str, ...]
    findings: tuple[GroupedFinding, ...]
    blockers: tuple[GroupedFinding, ...]
    journeys: tuple[JourneyResult, ...] = ()
    known: tuple[GroupedFinding, ...] = ()  # accepted in the baseline: counted apart
    fail_on: Severity = Severity.MAJOR

    @property
    def known_blocking(self) -> int:
        """Known problems that would block launch without the baseline."""
        return sum(g.finding.severity.at_least(self.fail_on) for g in self.known)


def area_key(report: Report, check: str) -> str:
    """The area a check's findings count in: its declared area, else "other"."""
    declared = next((c.area for c in report.checks if c.name == check), "")
    return declared if declared in _KEYS else OTHER.key


def area_results(report: Report) -> list[AreaResult]:
    """Every customer area in order (journeys included), then "other" when a check needs it."""
    results = [_journeys(report) if a.key == "journeys" else _area(report, a) for a in AREAS]
    other = _area(report, OTHER)
    if other.checks or other.findings:
        results.append(other)
    return results


def _area(report: Report, area: Area) -> AreaResult:
    checks = tuple(c.name for c in report.checks if area_key(report, c.name) == area.key)
    findings = tuple(f for f in report.findings if area_key(report, f.finding.check) == area.key)
    known = tuple(f for f in report.known if area_key(report, f.finding.check) == area.key)
    blockers = tuple(f for f in findings if f.finding.severity.at_least(report.fail_on))
    if not checks and not findings and not known:
        return AreaResult(area, NOT_CHECKED, None, (), (), ())
    score = max(0, 100 - sum(PENALTY[f.finding.severity] for f in (*findings, *known)))
    status = _status(findings, blockers, known)
    return AreaResult(area, status, score, checks, findings, blockers, (), known, report.fail_on)


def _status(
    findings: tuple[GroupedFinding, ...],
    blockers: tuple[GroupedFinding, ...],
    known: tuple[GroupedFinding, ...],
) -> str:
    def worth_fixing(groups: tuple[GroupedFinding, ...]) -> bool:
        return any(g.finding.severity > Severity.INFO for g in groups)

    if blockers:
        return BLOCKED
    if worth_fixing(findings):
        return NEEDS_WORK
    return ACCEPTED if worth_fixing(known) else GOOD


def _journeys(report: Report) -> AreaResult:
    area = next(a for a in AREAS if a.key == "journeys")
    journeys = report.journeys
    if not journeys:
        return AreaResult(area, NOT_CHECKED, None, (), (), ())
    passed = sum(j.passed for j in journeys)
    status = GOOD if passed == len(journeys) else BLOCKED
    score = round(100 * passed / len(journeys))
    return AreaResult(area, status, score, (), (), (), journeys)
