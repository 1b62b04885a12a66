"""What a page tells that nobody outside should read: debug pages and stack traces, error
messages with the server's file paths or SQL, and server software versions.

A trace quoted in a code block (`<pre>`, `<code>`, a blockquote) on a page that loaded fine
is a tutorial, not a leak: those are read only on pages that answered 5xx. A framework's
debug page is known by words only it prints, wherever they are.
"""

from __future__ import annotations

import html as html_text
import re
from dataclasses import dataclass

# Framework debug pages: (what, pattern) matched against the raw HTML.
_DEBUG_PAGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "a Django debug page",
        re.compile(r"seeing this error because you have\s*(?:<code>)?\s*DEBUG\s*=\s*True", re.I),
    ),
    (
        "the Werkzeug debugger",
        re.compile(r"debugger caught an exception in your WSGI application|Werkzeug Debugger"),
    ),
    ("a Rails error page", re.compile(r"Action Controller: Exception caught")),
    (
        "an ASP.NET error page with its stack trace",
        re.compile(r"Server Error in '[^']*' Application\.(?s:.*)(?:Stack Trace:|Source Error:)"),
    ),
    (
        "the ASP.NET Core developer exception page",
        re.compile(r"An unhandled exception occurred while processing the request\."),
    ),
    ("the Symfony debug toolbar", re.compile(r"""id=["']sfwdt""")),
    ("a Symfony exception page", re.compile(r"<title>[^<]*\(500 Internal Server Error\)")),
    (
        "a Laravel error page",
        re.compile(r"Illuminate\\\\?Foundation|Whoops\\\\?Handler|ignition-(?:app|error)"),
    ),
    (
        "a development error page of the Next framework",
        re.compile(r"Unhandled Runtime Error(?s:.*)Call Stack"),
    ),
)
# Traces and error output: (what, rule, pattern) matched against text.
_TRACES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    (
        "a Python traceback",
        "debug-page",
        re.compile(r"Traceback \(most recent call last\):\s+File \"[^\"]+\", line \d+"),
    ),
    (
        "a PHP fatal error",
        "debug-page",
        re.compile(
            r"(?:Fatal error|Parse error|Uncaught [\w\\]+)\s*:.{0,400}?"
            r"\bin\s+(?:/|[A-Za-z]:\\)\S+(?:\s+on line\s+|:)\d+",
            re.S,
        ),
    ),
    (
        "a Java stack trace",
        "debug-page",
        re.compile(r"(?:\bat\s+[\w$.<>]+\([\w$]+\.java:\d+\)\s*){2}"),
    ),
    (
        "a .NET stack trace",
        "debug-page",
        re.compile(r"(?:\bat\s+[\w.`<>\[\]]+\(.*?\)\s+in\s+\S+:line\s+\d+\s*){2}"),
    ),
    (
        "a JavaScript stack trace",
        "debug-page",
        re.compile(
            r"(?:\bat\s+(?:[\w$.<>\[\] ]+\s+)?\(?(?:/|file://|[A-Za-z]:\\)\S+:\d+:\d+\)?\s*){2}"
        ),
    ),
    (
        "a Ruby stack trace",
        "debug-page",
        re.compile(r"(?:(?:/|[A-Za-z]:\\)\S+\.rb:\d+:in\s+[`'][^'\s]+'\s*){2}"),
    ),
    ("a Go panic", "debug-page", re.compile(r"goroutine \d+ \[running\]:")),
    (
        "a PHP warning with the server's file paths",
        "error-details",
        re.compile(
            r"\b(?:Warning|Notice|Deprecated)\s*:.{0,300}?"
            r"\bin\s+(?:/|[A-Za-z]:\\)\S+\s+on line\s+\d+",
            re.S,
        ),
    ),
    (
        "a database error message",
        "error-details",
        re.compile(
            r"You have an error in your SQL syntax; check the manual|SQLSTATE\[\w+\]|"
            r"\bORA-\d{5}\b|pg_query\(\)|"
            r"Unclosed quotation mark after the character string|SQLite3?::SQLException|"
            r"psycopg2\.errors\.|org\.postgresql\.util\.PSQLException"
        ),
    ),
)
# Words one of the above needs; a page without any is read no further (most pages).
_TRIGGERS = (
    *("DEBUG", "Werkzeug", "Action Controller", "Server Error in", "unhandled exception"),
    *("sfwdt", "Internal Server Error", "Illuminate", "Whoops", "ignition", "Runtime Error"),
    *("Traceback", "Fatal error", "Parse error", "Uncaught", ".java:", ":line ", ".js:"),
    *(".ts:", ".mjs:", ".cjs:", ".rb:", "goroutine", "Warning", "Notice", "Deprecated"),
    *("SQL syntax", "SQLSTATE", "ORA-", "pg_query", "quotation mark", "SQLException"),
    *("psycopg2", "PSQLException"),
)
_QUOTED = re.compile(
    r"<(pre|code|samp|kbd|textarea|blockquote|script|style|template|noscript)\b[^>]*>.*?</\1\s*>",
    re.I | re.S,
)
_TAGS = re.compile(r"<[^>]+>")
_VERSION = re.compile(r"\d+\.\d+")
VERSION_HEADERS = ("server", "x-powered-by", "x-aspnet-version", "x-aspnetmvc-version")


@dataclass(frozen=True)
class Leak:
    """Something a page shows that only developers should see."""

    rule: str  # debug-page or error-details
    what: str  # "a Python traceback", "a Django debug page"...


def debug_output(html: str, status: int | None) -> Leak | None:
    """The worst debug output the page shows, or None. On a page that answered below 500,
    text quoted in code blocks does not count."""
    if not any(word in html for word in _TRIGGERS):
        return None
    for what, pattern in _DEBUG_PAGES:
        if pattern.search(html):
            return Leak("debug-page", what)
    source = html if (status or 0) >= 500 else _QUOTED.sub(" ", html)
    text = html_text.unescape(_TAGS.sub(" ", source))
    found = [(rule, what) for what, rule, pattern in _TRACES if pattern.search(text)]
    found.sort(key=lambda item: item[0] != "debug-page")  # a trace before an error message
    return Leak(*found[0]) if found else None


def is_listing(html: str) -> bool:
    """A web server's list of a folder's files (Apache, nginx, IIS, lighttpd, Python)."""
    head = html[:5000]
    if re.search(r"<title>\s*(Index of /|Directory listing for /)", head, re.I):
        return bool(re.search(r"<h1>\s*(Index of /|Directory listing for /)", html[:20000], re.I))
    return "[To Parent Directory]" in head and "<pre>" in head.lower()


def versions(headers: dict[str, str]) -> list[str]:
    """`Header: value` for each response header that names software with its version."""
    found = []
    for name in VERSION_HEADERS:
        value = " ".join(headers.get(name, "").split())
        if value and (name.startswith("x-aspnet") or _VERSION.search(value)):
            found.append(f"{_title(name)}: {value[:120]}")
    return found


_SPELLING = {
    "server": "Server",
    "x-powered-by": "X-Powered-By",
    "x-aspnet-version": "X-AspNet-Version",
    "x-aspnetmvc-version": "X-AspNetMvc-Version",
}


def _title(name: str) -> str:
    return _SPELLING.get(name, name)
