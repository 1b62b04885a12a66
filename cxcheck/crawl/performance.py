"""The "performance" capture: what a customer waits for on one page, as the browser saw it.

An init script (performance_init.js) records largest contentful paint, layout shifts and
long tasks from the first moment of each document; after load the capture waits until the
page has been still (no shift, no long task) for `quiet_ms`, at most `max_wait_ms`, and
reads the figures: LCP with its element, CLS (the worst burst of shifts, as Core Web Vitals
define it) with the elements that moved, TBT (the part over 50 ms of each long task after
first paint, as Lighthouse counts it, up to the end of the wait), bytes by type and the
largest files.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from playwright.async_api import Page

from cxcheck.captures import LongTask, PageMetrics, PerformanceRequest, Resource
from cxcheck.crawl.scripts import init_script, page_function

PERFORMANCE_INIT_JS = init_script("performance_init")
_PERFORMANCE_JS = page_function("performance")


async def capture_performance(page: Page, request: PerformanceRequest) -> PageMetrics:
    """The page's figures, once it has been still for a moment after load."""
    data = await page.evaluate(
        _PERFORMANCE_JS,
        {
            "quietMs": request.quiet_ms,
            "maxWaitMs": request.max_wait_ms,
        },
    )
    return metrics_from(data)


def metrics_from(data: Mapping[str, Any]) -> PageMetrics:
    """PageMetrics from the in-page reading (plain JSON)."""
    by_type = {str(k): int(v) for k, v in (data.get("bytes_by_type") or {}).items()}
    return PageMetrics(
        ttfb_ms=milliseconds(data.get("ttfb_ms")),
        fcp_ms=milliseconds(data.get("fcp_ms")),
        lcp_ms=milliseconds(data.get("lcp_ms")),
        lcp_selector=data.get("lcp_selector") or "",
        lcp_url=data.get("lcp_url") or "",
        cls=float(data.get("cls") or 0.0),
        shifted=tuple(data.get("shifted") or ()),
        tbt_ms=round(float(data.get("tbt_ms") or 0.0), 1),
        long_tasks=tuple(LongTask(**t) for t in data.get("long_tasks") or ()),
        load_ms=milliseconds(data.get("load_ms")),
        requests=int(data.get("requests") or 0),
        bytes=sum(by_type.values()),
        bytes_by_type=by_type,
        largest=tuple(Resource(**r) for r in data.get("largest") or ()),
    )


def median_of(samples: Sequence[PageMetrics]) -> PageMetrics:
    """One PageMetrics from several loads: the median of each figure, and the details (what
    painted, moved, blocked, weighed) from the load whose figure is that median."""
    lcp = _median_load(samples, lambda s: s.lcp_ms or 0.0)
    cls = _median_load(samples, lambda s: s.cls)
    tbt = _median_load(samples, lambda s: s.tbt_ms)
    weight = _median_load(samples, lambda s: float(s.bytes))
    return replace(
        samples[0],
        lcp_selector=lcp.lcp_selector,
        lcp_url=lcp.lcp_url,
        shifted=cls.shifted,
        long_tasks=tbt.long_tasks,
        bytes_by_type=weight.bytes_by_type,
        largest=weight.largest,
        ttfb_ms=_median([s.ttfb_ms for s in samples]),
        fcp_ms=_median([s.fcp_ms for s in samples]),
        lcp_ms=_median([s.lcp_ms for s in samples]),
        cls=round(statistics.median(s.cls for s in samples), 4),
        tbt_ms=round(statistics.median(s.tbt_ms for s in samples), 1),
        load_ms=_median([s.load_ms for s in samples]),
        requests=int(statistics.median(s.requests for s in samples)),
        bytes=int(statistics.median(s.bytes for s in samples)),
        samples=len(samples),
    )


def _median_load(
    samples: Sequence[PageMetrics], figure: Callable[[PageMetrics], float]
) -> PageMetrics:
    """The load whose `figure` is the median one (the lower middle for an even count)."""
    ordered = sorted(samples, key=figure)
    return ordered[(len(ordered) - 1) // 2]


def _median(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(statistics.median(present), 1) if present else None


def milliseconds(value: Any) -> float | None:
    """A browser time in ms, rounded; None when the browser did not measure it (0 or less)."""
    return None if value is None or float(value) <= 0 else round(float(value), 1)
