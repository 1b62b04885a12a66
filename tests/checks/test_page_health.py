"""page-health on snapshots built from HTML strings (no browser)."""

from __future__ import annotations

from checks.page_health import PageHealth
from cxcheck.crawl.snapshot import ConsoleEntry
from cxcheck.findings import Finding
from cxcheck.testing import context_for, snapshot_from_html

CLEAN = "<html lang='en'><title>Boots</title><p>Waterproof boots.</p></html>"


def run(
    check: PageHealth | None = None, url: str = "http://127.0.0.1:8000/boots.html", **fields: object
) -> list[Finding]:
    check = check or PageHealth()
    page = snapshot_from_html(CLEAN, url=url, **fields)
    return list(check.check_page(page, context_for(page)))


def test_a_healthy_page_gives_nothing() -> None:
    assert run() == []


def test_404_and_500_are_http_errors_that_say_the_status() -> None:
    (missing,) = run(status=404)
    (broken,) = run(status=500)
    assert (missing.rule, broken.rule) == ("http-error", "http-error")
    assert "404 (Not Found)" in missing.message
    assert "500 (Internal Server Error)" in broken.message
    assert missing.target == "http://127.0.0.1:8000/boots.html"
    assert missing.fingerprint != run(status=404, url="http://127.0.0.1:8000/other")[0].fingerprint


def test_redirect_statuses_are_not_errors() -> None:
    assert run(status=301) == []


def test_a_page_that_did_not_load_is_load_failed() -> None:
    (finding,) = run(status=None, error="redirect loop (too many redirects)")
    assert finding.rule == "load-failed"
    assert "redirect loop" in finding.message


def test_uncaught_exception_is_major_and_quotes_the_error() -> None:
    (finding,) = run(page_errors=("TypeError: x is undefined\n    at script.js:3",))
    assert finding.rule == "uncaught-exception"
    assert finding.severity.value == "major"
    assert finding.evidence == "TypeError: x is undefined"


def test_console_errors_count_but_warnings_and_resource_failures_do_not() -> None:
    console = (
        ConsoleEntry("error", "Cart service unavailable"),
        ConsoleEntry("warning", "deprecated API"),
        ConsoleEntry("error", "Failed to load resource: the server responded with a status of 404"),
    )
    (finding,) = run(console=console)
    assert finding.rule == "console-error"
    assert finding.severity.value == "minor"
    assert "Cart service unavailable" in finding.message


def test_ignore_console_globs() -> None:
    check = PageHealth(ignore_console=("*analytics*",))
    console = (ConsoleEntry("error", "analytics blocked"), ConsoleEntry("error", "real problem"))
    assert [f.evidence for f in run(check, console=console)] == ["real problem"]


def test_the_same_script_error_on_two_pages_shares_a_fingerprint() -> None:
    a = run(page_errors=("TypeError: boom",))[0]
    b = run(page_errors=("TypeError: boom",), url="http://127.0.0.1:8000/other.html")[0]
    assert a.fingerprint == b.fingerprint
