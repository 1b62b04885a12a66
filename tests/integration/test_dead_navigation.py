"""dead-navigation on its fixture site, crawled with the real Chromium over https.

`tests/sites/deadnav/expected.toml` lists every planted problem; the run must report each
one exactly once and nothing else (each page also holds look-alikes that must stay
silent). A second server plays "another site", a third never answers in time.
"""

from __future__ import annotations

import shutil
import socket
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from cxcheck.findings import Finding
from cxcheck.report.model import Report
from cxcheck.serve import serve_folder
from tests.conftest import TEST_SITES
from tests.integration.crawling import path_of, run_engine

pytestmark = pytest.mark.usefixtures("chromium")

SITE = TEST_SITES / "deadnav"
# Short enough to keep the hanging host cheap, long enough that a busy 2-core runner answers
# every local host in time (1 s was missed under load).
FAST_EXTERNAL = {"external_timeout_s": 3.0}


@dataclass
class Served:
    url: str
    addresses: dict[str, str]  # {{NAME}} -> address
    other_log: list[str]
    slow_log: list[str]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The fixture copied to a temporary folder, its {{ADDRESSES}} filled in once serving."""
    root = tmp_path_factory.mktemp("deadnav") / "site"
    shutil.copytree(SITE, root)
    other_log: list[str] = []
    slow_log: list[str] = []
    with (
        serve_folder(TEST_SITES / "deadnav-other", log=other_log) as other,
        serve_folder(TEST_SITES / "deadnav-slow", log=slow_log) as slow,
        serve_folder(root) as site,
    ):
        port = site.url.rsplit(":", 1)[1].strip("/")
        addresses = {
            "{{OTHER}}": other.url.rstrip("/"),
            "{{SLOW}}": slow.url.rstrip("/"),
            "{{CLOSED}}": f"http://127.0.0.1:{_closed_port()}",
            "{{HTTP_SELF}}": f"http://127.0.0.1:{port}",  # the same server, plain http
        }
        for page in root.glob("*.html"):
            text = page.read_text(encoding="utf-8")
            for name, address in addresses.items():
                text = text.replace(name, address)
            page.write_text(text, encoding="utf-8")
        yield Served(site.url, addresses, other_log, slow_log)


@pytest.fixture(scope="module")
def report(served: Served) -> Report:
    options = {"dead-navigation": FAST_EXTERNAL}
    return run_engine(
        served.url, only=("dead-navigation",), options=options, ignore_https_errors=True
    ).report


def expected(served: Served) -> list[dict[str, str]]:
    problems = tomllib.loads((SITE / "expected.toml").read_text(encoding="utf-8"))["problem"]
    for problem in problems:
        for name, address in served.addresses.items():
            problem["what"] = problem["what"].replace(name, address)
    return problems


def _matches(problem: dict[str, str], finding: Finding, page: str) -> bool:
    haystack = f"{finding.target} {finding.selector} {finding.message}"
    return (
        finding.rule == problem["rule"]
        and path_of(page) == problem["page"]
        and finding.severity.value == problem["severity"]
        and problem["what"] in haystack
    )


def test_every_planted_problem_is_found_once_and_nothing_else(
    served: Served, report: Report
) -> None:
    found = [(group.finding, page) for group in report.findings for page in group.pages]
    problems = expected(served)
    for problem in problems:
        hits = [f for f, page in found if _matches(problem, f, page)]
        assert len(hits) == 1, f"{problem}: found {len(hits)} times"
    extra = [
        (f.rule, path_of(page), f.target or f.selector, f.message)
        for f, page in found
        if not any(_matches(p, f, page) for p in problems)
    ]
    assert extra == [], "false positives"


def test_findings_say_where_the_link_is_and_what_a_customer_gets(report: Report) -> None:
    menu = next(g.finding for g in report.findings if g.finding.severity.value == "blocker")
    assert menu.message == (
        "Clicking “Winter sale” in the site menu leads to a page that does not exist "
        "(404 Not Found)."
    )
    assert menu.selector.startswith("body > header > nav > a")
    loop = next(g.finding for g in report.findings if g.finding.target.endswith("/loop-a"))
    assert "redirect loop" in loop.message
    chain = next(g.finding for g in report.findings if g.finding.target.endswith("/old-offer"))
    assert "(/old-offer → /older-offer → /offer.html)" in chain.message


def test_external_links_are_checked_once_each_with_head(served: Served) -> None:
    heads = sorted(line for line in served.other_log if line.startswith("HEAD "))
    gets = sorted(line for line in served.other_log if line.startswith("GET "))
    # /moved redirects to /alive.html, so that one is asked for twice: once per link.
    assert heads == [
        "HEAD /alive.html",
        "HEAD /alive.html",
        "HEAD /forbidden",
        "HEAD /gone.html",
        "HEAD /moved",
    ]
    assert gets == ["GET /forbidden", "GET /gone.html"]  # only to confirm a failed HEAD


def test_a_host_that_hangs_costs_its_timeout_once(served: Served, report: Report) -> None:
    slow_host = served.addresses["{{SLOW}}"]
    slow = [g.finding for g in report.findings if g.finding.target.startswith(slow_host)]
    assert len(slow) == 3
    timed_out = [f for f in slow if "no answer within 3 s" in f.message]
    not_asked = [f for f in slow if "not asked again" in f.message]
    assert len(timed_out) == len(served.slow_log) <= 2  # at most per_host requests were sent
    assert len(timed_out) + len(not_asked) == 3


def test_a_status_rule_in_the_config_silences_a_site_that_blocks_bots(served: Served) -> None:
    options = {"dead-navigation": {**FAST_EXTERNAL, "status": {"*": {"403": "ok"}}}}
    report = run_engine(
        served.url + "external.html",
        only=("dead-navigation",),
        options=options,
        ignore_https_errors=True,
        max_pages=1,
    ).report
    targets = {g.finding.target for g in report.findings}
    assert not any(t.endswith("/forbidden") for t in targets)
    assert any(t.endswith("/gone.html") for t in targets)


def test_external_false_checks_no_other_site(served: Served) -> None:
    before = len(served.other_log)
    report = run_engine(
        served.url + "external.html",
        only=("dead-navigation",),
        options={"dead-navigation": {"external": False}},
        ignore_https_errors=True,
        max_pages=1,
    ).report
    assert len(served.other_log) == before
    assert not [g for g in report.findings if g.finding.rule == "external-link"]


def test_the_click_probe_reports_a_listener_that_does_nothing_and_clicks_nothing_unsafe(
    served: Served,
) -> None:
    options = {"dead-navigation": {**FAST_EXTERNAL, "click_probe": True}}
    report = run_engine(
        served.url + "probe.html",
        only=("dead-navigation",),
        options=options,
        ignore_https_errors=True,
        max_pages=1,
    ).report
    dead = [g.finding for g in report.findings if g.finding.rule == "dead-control"]
    assert [f.message.split("”")[0] for f in dead] == ["Clicking “Save for later"]
    assert dead[0].selector == "#noop"
    (note,) = [n for n in report.notes if n.startswith("Click probe")]
    assert "clicked 7 controls" in note and "1 did nothing" in note
    assert "1 was not clicked: their words say they change data" in note
    # The partner button and window.open were stopped before leaving the site.
    assert "GET /alive.html" not in served.other_log
