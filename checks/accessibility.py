"""accessibility: axe-core on every page, grouped so people can act on it.

Each axe violation on each element is a finding: `rule` is axe's rule id (`image-alt`,
`color-contrast`, ...). The same rule on the same element across pages (a header, a footer,
a shared component) is one finding listing its pages; distinct elements stay distinct.
This check adds grouping and wording; it never changes axe's verdict on a rule.

Options (`[checks.accessibility]`):
- `standard`: "wcag2a" | "wcag2aa" (default) | "wcag21aa" | "wcag22aa" | "best-practice"
- `rules = { enable = ["region"], disable = ["color-contrast"] }`
- `include` / `exclude`: CSS selectors to check only, or to leave out (a chat widget)
- `impact_severity`: axe impact -> severity (critical: blocker, serious: major,
  moderate: minor, minor: info)
- `incomplete = true`: also report what axe could not decide ("needs review", info)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from cxcheck.axe_core import axe_version
from cxcheck.captures import AxeRequest
from cxcheck.contract import CheckContext
from cxcheck.findings import Finding, Severity
from cxcheck.snapshot import PageSnapshot

STANDARD_TAGS = {
    "wcag2a": ("wcag2a",),
    "wcag2aa": ("wcag2a", "wcag2aa"),
    "wcag21aa": ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"),
    "wcag22aa": ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"),
    "best-practice": ("wcag2a", "wcag2aa", "best-practice"),
}

DEFAULT_IMPACTS = {
    "critical": Severity.BLOCKER,
    "serious": Severity.MAJOR,
    "moderate": Severity.MINOR,
    "minor": Severity.INFO,
}

# Who is shut out, in plain words, for the rules teams meet most.
WHO_IS_AFFECTED = {
    "image-alt": "Screen-reader users cannot tell what this image shows.",
    "input-image-alt": "Screen-reader users cannot tell what this image button does.",
    "button-name": "Screen-reader users cannot tell what this button does.",
    "link-name": "Screen-reader users cannot tell where this link goes.",
    "color-contrast": "People with low vision cannot read this text: its colours are too close.",
    "label": "Screen-reader users cannot tell what to type into this field.",
    "select-name": "Screen-reader users cannot tell what this drop-down is for.",
    "html-has-lang": "Screen readers may read this page in the wrong language and accent.",
    "html-lang-valid": "Screen readers may read this page in the wrong language and accent.",
    "document-title": "Screen-reader users cannot tell which page this is.",
    "frame-title": "Screen-reader users cannot tell what this embedded frame contains.",
    "heading-order": "Screen-reader users who jump between headings lose the page's structure.",
    "duplicate-id-aria": "Assistive technology may announce the wrong label or description.",
    "aria-valid-attr": "Assistive technology may ignore or misread this element.",
    "aria-valid-attr-value": "Assistive technology may ignore or misread this element.",
    "aria-required-attr": "Assistive technology cannot tell the state of this control.",
    "aria-roles": "Assistive technology may misread what this element is.",
    "list": "Screen-reader users hear this list announced wrongly.",
    "listitem": "Screen-reader users hear this list item announced wrongly.",
    "region": "Screen-reader users cannot jump to this content by landmark.",
    "landmark-one-main": "Screen-reader users cannot jump straight to the main content.",
    "meta-viewport": "People with low vision cannot zoom in on phones.",
    "bypass": "Keyboard users must tab through every menu link on every page.",
}

_REGIONS = {"header": "in the site header", "nav": "in the navigation", "footer": "in the footer"}
_WCAG_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")
_HTML_LIMIT = 200


@dataclass(frozen=True)
class Accessibility:
    """axe-core violations, grouped across pages and worded for people."""

    name: ClassVar[str] = "accessibility"
    description: ClassVar[str] = (
        "People using screen readers, keyboards or zoom can use every page (axe-core, WCAG)."
    )
    needs: ClassVar[frozenset[str]] = frozenset({"axe"})
    area: ClassVar[str] = "accessibility"
    engine: ClassVar[str] = f"axe-core {axe_version()}"

    standard: str = field(
        default="wcag2aa",
        metadata={"help": "wcag2a, wcag2aa, wcag21aa, wcag22aa or best-practice."},
    )
    rules: dict[str, tuple[str, ...]] = field(
        default_factory=dict,
        metadata={"help": 'Add or remove axe rules: { enable = ["region"], disable = [] }.'},
    )
    include: tuple[str, ...] = field(
        default=(), metadata={"help": "Check only inside these CSS selectors."}
    )
    exclude: tuple[str, ...] = field(
        default=(), metadata={"help": 'Leave these CSS selectors out ("#chat-widget").'}
    )
    impact_severity: dict[str, Severity] = field(
        default_factory=lambda: dict(DEFAULT_IMPACTS),
        metadata={"help": "axe impact -> severity."},
    )
    incomplete: bool = field(
        default=False, metadata={"help": 'Also report what axe flags as "needs review" (info).'}
    )

    def __post_init__(self) -> None:
        if self.standard not in STANDARD_TAGS:
            raise ValueError(
                f'standard: "{self.standard}" is not one of: {", ".join(STANDARD_TAGS)}'
            )
        unknown = set(self.rules) - {"enable", "disable"}
        if unknown:
            raise ValueError(f"rules: unknown key {sorted(unknown)}; known: enable, disable")
        unknown = set(self.impact_severity) - set(DEFAULT_IMPACTS)
        if unknown:
            known = ", ".join(DEFAULT_IMPACTS)
            raise ValueError(f"impact_severity: unknown impact {sorted(unknown)}; known: {known}")

    def capture_requests(self) -> tuple[AxeRequest]:
        """axe's context and options: the chosen standard's tags, rule switches, scope."""
        rules = {rule: {"enabled": True} for rule in self.rules.get("enable", ())}
        rules |= {rule: {"enabled": False} for rule in self.rules.get("disable", ())}
        options: dict[str, Any] = {
            "runOnly": {"type": "tag", "values": list(STANDARD_TAGS[self.standard])},
            "resultTypes": ["violations", "incomplete"] if self.incomplete else ["violations"],
        }
        if rules:
            options["rules"] = rules
        context: dict[str, Any] | None = None
        if self.include or self.exclude:
            context = {"exclude": [[s] for s in self.exclude]}
            if self.include:
                context["include"] = [[s] for s in self.include]
        return (AxeRequest(context, options),)

    def check_page(self, page: PageSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        """One finding per violated rule per element."""
        results = page.axe
        if not results:
            return
        for rule in results.get("violations", ()):
            for node in rule["nodes"]:
                yield self._finding(page, rule, node, needs_review=False)
        if self.incomplete:
            for rule in results.get("incomplete", ()):
                for node in rule["nodes"]:
                    yield self._finding(page, rule, node, needs_review=True)

    def _finding(
        self,
        page: PageSnapshot,
        rule: Mapping[str, Any],
        node: Mapping[str, Any],
        needs_review: bool,
    ) -> Finding:
        impact = node.get("impact") or rule.get("impact") or "moderate"
        severity = (
            Severity.INFO if needs_review else self.impact_severity.get(impact, Severity.MINOR)
        )
        who = WHO_IS_AFFECTED.get(
            rule["id"], f"Some people using assistive technology are affected: {rule['help']}."
        )
        where = _REGIONS.get(node.get("region", ""), "")
        prefix = "Needs review: " if needs_review else ""
        message = f"{prefix}{who[:-1]} ({where})." if where else f"{prefix}{who}"
        criteria = ", ".join(_wcag_criteria(rule.get("tags", ())))
        help_parts = [_one_line(node.get("failureSummary") or ""), f"axe: {rule['help']}"]
        if criteria:
            help_parts.append(f"WCAG {criteria}")
        help_parts.append(rule.get("helpUrl", ""))
        return Finding(
            check=self.name,
            rule=rule["id"],
            severity=severity,
            url=page.url,
            message=message,
            help=" · ".join(p for p in help_parts if p),
            selector=selector_of(node["target"]),
            evidence=_shorten(node.get("html", "")),
        )


def selector_of(target: list[Any]) -> str:
    """axe's target as one string: frames joined by " >>> ", shadow roots by " >> "."""
    return " >>> ".join(" >> ".join(part) if isinstance(part, list) else part for part in target)


def _one_line(summary: str) -> str:
    """axe's failure summary (blocks of "Fix any of the following:" + lines) as one line."""
    blocks = []
    for block in summary.strip().split("\n\n"):
        heading, *items = [line.strip() for line in block.splitlines() if line.strip()] or [""]
        blocks.append(f"{heading} {'; '.join(items)}".strip())
    return ". ".join(b for b in blocks if b)


def _wcag_criteria(tags: Any) -> list[str]:
    return [".".join(m.groups()) for tag in tags if (m := _WCAG_TAG.match(tag))]


def _shorten(html: str) -> str:
    html = " ".join(html.split())
    return html if len(html) <= _HTML_LIMIT else html[: _HTML_LIMIT - 1] + "…"
