"""Shard reports (`cxcheck check --shard i/n` on several CI runners) joined into one report
with one verdict, as if one machine had checked every page.

Each shard checks its own pages, so pages and findings are unions: a problem seen on pages of
two shards is one finding with both pages (fingerprints do not depend on the page). The
site-wide checks of every shard see the whole site, so their findings repeat across shards and
merge into one. Journeys run on one shard only (the first) and are carried over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import timedelta
from typing import TypeVar

from cxcheck.errors import UsageError
from cxcheck.findings import Finding, GroupedFinding, group_findings
from cxcheck.report.model import IgnoredFinding, Report
from cxcheck.report.triage import same_site
from cxcheck.shard import Shard

T = TypeVar("T")

SHARD_SETTING = "shard"  # "i/n" in a shard report's settings


def merge(reports: Sequence[Report], names: Sequence[str]) -> Report:
    """One report from shard reports of one site; `names` (their files) name them in errors."""
    if not reports:
        raise UsageError("merge: no reports given")
    first = reports[0]
    for report, name in zip(reports, names, strict=True):
        if not same_site(report.site, first.site):
            raise UsageError(f"{name} is a report of {report.site}, not {first.site}")
    missing = _missing_shards(reports, names)
    end = max(r.started + timedelta(seconds=r.duration_s) for r in reports)
    started = min(r.started for r in reports)
    settings = {k: v for k, v in first.settings.items() if k != SHARD_SETTING}
    return replace(
        first,
        started=started,
        duration_s=(end - started).total_seconds(),
        pages=_first_of_each(_all(r.pages for r in reports), lambda page: page.url),
        findings=_union(r.findings for r in reports),
        checks=_first_of_each(_all(r.checks for r in reports), lambda check: check.name),
        complete=all(r.complete for r in reports) and not missing,
        unrendered=max(r.unrendered for r in reports),  # every shard crawls the whole site
        skipped=_most(r.skipped for r in reports),
        notes=tuple(dict.fromkeys([*_all(r.notes for r in reports), *missing])),
        journeys=tuple(_all(r.journeys for r in reports)),
        known=_union(r.known for r in reports),
        ignored=_ignored(r.ignored for r in reports),
        # An ignore entry is stale only if it matched nothing in every shard.
        stale_ignores=tuple(
            s for s in first.stale_ignores if all(s in r.stale_ignores for r in reports)
        ),
        comparison=None,  # compare the merged report again: `cxcheck report --compare`
        settings={**settings, "merged_from": len(reports)},
    )


def _missing_shards(reports: Sequence[Report], names: Sequence[str]) -> list[str]:
    """Notes for shards of an `i/n` split that no report covers; a shard given twice is an
    error (its pages would be counted twice in the summary)."""
    shards = [_shard_of(report, name) for report, name in zip(reports, names, strict=True)]
    if all(shard.whole for shard in shards):
        return []
    if len({shard.total for shard in shards}) > 1:
        listed = ", ".join(str(shard) for shard in shards)
        raise UsageError(f"merge: these reports are not shards of one split ({listed})")
    for n, (shard, name) in enumerate(zip(shards, names, strict=True)):
        if shard in shards[:n]:
            raise UsageError(f"merge: shard {shard} is given twice ({name})")
    total = shards[0].total
    return [
        f"Shard {i}/{total} is missing from the merge: its pages were not checked."
        for i in range(1, total + 1)
        if Shard(i, total) not in shards
    ]


def _shard_of(report: Report, name: str) -> Shard:
    """The report's shard (1/1, the whole site, for a report of no split)."""
    try:
        return Shard.parse(str(report.settings.get(SHARD_SETTING, "")))
    except ValueError as error:
        raise UsageError(f"{name}: {error}") from None


def _all(groups: Iterable[Iterable[T]]) -> list[T]:
    return [item for group in groups for item in group]


def _first_of_each(items: Iterable[T], key: Callable[[T], str]) -> tuple[T, ...]:
    """Items in order, each key once (a page checked by two shards: the first one's)."""
    firsts: dict[str, T] = {}
    for item in items:
        firsts.setdefault(key(item), item)
    return tuple(firsts.values())


def _union(groups: Iterable[Iterable[GroupedFinding]]) -> tuple[GroupedFinding, ...]:
    """Grouped findings of several reports, grouped again: one per fingerprint, every page."""
    return tuple(group_findings(_per_page(_all(groups))))


def _per_page(groups: Iterable[GroupedFinding]) -> list[Finding]:
    return [replace(group.finding, url=page) for group in groups for page in group.pages]


def _ignored(groups: Iterable[Iterable[IgnoredFinding]]) -> tuple[IgnoredFinding, ...]:
    ignored = _all(groups)
    reasons = {item.group.fingerprint: item.reason for item in ignored}
    merged = group_findings(_per_page(item.group for item in ignored))
    return tuple(IgnoredFinding(group, reasons[group.fingerprint]) for group in merged)


def _most(counters: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """Per reason, the largest count: every shard turns the same URLs away."""
    most: dict[str, int] = {}
    for counter in counters:
        for reason, count in counter.items():
            most[reason] = max(most.get(reason, 0), count)
    return most
