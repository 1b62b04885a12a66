"""SARIF 2.1.0 for code-scanning tools: schema-valid, levels, fingerprints, baseline states."""

from __future__ import annotations

import copy
import json
from collections import Counter
from dataclasses import replace
from typing import Any

import jsonschema
import pytest

from cxcheck.report import sarif
from cxcheck.report.model import Report
from tests.fixtures.reports import SCHEMAS, empty_report, rich_report, shop_data, shop_report

SCHEMA = json.loads((SCHEMAS / "sarif-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.validators.validator_for(SCHEMA)
LEVEL_OF = {"blocker": "error", "major": "error", "minor": "warning", "info": "note"}


def validate(data: dict[str, Any]) -> None:
    VALIDATOR(SCHEMA, format_checker=VALIDATOR.FORMAT_CHECKER).validate(data)


def run_of(report: Report) -> dict[str, Any]:
    data = json.loads(sarif.render(report))
    assert len(data["runs"]) == 1
    return data["runs"][0]


def result_for(run: dict[str, Any], rule_id: str) -> dict[str, Any]:
    found = [r for r in run["results"] if r["ruleId"] == rule_id]
    assert len(found) == 1, f"{len(found)} results for {rule_id}"
    return found[0]


@pytest.mark.parametrize("build", [shop_report, rich_report, empty_report])
def test_output_is_valid_against_the_oasis_schema(build) -> None:
    data = json.loads(sarif.render(build()))
    validate(data)
    assert data["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert data["version"] == "2.1.0"


def test_the_schema_catches_an_invalid_level() -> None:
    # Guards against a validator that accepts anything.
    data = json.loads(sarif.render(shop_report()))
    broken = copy.deepcopy(data)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)


def test_driver_names_the_tool_and_its_version() -> None:
    driver = run_of(shop_report())["tool"]["driver"]
    assert driver["name"] == "cxcheck"
    assert driver["version"] == shop_data()["tool"]["version"]
    assert driver["informationUri"].startswith("https://")


def test_one_result_per_grouped_finding_with_the_reports_fingerprints() -> None:
    data = shop_data()
    run = run_of(shop_report())
    assert len(run["results"]) == len(data["findings"]) == 34
    got = [r["partialFingerprints"]["cxcheck/v1"] for r in run["results"]]
    assert got == [f["fingerprint"] for f in data["findings"]]


def test_levels_follow_severity() -> None:
    data = shop_data()
    run = run_of(shop_report())
    for result, finding in zip(run["results"], data["findings"], strict=True):
        assert result["level"] == LEVEL_OF[finding["severity"]]
        assert result["properties"]["severity"] == finding["severity"]
    assert Counter(r["level"] for r in run["results"]) == {"error": 24, "warning": 10}


def test_rules_are_every_check_rule_pair_once_and_indexed() -> None:
    data = shop_data()
    run = run_of(shop_report())
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert set(ids) == {f"{f['check']}/{f['rule']}" for f in data["findings"]}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    areas = {c["name"]: c["area"] for c in data["checks"]}
    for rule in rules:
        check = rule["id"].split("/")[0]
        assert rule["properties"]["check"] == check
        assert rule["properties"]["area"] == areas[check]
        assert rule["shortDescription"]["text"]


def test_rule_help_comes_from_the_findings_help() -> None:
    run = run_of(rich_report())
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    image_alt = rules["accessibility/image-alt"]
    assert image_alt["help"]["text"].startswith("Give the image an alt text")
    assert image_alt["helpUri"] == "https://dequeuniversity.com/rules/axe/4.12/image-alt"
    assert rules["brand-voice/shouting"]["properties"]["area"] == "other"


def test_a_location_per_page_with_the_selector_as_an_element() -> None:
    run = run_of(rich_report())
    image_alt = result_for(run, "accessibility/image-alt")
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in image_alt["locations"]]
    assert uris == ["https://shop.test/", "https://shop.test/cart"]
    for location in image_alt["locations"]:
        assert location["logicalLocations"] == [
            {"fullyQualifiedName": "img.hero", "kind": "element"}
        ]
    assert image_alt["properties"]["evidence"] == '<img class="hero" src="hero.png">'


def test_baseline_states_follow_the_comparison() -> None:
    run = run_of(rich_report())
    assert result_for(run, "accessibility/image-alt")["baselineState"] == "new"
    assert result_for(run, "brand-voice/shouting")["baselineState"] == "new"
    assert result_for(run, "dead-navigation/broken-link")["baselineState"] == "unchanged"
    assert result_for(run, "accessibility/color-contrast")["baselineState"] == "unchanged"


def test_known_findings_are_unchanged_and_not_suppressed() -> None:
    known = result_for(run_of(rich_report()), "accessibility/label")
    assert known["baselineState"] == "unchanged"
    assert known["suppressions"] == []
    assert known["level"] == "error"


def test_ignored_findings_carry_an_external_suppression_with_the_reason() -> None:
    ignored = result_for(run_of(rich_report()), "dead-navigation/placeholder-link")
    assert ignored["suppressions"] == [
        {"kind": "external", "justification": "menu link opens a drawer"}
    ]
    active = result_for(run_of(rich_report()), "dead-navigation/broken-link")
    assert active["suppressions"] == []


def test_without_a_comparison_active_results_have_no_baseline_state() -> None:
    run = run_of(replace(rich_report(), comparison=None))
    assert "baselineState" not in result_for(run, "accessibility/image-alt")
    assert result_for(run, "accessibility/label")["baselineState"] == "unchanged"
    assert all("baselineState" not in r for r in run_of(shop_report())["results"])


def test_failed_journeys_point_at_their_file_and_line() -> None:
    run = run_of(rich_report())
    journeys = [r for r in run["results"] if r["ruleId"] == "journeys/failed-journey"]
    assert len(journeys) == 2  # the passed checkout is no result
    places = [
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in journeys
    ]
    assert places == [("journeys/sign%20up.journey", 7), ("journeys/search.journey", 4)]
    assert all(r["level"] == "error" for r in journeys)
    assert 'No button "Create account"' in journeys[0]["message"]["text"]
    assert "too slow" in journeys[1]["message"]["text"]
    fingerprints = {r["partialFingerprints"]["cxcheck/v1"] for r in journeys}
    assert len(fingerprints) == 2
    rules = run["tool"]["driver"]["rules"]
    assert rules[journeys[0]["ruleIndex"]]["id"] == "journeys/failed-journey"


def test_invocation_reports_completion_and_times() -> None:
    invocation = run_of(rich_report())["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert invocation["startTimeUtc"] == "2026-11-23T09:30:05.000Z"
    assert invocation["endTimeUtc"] == "2026-11-23T09:30:47.500Z"
    notifications = invocation["toolConfigurationNotifications"]
    assert "old-rule" in notifications[0]["message"]["text"]
    unfinished = run_of(replace(shop_report(), complete=False))["invocations"][0]
    assert unfinished["executionSuccessful"] is False


def test_fixed_problems_are_listed_in_the_run_properties_not_as_results() -> None:
    run = run_of(rich_report())
    comparison = run["properties"]["comparison"]
    assert comparison["fixed"][0]["fingerprint"] == "0123456789abcdef"
    assert (comparison["new"], comparison["stillOpen"]) == (2, 2)
    fingerprints = {r["partialFingerprints"]["cxcheck/v1"] for r in run["results"]}
    assert "0123456789abcdef" not in fingerprints


def test_an_empty_ready_report_has_no_results() -> None:
    run = run_of(empty_report())
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []
    assert run["properties"]["verdict"] == "ready"
