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
from typing import TYPE_CHECKING

from playwright.async_api import Error as PlaywrightError

from cxcheck.captures import PageMetrics, PerformanceRequest, RemeasureRequest
from cxcheck.contract import Remeasures
from cxcheck.crawl.performance import capture_performance, median_of
from cxcheck.crawl.tab import Tab
from cxcheck.snapshot import PageSnapshot

if TYPE_CHECKING:  # site_captures lists this capture, so it cannot be imported from here
    from cxcheck.crawl.site_scope import SiteScope

_LOAD_TIMEOUT_MS = 30_000


@dataclass
class Remeasure:
    """Notes the pages over budget during the crawl, loads them again in `finish`."""

    scope: SiteScope
    options: RemeasureRequest
    judge: Remeasures
    _flagged: dict[str, PageMetrics] = field(default_factory=dict)
    _failed: int = 0
    _out_of_time: int = 0  # judged on the crawl's load: --max-time had run out
    _extra: int = 0  # close calls that took more loads

    @classmethod
    def create(cls, scope: SiteScope, request: RemeasureRequest, judge: Remeasures) -> Remeasure:
        """A capture as the check asked for it; `judge` (the check) says which pages."""
        return cls(scope, request, judge)

    def observe(self, page: PageSnapshot) -> None:
        """Keep the page's crawl figures when they look over budget."""
        metrics = page.performance
        if metrics is not None and self.judge.worth_measuring(page.url, metrics):
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
        # A median this near a budget could go either way next run: more loads decide it.
        while (
            samples
            and len(samples) < self.options.max_samples
            and self.judge.close_call(url, median_of(samples))
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
                watch = PerformanceRequest(self.options.quiet_ms, self.options.max_wait_ms)
                samples.append(await capture_performance(tab.page, watch))
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
            calls = f"{self._extra} close call{'s' if self._extra != 1 else ''}"
            notes.append(
                f"Slow pages (close calls): {calls} (a median within 10 % of a budget) took "
                f"more loads, {self.options.max_samples} at most."
            )
        return notes
