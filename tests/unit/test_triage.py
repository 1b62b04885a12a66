"""Ignores, baselines and comparisons: what remains decides the verdict."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from cxcheck.config import IgnoreRule
from cxcheck.errors import UsageError
from cxcheck.findings import Finding, Severity, group_findings
from cxcheck.report import json_report
from cxcheck.report.triage import (
    apply_ignores,
    baseline_data,
    load_baseline,
    problem_of,
    triage,
)
from tests.unit.test_json_report import sample_report

BROKEN = Finding(
    "dead-navigation",
    "broken-link",
    Severity.MAJOR,
    "http://h/",
    'The link "Old notes" leads to a page that answers 404.',
    target="http://h/old.html",
    selector="nav a:nth-child(3)",
)
CONTRAST = Finding(
    "accessibility",
    "color-contrast",
    Severity.MAJOR,
    "http://h/legacy/a.html",
    "Light grey small print is hard to read.",
    selector="footer small",
)


def report_with(*findings: Finding):
    return sample_report(findings=tuple(group_findings(findings)))


def save_baseline(report, path: Path) -> str:
    path.write_text(json.dumps(baseline_data(report)))
    return str(path)


def test_ignore_by_check_and_url_sets_the_finding_aside_with_its_reason() -> None:
    rule = IgnoreRule(reason="legacy pages go in January", check="accessibility", url="/legacy/*")
    report = triage(report_with(BROKEN, CONTRAST), [rule])
    assert [g.finding.rule for g in report.findings] == ["broken-link"]
    (ignored,) = report.ignored
    assert ignored.group.finding.rule == "color-contrast"
    assert ignored.reason == "legacy pages go in January"
    assert report.stale_ignores == ()


def test_ignore_matching_some_pages_keeps_the_finding_on_the_others() -> None:
    on_two_pages = [CONTRAST, replace(CONTRAST, url="http://h/shop.html")]
    rule = IgnoreRule(reason="legacy", url="/legacy/*")
    kept, ignored, stale = apply_ignores(group_findings(on_two_pages), [rule])
    assert kept[0].pages == ("http://h/shop.html",)
    assert ignored[0].group.pages == ("http://h/legacy/a.html",)
    assert stale == []


@pytest.mark.parametrize(
    ("rule", "matches"),
    [
        (IgnoreRule(reason="r", rule="broken-*"), True),
        (IgnoreRule(reason="r", url="/old.html"), True),  # the target, as a path
        (IgnoreRule(reason="r", url="http://h/old*"), True),
        (IgnoreRule(reason="r", selector="nav a*"), True),
        (IgnoreRule(reason="r", message="OLD NOTES"), True),
        (IgnoreRule(reason="r", check="dead-navigation", rule="dead-control"), False),
        (IgnoreRule(reason="r", url="/other/*"), False),
        (IgnoreRule(reason="r", message="Gift cards"), False),
    ],
)
def test_every_matcher_must_match(rule: IgnoreRule, matches: bool) -> None:
    _kept, ignored, stale = apply_ignores(group_findings([BROKEN]), [rule])
    assert bool(ignored) is matches
    assert bool(stale) is not matches


def test_an_ignore_that_matched_nothing_is_reported_stale_with_its_line() -> None:
    rule = IgnoreRule(reason="old widget", selector="#widget")
    object.__setattr__(rule, "line", 12)  # as the config loader does
    report = triage(report_with(BROKEN), [rule])
    assert report.stale_ignores == ('line 12: selector = "#widget" (reason: "old widget")',)
    assert report.verdict == "not ready"


def test_ignores_need_a_reason_and_a_matcher() -> None:
    with pytest.raises(ValueError, match="reason"):
        IgnoreRule(check="accessibility")
    with pytest.raises(ValueError, match="at least one of"):
        IgnoreRule(reason="because")


def test_baseline_round_trip_known_findings_do_not_block(tmp_path: Path) -> None:
    first = report_with(BROKEN, CONTRAST)
    baseline = load_baseline(save_baseline(first, tmp_path / "b.json"), "http://h:9/")
    again = triage(first, baseline=baseline)
    assert again.verdict == "ready"
    assert {g.finding.rule for g in again.known} == {"broken-link", "color-contrast"}
    assert again.comparison is not None
    assert again.comparison.new == ()
    assert len(again.comparison.still_open) == 2


def test_baseline_new_finding_blocks_alone_and_fixed_ones_are_named(tmp_path: Path) -> None:
    baseline = load_baseline(
        save_baseline(report_with(BROKEN, CONTRAST), tmp_path / "b.json"), "http://h/"
    )
    new = replace(BROKEN, target="http://h/new.html", message="New broken link")
    later = triage(report_with(BROKEN, new), baseline=baseline)
    assert later.verdict == "not ready"
    assert [g.finding.message for g in later.blocking] == ["New broken link"]
    assert [g.finding.rule for g in later.known] == ["broken-link"]
    comparison = later.comparison
    assert comparison is not None
    assert comparison.new == (later.findings[0].fingerprint,)
    assert [p.rule for p in comparison.fixed] == ["color-contrast"]


def test_saving_a_baseline_from_a_baselined_report_keeps_the_known_ones(tmp_path: Path) -> None:
    path = save_baseline(report_with(BROKEN), tmp_path / "b.json")
    second = triage(report_with(BROKEN, CONTRAST), baseline=load_baseline(path, "http://h/"))
    data = baseline_data(second)
    assert {p["rule"] for p in data["problems"]} == {"broken-link", "color-contrast"}


def test_compare_with_a_previous_report() -> None:
    before = report_with(BROKEN, CONTRAST)
    after = triage(report_with(CONTRAST), previous=before, previous_label="old.json")
    comparison = after.comparison
    assert comparison is not None
    assert comparison.against == "previous report old.json"
    assert comparison.new == ()
    assert [p.rule for p in comparison.fixed] == ["broken-link"]
    assert comparison.fixed[0] == problem_of(group_findings([BROKEN])[0])


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "corrupt JSON"),
        ('{"kind": "something"}', "not a cxcheck baseline"),
        ('{"kind": "cxcheck-baseline", "site": "http://h/"}', "not a cxcheck baseline"),
        (
            '{"kind": "cxcheck-baseline", "site": "http://other/", "problems": []}',
            "saved for http://other/",
        ),
        ("[1, 2]", "not a cxcheck baseline"),
    ],
)
def test_a_bad_baseline_is_one_clear_error(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(UsageError, match=words):
        load_baseline(str(path), "http://h/")


def test_missing_baseline_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read"):
        load_baseline(str(tmp_path / "nope.json"), "http://h/")


def test_triaged_report_survives_the_json_round_trip(tmp_path: Path) -> None:
    baseline = load_baseline(save_baseline(report_with(CONTRAST), tmp_path / "b.json"), "http://h/")
    rules = [IgnoreRule(reason="moved", url="/old.html"), IgnoreRule(reason="gone", rule="nope")]
    report = triage(report_with(BROKEN, CONTRAST), rules, baseline)
    path = tmp_path / "r.json"
    path.write_text(json_report.render(report))
    loaded = json_report.load(path)
    assert loaded == replace(report, duration_s=12.35)  # the JSON keeps 2 decimals
    assert loaded.verdict == "ready"
