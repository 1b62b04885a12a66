"""Fingerprints, grouping and the verdict."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cxcheck.findings import Finding, Severity, group_findings
from cxcheck.report.model import PageResult, Report


def finding(url: str = "http://127.0.0.1:8000/a", **fields: object) -> Finding:
    values = {
        "check": "page-health",
        "rule": "console-error",
        "severity": Severity.MINOR,
        "url": url,
        "message": "The page logged an error",
        "evidence": "boom",
    }
    values.update(fields)
    return Finding(**values)  # type: ignore[arg-type]


def test_fingerprint_is_pinned_so_baselines_survive_upgrades() -> None:
    broken_link = Finding(
        "dead-navigation",
        "broken-link",
        Severity.MAJOR,
        "http://127.0.0.1:8000/index.html",
        "A link leads nowhere",
        target="http://127.0.0.1:8000/missing.html",
        selector="nav a:nth-child(2)",
    )
    assert broken_link.fingerprint == "4f3af85948c5e239"


def test_fingerprint_ignores_the_page_and_the_host_of_the_target() -> None:
    a = finding("http://127.0.0.1:8000/a", target="http://127.0.0.1:8000/gone")
    b = finding("http://127.0.0.1:9999/b", target="http://127.0.0.1:9999/gone")
    c = finding("https://staging.example.com/c", target="https://staging.example.com/gone")
    assert a.fingerprint == b.fingerprint == c.fingerprint


def test_fingerprint_ignores_wording_and_severity() -> None:
    a = finding()
    assert a.fingerprint == finding(message="Reworded", help="New advice").fingerprint
    assert a.fingerprint == finding(severity=Severity.BLOCKER).fingerprint


@pytest.mark.parametrize(
    "change",
    [
        {"check": "other-check"},
        {"rule": "other-rule"},
        {"target": "http://127.0.0.1:8000/other"},
        {"target": "http://127.0.0.1:8000/gone?page=2"},
        {"selector": "footer a"},
        {"evidence": "other"},
    ],
)
def test_fingerprint_tells_different_problems_apart(change: dict[str, str]) -> None:
    base = finding(target="http://127.0.0.1:8000/gone")
    assert base.fingerprint != finding(**{"target": base.target, **change}).fingerprint


def test_fingerprint_ignores_an_inline_style_a_script_sets_as_the_page_animates() -> None:
    # What axe saw of a paragraph before and after a script set its colour (a11y-stable).
    before = '<p class="late" id="late">Changed by a script after load: pale grey.</p>'
    after = '<p class="late" id="late" style="color: rgb(204, 204, 204);">Changed by a …'
    after = after.replace("…", "script after load: pale grey.</p>")
    fading = "<div class='hero' style='opacity: 0.4'><p>Welcome</p></div>"
    shown = "<div class='hero'><p>Welcome</p></div>"
    assert finding(evidence=before).fingerprint == finding(evidence=after).fingerprint
    assert finding(evidence=fading).fingerprint == finding(evidence=shown).fingerprint
    # other attributes still tell elements apart, and a data-style attribute is no style
    assert (
        finding(evidence='<p id="a">x</p>').fingerprint != finding(evidence="<p>x</p>").fingerprint
    )
    styled = finding(evidence='<p data-style="a">x</p>').fingerprint
    assert styled != finding(evidence="<p>x</p>").fingerprint


def test_same_problem_on_many_pages_is_one_group_first_page_first() -> None:
    groups = group_findings(
        [finding(f"http://h/{i}") for i in range(400)] + [finding("http://h/0")]
    )
    assert len(groups) == 1
    assert groups[0].pages[:2] == ("http://h/0", "http://h/1")
    assert len(groups[0].pages) == 400
    assert groups[0].finding.url == "http://h/0"
    assert groups[0].fingerprint == finding().fingerprint


def test_different_problems_stay_separate_groups() -> None:
    groups = group_findings([finding(evidence="a"), finding(evidence="b"), finding(evidence="a")])
    assert sorted((g.finding.evidence, len(g.pages)) for g in groups) == [("a", 1), ("b", 1)]


def test_a_group_takes_the_worst_severity_but_keeps_its_first_page() -> None:
    (group,) = group_findings(
        [finding("http://h/1"), finding("http://h/2", severity=Severity.BLOCKER)]
    )
    assert group.finding.severity is Severity.BLOCKER
    assert group.finding.url == "http://h/1"
    assert group.pages == ("http://h/1", "http://h/2")


def test_groups_are_ordered_worst_first() -> None:
    groups = group_findings(
        [
            finding(evidence="info one", severity=Severity.INFO),
            finding(evidence="minor one"),
            finding(evidence="blocker one", severity=Severity.BLOCKER),
            finding(evidence="major one", severity=Severity.MAJOR),
        ]
    )
    assert [g.finding.severity for g in groups] == [
        Severity.BLOCKER,
        Severity.MAJOR,
        Severity.MINOR,
        Severity.INFO,
    ]


def test_equal_severities_are_ordered_by_check_then_rule() -> None:
    groups = group_findings(
        [
            finding(check="zebra", rule="a"),
            finding(check="alpha", rule="b"),
            finding(check="alpha", rule="a"),
        ]
    )
    assert [(g.finding.check, g.finding.rule) for g in groups] == [
        ("alpha", "a"),
        ("alpha", "b"),
        ("zebra", "a"),
    ]


def test_no_findings_no_groups() -> None:
    assert group_findings([]) == []


def test_severity_rank_and_at_least() -> None:
    by_rank = sorted(Severity, key=lambda s: s.rank, reverse=True)
    assert by_rank == [Severity.BLOCKER, Severity.MAJOR, Severity.MINOR, Severity.INFO]
    assert Severity.BLOCKER.at_least(Severity.MAJOR)
    assert Severity.MAJOR.at_least(Severity.MAJOR)
    assert not Severity.MINOR.at_least(Severity.MAJOR)
    assert not Severity.INFO.at_least(Severity.MINOR)


def test_severity_comparison_follows_the_documented_order() -> None:
    assert Severity.BLOCKER > Severity.MAJOR > Severity.MINOR > Severity.INFO
    assert max(Severity.BLOCKER, Severity.INFO) is Severity.BLOCKER


@pytest.mark.parametrize(
    ("text", "severity"),
    [("blocker", Severity.BLOCKER), (" Major ", Severity.MAJOR), ("INFO", Severity.INFO)],
)
def test_severity_parse(text: str, severity: Severity) -> None:
    assert Severity.parse(text) is severity


@pytest.mark.parametrize("text", ["critical", "", "majors"])
def test_severity_parse_rejects_unknown_names_and_lists_the_valid_ones(text: str) -> None:
    with pytest.raises(ValueError, match="use one of: blocker, major, minor, info"):
        Severity.parse(text)


def report(*severities: Severity, fail_on: Severity = Severity.MAJOR) -> Report:
    findings = [finding(evidence=str(i), severity=s) for i, s in enumerate(severities)]
    return Report(
        site="http://h/",
        started=datetime.now(UTC),
        duration_s=1.0,
        pages=(PageResult("http://h/", 200, load_ms=10),),
        findings=tuple(group_findings(findings)),
        fail_on=fail_on,
    )


@pytest.mark.parametrize(
    ("severities", "fail_on", "verdict"),
    [
        ((), Severity.MAJOR, "ready"),
        ((), Severity.INFO, "ready"),
        ((Severity.MINOR, Severity.INFO), Severity.MAJOR, "ready"),
        ((Severity.MAJOR,), Severity.MAJOR, "not ready"),
        ((Severity.BLOCKER,), Severity.MAJOR, "not ready"),
        ((Severity.MAJOR,), Severity.BLOCKER, "ready"),
        ((Severity.BLOCKER,), Severity.BLOCKER, "not ready"),
        ((Severity.MINOR,), Severity.MINOR, "not ready"),
        ((Severity.INFO,), Severity.MINOR, "ready"),
        ((Severity.INFO,), Severity.INFO, "not ready"),
    ],
)
def test_verdict_follows_fail_on(
    severities: tuple[Severity, ...], fail_on: Severity, verdict: str
) -> None:
    assert report(*severities, fail_on=fail_on).verdict == verdict


def test_blocking_lists_only_findings_at_or_above_fail_on_worst_first() -> None:
    r = report(Severity.MINOR, Severity.MAJOR, Severity.INFO, Severity.BLOCKER)
    assert [g.finding.severity for g in r.blocking] == [Severity.BLOCKER, Severity.MAJOR]


def test_counts_list_every_severity() -> None:
    counts = report(Severity.MAJOR, Severity.MAJOR, Severity.INFO).severity_counts
    assert counts == {"blocker": 0, "major": 2, "minor": 0, "info": 1}
    assert list(counts) == ["blocker", "major", "minor", "info"]
    assert report().severity_counts == {"blocker": 0, "major": 0, "minor": 0, "info": 0}


def test_counts_are_of_grouped_problems_not_pages() -> None:
    r = Report(
        site="http://h/",
        started=datetime.now(UTC),
        duration_s=1.0,
        pages=(),
        findings=tuple(group_findings([finding(f"http://h/{i}") for i in range(5)])),
    )
    assert r.severity_counts["minor"] == 1


def test_slowest_pages_skip_pages_without_timings() -> None:
    pages = (
        PageResult("http://h/fast", 200, load_ms=10),
        PageResult("http://h/failed", None, error="timeout"),
        PageResult("http://h/slow", 200, load_ms=900),
        PageResult("http://h/mid", 200, load_ms=300),
    )
    r = Report("http://h/", datetime.now(UTC), 1.0, pages, ())
    assert [p.url for p in r.slowest_pages(2)] == ["http://h/slow", "http://h/mid"]


def test_a_rule_book_makes_findings_with_the_rules_defaults() -> None:
    from cxcheck.findings import Rule, Rules

    rules = Rules("demo", (Rule("gone", Severity.MAJOR, "Bring it back."),))
    made = rules.finding("gone", "http://h/a", "It is gone.", target="http://h/b")
    assert (made.check, made.rule, made.severity, made.help) == (
        "demo",
        "gone",
        Severity.MAJOR,
        "Bring it back.",
    )
    worse = rules.finding("gone", "http://h/a", "In the menu.", severity=Severity.BLOCKER, fix="x")
    assert (worse.severity, worse.help) == (Severity.BLOCKER, "x")
    assert rules.ids == frozenset({"gone"})
