"""Findings: what a check reports, how bad it is, and how one problem on many pages is grouped."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from cxcheck.urls import path_and_query, without_tokens


class Severity(StrEnum):
    """How much a problem blocks launch; ordered blocker > major > minor > info."""

    BLOCKER = "blocker"
    MAJOR = "major"
    MINOR = "minor"
    INFO = "info"

    @classmethod
    def _missing_(cls, value: object) -> Severity | None:
        """Names are case-insensitive: "Major" in a config file means major."""
        if isinstance(value, str):
            return next((s for s in cls if s.value == value.strip().lower()), None)
        return None

    @property
    def rank(self) -> int:
        """Higher is worse."""
        return _RANKS[self]

    # A StrEnum compares as text ("major" < "minor"); severities compare by how bad they are.
    def __lt__(self, other: object) -> bool:
        return self.rank < other.rank if isinstance(other, Severity) else NotImplemented

    def __le__(self, other: object) -> bool:
        return self.rank <= other.rank if isinstance(other, Severity) else NotImplemented

    def __gt__(self, other: object) -> bool:
        return self.rank > other.rank if isinstance(other, Severity) else NotImplemented

    def __ge__(self, other: object) -> bool:
        return self.rank >= other.rank if isinstance(other, Severity) else NotImplemented

    def at_least(self, other: Severity) -> bool:
        """True when this severity is `other` or worse."""
        return self.rank >= other.rank

    @classmethod
    def parse(cls, text: str) -> Severity:
        """The severity named by `text`, or ValueError listing the valid names."""
        try:
            return cls(text)
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise ValueError(f'"{text}" is not a severity; use one of: {names}') from None


# ` style="..."` (or '...') in an element's HTML, as axe and the DOM serialise it.
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle=(?:"[^"]*"|'[^']*')""", re.I)
_RANKS = {Severity.INFO: 0, Severity.MINOR: 1, Severity.MAJOR: 2, Severity.BLOCKER: 3}


@dataclass(frozen=True)
class Finding:
    """One problem seen on one page. `target`, `selector` and `evidence` say what and where."""

    check: str
    rule: str
    severity: Severity
    url: str
    message: str
    help: str = ""
    target: str = ""
    selector: str = ""
    evidence: str = ""

    @property
    def fingerprint(self) -> str:
        """Stable across runs and pages: the same problem on two pages has one fingerprint.

        The page URL is left out on purpose, so a broken footer link on 400 pages is one
        problem; checks whose problem *is* the page put the page in `target`.
        """
        # Tokens in the target are left out, as every output masks them (cxcheck/masking.py):
        # the fingerprint read back from a report is the one the run made.
        target = path_and_query(without_tokens(self.target))
        # An element's inline style is what scripts change as a page animates (a fade, a
        # slide, a colour set after load): the HTML shown as evidence keeps it, the
        # fingerprint does not, or a baseline's problem came back "new" by the moment axe
        # looked.
        evidence = _STYLE_ATTRIBUTE.sub("", self.evidence)
        parts = (self.check, self.rule, target, self.selector, evidence)
        return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Rule:
    """A rule a check reports under: its stable id, its default severity, and how to fix what
    it finds (the text a finding carries unless it says something more precise)."""

    id: str
    severity: Severity
    fix: str = ""


@dataclass(frozen=True)
class Rules:
    """A check's rules, declared once; the one way built-in checks make their findings."""

    check: str
    rules: tuple[Rule, ...]

    @property
    def ids(self) -> frozenset[str]:
        """Every rule id (a check's `rule_ids`, so a severity override of another is an error)."""
        return frozenset(rule.id for rule in self.rules)

    def __getitem__(self, rule_id: str) -> Rule:
        return next(rule for rule in self.rules if rule.id == rule_id)

    def finding(
        self,
        rule_id: str,
        url: str,
        message: str,
        *,
        severity: Severity | None = None,
        fix: str = "",
        target: str = "",
        selector: str = "",
        evidence: str = "",
    ) -> Finding:
        """A finding of `rule_id` on the page `url`: the rule's severity and fix unless given."""
        rule = self[rule_id]
        return Finding(
            check=self.check,
            rule=rule.id,
            severity=severity or rule.severity,
            url=url,
            message=message,
            help=fix or rule.fix,
            target=target,
            selector=selector,
            evidence=evidence,
        )


@dataclass(frozen=True)
class GroupedFinding:
    """One problem with every page it was seen on, first page first."""

    finding: Finding
    pages: tuple[str, ...] = field(default=())

    @property
    def fingerprint(self) -> str:
        """The grouped problem's stable id."""
        return self.finding.fingerprint


def group_findings(findings: Iterable[Finding]) -> list[GroupedFinding]:
    """Merge findings that share a fingerprint; worst first, then by check, rule and page."""
    firsts: dict[str, Finding] = {}
    pages: dict[str, list[str]] = {}
    for finding in findings:
        key = finding.fingerprint
        if key not in firsts:
            firsts[key], pages[key] = finding, []
        elif finding.severity.rank > firsts[key].severity.rank:
            firsts[key] = replace(finding, url=firsts[key].url)
        if finding.url not in pages[key]:
            pages[key].append(finding.url)
    grouped = [GroupedFinding(firsts[key], tuple(pages[key])) for key in firsts]
    grouped.sort(key=_display_order)
    return grouped


def _display_order(group: GroupedFinding) -> tuple[int, str, str, str]:
    f = group.finding
    return (-f.severity.rank, f.check, f.rule, f.url)
