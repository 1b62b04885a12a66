"""The check contract: what a check is, what it may know of the site, and what it may ask the
browser for. Browser-free: a check, its tests and the report never load Playwright.

Built-in and third-party checks follow it alike (README "Writing a check"); the loader and
runner are cxcheck/plugins.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from cxcheck.captures import CaptureRequest, PageMetrics
from cxcheck.findings import Finding
from cxcheck.snapshot import PageSnapshot
from cxcheck.urls import origin_of, same_origin


@dataclass(frozen=True)
class CheckContext:
    """What a check may know beyond the page: the site it belongs to."""

    start_url: str

    @property
    def origin(self) -> str:
        """scheme://host[:port] of the site."""
        return origin_of(self.start_url)

    def is_internal(self, url: str) -> bool:
        """The URL belongs to the site being checked."""
        return same_origin(url, self.origin)


@runtime_checkable
class Check(Protocol):
    """A check: a pure function of snapshots. Its dataclass fields are its options.

    `needs` names the captures it reads beyond the page's own load (cxcheck/captures.py:
    axe, performance, controls in each page; link-status, click-probe, remeasure, site-probe
    once per site). Optional members: `check_site(site, ctx)` for cross-page problems;
    `capture_requests() -> Iterable[CaptureRequest]` to configure captures it needs (typed,
    with the defaults of cxcheck/captures.py); `worth_measuring` and `close_call` (see
    `Remeasures`) when it needs "remeasure";
    `engine: str` naming the tool it wraps and its version, shown in the report;
    `area: str`, the part of the customer's experience its findings count in (navigation,
    content, accessibility, speed; see report/areas.py), else they show under "other checks";
    `rule_ids: frozenset[str]` so a severity override naming another rule is an error.
    """

    name: str
    description: str
    needs: frozenset[str]

    def check_page(self, page: PageSnapshot, ctx: CheckContext) -> Iterable[Finding]:
        """Problems on one page."""
        ...


@runtime_checkable
class Remeasures(Protocol):
    """A check that needs "remeasure" says which pages to load again after the crawl, alone,
    and when the median of those loads is too close to call."""

    def worth_measuring(self, url: str, metrics: PageMetrics) -> bool:
        """Load `url` again alone? Its crawl figures are over budget, or near enough that the
        noise of pages loading side by side could hide it."""
        ...

    def close_call(self, url: str, metrics: PageMetrics) -> bool:
        """These median figures are so near a budget that more loads should decide."""
        ...


__all__ = ["CaptureRequest", "Check", "CheckContext", "Remeasures"]
