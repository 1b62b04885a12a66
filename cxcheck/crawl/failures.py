"""Navigation failures in words a person reads, and which of them mean "site unreachable"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NET_ERROR = re.compile(r"net::(ERR_[A-Z_]+)")

# Chromium's network error codes that mean the server could not be reached at all.
_UNREACHABLE = {
    "ERR_CONNECTION_REFUSED": "connection refused",
    "ERR_NAME_NOT_RESOLVED": "host name not found",
    "ERR_NAME_RESOLUTION_FAILED": "host name could not be resolved",
    "ERR_ADDRESS_UNREACHABLE": "address unreachable",
    "ERR_ADDRESS_INVALID": "invalid address",
    "ERR_CONNECTION_TIMED_OUT": "connection timed out",
    "ERR_TIMED_OUT": "timed out",
    "ERR_INTERNET_DISCONNECTED": "no network",
    "ERR_NETWORK_ACCESS_DENIED": "network access denied",
    "ERR_CONNECTION_RESET": "connection reset by the server",
    "ERR_CONNECTION_CLOSED": "connection closed by the server",
    "ERR_EMPTY_RESPONSE": "the server sent an empty response",
    "ERR_SSL_PROTOCOL_ERROR": "TLS handshake failed",
    "ERR_SSL_VERSION_OR_CIPHER_MISMATCH": "TLS version or cipher mismatch",
    "ERR_UNSAFE_PORT": (
        "the browser refuses this port (ERR_UNSAFE_PORT): Chromium never connects to ports "
        "that other protocols use, such as 6000 (X11), 25 (mail) or 9 (discard), so no "
        "customer's browser could open it either; serve the site on another port, e.g. 8080"
    ),
}

REDIRECT_LOOP = "redirect loop (too many redirects)"
_OTHER = {
    "ERR_TOO_MANY_REDIRECTS": REDIRECT_LOOP,
    "ERR_INVALID_REDIRECT": "invalid redirect",
    "ERR_UNSAFE_REDIRECT": "unsafe redirect",
    "ERR_ABORTED": "the navigation was aborted",
    "ERR_INVALID_RESPONSE": "the server sent an invalid response",
    "ERR_RESPONSE_HEADERS_TRUNCATED": "the server sent truncated headers",
    "ERR_CONTENT_DECODING_FAILED": "the response could not be decoded",
    "ERR_INVALID_HTTP_RESPONSE": "the server's answer is not valid HTTP",
    "ERR_CONTENT_LENGTH_MISMATCH": "the answer was cut off (shorter than the server announced)",
    "ERR_INCOMPLETE_CHUNKED_ENCODING": "the answer was cut off (its last chunk never came)",
    "ERR_INVALID_CHUNKED_ENCODING": "the answer's chunked encoding is broken",
    "ERR_HTTP2_PROTOCOL_ERROR": "the server broke the HTTP/2 protocol",
}


CRASHED = "the browser tab crashed while loading the page"
# Playwright's words when the page's renderer died ("Page crashed", "Target crashed").
_CRASH = re.compile(r"\b(page|target) crashed\b", re.IGNORECASE)
# The page replaced its document while it was being read: it moved on by itself.
_MOVED_ON = ("Execution context was destroyed", "navigating and changing the content")


@dataclass(frozen=True)
class NavigationFailure:
    """Why a page could not be loaded."""

    reason: str  # plain words
    unreachable: bool  # the server itself could not be reached (exit 3 for a start URL)
    code: str = ""  # Chromium's network error code (ERR_TOO_MANY_REDIRECTS), when there is one
    unfinished: bool = False  # the page answered but never finished loading: it may be read
    slow_read: bool = False  # reading it took the time (its size), not the page's scripts


class ScriptsBusy(TimeoutError):
    """The page's own scripts kept its tab from answering before it was read."""


class ReadTimeout(TimeoutError):
    """Reading the page (one part of the capture, named in `phase`) outlasted the timeout."""

    def __init__(self, phase: str) -> None:
        super().__init__(phase)
        self.phase = phase


# What each part of reading a page does, in words (ReadTimeout.phase -> words).
_READING = {
    "DOM, text and links": "reading its HTML, text and links",
    "axe": "its accessibility scan (axe-core)",
    "controls": "finding what can be clicked on it",
    "performance": "reading its speed figures",
}


def describe(message: str, timeout_s: float, answered: bool = False) -> NavigationFailure:
    """Turn a Playwright navigation error into plain words; `answered`: the server sent the
    page, so a timeout means the page did not finish loading, not that nobody answered."""
    if crashed(message):
        return NavigationFailure(CRASHED, False)
    if timed_out(message):
        if answered:
            # A script or a picture that never arrives holds the page's load event back.
            reason = f"the page did not finish loading within {timeout_s:g} s"
            return NavigationFailure(reason, False, unfinished=True)
        return NavigationFailure(f"no answer within {timeout_s:g} s", True)
    match = _NET_ERROR.search(message)
    if not match:
        first = message.strip().splitlines()[0] if message.strip() else "unknown error"
        return NavigationFailure(first[:200], False)
    code = match.group(1)
    if code.startswith("ERR_CERT_"):
        return NavigationFailure(
            f"TLS certificate not accepted ({code}); for a self-signed staging certificate "
            "use --ignore-https-errors",
            True,
            code,
        )
    if code in _UNREACHABLE:
        return NavigationFailure(_UNREACHABLE[code], True, code)
    if code.startswith(("ERR_SSL_", "ERR_BAD_SSL_")):  # the TLS handshake went wrong
        return NavigationFailure(f"TLS handshake failed ({code})", True, code)
    return NavigationFailure(_OTHER.get(code, code), False, code)


def crashed(message: str) -> bool:
    """The tab's renderer died (the page or the browser killed it)."""
    return bool(_CRASH.search(message))


def timed_out(message: str) -> bool:
    """Playwright gave up waiting (a navigation, a wait, or a request: Playwright 1.26 words
    a request's timeout "Request timed out after 500ms")."""
    return ("Timeout" in message and "exceeded" in message) or "timed out after" in message


def moved_on(message: str) -> bool:
    """Reading the page failed because it navigated elsewhere meanwhile."""
    return any(words in message for words in _MOVED_ON)


def scripts_busy(timeout_s: float) -> str:
    """Why a page whose own scripts hold its tab could not be read."""
    return (
        f"its scripts kept the browser tab busy for over {timeout_s:g} s, so it could not be read"
    )


def unreadable(error: BaseException, timeout_s: float) -> NavigationFailure:
    """Why a loaded page could not be read: it froze, crashed, or something else."""
    message = str(error).strip()
    if crashed(message):
        return NavigationFailure(CRASHED, False)
    if isinstance(error, ReadTimeout):  # the tab answered: the time went into reading
        what = _READING.get(error.phase, f"reading it ({error.phase})")
        return NavigationFailure(
            f"the page is too big to read in time: {what} took over {timeout_s:g} s",
            False,
            slow_read=True,
        )
    if isinstance(error, TimeoutError) or timed_out(message):
        # The tab did not answer a trivial question: the page's own scripts hold it.
        return NavigationFailure(scripts_busy(timeout_s), False)
    first = message.splitlines()[0][:200] if message else type(error).__name__
    return NavigationFailure(f"the page could not be read ({first})", False)
