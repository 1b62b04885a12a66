"""page-health: every crawled page loads, answers without an HTTP error, and runs its
JavaScript without errors.

Rules (default severity; change one with `[checks.page-health] severity = { rule = "..." }`):
- `http-error` (major): the page answered 4xx or 5xx.
- `load-failed` (major): the page could not be loaded at all (timeout, redirect loop, ...).
- `uncaught-exception` (major): a script threw an error nobody caught.
- `console-error` (minor): the page logged an error to the console.

Failed images, scripts and other sub-requests also log "Failed to load resource" console
errors; those are left to the dead-navigation check, which says which asset failed.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import ClassVar

from cxcheck.crawl.snapshot import PageSnapshot
from cxcheck.findings import Finding, Severity
from cxcheck.plugins import CheckContext

_RESOURCE_FAILURE = "Failed to load resource"


@dataclass(frozen=True)
class PageHealth:
    """Pages that error out, crash their scripts or log errors."""

    name: ClassVar[str] = "page-health"
    description: ClassVar[str] = (
        "Every page loads without an HTTP error and runs its JavaScript without errors."
    )
    needs: ClassVar[frozenset[str]] = frozenset()
    area: ClassVar[str] = "navigation"
    rule_ids: ClassVar[frozenset[str]] = frozenset(
        {"http-error", "load-failed", "uncaught-exception", "console-error"}
    )

    ignore_console: tuple[str, ...] = field(
        default=(), metadata={"help": 'Console errors to ignore, as globs ("*analytics*").'}
    )

    def check_page(self, page: PageSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        """Findings for one page."""
        if page.error:
            yield self._load_failed(page)
        elif page.status is not None and page.status >= 400:
            yield self._http_error(page, page.status)
        for error in page.page_errors:
            yield self._uncaught(page, error)
        for entry in page.console:
            if entry.level == "error" and not self._ignored(entry.text):
                yield self._console_error(page, entry.text, ctx.origin)

    def _ignored(self, text: str) -> bool:
        return text.startswith(_RESOURCE_FAILURE) or any(
            fnmatch.fnmatchcase(text, pattern) for pattern in self.ignore_console
        )

    def _http_error(self, page: PageSnapshot, status: int) -> Finding:
        reason = _reason(status)
        side = "server failed" if status >= 500 else "page is not there"
        return Finding(
            check=self.name,
            rule="http-error",
            severity=Severity.MAJOR,
            url=page.url,
            target=page.url,
            evidence=f"HTTP {status}",
            message=f"This page answers {status} ({reason}): the {side}, so customers "
            "who reach it see an error instead of the page.",
            help="Fix the page or the links that lead here; a page that moved needs a redirect.",
        )

    def _load_failed(self, page: PageSnapshot) -> Finding:
        return Finding(
            check=self.name,
            rule="load-failed",
            severity=Severity.MAJOR,
            url=page.url,
            target=page.url,
            evidence=page.error,
            message=f"This page could not be loaded: {page.error}.",
            help="Open the URL in a browser; check the server logs for this path.",
        )

    def _uncaught(self, page: PageSnapshot, error: str) -> Finding:
        first_line = error.strip().splitlines()[0] if error.strip() else "Error"
        return Finding(
            check=self.name,
            rule="uncaught-exception",
            severity=Severity.MAJOR,
            url=page.url,
            evidence=first_line,
            message=f"A script on this page crashed ({first_line}); whatever it was meant "
            "to do (menus, buttons, prices) may not work for customers.",
            help="Open the page with the browser's developer tools and fix the script error.",
        )

    def _console_error(self, page: PageSnapshot, text: str, origin: str) -> Finding:
        first_line = text.strip().splitlines()[0][:300] if text.strip() else "(empty)"
        # The site's own origin drops out of the evidence: a random --serve port or a
        # staging host must not make the same error a new one (baselines use fingerprints).
        return Finding(
            check=self.name,
            rule="console-error",
            severity=Severity.MINOR,
            url=page.url,
            evidence=first_line.replace(origin, ""),
            message=f"The page logged an error: {first_line}",
            help="Fix the cause, or list the message under ignore_console if it is harmless.",
        )


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "error"
