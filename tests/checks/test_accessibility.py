"""accessibility on snapshots carrying an axe payload (no browser): wording, severity,
grouping across pages and the options that shape axe's run."""

from __future__ import annotations

from typing import Any

import pytest

from checks.accessibility import Accessibility
from cxcheck.errors import ConfigError
from cxcheck.findings import Finding, group_findings
from cxcheck.plugins import load_checks
from cxcheck.testing import context_for, snapshot_from_html


def violation(
    rule: str, impact: str, target: list[Any], region: str = "", html: str = "<img>"
) -> dict:
    return {
        "id": rule,
        "impact": impact,
        "help": f"{rule} help",
        "description": "",
        "tags": ["wcag2a", "wcag111"],
        "helpUrl": f"https://dequeuniversity.com/rules/axe/4.12/{rule}",
        "nodes": [
            {
                "target": target,
                "html": html,
                "impact": impact,
                "region": region,
                "failureSummary": "Fix any of the following:\n  Element has no alt attribute",
            }
        ],
    }


def run(check: Accessibility, url: str = "http://127.0.0.1:8000/", **axe: Any) -> list[Finding]:
    payload = {"version": "4.12.1", "violations": [], "incomplete": [], **axe}
    page = snapshot_from_html("<p>x</p>", url=url, extras={"axe": payload})
    return list(check.check_page(page, context_for(page)))


def test_no_axe_payload_no_findings() -> None:
    page = snapshot_from_html("<p>x</p>")
    assert list(Accessibility().check_page(page, context_for(page))) == []


def test_a_violation_becomes_a_worded_finding() -> None:
    (f,) = run(Accessibility(), violations=[violation("image-alt", "critical", ["main > img"])])
    assert (f.check, f.rule, f.severity.value) == ("accessibility", "image-alt", "blocker")
    assert f.message == "Screen-reader users cannot tell what this image shows."
    assert f.selector == "main > img"
    assert f.help.startswith("Fix any of the following: Element has no alt attribute · axe: ")
    assert "WCAG 1.1.1" in f.help


def test_an_unknown_rule_falls_back_to_axes_help() -> None:
    (f,) = run(
        Accessibility(), violations=[violation("scrollable-region-focusable", "serious", ["div"])]
    )
    assert "scrollable-region-focusable help" in f.message
    assert f.severity.value == "major"


def test_header_element_on_many_pages_is_one_finding_that_says_where() -> None:
    header_link = violation(
        "link-name", "serious", ["header > a"], region="header", html="<a href='/'>"
    )
    findings = [
        f
        for i in range(212)
        for f in run(Accessibility(), url=f"http://127.0.0.1:8000/p{i}", violations=[header_link])
    ]
    (group,) = group_findings(findings)
    assert len(group.pages) == 212
    assert (
        group.finding.message
        == "Screen-reader users cannot tell where this link goes (in the site header)."
    )


def test_distinct_elements_on_one_page_stay_distinct() -> None:
    findings = run(
        Accessibility(),
        violations=[
            violation("image-alt", "critical", ["#a"]),
            violation("image-alt", "critical", ["#b"]),
        ],
    )
    assert len(group_findings(findings)) == 2


def test_frames_and_shadow_roots_in_the_selector() -> None:
    target = ["iframe#map", ["#host", "button"]]
    (f,) = run(Accessibility(), violations=[violation("button-name", "critical", target)])
    assert f.selector == "iframe#map >>> #host >> button"


def test_impact_severity_is_configurable() -> None:
    options = {"accessibility": {"impact_severity": {"critical": "minor"}}}
    (loaded,) = load_checks("", ("accessibility",), (), options)
    (f,) = run(loaded.check, violations=[violation("image-alt", "critical", ["img"])])
    assert f.severity.value == "minor"


def test_incomplete_results_only_when_asked_and_as_info() -> None:
    review = [violation("color-contrast", "serious", ["p"])]
    assert run(Accessibility(), incomplete=review) == []
    (f,) = run(Accessibility(incomplete=True), incomplete=review)
    assert f.severity.value == "info"
    assert f.message.startswith("Needs review: ")


def test_the_axe_request_follows_the_standard_rules_and_scope() -> None:
    check = Accessibility(
        standard="wcag21aa",
        rules={"enable": ("region",), "disable": ("color-contrast",)},
        include=("main",),
        exclude=("#chat",),
    )
    (request,) = check.capture_requests()
    assert request.options["runOnly"]["values"] == ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    assert request.options["rules"] == {
        "region": {"enabled": True},
        "color-contrast": {"enabled": False},
    }
    assert request.context == {"include": [["main"]], "exclude": [["#chat"]]}
    assert Accessibility().capture_requests()[0].context is None


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"standard": "wcag3"}, 'standard: "wcag3" is not one of: wcag2a, wcag2aa'),
        ({"rules": {"enabel": ["x"]}}, "rules: unknown key ['enabel']; known: enable, disable"),
        ({"impact_severity": {"huge": "major"}}, "impact_severity: unknown impact ['huge']"),
        ({"impact_severity": {"critical": "awful"}}, '"awful" is not one of: blocker'),
        ({"include": 3}, "include: expected a list, got 3"),
    ],
)
def test_option_mistakes_are_config_errors(options: dict[str, Any], words: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_checks("", ("accessibility",), (), {"accessibility": options})
    assert words in str(error.value)
