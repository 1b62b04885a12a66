"""The performance capture's figures: the in-page reading, medians of loads, the report's view."""

from __future__ import annotations

from typing import Any

import pytest

from cxcheck.captures import LongTask, PageMetrics, Resource
from cxcheck.crawl.performance import median_of, metrics_from
from cxcheck.report.model import PageResult
from cxcheck.testing import snapshot_from_html

HERO = "http://127.0.0.1:8000/img/hero.jpg"
APP = "http://127.0.0.1:8000/js/app.js"
URL = "http://127.0.0.1:8000/boots.html"

# What performance.js returns for a product page, as JSON.
READING: dict[str, Any] = {
    "ttfb_ms": 182.46,
    "load_ms": 1893.2,
    "fcp_ms": 640,
    "requests": 42,
    "lcp_ms": 2710.44,
    "lcp_selector": "main > img.hero",
    "lcp_url": HERO,
    "cls": 0.1234,
    "shifted": ["#promo-banner", "main > h1"],
    "tbt_ms": 312.34,
    "long_tasks": [{"start_ms": 900, "duration_ms": 180}, {"start_ms": 1500, "duration_ms": 232}],
    "bytes_by_type": {"document": 18_000, "script": 420_000, "image": 1_100_000, "font": 60_000},
    "largest": [
        {"url": HERO, "type": "image", "bytes": 900_000},
        {"url": APP, "type": "script", "bytes": 300_000},
    ],
}


def test_a_reading_becomes_page_metrics() -> None:
    assert metrics_from(READING) == PageMetrics(
        ttfb_ms=182.5,
        fcp_ms=640.0,
        lcp_ms=2710.4,
        lcp_selector="main > img.hero",
        lcp_url=HERO,
        cls=0.1234,
        shifted=("#promo-banner", "main > h1"),
        tbt_ms=312.3,
        long_tasks=(LongTask(900, 180), LongTask(1500, 232)),
        load_ms=1893.2,
        requests=42,
        bytes=1_598_000,
        bytes_by_type={"document": 18_000, "script": 420_000, "image": 1_100_000, "font": 60_000},
        largest=(Resource(HERO, "image", 900_000), Resource(APP, "script", 300_000)),
        samples=1,
    )


def test_the_weight_is_the_sum_of_the_weight_by_type() -> None:
    reading = {"bytes_by_type": {"document": 12_345, "image": 600_000}}
    assert metrics_from(reading).bytes == 612_345


@pytest.mark.parametrize("missing", [0, -3.5, None])
def test_times_that_were_not_measured_are_none(missing: float | None) -> None:
    reading = {**READING, "ttfb_ms": missing, "fcp_ms": missing, "lcp_ms": missing}
    reading["load_ms"] = missing
    metrics = metrics_from(reading)
    assert metrics.ttfb_ms is None
    assert metrics.fcp_ms is None
    assert metrics.lcp_ms is None
    assert metrics.load_ms is None


def test_an_empty_reading_gives_empty_metrics() -> None:
    assert metrics_from({}) == PageMetrics()


def test_nulls_in_a_reading_are_tolerated() -> None:
    reading = {key: None for key in READING}
    assert metrics_from(reading) == PageMetrics()


def test_a_partial_reading_keeps_what_it_has() -> None:
    metrics = metrics_from({"lcp_ms": 1200, "requests": 9})
    assert metrics.lcp_ms == 1200
    assert metrics.requests == 9
    assert metrics.ttfb_ms is None
    assert metrics.cls == 0.0
    assert metrics.tbt_ms == 0.0
    assert metrics.bytes == 0
    assert metrics.largest == ()


# --- medians of several loads -----------------------------------------------------------

FIRST = PageMetrics(
    ttfb_ms=300,
    fcp_ms=800,
    lcp_ms=4000,
    lcp_selector="main > img.hero",
    lcp_url=HERO,
    cls=0.3,
    shifted=("#promo-banner",),
    tbt_ms=250,
    long_tasks=(LongTask(1200, 300),),
    load_ms=5000,
    requests=90,
    bytes=1_500_000,
    bytes_by_type={"image": 1_500_000},
    largest=(Resource(HERO, "image", 900_000),),
)
SECOND = PageMetrics(
    ttfb_ms=100,
    fcp_ms=None,
    lcp_ms=3000,
    lcp_selector="main > h1",
    cls=0.1,
    shifted=("footer",),
    tbt_ms=150,
    load_ms=4000,
    requests=80,
    bytes=1_400_000,
    largest=(Resource(APP, "script", 300_000),),
)
THIRD = PageMetrics(
    ttfb_ms=200,
    fcp_ms=600,
    lcp_ms=3500,
    cls=0.2,
    tbt_ms=400,
    load_ms=None,
    requests=85,
    bytes=1_600_000,
)


def test_each_figure_is_the_median_of_the_loads() -> None:
    median = median_of([FIRST, SECOND, THIRD])
    assert median.ttfb_ms == 200
    assert median.lcp_ms == 3500
    assert median.cls == 0.2
    assert median.tbt_ms == 250
    assert median.requests == 85
    assert median.bytes == 1_500_000


def test_loads_that_did_not_measure_a_time_are_left_out_of_its_median() -> None:
    median = median_of([FIRST, SECOND, THIRD])
    assert median.fcp_ms == 700  # of 800 and 600
    assert median.load_ms == 4500  # of 5000 and 4000


def test_a_time_no_load_measured_stays_none() -> None:
    loads = [PageMetrics(lcp_ms=None, tbt_ms=10), PageMetrics(lcp_ms=None, tbt_ms=30)]
    assert median_of(loads).lcp_ms is None


def test_the_details_come_from_the_load_whose_figure_is_the_median() -> None:
    """What painted, moved, blocked and weighed must match the figure a message quotes."""
    median = median_of([FIRST, SECOND, THIRD])
    assert (median.lcp_selector, median.lcp_url) == ("", "")  # THIRD: LCP 3500
    assert median.shifted == ()  # THIRD: CLS 0.2
    assert median.long_tasks == (LongTask(1200, 300),)  # FIRST: TBT 250
    assert median.largest == (Resource(HERO, "image", 900_000),)  # FIRST: 1.5 MB
    assert median.bytes_by_type == {"image": 1_500_000}


def test_a_median_says_how_many_loads_it_comes_from() -> None:
    assert median_of([FIRST, SECOND, THIRD]).samples == 3
    assert median_of([SECOND, THIRD]).samples == 2


def test_the_median_of_one_load_is_that_load() -> None:
    assert median_of([FIRST]) == FIRST


def test_the_order_of_the_loads_does_not_change_the_figures() -> None:
    a, b = median_of([FIRST, SECOND, THIRD]), median_of([THIRD, FIRST, SECOND])
    figures = ("ttfb_ms", "fcp_ms", "lcp_ms", "cls", "tbt_ms", "load_ms", "requests", "bytes")
    assert [getattr(a, f) for f in figures] == [getattr(b, f) for f in figures]


# --- the report's view of a page ----------------------------------------------------------


def test_the_report_shows_lcp_cls_and_tbt_from_the_performance_capture() -> None:
    metrics = PageMetrics(lcp_ms=2710.4, cls=0.12, tbt_ms=312.3)
    page = snapshot_from_html("<title>Boots</title>", url=URL, extras={"performance": metrics})
    result = PageResult.of(page)
    assert (result.lcp_ms, result.cls, result.tbt_ms) == (2710.4, 0.12, 312.3)
    assert result.url == URL
    assert result.title == "Boots"


def test_without_the_performance_capture_the_report_leaves_them_blank() -> None:
    result = PageResult.of(snapshot_from_html("<title>Boots</title>", url=URL))
    assert (result.lcp_ms, result.cls, result.tbt_ms) == (None, None, None)


def test_a_page_that_never_shifted_shows_zero_not_blank() -> None:
    page = snapshot_from_html("<p>Boots</p>", url=URL, extras={"performance": PageMetrics()})
    result = PageResult.of(page)
    assert result.cls == 0.0
    assert result.tbt_ms == 0.0
    assert result.lcp_ms is None
