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
}

_OTHER = {
    "ERR_TOO_MANY_REDIRECTS": "redirect loop (too many redirects)",
    "ERR_INVALID_REDIRECT": "invalid redirect",
    "ERR_UNSAFE_REDIRECT": "unsafe redirect",
    "ERR_ABORTED": "the navigation was aborted",
    "ERR_INVALID_RESPONSE": "the server sent an invalid response",
    "ERR_RESPONSE_HEADERS_TRUNCATED": "the server sent truncated headers",
    "ERR_CONTENT_DECODING_FAILED": "the response could not be decoded",
}


@dataclass(frozen=True)
class NavigationFailure:
    """Why a page could not be loaded."""

    reason: str  # plain words
    unreachable: bool  # the server itself could not be reached (exit 3 for a start URL)
    code: str = ""  # Chromium's network error code (ERR_TOO_MANY_REDIRECTS), when there is one


def describe(message: str, timeout_s: float) -> NavigationFailure:
    """Turn a Playwright navigation error into plain words."""
    if "Timeout" in message and "exceeded" in message:
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
    return NavigationFailure(_OTHER.get(code, code), False, code)
