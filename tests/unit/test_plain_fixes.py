"""Plain words for the fix: every built-in rule, and the axe rules that fail most often, have a
fix a product owner can pass on: what to change and for whom, in one or two sentences."""

from __future__ import annotations

import re

import pytest

from checks.accessibility import WHO_IS_AFFECTED
from checks.construction.findings import RULES as CONSTRUCTION
from checks.navigation.findings import RULES as NAVIGATION
from checks.page_health import RULES as HEALTH
from checks.slow_pages import RULES as SPEED
from cxcheck.axe_core import axe_script, axe_version
from cxcheck.findings import Finding, Rules, Severity
from cxcheck.report.axe_fixes import AXE_FIXES
from cxcheck.report.plain_fixes import BUILT_IN_FIXES, plain_fix

# The axe rules that fail most often on real home pages (WebAIM Million 2024-2025: low
# contrast, missing alt text, empty links and buttons, missing labels and language) and the
# rest of the 40 that public axe scans report most.
MOST_FAILED_AXE_RULES = (
    "color-contrast", "image-alt", "link-name", "button-name", "label", "html-has-lang",
    "document-title", "frame-title", "list", "listitem", "aria-allowed-attr", "aria-hidden-focus",
    "aria-required-children", "aria-required-parent", "aria-valid-attr-value", "aria-valid-attr",
    "aria-roles", "aria-required-attr", "aria-command-name", "aria-input-field-name",
    "aria-toggle-field-name", "aria-prohibited-attr", "duplicate-id-aria", "input-image-alt",
    "select-name", "meta-viewport", "meta-refresh", "nested-interactive",
    "scrollable-region-focusable", "svg-img-alt", "role-img-alt", "link-in-text-block",
    "landmark-one-main", "region", "heading-order", "page-has-heading-one", "bypass",
    "html-lang-valid", "autocomplete-valid", "target-size", "empty-heading", "tabindex",
    "definition-list", "dlitem", "td-headers-attr", "th-has-data-cells", "video-caption",
    "aria-tooltip-name", "aria-progressbar-name", "object-alt", "label-title-only",
    "landmark-unique", "valid-lang", "frame-focusable-content",
)  # fmt: skip
TOOL_WORDS = re.compile(r"Fix (any|all) of the following|Ensure |axe|WCAG|must ", re.I)


def axe_rule_ids() -> set[str]:
    """The rule ids in the axe-core script cxcheck runs."""
    pattern = r'\{id:"([a-z0-9-]+)",[^{}]{0,400}?tags:\['
    return set(re.findall(pattern, axe_script()))


@pytest.mark.parametrize("rules", [NAVIGATION, HEALTH, SPEED, CONSTRUCTION], ids=lambda r: r.check)
def test_every_built_in_rule_has_a_plain_fix(rules: Rules) -> None:
    for rule in rules.rules:
        fix = BUILT_IN_FIXES.get((rules.check, rule.id))
        assert fix, f"{rules.check} · {rule.id} has no plain fix"
        finding = rules.finding(rule.id, "http://h/", "m")
        assert plain_fix(finding) == fix


def test_no_plain_fix_is_left_for_a_rule_that_does_not_exist() -> None:
    known = {
        (r.check, rule.id) for r in (NAVIGATION, HEALTH, SPEED, CONSTRUCTION) for rule in r.rules
    }
    assert set(BUILT_IN_FIXES) == known


def test_the_most_failed_axe_rules_and_every_worded_one_have_plain_fixes() -> None:
    assert len(MOST_FAILED_AXE_RULES) >= 40
    missing = [r for r in (*MOST_FAILED_AXE_RULES, *WHO_IS_AFFECTED) if r not in AXE_FIXES]
    assert missing == []


# Rules axe-core added after 4.4 (the axe in the lowest axe-playwright-python cxcheck allows).
NEWER_THAN_AXE_4_4 = {
    "aria-braille-equivalent", "aria-conditional-attr", "aria-deprecated-role",
    "aria-prohibited-attr", "aria-tab-name", "meta-refresh-no-exceptions", "summary-name",
    "target-size",
}  # fmt: skip


def test_every_axe_fix_names_a_rule_axe_has() -> None:
    # A typo would never be used. An older axe lacks only the rules added since.
    missing = set(AXE_FIXES) - axe_rule_ids()
    if tuple(int(n) for n in axe_version().split(".")[:2]) >= (4, 10):
        assert missing == set()
    else:
        assert missing <= NEWER_THAN_AXE_4_4


@pytest.mark.parametrize(
    "fix", [*AXE_FIXES.values(), *BUILT_IN_FIXES.values()], ids=lambda f: f[:40]
)
def test_each_fix_is_one_or_two_plain_sentences(fix: str) -> None:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", fix) if s]
    assert 1 <= len(sentences) <= 2, fix
    assert len(fix) <= 260, fix
    assert fix.endswith((".", ")")), fix
    assert not TOOL_WORDS.search(fix), fix


def test_an_axe_rule_without_plain_words_says_what_the_rule_asks() -> None:
    finding = Finding(
        "accessibility",
        "frame-tested",
        Severity.MINOR,
        "http://h/",
        "m",
        help="Fix any of the following: x · axe: Frames should be tested with axe-core · WCAG 4.1.2",
    )
    assert plain_fix(finding) == (
        "Change the element so that this holds: Frames should be tested with axe-core."
    )


def test_a_third_party_check_keeps_its_own_words() -> None:
    finding = Finding("brand-voice", "shouting", Severity.INFO, "http://h/", "m", help="Calm down.")
    assert plain_fix(finding) == "Calm down."
