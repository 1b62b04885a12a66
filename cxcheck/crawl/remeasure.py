"""The "remeasure" site capture: pages that look slow in the crawl are measured again, alone.

During the crawl pages load side by side, which on a small machine makes some of them look
slower than they are. A page whose figures are over budget (the check says which) is loaded
again after the crawl, with nothing else loading and the browser cache off, `samples` times,
and judged on the median of each figure. Pages under budget are not loaded again.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from playwright.async_api import Error as PlaywrightError

from cxcheck.captures import PageMetrics
from cxcheck.crawl.performance import capture_performance, median_of
from cxcheck.crawl.tab import Tab
from cxcheck.options import build_options
from cxcheck.snapshot import PageSnapshot

if TYPE_CHECKING:  # site_captures lists this capture, so it cannot be imported from here
    from cxcheck.crawl.site_captures import SiteScope

_LOAD_TIMEOUT_MS = 30_000


class Judge(Protocol):
    """What the check that asked for the re-measure says about a page's figures."""

    def worth_measuring(self, url: str, metrics: PageMetrics) -> bool:
        """The crawl's figures are over budget, or near enough that noise could hide it."""

    def close_call(self, url: str, metrics: PageMetrics) -> bool:
        """The figures are so near a budget that more loads should decide."""


@dataclass(frozen=True)
class RemeasureOptions:
    """What the check asks for: how many loads, and which pages need them."""

    samples: int = 3  # 0: judge on the crawl's own load
    max_samples: int = 5  # loads at most, when the median of `samples` is a close call
    judge: Any = None  # a Judge: the check that asked
    quiet_ms: int = 500
    max_wait_ms: int = 3000


@dataclass
class Remeasure:
    """Notes the pages over budget during the crawl, loads them again in `finish`."""

    scope: SiteScope
    options: RemeasureOptions
    _flagged: dict[str, PageMetrics] = field(default_factory=dict)
    _failed: int = 0
    _out_of_time: int = 0  # judged on the crawl's load: --max-time had run out
    _extra: int = 0  # close calls that took more loads

    @classmethod
    def create(cls, scope: SiteScope, options: Mapping[str, Any]) -> Remeasure:
        """A capture with the check's options."""
        return cls(scope, build_options(RemeasureOptions, options))

    def observe(self, page: PageSnapshot) -> None:
        """Keep the page's crawl figures when they look over budget."""
        metrics = page.extras.get("performance")
        judge: Judge | None = self.options.judge
        if metrics is not None and judge is not None and judge.worth_measuring(page.url, metrics):
            self._flagged[page.url] = metrics

    async def finish(self) -> Mapping[str, PageMetrics]:
        """URL -> median figures of the fresh loads (the crawl's when samples is 0)."""
        results: dict[str, PageMetrics] = {}
        for url, crawled in self._flagged.items():
            late = self.scope.deadline is not None and time.monotonic() > self.scope.deadline
            self._out_of_time += late
            measure = self.options.samples and not late
            results[url] = await self._measure(url) if measure else crawled
        return results

    async def _measure(self, url: str) -> PageMetrics:
        samples = await self._load(url, self.options.samples)
        judge: Judge | None = self.options.judge
        # A median this near a budget could go either way next run: more loads decide it.
        while (
            samples
            and judge is not None
            and len(samples) < self.options.max_samples
            and judge.close_call(url, median_of(samples))
        ):
            samples += await self._load(url, 2)
            self._extra += 1
        return median_of(samples) if samples else self._flagged[url]

    async def _load(self, url: str, times: int) -> list[PageMetrics]:
        """Up to `times` fresh loads of `url`, each alone, cache off."""
        samples = []
        for _ in range(times):
            tab = await Tab.open(
                self.scope.context, self.scope.in_scope, self.scope.profile, cold=True
            )
            try:
                await tab.page.goto(url, wait_until="load", timeout=_LOAD_TIMEOUT_MS)
                options = {
                    "quiet_ms": self.options.quiet_ms,
                    "max_wait_ms": self.options.max_wait_ms,
                }
                samples.append(await capture_performance(tab.page, options))
            except (PlaywrightError, TimeoutError):
                self._failed += 1
            finally:
                await tab.close()
        return samples

    async def close(self) -> None:
        """Nothing runs in the background."""

    def notes(self) -> list[str]:
        """Which pages were measured again, and how."""
        if not self._flagged or not self.options.samples:
            return []
        n = len(self._flagged)
        note = (
            f"Slow pages: {n} page{'s' if n != 1 else ''} looked over budget during the crawl; "
            f"each was loaded {self.options.samples} more times alone (cache off, "
            f"{self.scope.profile.name.value} profile) and judged on the median."
        )
        if self._failed:
            note += f" {self._failed} of those loads failed and were left out."
        if self._out_of_time:
            note += (
                f" {self._out_of_time} were judged on the crawl's load alone: the time limit "
                "had run out."
            )
        notes = [note]
        if self._extra:
            notes.append(
                f"Slow pages: {self._extra} close call{'s' if self._extra != 1 else ''} (a "
                f"median within 10 % of a budget) took more loads, {self.options.max_samples} "
                "at most."
            )
        return notes
