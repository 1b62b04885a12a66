"""Joining shard reports: unions of pages and findings, one verdict, missing shards named."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from cxcheck.errors import UsageError
from cxcheck.report import json_report
from cxcheck.report.merge import merge
from cxcheck.report.model import Report

SHOP = json_report.load(Path(__file__).parents[1] / "fixtures" / "shop-report.json")


def _shard(report: Report, index: int, total: int) -> Report:
    """The part of `report` whose pages fall to shard `index` (every other page)."""
    mine = {page.url for n, page in enumerate(report.pages) if n % total == index - 1}
    findings = tuple(
        replace(group, finding=replace(group.finding, url=pages[0]), pages=pages)
        for group in report.findings
        if (pages := tuple(p for p in group.pages if p in mine))
    )
    return replace(
        report,
        pages=tuple(p for p in report.pages if p.url in mine),
        findings=findings,
        settings={**report.settings, "shard": f"{index}/{total}"},
    )


def _facts(report: Report) -> tuple[set[tuple[str, frozenset[str]]], set[str], str]:
    findings = {(g.fingerprint, frozenset(g.pages)) for g in report.findings}
    return findings, {p.url for p in report.pages}, report.verdict


def test_shards_merged_equal_the_whole_run() -> None:
    shards = [_shard(SHOP, i, 3) for i in (1, 2, 3)]
    assert all(len(s.findings) < len(SHOP.findings) for s in shards)  # each saw only a part

    merged = merge(shards, ["a.json", "b.json", "c.json"])

    assert _facts(merged) == _facts(SHOP)
    assert merged.complete is SHOP.complete
    assert "shard" not in merged.settings and merged.settings["merged_from"] == 3


def test_a_problem_seen_in_two_shards_is_one_finding_with_both_pages() -> None:
    first, second = SHOP.pages[0].url, SHOP.pages[1].url  # shards 1 and 2 of 2
    group = replace(SHOP.findings[0], pages=(first, second))
    report = replace(SHOP, findings=(group, *SHOP.findings[1:]))
    merged = merge([_shard(report, 1, 2), _shard(report, 2, 2)], ["a", "b"])
    (same,) = [g for g in merged.findings if g.fingerprint == group.fingerprint]
    assert set(same.pages) == set(group.pages)


def test_a_missing_shard_makes_the_report_incomplete_and_says_which() -> None:
    merged = merge([_shard(SHOP, 1, 3), _shard(SHOP, 3, 3)], ["a", "c"])
    assert merged.complete is False
    assert "Shard 2/3 is missing from the merge: its pages were not checked." in merged.notes


@pytest.mark.parametrize(
    ("shards", "words"),
    [
        ([(1, 2), (1, 2)], "shard 1/2 is given twice (b.json)"),
        ([(1, 2), (2, 3)], "not shards of one split"),
    ],
)
def test_shards_that_do_not_fit_are_refused(shards: list[tuple[int, int]], words: str) -> None:
    reports = [_shard(SHOP, i, n) for i, n in shards]
    with pytest.raises(UsageError, match=re.escape(words)):
        merge(reports, ["a.json", "b.json"])


def test_reports_of_two_sites_are_refused() -> None:
    other = replace(SHOP, site="https://elsewhere.example/")
    with pytest.raises(
        UsageError, match=re.escape("b.json is a report of https://elsewhere.example/")
    ):
        merge([SHOP, other], ["a.json", "b.json"])


def test_an_ignore_is_stale_only_if_no_shard_used_it() -> None:
    one = replace(_shard(SHOP, 1, 2), stale_ignores=("line 3: a", "line 7: b"))
    two = replace(_shard(SHOP, 2, 2), stale_ignores=("line 7: b",))
    assert merge([one, two], ["a", "b"]).stale_ignores == ("line 7: b",)


def test_the_merged_run_spans_from_the_first_start_to_the_last_end() -> None:
    late = replace(_shard(SHOP, 2, 2), started=SHOP.started.replace(microsecond=0))
    early = replace(_shard(SHOP, 1, 2), duration_s=10.0)
    merged = merge([early, late], ["a", "b"])
    assert merged.started == min(early.started, late.started)
    assert merged.duration_s >= max(early.duration_s, late.duration_s)
