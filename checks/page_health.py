"""page-health: every crawled page loads, answers without an HTTP error, and runs its
JavaScript without errors.

Rules (default severity; change one with `[checks.page-health] severity = { rule = "..." }`):
- `http-error` (major): the page answered 4xx or 5xx.
- `load-failed` (major): the page could not be loaded at all (timeout, redirect loop, ...).
- `uncaught-exception` (major): a script threw an error nobody caught.
- `console-error` (minor): the page logged an error to the console.
- `opens-dialog` (minor): the page opened an alert, confirm or prompt by itself as it loaded.
- `opens-popup` (minor): the page tried to open new windows by itself as it loaded (the
  crawl blocks them, as a browser's popup blocker would).
- `too-large` (minor): the page is so large that only its first part was read and checked.

A page the crawl reached only through links that answers an error is reported once, as
those broken links, when dead-navigation runs too; a file that failed to load is reported
by dead-navigation rather than as its "Failed to load resource" console line. Those choices
are made after every check ran, in one place (cxcheck/overlaps.py), so this check on its
own still reports everything it sees.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import ClassVar

from cxcheck.contract import CheckContext
from cxcheck.findings import Finding, Rule, Rules, Severity
from cxcheck.snapshot import MAX_PAGE_CHARS, ConsoleEntry, PageSnapshot

_RESOURCE_FAILURE = "Failed to load resource"


RULES = Rules(
    "page-health",
    (
        Rule(
            "http-error",
            Severity.MAJOR,
            "Fix the page or the links that lead here; a page that moved needs a redirect.",
        ),
        Rule(
            "load-failed",
            Severity.MAJOR,
            "Open the URL in a browser; check the server logs for this path.",
        ),
        Rule(
            "uncaught-exception",
            Severity.MAJOR,
            "Open the page with the browser's developer tools and fix the script error.",
        ),
        Rule(
            "console-error",
            Severity.MINOR,
            "Fix the cause, or list the message under ignore_console if it is harmless.",
        ),
        Rule(
            "opens-dialog",
            Severity.MINOR,
            "Show the message inside the page instead, or only after the customer asks.",
        ),
        Rule(
            "opens-popup",
            Severity.MINOR,
            "Open the content in the page, or only when the customer clicks for it.",
        ),
        Rule(
            "too-large",
            Severity.MINOR,
            "Split the page, or load the rest as the customer scrolls or asks for it.",
        ),
    ),
)


@dataclass(frozen=True)
class PageHealth:
    """Pages that error out, crash their scripts or log errors."""

    name: ClassVar[str] = "page-health"
    description: ClassVar[str] = (
        "Every page loads without an HTTP error and runs its JavaScript without errors."
    )
    needs: ClassVar[frozenset[str]] = frozenset()
    area: ClassVar[str] = "navigation"
    rule_ids: ClassVar[frozenset[str]] = RULES.ids

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
            if entry.level != "error" or self._ignored(entry.text):
                continue
            if not _is_own_status(entry, page) and not _is_browser_favicon(entry, page):
                yield self._console_error(page, entry, ctx.origin)
        for dialog in dict.fromkeys(page.dialogs):  # the same alert twice is one problem
            yield self._dialog(page, dialog)
        if page.popups:
            yield self._popups(page, ctx.origin)
        if page.cut:
            yield self._too_large(page)

    def _ignored(self, text: str) -> bool:
        return any(fnmatch.fnmatchcase(text, pattern) for pattern in self.ignore_console)

    def _http_error(self, page: PageSnapshot, status: int) -> Finding:
        reason = _reason(status)
        side = "server failed" if status >= 500 else "page is not there"
        return RULES.finding(
            "http-error",
            page.url,
            target=page.url,
            evidence=f"HTTP {status}",
            message=f"This page answers {status} ({reason}): the {side}, so customers "
            "who reach it see an error instead of the page.",
        )

    def _load_failed(self, page: PageSnapshot) -> Finding:
        return RULES.finding(
            "load-failed",
            page.url,
            target=page.url,
            evidence=page.error,
            message=f"This page could not be loaded: {page.error}.",
        )

    def _uncaught(self, page: PageSnapshot, error: str) -> Finding:
        first_line = error.strip().splitlines()[0] if error.strip() else "Error"
        return RULES.finding(
            "uncaught-exception",
            page.url,
            evidence=first_line,
            message=f"A script on this page crashed ({first_line}); whatever it was meant "
            "to do (menus, buttons, prices) may not work for customers.",
        )

    def _console_error(self, page: PageSnapshot, entry: ConsoleEntry, origin: str) -> Finding:
        text = entry.text
        first_line = text.strip().splitlines()[0][:300] if text.strip() else "(empty)"
        # A failed request logs the same words for every file: the file is what tells
        # them apart (and what dead-navigation's finding about the file names).
        failed_file = entry.url if text.startswith(_RESOURCE_FAILURE) else ""
        shown = f" ({failed_file.replace(origin, '') or '/'})" if failed_file else ""
        # The site's own origin drops out of the evidence: a random --serve port or a
        # staging host must not make the same error a new one (baselines use fingerprints).
        return RULES.finding(
            "console-error",
            page.url,
            target=failed_file,
            evidence=first_line.replace(origin, ""),
            message=f"The page logged an error: {first_line}{shown}",
        )

    def _dialog(self, page: PageSnapshot, dialog: str) -> Finding:
        kind, _, said = dialog.partition(": ")
        quoted = f": “{said}”" if said else ""
        return RULES.finding(
            "opens-dialog",
            page.url,
            evidence=dialog,
            message=f"The page opens {_article(kind)} {kind} dialog as it loads{quoted}. It "
            "stops everything until the customer answers it.",
        )

    def _popups(self, page: PageSnapshot, origin: str) -> Finding:
        first, count = page.popups[0], len(page.popups)
        windows = "a new window" if count == 1 else f"{count} new windows"
        return RULES.finding(
            "opens-popup",
            page.url,
            # Without the site's origin, so a random --serve port makes no new finding.
            evidence=first.replace(origin.rstrip("/"), ""),
            message=f"The page tries to open {windows} by itself as it loads ({first}). "
            "Browsers block such popups, so whatever they show is lost; where they open, "
            "they cover the page customers came for.",
        )

    def _too_large(self, page: PageSnapshot) -> Finding:
        return RULES.finding(
            "too-large",
            page.url,
            evidence=f"more than {MAX_PAGE_CHARS:,} characters of HTML",
            message=f"The page is too large to read whole (more than {MAX_PAGE_CHARS:,} "
            "characters of HTML): only its first part was checked, and customers wait long "
            "for it to load.",
        )


def _is_own_status(entry: ConsoleEntry, page: PageSnapshot) -> bool:
    """The browser's "Failed to load resource" line about the page itself: its status is
    the http-error finding already."""
    return entry.text.startswith(_RESOURCE_FAILURE) and entry.url in (page.url, page.final_url)


def _is_browser_favicon(entry: ConsoleEntry, page: PageSnapshot) -> bool:
    """The browser asks for /favicon.ico by itself when a page names no icon, and logs the
    failure only sometimes (it remembers one per site): no customer sees it, and a missing
    icon is under-construction's `no-favicon`, not a script error."""
    named = any(link.href == entry.url for link in page.links)
    return (
        entry.text.startswith(_RESOURCE_FAILURE)
        and entry.url.endswith("/favicon.ico")
        and not named
    )


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "error"
