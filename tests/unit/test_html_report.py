"""The HTML report, read as HTML: what it shows, what it leaves out, and that it escapes."""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from cxcheck.findings import Finding, GroupedFinding, Severity
from cxcheck.report import html, json_report
from cxcheck.report.areas import area_key, area_results, scoring
from cxcheck.report.axe_fixes import AXE_FIXES
from cxcheck.report.model import (
    CheckRun,
    Comparison,
    IgnoredFinding,
    JourneyResult,
    KnownProblem,
    PageResult,
    Report,
    StepResult,
)
from cxcheck.report.plain_fixes import plain_fix
from tests.unit.test_json_report import sample_report

SHOP = Path(__file__).resolve().parent.parent / "fixtures" / "shop-report.json"
SCRIPT = "<script>window.__pwned = 1; alert(1)</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
# A 1x1 red PNG: small enough to read here, real enough for a browser to draw.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
)


def shop() -> Report:
    return json_report.load(SHOP)


def rich_report(folder: Path) -> tuple[Report, Path]:
    """The shop report with everything optional filled in (and hostile page text), plus the
    folder its screenshots are in."""
    shots = folder / "shots"
    shots.mkdir(parents=True, exist_ok=True)
    (shots / "pay-7.png").write_bytes(PNG)
    (folder.parent / "outside.png").write_bytes(PNG)
    base = shop()
    site = base.site
    hostile = GroupedFinding(
        Finding(
            "page-health",
            "console-error",
            Severity.MINOR,
            f"{site}evil.html",
            f"The page logged an error: {SCRIPT}",
            help=f"Fix it {IMG}",
            selector=f"div[title='{SCRIPT}']",
            evidence=IMG,
        ),
        (f"{site}evil.html", "javascript:alert(document.domain)"),
    )
    many = base.findings[4]  # a major one: on many pages, to exercise "and N more"
    many = replace(many, pages=tuple(f"{site}products/p{i}.html" for i in range(7)))
    findings = (*base.findings[:4], many, *base.findings[5:], hostile)
    known = tuple(
        GroupedFinding(
            Finding("dead-navigation", "broken-link", Severity.MAJOR, f"{site}old.html", msg),
            (f"{site}old.html",),
        )
        for msg in ("Clicking “Old catalogue” leads nowhere.", "Clicking “2019 prices” fails.")
    )
    ignored = (
        IgnoredFinding(
            GroupedFinding(
                Finding("page-health", "console-error", Severity.MINOR, site, "Analytics blocked.")
            ),
            "Analytics is off on staging.",
        ),
    )
    journeys = (
        JourneyResult(
            "Buy a pair of socks",
            "journeys/buy-socks.journey",
            passed=False,
            duration_ms=9400,
            device="iPhone 13",
            steps=(
                StepResult(2, "Go to the home page", "passed", 820, url=site),
                StepResult(3, 'Click "Shop all"', "passed", 410),
                StepResult(5, 'Click "Merino hiking socks"', "passed", 380),
                StepResult(6, 'Click "Add to basket"', "passed", 1200),
                StepResult(
                    7,
                    'Click "Pay now"',
                    "failed",
                    6400,
                    error='No button or link called "Pay now" on the page.',
                    screenshot="shots/pay-7.png",
                    looked_for={"role": "button", "name": "Pay now"},
                    candidates=({"role": "button", "name": "Pay"},),
                ),
                StepResult(8, 'See "Thank you for your order"', "skipped"),
            ),
        ),
        JourneyResult(
            "Check delivery costs",
            "journeys/delivery.journey",
            passed=False,
            duration_ms=4100,
            device="desktop",
            steps=(
                StepResult(1, "Go to /help/shipping.html", "too_slow", 3900, error="Took 3.9 s."),
                StepResult(2, 'See "Delivery"', "passed", 200, screenshot="shots/gone.png"),
                StepResult(3, 'See "Free"', "passed", 10, screenshot="../outside.png"),
            ),
        ),
        JourneyResult(
            "Read the returns policy",
            "journeys/returns.journey",
            passed=True,
            duration_ms=1500,
            device="desktop",
            steps=(StepResult(1, "Go to /help/returns.html", "passed", 1500),),
        ),
    )
    pages = (
        PageResult(f"{site}evil.html", 200, title=SCRIPT, load_ms=99_999.0, bytes=2048),
        *base.pages,
    )
    comparison = Comparison(
        "baseline cxcheck-baseline.json",
        new=tuple(f.fingerprint for f in findings[:3]),
        still_open=tuple(f.fingerprint for f in findings[3:]),
        fixed=(
            KnownProblem(
                "abc", "dead-navigation", "broken-link", "major", "Clicking “Jobs” fails."
            ),
            KnownProblem("def", "accessibility", "image-alt", "blocker", "An image has no alt."),
        ),
    )
    report = replace(
        base,
        pages=pages,
        findings=findings,
        journeys=journeys,
        known=known,
        ignored=ignored,
        stale_ignores=('rule = "console-error", url = "/old/*"',),
        comparison=comparison,
        baseline="cxcheck-baseline.json",
        settings={"max_pages": 50, "include": ["/shop/*"], "config_file": "cxcheck.toml"},
        complete=False,
    )
    return report, folder


def soup_of(report: Report, assets_dir: Path | None = None) -> BeautifulSoup:
    return BeautifulSoup(html.render(report, assets_dir), "html.parser")


def text_of(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.fixture
def rich(tmp_path: Path) -> tuple[Report, BeautifulSoup]:
    report, assets = rich_report(tmp_path / "out")
    return report, soup_of(report, assets)


def test_the_verdict_comes_first_in_words() -> None:
    report = shop()
    page = soup_of(report)
    verdict = page.select_one(".verdict")
    assert verdict is not None and verdict["data-verdict"] == "not ready"
    assert text_of(verdict).startswith("✗ Not ready")
    assert page.select_one('[data-count="blocking"]').get_text() == str(len(report.blocking))
    assert "24 problems block launch" in text_of(verdict)
    assert "major or worse" in text_of(verdict)
    assert page.title is not None and page.title.get_text().startswith("Not ready")


def test_a_site_with_no_blocking_problem_is_ready() -> None:
    page = soup_of(sample_report(fail_on=Severity.BLOCKER))
    assert text_of(page.select_one(".verdict")).startswith("✓ Ready")
    assert page.select_one(".fix-list") is None
    assert "Nothing blocks launch" in text_of(page.select_one("#fix-first"))


def test_the_counts_shown_are_the_reports() -> None:
    report = shop()
    page = soup_of(report)
    for severity, n in report.severity_counts.items():
        shown = page.select_one(f'[data-count-severity="{severity}"] strong')
        assert shown is not None and shown.get_text() == str(n), severity
    assert text_of(page.select_one("#showing")) == "Showing 34 of 34 findings"


def test_each_finding_is_shown_once_with_its_severity_and_area() -> None:
    report = shop()
    page = soup_of(report)
    cards = page.select("article.finding")
    assert len(cards) == len(report.findings) == 34
    assert Counter(c["data-severity"] for c in cards) == Counter(
        {s: n for s, n in report.severity_counts.items() if n}
    )
    expected = Counter(area_key(report, g.finding.check) for g in report.findings)
    assert Counter(c["data-area"] for c in cards) == expected
    assert len({c["id"] for c in cards}) == len(cards)


def test_blocking_findings_come_first() -> None:
    report = shop()
    flags = [c["data-blocking"] for c in soup_of(report).select("article.finding")]
    assert flags == ["yes"] * len(report.blocking) + ["no"] * (34 - len(report.blocking))
    group = soup_of(report).select_one("#group-blocking h3")
    assert text_of(group) == "Blocks launch (24)"


def test_fix_first_lists_up_to_five_blockers_worst_first() -> None:
    report = shop()
    items = soup_of(report).select("#fix-first .fix-item")
    assert len(items) == 5
    messages = {g.finding.message for g in report.blocking}
    for item in items:
        assert item.a is not None and item.a.get_text() in messages
        assert text_of(item.select_one(".on")).startswith("on /")
    assert [text_of(i.select_one(".badge")) for i in items] == ["blocker"] * 4 + ["major"]


def test_a_failed_journey_is_in_fix_first(rich: tuple[Report, BeautifulSoup]) -> None:
    _, page = rich
    first = text_of(page.select_one("#fix-first .fix-item"))
    assert "Customers cannot finish the journey “Buy a pair of socks”" in first
    assert 'line 7: Click "Pay now"' in first
    assert "26 problems block launch (24 findings, 2 failed journeys" in text_of(
        page.select_one(".verdict")
    )


def test_one_card_per_area_with_its_status_and_blockers() -> None:
    report = shop()
    page = soup_of(report)
    cards = page.select("[data-area-card]")
    results = area_results(report)
    assert [c["data-area-card"] for c in cards] == [a.area.key for a in results]
    for card, result in zip(cards, results, strict=True):
        assert result.status.capitalize() in text_of(card.select_one(".status-badge"))
        for blocker in result.blockers[:3]:
            assert blocker.finding.message in text_of(card)
    journeys = page.select_one('[data-area-card="journeys"]')
    assert "Not checked" in text_of(journeys) and journeys.select_one(".score") is None


def test_a_finding_says_how_to_fix_in_plain_words_and_folds_the_technical_rest() -> None:
    report = shop()
    group = report.findings[8]  # broken-asset: target, selector and evidence
    f = group.finding
    card = soup_of(report).select_one(f"#finding-{group.fingerprint}")
    assert text_of(card.select_one(".help")) == f"How to fix: {plain_fix(f)}"
    assert plain_fix(f) != f.help and "customers" in plain_fix(f)
    tech = card.select_one("details.tech")
    assert tech is not None and not tech.has_attr("open")  # closed until someone opens it
    assert text_of(tech.summary) == "Technical details"
    codes = [c.get_text() for c in tech.select("code")]
    assert codes == [f"{f.check} · {f.rule}", f.target, f.selector, f.evidence, group.fingerprint]
    assert f.help in text_of(tech)  # the check's own words are kept, folded
    tech.extract()
    outside = text_of(card)
    for technical in (f.selector, f.evidence, group.fingerprint, f.help, f.rule):
        assert technical not in outside


def test_axe_wording_is_only_in_the_technical_details() -> None:
    report = shop()
    for group in (g for g in report.findings if g.finding.check == "accessibility"):
        card = soup_of(report).select_one(f"#finding-{group.fingerprint}")
        fix = text_of(card.select_one(".help"))
        assert fix == f"How to fix: {AXE_FIXES[group.finding.rule]}"
        tech = card.select_one("details.tech")
        assert "axe:" in text_of(tech) and "dequeuniversity.com" in text_of(tech)
        tech.extract()
        assert "axe" not in text_of(card) and "Fix any of the following" not in text_of(card)


def test_many_pages_fold_after_three(rich: tuple[Report, BeautifulSoup]) -> None:
    report, page = rich
    many = report.findings[4]
    card = page.select_one(f"#finding-{many.fingerprint}")
    assert len(card.select(".pages > .page-list li")) == 3
    more = card.select_one("details.more-pages")
    assert text_of(more.summary) == "and 4 more"
    assert len(more.select("li")) == 4
    assert "On 7 pages" in text_of(card.select_one(".pages .label"))


def test_page_text_is_escaped(rich: tuple[Report, BeautifulSoup], tmp_path: Path) -> None:
    report, assets = rich_report(tmp_path / "again")
    text = html.render(report, assets)
    assert SCRIPT not in text and IMG not in text
    assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;" in text
    _, page = rich
    (script,) = page.find_all("script")  # ours, and only ours
    assert "__pwned" not in script.get_text()
    assert not page.find_all("img", onerror=True)
    assert SCRIPT in text_of(page.select_one("#slowest tbody tr"))  # shown as text


def test_only_web_addresses_become_links(rich: tuple[Report, BeautifulSoup]) -> None:
    _, page = rich
    hrefs = [a["href"] for a in page.find_all("a")]
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    assert "javascript:alert(document.domain)" in text_of(page)
    assert any(h.startswith("https://") for h in hrefs)  # there are links to judge
    assert all(h.startswith(("#", "http://", "https://")) for h in hrefs)


def test_nothing_is_loaded_from_elsewhere(rich: tuple[Report, BeautifulSoup]) -> None:
    _, page = rich
    assert not page.find_all("link", rel="stylesheet")
    scripts, images = page.find_all("script"), page.find_all("img")
    assert scripts and images  # the report's script and a journey's screenshot, to judge
    assert all(s.get("src") is None for s in scripts)
    assert all(i["src"].startswith("data:") for i in images)
    assert [link["href"] for link in page.find_all("link")] == ["data:,"]


def test_the_content_security_policy_allows_exactly_our_script() -> None:
    page = soup_of(shop())
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    script = page.find("script").string
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy and "img-src data:" in policy


def test_a_screenshot_under_the_assets_folder_is_embedded(
    rich: tuple[Report, BeautifulSoup],
) -> None:
    _, page = rich
    (img,) = page.select("#journeys img")
    assert img["src"] == "data:image/png;base64," + base64.b64encode(PNG).decode()
    missing = [text_of(p) for p in page.select(".shot-missing")]
    # Not there, or outside the report's folder: named, never read.
    assert missing == [
        "Screenshot: shots/gone.png (not found next to the report)",
        "Screenshot: ../outside.png (not found next to the report)",
    ]


def test_without_an_assets_folder_screenshots_are_named(tmp_path: Path) -> None:
    report, _ = rich_report(tmp_path)
    page = soup_of(report)
    assert not page.select("#journeys img")
    assert "shots/pay-7.png" in text_of(page.select(".shot-missing")[0])


def test_journeys_are_timelines(rich: tuple[Report, BeautifulSoup]) -> None:
    report, page = rich
    journeys = page.select("#journeys .journey")
    assert [j["data-journey-status"] for j in journeys] == ["failed", "too_slow", "passed"]
    assert [j.name for j in journeys] == ["article", "article", "details"]
    buy = journeys[0]
    assert "iPhone 13" in text_of(buy.select_one(".journey-meta"))
    assert "9.4 s" in text_of(buy.select_one(".journey-meta"))
    steps = buy.select("li.step")
    assert [s["data-step-status"] for s in steps] == [s.status for s in report.journeys[0].steps]
    widths = [float(re.findall(r"[\d.]+", s.select_one(".bar span")["style"])[0]) for s in steps]
    assert widths == [12.8, 6.4, 5.9, 18.8, 100.0, 0.0]  # share of the longest step, 6.4 s
    failed = steps[4]
    assert (
        text_of(failed.select_one(".step-error"))
        == 'No button or link called "Pay now" on the page.'
    )
    assert "✗ Failed" in text_of(failed.select_one(".step-status"))
    assert failed.select_one(".looked-for").get_text() == "Looked for: role button, name Pay now"


def test_failed_journeys_come_first_and_passed_ones_are_one_closed_line(
    rich: tuple[Report, BeautifulSoup],
) -> None:
    report, _ = rich
    passed, buy, slow = report.journeys[2], report.journeys[0], report.journeys[1]
    page = soup_of(replace(report, journeys=(passed, buy, passed, slow)))
    shown = page.select("#journeys .journey")
    assert [j["id"] for j in shown] == ["journey-2", "journey-4", "journey-1", "journey-3"]
    one_line = shown[2]
    assert one_line.name == "details" and not one_line.has_attr("open")
    assert (
        text_of(one_line.summary) == "✓ Passed Read the returns policy 1 step · 1.5 s · on desktop"
    )
    assert "4 of 4 journeys" not in text_of(page.select_one("#journeys"))
    assert "2 of 4 journeys passed; the ones that failed come first" in text_of(
        page.select_one("#journeys")
    )


def test_a_long_failed_journey_folds_the_steps_long_before_the_failure() -> None:
    steps = tuple(StepResult(i, f"step {i}", "passed", 100) for i in range(1, 10))
    failing = StepResult(10, "Click Pay", "failed", 100, error="No Pay button")
    journey = JourneyResult("Pay", "pay.journey", False, 1000, (*steps, failing))
    page = soup_of(replace(shop(), journeys=(journey,)))
    fold = page.select_one("#journey-1 .step-fold details")
    assert text_of(fold.summary) == "6 earlier steps passed" and not fold.has_attr("open")
    shown = [s for s in page.select("#journey-1 li.step") if not s.find_parent("details")]
    assert [text_of(s.select_one(".step-text")) for s in shown] == [
        "step 7",
        "step 8",
        "step 9",
        "Click Pay",
    ]


def test_optional_sections_are_left_out_when_empty() -> None:
    page = soup_of(shop())
    for section in ("#journeys", "#comparison", "#known", "#ignored", ".incomplete"):
        assert page.select_one(section) is None, section


def test_comparison_known_ignored_and_stale(rich: tuple[Report, BeautifulSoup]) -> None:
    report, page = rich
    comparison = page.select_one("#comparison")
    assert "Compared with the baseline cxcheck-baseline.json" in text_of(comparison.h2)
    assert page.select_one('[data-count="new"] strong').get_text() == "3"
    assert page.select_one('[data-count="still-open"] strong').get_text() == str(
        len(report.findings) - 3
    )
    assert page.select_one('[data-count="fixed"] strong').get_text() == "2"
    assert "Clicking “Jobs” fails." in text_of(comparison.select_one(".fixed-list"))
    assert len(page.select("article.finding .tag-new")) == 3
    known = page.select_one("#known")
    assert text_of(known.h2) == "Known problems (in the baseline)"
    assert len(known.select("article.finding-known")) == 2
    ignored = page.select_one("#ignored")
    assert "Why it is ignored: Analytics is off on staging." in text_of(ignored)
    stale = text_of(ignored.select_one(".stale-ignore"))
    assert stale.startswith("⚠ This ignore matched nothing — remove it?")
    assert "/old/*" in stale
    # Known and ignored ones are not counted or filtered with the active findings.
    assert len(page.select("article.finding")) == len(report.findings)


def test_an_incomplete_run_says_so_up_front(rich: tuple[Report, BeautifulSoup]) -> None:
    _, page = rich
    warning = page.select_one("header .incomplete")
    assert warning is not None and "This run did not finish" in text_of(warning)


def test_run_facts() -> None:
    report = replace(shop(), settings={"max_pages": 50, "include": ["/shop/*"]})
    facts = text_of(soup_of(report).select_one("#facts"))
    for expected in (
        f"Site {report.site}",
        f"Started {report.started:%Y-%m-%d %H:%M:%S} UTC",
        "Pages visited 20",
        "Not crawled 1 outside the site, 1 disallowed by robots.txt",
        "axe-core 4.12.1",
        "the system Chromium at /usr/bin/chromium",
        "cxcheck 0.1.0",
        "Profile desktop",
        "max_pages 50",
        'include ["/shop/*"]',
        "Baseline none",
        report.notes[0],
    ):
        assert expected in facts, expected


def test_slowest_pages_table() -> None:
    report = shop()
    rows = soup_of(report).select("#slowest tbody tr")
    assert len(rows) == 10
    first = [text_of(c) for c in rows[0].find_all(["th", "td"])]
    slowest = report.slowest_pages(1)[0]
    assert first[0] == f"{slowest.title} /help/shipping.html"
    # status, TTFB, LCP, CLS, TBT, load (ms), requests, KB
    figures = [slowest.ttfb_ms, slowest.lcp_ms, slowest.cls, slowest.tbt_ms, slowest.load_ms]
    ms = [f"{v:,.0f}" for v in (*figures[:2], *figures[3:])]
    kb = f"{slowest.bytes / 1024:,.0f}"
    assert first[1:] == ["200", ms[0], ms[1], f"{slowest.cls:.2f}", ms[2], ms[3], "3", kb]


def test_headings_never_skip_a_level(rich: tuple[Report, BeautifulSoup]) -> None:
    _, page = rich
    levels = [int(h.name[1]) for h in page.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))


def test_the_page_says_its_language_and_labels_its_controls() -> None:
    page = soup_of(shop())
    assert page.html["lang"] == "en"
    assert page.find("meta", attrs={"name": "viewport"}) is not None
    for box in page.select("#filters input"):
        assert box.find_parent("label") is not None or page.select_one(f'label[for="{box["id"]}"]')


def test_step_width_is_a_share_of_the_longest_step() -> None:
    steps = (StepResult(1, "a", "passed", 50), StepResult(2, "b", "passed", 200))
    journey = JourneyResult("j", "j.journey", True, 250, steps)
    assert [html.step_width(s, journey) for s in steps] == [25.0, 100.0]
    assert html.step_width(StepResult(3, "c", "passed", 0.1), journey) == 1.0
    empty = JourneyResult("j", "j.journey", True, 0, (StepResult(1, "a", "skipped"),))
    assert html.step_width(empty.steps[0], empty) == 0.0


def test_web_addresses_in_help_become_links_and_nothing_else_does() -> None:
    text = html.linkify('See https://dequeuniversity.com/rules/x?a=1&b=2. Or <b onclick="x()">')
    page = BeautifulSoup(str(text), "html.parser")
    (anchor,) = page.find_all("a")
    assert anchor["href"] == "https://dequeuniversity.com/rules/x?a=1&b=2"
    assert page.find("b") is None and '<b onclick="x()">' in page.get_text()
    assert str(html.linkify("https://h/<script>")) == (
        '<a href="https://h/" rel="noreferrer">https://h/</a>&lt;script&gt;'
    )


def test_a_finding_without_pages_names_its_own_page(rich: tuple[Report, BeautifulSoup]) -> None:
    _, page = rich
    ignored = page.select_one("#ignored article.finding-ignored")
    assert text_of(ignored.select_one(".pages")) == "On /"


def test_fix_first_links_to_the_right_journey(tmp_path: Path) -> None:
    report, _ = rich_report(tmp_path)
    passed, buy, slow = report.journeys[2], report.journeys[0], report.journeys[1]
    stepless = replace(buy, name="No steps recorded", steps=())
    page = soup_of(replace(report, journeys=(passed, stepless, slow)))
    links = [a["href"] for a in page.select("#fix-first .fix-item a")][:2]
    assert links == ["#journey-2", "#journey-3"]
    assert page.select_one("#journey-2 h3").get_text() == "No steps recorded"
    assert "is too slow" in text_of(page.select("#fix-first .fix-item")[1])


def test_a_new_check_needs_no_html_code() -> None:
    mine = Finding("spelling", "typo", Severity.MINOR, "http://h/", "“Recieve” is misspelt.")
    report = sample_report(
        findings=(*sample_report().findings, GroupedFinding(mine, ("http://h/",))),
        checks=(
            *sample_report().checks,
            CheckRun("spelling", "my-plugin 1.0", "Words are spelt right.", "hunspell 1.7"),
        ),
    )
    page = soup_of(report)
    assert page.select_one('article.finding[data-check="spelling"]')["data-area"] == "other"
    other = page.select_one('[data-area-card="other"]')
    assert text_of(other.h3) == "Other checks"
    assert "1 problem blocks launch, 1 more to look at" in text_of(other)  # page-health, too
    assert page.select_one('#filters input[name="area"][value="other"]') is not None
    assert "my-plugin 1.0 hunspell 1.7" in text_of(page.select_one("#facts .checks"))


def test_long_lists_of_known_problems_fold_after_three_with_a_count() -> None:
    report = shop()
    known = replace(report, findings=(), known=report.findings)
    page = soup_of(known)
    section = page.select_one("#known")
    shown = [c for c in section.select("article.finding-known") if not c.find_parent("details")]
    assert len(shown) == 3
    assert [c["class"][-1] for c in shown] == ["sev-blocker"] * 3  # worst first
    more = section.select_one("details.more-list")
    assert not more.has_attr("open") and text_of(more.summary) == "Show 31 more known problems"


def test_the_scoring_is_explained_where_the_scores_are() -> None:
    page = soup_of(shop())
    note = text_of(page.select_one("#areas .scoring"))
    assert "40 per blocker, 15 per major, 4 per minor" in note
    assert "blocked by any new problem that is major or worse" in note
    assert note == text_of(BeautifulSoup(f"<p>{scoring(Severity.MAJOR)}</p>", "html.parser"))


def test_one_finding_is_spoken_of_in_the_singular() -> None:
    report = replace(shop(), findings=(shop().findings[-1],), fail_on=Severity.BLOCKER)
    fix_first = text_of(soup_of(report).select_one("#fix-first"))
    assert "The finding below is worth a look but does not hold the launch." in fix_first
