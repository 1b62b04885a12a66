"""slow-pages on measured figures (PageMetrics), judged after the crawl (no browser)."""

from __future__ import annotations

from dataclasses import fields

import pytest

from checks.slow_pages import Budget, SlowPages
from cxcheck.captures import LongTask, PageMetrics, Resource
from cxcheck.contract import CheckContext, Remeasures
from cxcheck.crawl.performance import median_of, metrics_from
from cxcheck.errors import ConfigError
from cxcheck.findings import Finding, Severity
from cxcheck.plugins import capture_requests, load_checks
from cxcheck.snapshot import SiteSnapshot
from cxcheck.testing import context_for, snapshot_from_html

SITE = "http://127.0.0.1:8000/"
URL = "http://127.0.0.1:8000/boots.html"
HERO = Resource("http://127.0.0.1:8000/img/hero.jpg?v=3", "image", 1_100_000)


def judge(metrics: PageMetrics, check: SlowPages | None = None, url: str = URL) -> list[Finding]:
    """What the check finds when `url` was measured again alone with these figures."""
    return judge_site({url: metrics}, check)


def judge_site(remeasured: dict[str, PageMetrics], check: SlowPages | None = None) -> list[Finding]:
    check = check or SlowPages()
    site = SiteSnapshot(start_url=SITE, pages=(), extras={"remeasure": remeasured})
    return list(check.check_site(site, CheckContext(SITE)))


def only(findings: list[Finding], rule: str) -> Finding:
    (finding,) = [f for f in findings if f.rule == rule]
    return finding


# rule, the figure it reads, just over budget, over twice the budget, at budget
RULES = [
    ("slow-lcp", "lcp_ms", 2501, 5001, 2500),
    ("layout-shift", "cls", 0.11, 0.21, 0.1),
    ("blocking-time", "tbt_ms", 201, 401, 200),
    ("slow-response", "ttfb_ms", 801, 1601, 800),
    ("heavy-page", "bytes", 1_000_001, 2_000_001, 1_000_000),
    ("too-many-requests", "requests", 81, 161, 80),
]
RULE_IDS = [rule[0] for rule in RULES]


@pytest.mark.parametrize(("rule", "figure", "over", "twice", "at"), RULES, ids=RULE_IDS)
def test_just_over_budget_is_minor(
    rule: str, figure: str, over: float, twice: float, at: float
) -> None:
    (finding,) = judge(PageMetrics(**{figure: over}))
    assert finding.check == "slow-pages"
    assert finding.rule == rule
    assert finding.severity is Severity.MINOR
    assert finding.url == finding.target == URL
    assert finding.help


@pytest.mark.parametrize(("rule", "figure", "over", "twice", "at"), RULES, ids=RULE_IDS)
def test_over_twice_the_budget_is_major(
    rule: str, figure: str, over: float, twice: float, at: float
) -> None:
    (finding,) = judge(PageMetrics(**{figure: twice}))
    assert finding.rule == rule
    assert finding.severity is Severity.MAJOR


@pytest.mark.parametrize(("rule", "figure", "over", "twice", "at"), RULES, ids=RULE_IDS)
def test_at_budget_is_silent(rule: str, figure: str, over: float, twice: float, at: float) -> None:
    assert judge(PageMetrics(**{figure: at})) == []
    assert judge(PageMetrics(**{figure: at * 0.5})) == []


def test_exactly_twice_the_budget_is_still_minor() -> None:
    (finding,) = judge(PageMetrics(lcp_ms=5000))
    assert finding.severity is Severity.MINOR


def test_major_factor_moves_the_line_between_minor_and_major() -> None:
    check = SlowPages(major_factor=1.5)
    assert judge(PageMetrics(lcp_ms=3700), check)[0].severity is Severity.MINOR
    assert judge(PageMetrics(lcp_ms=3800), check)[0].severity is Severity.MAJOR


def test_a_page_within_every_budget_gives_no_finding_at_all() -> None:
    fine = PageMetrics(
        ttfb_ms=120,
        fcp_ms=600,
        lcp_ms=1800,
        cls=0.02,
        tbt_ms=80,
        load_ms=1900,
        requests=35,
        bytes=640_000,
        bytes_by_type={"image": 500_000, "script": 140_000},
    )
    assert judge(fine) == []


def test_a_page_over_several_budgets_gets_one_finding_per_rule() -> None:
    metrics = PageMetrics(lcp_ms=4100, cls=0.32, tbt_ms=350, ttfb_ms=900, requests=95)
    rules = [f.rule for f in judge(metrics)]
    assert rules == [
        "slow-lcp",
        "layout-shift",
        "blocking-time",
        "slow-response",
        "too-many-requests",
    ]


def test_each_page_measured_again_is_judged_on_its_own() -> None:
    findings = judge_site(
        {
            "http://127.0.0.1:8000/boots.html": PageMetrics(lcp_ms=4100),
            "http://127.0.0.1:8000/about.html": PageMetrics(lcp_ms=1200),
            "http://127.0.0.1:8000/cart.html": PageMetrics(requests=120),
        }
    )
    assert [(f.url, f.rule) for f in findings] == [
        ("http://127.0.0.1:8000/boots.html", "slow-lcp"),
        ("http://127.0.0.1:8000/cart.html", "too-many-requests"),
    ]


# --- the words a person reads ---------------------------------------------------------


def test_slow_lcp_says_when_the_main_content_appears_and_the_budget() -> None:
    (finding,) = judge(PageMetrics(lcp_ms=4100))
    assert "The main content appears after 4.1 s; budget 2.5 s" in finding.message


def test_slow_lcp_names_the_element_that_painted_last() -> None:
    (finding,) = judge(PageMetrics(lcp_ms=4100, lcp_selector="main > h1"))
    assert "The main content (main > h1) appears after 4.1 s" in finding.message


def test_slow_lcp_names_the_image_by_its_path() -> None:
    metrics = PageMetrics(lcp_ms=4100, lcp_selector="img.hero", lcp_url=HERO.url)
    (finding,) = judge(metrics)
    assert "The main image (/img/hero.jpg) appears after 4.1 s; budget 2.5 s" in finding.message
    assert "?v=3" not in finding.message


def test_slow_lcp_blames_the_server_when_it_takes_over_half_the_wait() -> None:
    metrics = PageMetrics(lcp_ms=4100, ttfb_ms=2400, largest=(HERO,))
    finding = only(judge(metrics), "slow-lcp")
    assert "Most of it is the server: it starts answering after 2.4 s." in finding.message
    assert "Largest file" not in finding.message


def test_slow_lcp_names_the_largest_file_when_the_server_is_quick() -> None:
    metrics = PageMetrics(lcp_ms=4100, ttfb_ms=300, largest=(HERO,))
    (finding,) = judge(metrics)
    assert "Most of it is the server" not in finding.message
    assert "Largest file: /img/hero.jpg (image, 1.1 MB)." in finding.message


def test_layout_shift_says_how_much_and_what_moved() -> None:
    metrics = PageMetrics(cls=0.32, shifted=("#promo-banner", "main > h1"))
    (finding,) = judge(metrics)
    assert "The page jumps while customers read it" in finding.message
    assert "layout shift 0.32; budget 0.10" in finding.message
    assert "Moved most: #promo-banner, main > h1." in finding.message
    assert finding.severity is Severity.MAJOR


def test_layout_shift_without_known_elements_says_no_moved_list() -> None:
    (finding,) = judge(PageMetrics(cls=0.15))
    assert "Moved most" not in finding.message


def test_blocking_time_names_the_longest_task() -> None:
    metrics = PageMetrics(tbt_ms=350, long_tasks=(LongTask(start_ms=1200, duration_ms=400),))
    (finding,) = judge(metrics)
    assert "ignores clicks and keys for 350 ms" in finding.message
    assert "total blocking time; budget 200 ms" in finding.message
    assert "1 long task; the longest took 400 ms at 1.2 s." in finding.message


def test_blocking_time_counts_every_long_task() -> None:
    tasks = (LongTask(300, 120), LongTask(1200, 400), LongTask(2500, 90))
    (finding,) = judge(PageMetrics(tbt_ms=450, long_tasks=tasks))
    assert "3 long tasks; the longest took 400 ms at 1.2 s." in finding.message


def test_slow_response_says_time_to_first_byte() -> None:
    (finding,) = judge(PageMetrics(ttfb_ms=1200))
    assert "The server takes 1.2 s to start answering" in finding.message
    assert "time to first byte; budget 0.8 s" in finding.message


def test_heavy_page_says_the_weight_what_it_is_made_of_and_the_largest_file() -> None:
    metrics = PageMetrics(
        bytes=1_500_000,
        bytes_by_type={"script": 250_000, "image": 1_200_000, "document": 50_000},
        largest=(HERO, Resource("http://127.0.0.1:8000/js/app.js", "script", 200_000)),
    )
    (finding,) = judge(metrics)
    assert "The page weighs 1.5 MB (budget 1.0 MB)" in finding.message
    assert "image 1.2 MB, script 250 KB, document 50 KB" in finding.message
    assert "Largest file: /img/hero.jpg (image, 1.1 MB)." in finding.message


def test_heavy_page_reads_well_without_a_split_by_type() -> None:
    (finding,) = judge(PageMetrics(bytes=1_500_000))
    assert "The page weighs 1.5 MB (budget 1.0 MB)" in finding.message
    assert ": ." not in finding.message
    assert not finding.message.rstrip(".").endswith(":")


def test_the_split_by_type_of_a_median_weight_does_not_exceed_the_weight() -> None:
    heavy = PageMetrics(bytes=2_000_000, bytes_by_type={"image": 2_000_000})
    lighter = PageMetrics(bytes=1_200_000, bytes_by_type={"image": 1_200_000})
    (finding,) = judge(median_of([heavy, lighter, lighter]))
    assert "The page weighs 1.2 MB (budget 1.0 MB)" in finding.message
    assert "image 2.0 MB" not in finding.message  # more than the whole page weighs


def test_too_many_requests_says_how_many() -> None:
    (finding,) = judge(PageMetrics(requests=95))
    assert "The page makes 95 requests (budget 80 requests)" in finding.message


def test_page_weight_is_counted_in_kilobytes_of_1000_bytes() -> None:
    # 1,020,000 bytes is 1,020 KB, though under 1,000 KiB (1,024,000 bytes)
    assert [f.rule for f in judge(PageMetrics(bytes=1_020_000))] == ["heavy-page"]
    assert judge(PageMetrics(bytes=999_999)) == []
    check = SlowPages(page_kb=1500)
    assert judge(PageMetrics(bytes=1_499_000), check) == []
    assert [f.rule for f in judge(PageMetrics(bytes=1_501_000), check)] == ["heavy-page"]


def test_a_median_of_several_loads_says_so() -> None:
    (finding,) = judge(PageMetrics(lcp_ms=4100, samples=3))
    assert finding.message.endswith("Median of 3 loads, each alone.")


def test_a_single_load_does_not_claim_a_median() -> None:
    (finding,) = judge(PageMetrics(lcp_ms=4100, samples=1))
    assert "Median" not in finding.message
    assert "each alone" not in finding.message


def test_the_in_page_reading_becomes_the_words_of_a_finding() -> None:
    data = {
        "lcp_ms": 4120.4,
        "lcp_url": "http://127.0.0.1:8000/img/hero.jpg",
        "ttfb_ms": 150,
        "bytes_by_type": {"image": 1_300_000, "script": 200_000},
        "largest": [{"url": HERO.url, "type": "image", "bytes": 1_300_000}],
    }
    findings = judge(metrics_from(data))
    assert [f.rule for f in findings] == ["slow-lcp", "heavy-page"]
    assert "The main image (/img/hero.jpg) appears after 4.1 s" in findings[0].message
    assert "The page weighs 1.5 MB (budget 1.0 MB)" in findings[1].message


# --- the same problem across runs -------------------------------------------------------


def test_the_same_slow_page_keeps_its_fingerprint_when_the_figures_change() -> None:
    (first,) = judge(PageMetrics(lcp_ms=3100, samples=3))
    (second,) = judge(PageMetrics(lcp_ms=5400, lcp_selector="main > h1", samples=2))
    assert first.severity is Severity.MINOR and second.severity is Severity.MAJOR
    assert first.message != second.message
    assert first.fingerprint == second.fingerprint


@pytest.mark.parametrize(("rule", "figure", "over", "twice", "at"), RULES, ids=RULE_IDS)
def test_the_fingerprint_holds_neither_the_measured_value_nor_the_budget(
    rule: str, figure: str, over: float, twice: float, at: float
) -> None:
    (a,) = judge(PageMetrics(**{figure: over}))
    (b,) = judge(PageMetrics(**{figure: twice}))
    assert a.evidence == b.evidence == "over budget"
    assert a.fingerprint == b.fingerprint
    tuned = SlowPages(**{f.name: getattr(SlowPages(), f.name) * 1.1 for f in fields(Budget)})
    (c,) = judge(PageMetrics(**{figure: twice}), tuned)
    assert c.fingerprint == a.fingerprint  # a tuned budget keeps the same finding


def test_the_same_slow_page_survives_a_port_change_between_runs() -> None:
    (a,) = judge(PageMetrics(lcp_ms=4100), url="http://127.0.0.1:8000/boots.html")
    (b,) = judge(PageMetrics(lcp_ms=4300), url="http://127.0.0.1:51234/boots.html")
    assert a.fingerprint == b.fingerprint


def test_two_slow_pages_are_two_problems() -> None:
    (a,) = judge(PageMetrics(lcp_ms=4100), url="http://127.0.0.1:8000/boots.html")
    (b,) = judge(PageMetrics(lcp_ms=4100), url="http://127.0.0.1:8000/cart.html")
    assert a.fingerprint != b.fingerprint


# --- budgets per path -------------------------------------------------------------------

SHOP = {"/shop/*": {"page_kb": 3000.0}}


def test_an_override_lifts_the_budget_on_matching_pages_only() -> None:
    check = SlowPages(overrides=SHOP)
    two_mb = PageMetrics(bytes=2_000_000)
    assert judge(two_mb, check, url="http://127.0.0.1:8000/shop/boots.html") == []
    (elsewhere,) = judge(two_mb, check, url="http://127.0.0.1:8000/blog/boots.html")
    assert elsewhere.rule == "heavy-page"
    assert "(budget 1.0 MB)" in elsewhere.message


def test_a_page_over_its_lifted_budget_is_judged_against_it() -> None:
    check = SlowPages(overrides=SHOP)
    (finding,) = judge(PageMetrics(bytes=3_500_000), check, url=SITE + "shop/boots.html?c=red")
    assert finding.severity is Severity.MINOR
    assert "The page weighs 3.5 MB (budget 3.0 MB)" in finding.message


def test_an_override_keeps_the_other_budgets() -> None:
    check = SlowPages(overrides=SHOP)
    metrics = PageMetrics(lcp_ms=4100, bytes=2_000_000)
    findings = judge(metrics, check, url=SITE + "shop/boots.html")
    assert [f.rule for f in findings] == ["slow-lcp"]


def test_the_later_matching_override_wins() -> None:
    sale_last = {"/shop/*": {"page_kb": 3000.0}, "/shop/sale/*": {"page_kb": 5000.0}}
    sale_first = {"/shop/sale/*": {"page_kb": 5000.0}, "/shop/*": {"page_kb": 3000.0}}
    four_mb = PageMetrics(bytes=4_000_000)
    url = SITE + "shop/sale/boots.html"
    assert judge(four_mb, SlowPages(overrides=sale_last), url=url) == []
    (finding,) = judge(four_mb, SlowPages(overrides=sale_first), url=url)
    assert "(budget 3.0 MB)" in finding.message


def test_overrides_come_from_the_options_table() -> None:
    (loaded,) = load_checks(
        "", ("slow-pages",), (), {"slow-pages": {"overrides": {"/shop/*": {"page_kb": 3000}}}}
    )
    two_mb = PageMetrics(bytes=2_000_000)
    assert judge(two_mb, loaded.check, url=SITE + "shop/boots.html") == []
    assert judge(two_mb, loaded.check, url=SITE + "about.html") != []


# --- options that are wrong -------------------------------------------------------------


def load(table: dict[str, object]) -> None:
    load_checks("", ("slow-pages",), (), {"slow-pages": table})


def test_an_unknown_budget_in_overrides_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as caught:
        load({"overrides": {"/shop/*": {"page_weight": 3000}}})
    message = str(caught.value)
    assert "[checks.slow-pages]" in message
    assert "overrides" in message
    assert '"/shop/*" has unknown budget "page_weight"' in message
    assert "known: lcp_ms, cls, tbt_ms, ttfb_ms, page_kb, requests" in message


def test_negative_samples_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"\[checks\.slow-pages\] .*samples"):
        load({"samples": -1})


def test_a_major_factor_under_one_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"\[checks\.slow-pages\] .*major_factor"):
        load({"major_factor": 0.5})


def test_a_misspelt_option_is_a_config_error_that_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match=r'unknown option "lcp"; known: .*lcp_ms'):
        load({"lcp": 3000})


def test_zero_samples_and_a_major_factor_of_one_are_allowed_and_mean_what_they_say() -> None:
    (loaded,) = load_checks(
        "", ("slow-pages",), (), {"slow-pages": {"samples": 0, "major_factor": 1}}
    )
    _, remeasure = loaded.check.capture_requests()
    assert remeasure.samples == 0  # no load alone: a page is judged on the crawl's own figures
    (finding,) = judge(PageMetrics(lcp_ms=2501), loaded.check)
    assert finding.severity is Severity.MAJOR  # at 1x, just over the budget is over the line


# --- how the check drives the capture -----------------------------------------------------


def test_remeasure_is_told_how_many_loads_and_which_pages_are_worth_measuring() -> None:
    check = SlowPages(samples=5, overrides=SHOP)
    _, remeasure = check.capture_requests()
    assert remeasure.samples == 5
    judge = check  # the check itself says which pages (the contract's Remeasures)
    assert isinstance(judge, Remeasures)
    assert judge.worth_measuring(URL, PageMetrics(lcp_ms=4100)) is True
    assert judge.worth_measuring(URL, PageMetrics(lcp_ms=1800, bytes=2_000_000)) is True
    assert judge.worth_measuring(SITE + "shop/boots.html", PageMetrics(bytes=2_000_000)) is False
    assert judge.worth_measuring(URL, PageMetrics()) is False


def test_a_page_near_its_budget_is_measured_again_too() -> None:
    judge = SlowPages()
    assert judge.worth_measuring(URL, PageMetrics(lcp_ms=2100)) is True  # 84 % of 2.5 s
    assert judge.worth_measuring(URL, PageMetrics(lcp_ms=1500)) is False


def test_a_long_task_before_a_late_first_paint_is_measured_again() -> None:
    """TBT counts from first paint; on a busy machine a late paint hides the long task."""
    hidden = PageMetrics(fcp_ms=900, tbt_ms=0, long_tasks=(LongTask(200, 450),))
    assert SlowPages().worth_measuring(URL, hidden) is True


def test_a_median_within_ten_percent_of_a_budget_is_a_close_call() -> None:
    judge = SlowPages()
    assert judge.close_call(URL, PageMetrics(lcp_ms=2400)) is True
    assert judge.close_call(URL, PageMetrics(lcp_ms=2700)) is True
    assert judge.close_call(URL, PageMetrics(lcp_ms=4000)) is False
    assert judge.close_call(URL, PageMetrics(lcp_ms=1000)) is False
    assert judge.close_call(URL, PageMetrics(lcp_ms=5100)) is True  # minor or major?


def test_the_run_passes_the_check_to_the_remeasure_capture_as_its_judge() -> None:
    loaded = load_checks("", ("slow-pages",), (), {})
    captures = capture_requests(loaded)
    assert captures.requests["remeasure"].samples == 3
    assert captures.remeasure_judge is loaded[0].check


def test_the_performance_capture_waits_for_a_still_page() -> None:
    watch, _ = SlowPages(quiet_ms=800).capture_requests()
    assert watch.quiet_ms == 800
    assert watch.max_wait_ms >= 800


def test_nothing_is_judged_page_by_page() -> None:
    slow = PageMetrics(lcp_ms=9000, cls=0.5, tbt_ms=900, ttfb_ms=3000, requests=200)
    page = snapshot_from_html("<title>Boots</title>", url=URL, extras={"performance": slow})
    assert list(SlowPages().check_page(page, context_for(page))) == []


def test_a_site_without_remeasured_pages_gives_no_finding() -> None:
    site = SiteSnapshot(start_url=SITE, pages=())
    assert list(SlowPages().check_site(site, CheckContext(SITE))) == []
    assert judge_site({}) == []


def test_when_everything_moved_together_the_message_says_so() -> None:
    (finding,) = judge(PageMetrics(cls=0.4, shifted=("body",)))
    assert "Everything on the page moved at once" in finding.message
    assert "Moved most" not in finding.message
