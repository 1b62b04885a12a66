"""What remains after `[[ignore]]` entries and the baseline, and how a run compares with an
earlier one. Pure functions of reports; the verdict then only counts what remains.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from cxcheck.config import IgnoreRule
from cxcheck.errors import UsageError
from cxcheck.findings import GroupedFinding
from cxcheck.report.json_report import known_data, known_of
from cxcheck.report.model import Comparison, IgnoredFinding, KnownProblem, Report
from cxcheck.urls import matches

_BASELINE_KIND = "cxcheck-baseline"


@dataclass(frozen=True)
class Baseline:
    """Problems a team has accepted for now: a run fails only on problems not in it."""

    path: str
    site: str
    problems: tuple[KnownProblem, ...]

    @property
    def fingerprints(self) -> frozenset[str]:
        """The accepted problems' ids."""
        return frozenset(p.fingerprint for p in self.problems)


def triage(
    report: Report,
    ignores: Sequence[IgnoreRule] = (),
    baseline: Baseline | None = None,
    previous: Report | None = None,
    previous_label: str = "",
) -> Report:
    """The report with ignored and baseline findings set aside and a comparison attached.

    The comparison is with `previous` when given (`--compare`), else with the baseline.
    """
    kept, ignored, stale = apply_ignores(report.findings, ignores)
    known: tuple[GroupedFinding, ...] = ()
    if baseline is not None:
        kept, known = _split(kept, baseline.fingerprints)
    present = [*kept, *known, *(i.group for i in ignored)]
    comparison = None
    if previous is not None:
        comparison = compare(
            present, kept, _problems_of(previous), f"previous report {previous_label}"
        )
    elif baseline is not None:
        comparison = compare(present, kept, baseline.problems, f"baseline {baseline.path}")
    return replace(
        report,
        findings=tuple(kept),
        known=known,
        ignored=tuple(ignored),
        stale_ignores=tuple(rule_where(r) for r in stale),
        comparison=comparison,
        baseline=baseline.path if baseline else "",
    )


def rule_where(rule: IgnoreRule) -> str:
    """An ignore entry described with the line it starts on."""
    where = f"line {rule.line}: " if rule.line else ""
    return where + rule.describe()


def apply_ignores(
    groups: Iterable[GroupedFinding], rules: Sequence[IgnoreRule]
) -> tuple[list[GroupedFinding], list[IgnoredFinding], list[IgnoreRule]]:
    """(findings kept, findings ignored with the first matching reason, rules that matched
    nothing). A rule matching some of a finding's pages ignores it on those pages only."""
    kept: list[GroupedFinding] = []
    ignored: list[IgnoredFinding] = []
    used: set[int] = set()
    for group in groups:
        remaining = list(group.pages)
        for index, rule in enumerate(rules):
            matched = [p for p in remaining if _matches(rule, group, p)]
            if not matched:
                continue
            used.add(index)
            ignored.append(IgnoredFinding(replace(group, pages=tuple(matched)), rule.reason))
            remaining = [p for p in remaining if p not in matched]
            if not remaining:
                break
        if remaining:
            kept.append(replace(group, pages=tuple(remaining)))
    stale = [rule for index, rule in enumerate(rules) if index not in used]
    return kept, ignored, stale


def _matches(rule: IgnoreRule, group: GroupedFinding, page: str) -> bool:
    f = group.finding
    return (
        (not rule.check or fnmatch.fnmatchcase(f.check, rule.check))
        and (not rule.rule or fnmatch.fnmatchcase(f.rule, rule.rule))
        and (not rule.selector or fnmatch.fnmatchcase(f.selector, rule.selector))
        and (not rule.message or rule.message.casefold() in f.message.casefold())
        and (not rule.url or _url_matches(rule.url, page) or _url_matches(rule.url, f.target))
    )


def _url_matches(pattern: str, url: str) -> bool:
    return bool(url) and matches(url, pattern)


def _split(
    groups: Iterable[GroupedFinding], fingerprints: frozenset[str]
) -> tuple[list[GroupedFinding], tuple[GroupedFinding, ...]]:
    new = [g for g in groups if g.fingerprint not in fingerprints]
    known = tuple(g for g in groups if g.fingerprint in fingerprints)
    return new, known


def compare(
    present: Sequence[GroupedFinding],
    active: Sequence[GroupedFinding],
    before: Iterable[KnownProblem],
    against: str,
) -> Comparison:
    """New (active and not seen before), still open (seen before and now) and fixed problems."""
    earlier = {p.fingerprint: p for p in before}
    now = {g.fingerprint for g in present}
    return Comparison(
        against=against,
        new=tuple(g.fingerprint for g in active if g.fingerprint not in earlier),
        still_open=tuple(g.fingerprint for g in present if g.fingerprint in earlier),
        fixed=tuple(p for key, p in earlier.items() if key not in now),
    )


def problem_of(group: GroupedFinding) -> KnownProblem:
    """A finding as a baseline or comparison remembers it."""
    f = group.finding
    page = group.pages[0] if group.pages else f.url
    return KnownProblem(group.fingerprint, f.check, f.rule, f.severity.value, f.message, page)


def _problems_of(report: Report) -> list[KnownProblem]:
    """Every problem a report saw, whether it blocked or was known (not the ignored ones)."""
    return [problem_of(g) for g in (*report.findings, *report.known)]


def baseline_data(report: Report) -> dict[str, object]:
    """The baseline file's content for a report: its open problems, known ones included."""
    return {
        "kind": _BASELINE_KIND,
        "schema": 1,
        "site": report.site,
        "saved": datetime.now(UTC).isoformat(timespec="seconds"),
        "from_report_started": report.started.isoformat(timespec="seconds"),
        "problems": [known_data(p) for p in _problems_of(report)],
    }


def load_baseline(path: str, site: str) -> Baseline:
    """The baseline at `path` for the site at `site`, or a UsageError saying what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise UsageError(f"baseline {path}: cannot read ({error.strerror or error})") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise UsageError(
            f"baseline {path}: not a baseline file (corrupt JSON); "
            "save a new one with: cxcheck baseline save report.json"
        ) from None
    try:
        if data.get("kind") != _BASELINE_KIND:
            raise ValueError('it has no "kind": "cxcheck-baseline"')
        baseline = Baseline(path, str(data["site"]), tuple(known_of(p) for p in data["problems"]))
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise UsageError(f"baseline {path}: not a cxcheck baseline ({error})") from None
    if not same_site(baseline.site, site):
        raise UsageError(
            f"baseline {path} was saved for {baseline.site}, not {site}; "
            "save one for this site with: cxcheck baseline save report.json"
        )
    return baseline


def same_site(one: str, other: str) -> bool:
    """Two start URLs name the same site (the port aside)."""
    return _host(one) == _host(other)


def _host(url: str) -> str:
    # The port is left out: a served folder gets a new port every run.
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:  # "http://[::1": no host can be read, so compare the whole text
        return url.strip().lower()
