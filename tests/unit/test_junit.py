"""JUnit XML that CI servers read: schema-valid, one suite per check, failures where pages block."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
import xmlschema

from cxcheck.findings import Severity
from cxcheck.report import junit
from cxcheck.report.model import Report
from tests.fixtures.reports import (
    HOSTILE,
    SCHEMAS,
    empty_report,
    rich_report,
    shop_data,
    shop_report,
)

SCHEMA = xmlschema.XMLSchema(str(SCHEMAS / "junit.xsd"))
SEVERITY_RANK = {"info": 0, "minor": 1, "major": 2, "blocker": 3}


def parsed(report: Report) -> ET.Element:
    return ET.fromstring(junit.render(report).encode("utf-8"))


def suite(root: ET.Element, name: str) -> ET.Element:
    found = root.find(f"testsuite[@name='{name}']")
    assert found is not None, f"no suite {name}"
    return found


def case(root: ET.Element, suite_name: str, name: str) -> ET.Element:
    found = [c for c in suite(root, suite_name).iter("testcase") if c.get("name") == name]
    assert len(found) == 1, f"{len(found)} cases {name} in {suite_name}"
    return found[0]


def failing_pages(data: dict, check: str, at_least: str) -> set[str]:
    """Pages with a finding of `check` at or above `at_least`, read from the raw JSON."""
    return {
        page.removeprefix(data["site"].rstrip("/"))
        for f in data["findings"]
        if f["check"] == check and SEVERITY_RANK[f["severity"]] >= SEVERITY_RANK[at_least]
        for page in f["pages"]
    }


@pytest.mark.parametrize("build", [shop_report, rich_report, empty_report])
def test_output_is_valid_against_the_jenkins_junit_schema(build) -> None:
    SCHEMA.validate(junit.render(build()))


def test_the_schema_catches_a_broken_document() -> None:
    # Guards against a validator that accepts anything: a suite without its counts is invalid.
    broken = junit.render(empty_report()).replace(' tests="2"', "", 1)
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        SCHEMA.validate(broken)


def test_starts_with_an_xml_declaration_in_utf8() -> None:
    text = junit.render(rich_report())
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    assert ET.fromstring(text.encode("utf-8")).tag == "testsuites"


def test_one_suite_per_check_with_a_case_per_visited_page() -> None:
    data = shop_data()
    root = parsed(shop_report())
    names = [s.get("name") for s in root.findall("testsuite")]
    assert names == ["verdict", *(c["name"] for c in data["checks"])]  # no journeys in the shop
    paths = [p["url"].removeprefix(data["site"].rstrip("/")) for p in data["pages"]]
    for each in root.findall("testsuite")[1:]:
        assert [c.get("name") for c in each.findall("testcase")] == paths
        assert {c.get("classname") for c in each.findall("testcase")} == {each.get("name")}


def test_failures_per_suite_are_the_pages_with_findings_at_or_above_fail_on() -> None:
    data = shop_data()
    root = parsed(shop_report())
    total = 0
    for check in (c["name"] for c in data["checks"]):
        expected = failing_pages(data, check, data["fail_on"])
        each = suite(root, check)
        failed = {c.get("name") for c in each.findall("testcase") if c.find("failure") is not None}
        assert failed == expected, check
        assert each.get("failures") == str(len(expected))
        assert each.get("tests") == str(len(data["pages"]))
        total += len(expected)
    assert root.get("failures") == str(total + 1)  # and the verdict's one case
    assert root.get("tests") == str(len(data["pages"]) * len(data["checks"]) + 1)
    assert total == 20  # the shop's 24 blocking findings fall on 20 (check, page) pairs


def test_lowering_fail_on_turns_more_cases_into_failures() -> None:
    data = shop_data()
    report = shop_report()
    strict = parsed(replace(report, fail_on=Severity.INFO))
    default = parsed(report)
    assert int(strict.get("failures")) > int(default.get("failures"))
    for check in (c["name"] for c in data["checks"]):
        expected = failing_pages(data, check, "info")
        assert suite(strict, check).get("failures") == str(len(expected)), check


def test_findings_below_fail_on_are_system_out_only() -> None:
    root = parsed(rich_report())
    about = case(root, "accessibility", "/about")
    assert about.find("failure") is None
    out = about.findtext("system-out")
    assert "[minor] color-contrast: Grey on white is hard to read." in out
    assert "selector: .small-print" in out


def test_a_failure_names_rule_message_selector_and_help() -> None:
    root = parsed(rich_report())
    failure = case(root, "dead-navigation", "/cart").find("failure")
    assert failure is not None
    assert failure.get("type") == "broken-link"
    assert failure.get("message").startswith("Clicking “Returns” leads to a page")
    assert "selector: a.returns" in failure.text
    assert "fix: Fix the link or the page." in failure.text
    assert "target: https://shop.test/returns" in failure.text


def test_one_finding_on_two_pages_fails_both_cases() -> None:
    root = parsed(rich_report())
    for page in ("/", "/cart"):
        failure = case(root, "accessibility", page).find("failure")
        assert failure is not None and failure.get("type") == "image-alt"
        assert failure.get("message") == HOSTILE  # escaped by the XML writer, read back intact


def test_known_and_ignored_findings_do_not_fail() -> None:
    root = parsed(rich_report())
    about = case(root, "accessibility", "/about")  # the baseline's label problem is here
    assert about.find("failure") is None
    assert "label: Screen-reader users" in about.findtext("system-out")
    assert "known, in the baseline" in about.findtext("system-out")
    home = case(root, "dead-navigation", "/")  # the ignored placeholder link is here
    assert home.find("failure") is None
    assert "ignored: menu link opens a drawer" in home.findtext("system-out")
    assert suite(root, "dead-navigation").get("failures") == "1"


def test_a_page_only_a_finding_names_gets_a_case_in_that_checks_suite() -> None:
    root = parsed(rich_report())
    press = case(root, "brand-voice", "https://other.test/press")
    assert "shouting" in press.findtext("system-out")
    assert suite(root, "brand-voice").get("tests") == "4"
    names = {c.get("name") for c in suite(root, "accessibility").findall("testcase")}
    assert "https://other.test/press" not in names


def test_journeys_suite_fails_the_journeys_that_did_not_pass() -> None:
    root = parsed(rich_report())
    journeys = suite(root, "journeys")
    assert (journeys.get("tests"), journeys.get("failures")) == ("3", "2")
    assert journeys.get("time") == "17.300"
    checkout = case(root, "journeys", "Checkout")
    assert checkout.find("failure") is None and checkout.get("time") == "3.200"
    failed = case(root, "journeys", "Sign up").find("failure")
    assert failed.get("message") == 'No button "Create account" on the page'
    assert failed.get("type") == "failed"
    assert 'line 7: failed in 4400 ms: click "Create account"' in failed.text
    assert 'line 8: skipped in 0 ms: see "Welcome"' in failed.text
    slow = case(root, "journeys", "Search (phone)").find("failure")
    assert slow.get("type") == "too_slow"
    assert slow.get("message") == "Took 8.4 s; budget 3 s"


def test_counts_agree_with_the_cases_and_add_up() -> None:
    root = parsed(rich_report())
    suites = root.findall("testsuite")
    for each in suites:
        cases = each.findall("testcase")
        assert each.get("tests") == str(len(cases))
        assert each.get("failures") == str(sum(c.find("failure") is not None for c in cases))
        assert each.get("errors") == "0" and each.get("skipped") == "0"
        assert float(each.get("time")) == pytest.approx(sum(float(c.get("time")) for c in cases))
    for attribute in ("tests", "failures", "errors"):
        assert root.get(attribute) == str(sum(int(s.get(attribute)) for s in suites))
    assert root.get("time") == "42.500"
    # the verdict, then 3 + 3 + 4 pages and 3 journeys as before
    assert (root.get("tests"), root.get("failures")) == ("14", "6")


def test_characters_xml_forbids_are_dropped() -> None:
    text = junit.render(rich_report())
    assert "\x00" not in text and "\x0c" not in text
    failure = case(ET.fromstring(text.encode()), "dead-navigation", "/cart").find("failure")
    assert failure.get("message").endswith("(404 Not Found).")


def test_an_empty_ready_report_has_passing_cases_and_no_journey_suite() -> None:
    root = parsed(empty_report())
    assert [s.get("name") for s in root.findall("testsuite")] == [
        "verdict",
        "accessibility",
        "dead-navigation",
    ]
    assert (root.get("tests"), root.get("failures")) == ("5", "0")
    assert root.find(".//failure") is None


def test_the_verdict_case_fails_with_the_count_every_output_shows() -> None:
    report = rich_report()
    verdict = suite(parsed(report), "verdict")
    (only,) = verdict.findall("testcase")
    assert only.find("failure").get("message") == report.blockers.sentence()
    properties = {p.get("name"): p.get("value") for p in verdict.iter("property")}
    assert properties["blocking"] == str(report.blockers.count)
