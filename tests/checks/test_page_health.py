"""page-health on snapshots built from HTML strings (no browser)."""

from __future__ import annotations

import pytest

from checks.page_health import PageHealth
from cxcheck.errors import ConfigError
from cxcheck.findings import Finding, Severity
from cxcheck.options import build_options
from cxcheck.plugins import load_checks
from cxcheck.snapshot import ConsoleEntry
from cxcheck.testing import context_for, snapshot_from_html

CLEAN = "<html lang='en'><title>Boots</title><p>Waterproof boots.</p></html>"
URL = "http://127.0.0.1:8000/boots.html"


def run(check: PageHealth | None = None, url: str = URL, **fields: object) -> list[Finding]:
    check = check or PageHealth()
    page = snapshot_from_html(CLEAN, url=url, **fields)
    return list(check.check_page(page, context_for(page)))


def test_a_clean_page_gives_no_finding_at_all() -> None:
    quiet_console = (
        ConsoleEntry("log", "app started"),
        ConsoleEntry("info", "cart ready"),
        ConsoleEntry("warning", "deprecated API"),
        ConsoleEntry("debug", "render 12 ms"),
    )
    assert run() == []
    assert run(status=200, console=quiet_console) == []


@pytest.mark.parametrize("status", [200, 201, 204, 301, 302, 304])
def test_success_and_redirect_statuses_are_not_errors(status: int) -> None:
    assert run(status=status) == []


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (404, "404 (Not Found)"),
        (410, "410 (Gone)"),
        (403, "403 (Forbidden)"),
        (500, "500 (Internal Server Error)"),
        (503, "503 (Service Unavailable)"),
        (599, "599"),
    ],
)
def test_4xx_and_5xx_are_http_errors_that_say_the_status(status: int, words: str) -> None:
    (finding,) = run(status=status)
    assert finding.check == "page-health"
    assert finding.rule == "http-error"
    assert finding.severity is Severity.MAJOR
    assert words in finding.message
    assert finding.evidence == f"HTTP {status}"
    assert finding.url == finding.target == URL
    assert finding.help


def test_the_same_status_on_two_pages_is_two_problems() -> None:
    (a,) = run(status=404)
    (b,) = run(status=404, url="http://127.0.0.1:8000/other.html")
    assert a.fingerprint != b.fingerprint


def test_the_same_404_survives_a_port_change_between_runs() -> None:
    (a,) = run(status=404, url="http://127.0.0.1:8000/gone.html")
    (b,) = run(status=404, url="http://127.0.0.1:51234/gone.html")
    assert a.fingerprint == b.fingerprint


def test_a_page_that_did_not_load_is_load_failed() -> None:
    (finding,) = run(status=None, error="redirect loop (too many redirects)")
    assert finding.rule == "load-failed"
    assert finding.severity is Severity.MAJOR
    assert "redirect loop (too many redirects)" in finding.message
    assert finding.target == URL


def test_load_failed_is_reported_instead_of_an_http_error() -> None:
    findings = run(status=500, error="no answer within 30 s")
    assert [f.rule for f in findings] == ["load-failed"]


def test_uncaught_exception_is_major_and_quotes_the_first_line() -> None:
    (finding,) = run(page_errors=("TypeError: x is undefined\n    at script.js:3",))
    assert finding.rule == "uncaught-exception"
    assert finding.severity is Severity.MAJOR
    assert finding.evidence == "TypeError: x is undefined"
    assert "TypeError: x is undefined" in finding.message
    assert "script.js:3" not in finding.message


def test_each_uncaught_exception_is_a_finding() -> None:
    findings = run(page_errors=("TypeError: a", "ReferenceError: b"))
    assert [f.evidence for f in findings] == ["TypeError: a", "ReferenceError: b"]


def test_an_http_error_page_can_also_have_script_errors() -> None:
    findings = run(status=500, page_errors=("Error: x",))
    assert sorted(f.rule for f in findings) == ["http-error", "uncaught-exception"]


def test_console_error_is_minor_and_quotes_the_message() -> None:
    (finding,) = run(console=(ConsoleEntry("error", "Cart service unavailable"),))
    assert finding.rule == "console-error"
    assert finding.severity is Severity.MINOR
    assert finding.evidence == "Cart service unavailable"
    assert "Cart service unavailable" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Failed to load resource: the server responded with a status of 404 (Not Found)",
        "Failed to load resource: net::ERR_CONNECTION_REFUSED",
    ],
)
def test_failed_resource_console_errors_name_the_file(text: str) -> None:
    """Alone, page-health reports them (a failed API call is nobody else's); with
    dead-navigation, cxcheck/overlaps.py leaves the file's own finding."""
    (finding,) = run(console=(ConsoleEntry("error", text, "http://127.0.0.1:8000/api/cart"),))
    assert finding.target == "http://127.0.0.1:8000/api/cart"
    assert "(/api/cart)" in finding.message


def test_only_error_level_console_messages_count() -> None:
    console = (
        ConsoleEntry("error", "Cart service unavailable"),
        ConsoleEntry("warning", "deprecated API"),
        ConsoleEntry("error", "Failed to load resource: the server responded with a status of 404"),
    )
    assert [f.evidence for f in run(console=console)] == [
        "Cart service unavailable",
        "Failed to load resource: the server responded with a status of 404",
    ]


def test_ignore_console_globs() -> None:
    check = PageHealth(ignore_console=("*analytics*", "Widget ?? failed"))
    console = (
        ConsoleEntry("error", "analytics blocked"),
        ConsoleEntry("error", "Google Analytics: blocked"),  # globs are case-sensitive
        ConsoleEntry("error", "Widget 42 failed"),
        ConsoleEntry("error", "real problem"),
    )
    assert [f.evidence for f in run(check, console=console)] == [
        "Google Analytics: blocked",
        "real problem",
    ]


def test_ignore_console_comes_from_the_options_table() -> None:
    check = build_options(PageHealth, {"ignore_console": ["*third-party*"]})
    console = (ConsoleEntry("error", "third-party widget broke"),)
    assert run(check, console=console) == []


def test_the_same_script_error_on_two_pages_shares_a_fingerprint() -> None:
    (a,) = run(page_errors=("TypeError: boom",))
    (b,) = run(page_errors=("TypeError: boom",), url="http://127.0.0.1:8000/other.html")
    assert a.fingerprint == b.fingerprint


def test_a_console_error_naming_the_site_survives_a_port_change() -> None:
    def blocked(port: int) -> Finding:
        text = (
            f"Access to fetch at 'http://127.0.0.1:{port}/api/cart' from origin "
            f"'http://127.0.0.1:{port}' has been blocked by CORS policy"
        )
        url = f"http://127.0.0.1:{port}/boots.html"
        (finding,) = run(url=url, console=(ConsoleEntry("error", text),))
        return finding

    assert blocked(8000).fingerprint == blocked(51234).fingerprint


def test_a_severity_override_for_a_rule_it_does_not_have_is_a_config_error() -> None:
    options = {"page-health": {"severity": {"console-eror": "info"}}}
    with pytest.raises(ConfigError, match='unknown rule "console-eror"; known: console-error'):
        load_checks("", ("page-health",), (), options)


def test_a_dialog_the_page_opens_as_it_loads_is_a_minor_finding_in_plain_words() -> None:
    (finding,) = run(dialogs=("alert: Welcome!",))
    assert finding.rule == "opens-dialog"
    assert finding.severity is Severity.MINOR
    assert "The page opens an alert dialog as it loads: “Welcome!”" in finding.message
    assert finding.evidence == "alert: Welcome!"


def test_the_same_dialog_twice_is_one_finding_and_each_kind_is_named() -> None:
    dialogs = ("confirm: Accept cookies?", "confirm: Accept cookies?", "prompt: Your name?")
    found = run(dialogs=dialogs)
    assert [f.message.split(" as it loads")[0] for f in found] == [
        "The page opens a confirm dialog",
        "The page opens a prompt dialog",
    ]


def test_windows_the_page_tries_to_open_make_one_finding_that_counts_them() -> None:
    popups = ("http://127.0.0.1:8000/offer.html", "http://ads.example/x")
    (finding,) = run(popups=popups)
    assert finding.rule == "opens-popup"
    assert finding.severity is Severity.MINOR
    assert "tries to open 2 new windows by itself as it loads" in finding.message
    assert finding.evidence == "/offer.html"  # the site's own origin left out


def test_a_page_cut_for_size_is_reported_as_too_large_to_read_whole() -> None:
    (finding,) = run(cut=True)
    assert finding.rule == "too-large"
    assert finding.severity is Severity.MINOR
    assert "too large to read whole" in finding.message


def test_a_page_without_dialogs_popups_or_cut_has_none_of_those_findings() -> None:
    assert run(dialogs=(), popups=(), cut=False) == []


def test_an_error_page_is_not_also_its_own_console_line() -> None:
    failed = ConsoleEntry(
        "error", "Failed to load resource: the server responded with a status of 404", URL
    )
    (finding,) = run(status=404, console=(failed,))
    assert finding.rule == "http-error"


def test_the_browsers_own_favicon_request_is_not_the_pages_error() -> None:
    favicon = ConsoleEntry(
        "error",
        "Failed to load resource: 404 (File not found)",
        "http://127.0.0.1:8000/favicon.ico",
    )
    assert run(console=(favicon,)) == []
