"""Navigation and reading failures in plain words (crawl/failures.py)."""

from __future__ import annotations

from cxcheck.crawl import failures


def test_a_timeout_before_any_answer_means_the_server_is_unreachable() -> None:
    failure = failures.describe("Page.goto: Timeout 3000ms exceeded.", 3)
    assert (failure.reason, failure.unreachable, failure.unfinished) == (
        "no answer within 3 s",
        True,
        False,
    )


def test_a_timeout_after_the_page_answered_means_it_did_not_finish_loading() -> None:
    failure = failures.describe("Page.goto: Timeout 3000ms exceeded.", 3, answered=True)
    assert failure.reason == "the page did not finish loading within 3 s"
    assert not failure.unreachable
    assert failure.unfinished


def test_a_crash_is_named_whatever_playwright_calls_it() -> None:
    for message in ("Page.goto: Navigation failed because page crashed!", "Target crashed"):
        failure = failures.describe(message, 3)
        assert failure.reason == "the browser tab crashed while loading the page"
        assert not failure.unreachable
    assert failures.unreadable(Exception("Target crashed"), 3).reason == failures.CRASHED


def test_a_page_that_cannot_be_read_in_time_is_blamed_on_its_scripts() -> None:
    failure = failures.unreadable(TimeoutError(), 3)  # asyncio's timeout has no message
    assert (
        failure.reason
        == "its scripts kept the browser tab busy for over 3 s, so it could not be read"
    )


def test_other_reading_errors_keep_their_first_line() -> None:
    failure = failures.unreadable(Exception("Something odd\nstack"), 3)
    assert failure.reason == "the page could not be read (Something odd)"


def test_a_page_that_navigated_while_read_is_recognised() -> None:
    assert failures.moved_on(
        "Page.evaluate: Execution context was destroyed, most likely because of a navigation"
    )
    assert not failures.moved_on("Page.evaluate: TypeError: x is undefined")


def test_a_slow_read_says_what_took_the_time_not_the_scripts() -> None:
    # The tab answered before reading began (crawler._answers): the time went into reading.
    failure = failures.unreadable(failures.ReadTimeout("axe"), 15)
    assert failure.reason == (
        "the page is too big to read in time: its accessibility scan (axe-core) took over 15 s"
    )
    assert failure.slow_read and "scripts" not in failure.reason
    busy = failures.unreadable(failures.ScriptsBusy(), 15)  # it did not answer at all
    assert busy.reason.startswith("its scripts kept the browser tab busy for over 15 s")


def test_a_port_browsers_refuse_is_explained_and_unreachable() -> None:
    failure = failures.describe("Page.goto: net::ERR_UNSAFE_PORT at http://127.0.0.1:6000/", 3)
    assert failure.unreachable and failure.code == "ERR_UNSAFE_PORT"
    assert "the browser refuses this port" in failure.reason
    assert "another port" in failure.reason


def test_any_tls_handshake_failure_is_unreachable() -> None:
    for code in (
        "ERR_SSL_PROTOCOL_ERROR",
        "ERR_SSL_UNRECOGNIZED_NAME_ALERT",
        "ERR_BAD_SSL_CLIENT_AUTH_CERT",
    ):
        failure = failures.describe(f"Page.goto: net::{code} at https://x.test/", 3)
        assert failure.unreachable and "TLS" in failure.reason, code
