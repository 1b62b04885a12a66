"""Why an action on an element that was found did not happen (covered, greyed out, hidden,
gone), from Playwright's call log, in a tester's words (docs/journey-language.md section 7)."""

from __future__ import annotations

from playwright.async_api import Error as PlaywrightError

from cxcheck.journeys.runner.failure import Failure
from cxcheck.journeys.runner.finder import Finder
from cxcheck.journeys.runner.phrases import article, plain, seconds
from cxcheck.journeys.runner.search import Found
from cxcheck.report.model import FailureKind as Kind

# Playwright's call log words, and the failure kind each means for a tester.
_ACTION_STATES: tuple[tuple[str, Kind], ...] = (
    ("intercepts pointer events", Kind.COVERED),
    ("element is not enabled", Kind.DISABLED),
    ("element is not editable", Kind.DISABLED),
    ("element is not visible", Kind.HIDDEN),
    ("element is not stable", Kind.COVERED),
    ("not attached", Kind.NOT_FOUND),
    ("detached", Kind.NOT_FOUND),
)
# Plain-language reasons for errors Playwright raises at once.
_REASONS: tuple[tuple[str, str], ...] = (
    ("is not an <input>", "it is not something you can type into"),
    ("not a checkbox or radio", "it is not a checkbox or radio button"),
    ("is not a <select>", "it is not a dropdown"),
    ("is not an HTMLInputElement", "it is not a file field"),
    ("non-multiple file input", "it takes only one file"),
    ("cannot be focused", "it cannot take the keyboard"),
    ("Unknown key", "that key name is unknown"),
    ("Clicking the checkbox did not change its state", "clicking it did not change it"),
    ("Timeout ", "the time for this step ran out"),
)


async def action_failure(
    finder: Finder, found: Found, error: PlaywrightError, doing: str, timeout_s: float
) -> Failure:
    """A Playwright action's error in a tester's words.

    `doing` is the verb for messages ("click", "fill"): "did not become <able> within N s".
    """
    log = error.message
    looking = found.looking
    word = looking.word if looking.word not in ("", "element") else ""
    word = word or (await finder.describe(found.locator))["word"] or "element"
    the = f'The {word} "{looking.name}"'
    kind = next((k for phrase, k in _ACTION_STATES if phrase in log), None)
    within = seconds(timeout_s)
    able = "editable" if doing in ("fill", "clear", "type into") else "clickable"
    if kind is Kind.COVERED and "intercepts" in log:
        cover = await finder.covering(found.locator)
        if cover.get("name"):
            what = f'"{cover["name"]}"' + (
                f" ({article(cover['word'])} {cover['word']})" if cover.get("word") else ""
            )
        else:
            what = "another part of the page"
        message = f"{the} is covered by {what}. Add a step to close it first."
    elif kind is Kind.COVERED:
        message = f"{the} kept moving on screen, so I could not {doing} it within {within}."
    elif kind is Kind.DISABLED:
        message = f"{the} is greyed out (disabled); it did not become {able} within {within}."
    elif kind is Kind.HIDDEN:
        message = f"{the} is there but hidden (not visible on screen) for {within}."
    elif kind is Kind.NOT_FOUND:
        message = f"{the} disappeared from the page before I could {doing} it."
    else:
        kind = Kind.NOT_FOUND
        message = f"I could not {doing} {the[0].lower()}{the[1:]}: {_reason(log)}."
    return Failure(kind, message, looking.looked_for)


def _reason(log: str) -> str:
    for phrase, reason in _REASONS:
        if phrase in log:
            return reason
    first = plain(log, "the page did not let me")
    return first[0].lower() + first[1:]
