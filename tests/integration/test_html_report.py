"""The HTML report in a real Chromium, opened from a file: what a reader sees and can do."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from cxcheck.browser import LAUNCH_ARGS, choose_browser
from cxcheck.config import BrowserConfig
from cxcheck.report import html
from cxcheck.report.areas import area_key
from cxcheck.report.model import Report
from tests.unit.test_html_report import SCRIPT, rich_report, shop

pytestmark = pytest.mark.usefixtures("chromium")

VISIBLE = "article.finding:visible"


@dataclass
class Opened:
    """A report open in a tab, with every request it made and every dialog it raised."""

    page: Page
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def visible(self, attribute: str) -> list[str]:
        locator = self.page.locator(VISIBLE)
        return [locator.nth(i).get_attribute(attribute) or "" for i in range(locator.count())]

    def showing(self) -> str:
        return self.page.locator("#showing").inner_text()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        location = choose_browser(BrowserConfig(), playwright.chromium.executable_path).location
        chromium = playwright.chromium.launch(executable_path=location, args=list(LAUNCH_ARGS))
        yield chromium
        chromium.close()


def write(report: Report, folder: Path, assets: Path | None = None) -> Path:
    file = folder / "report.html"
    file.write_text(html.render(report, assets), encoding="utf-8")
    return file


@contextmanager
def open_report(
    browser: Browser, file: Path, width: int = 1280, javascript: bool = True
) -> Iterator[Opened]:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=javascript
    )
    page = context.new_page()
    opened = Opened(page)

    def refuse(route: Route) -> None:
        # The report must not reach out; if it tries, it is stopped here and the test fails.
        opened.blocked.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!file:|data:)"), refuse)
    page.on("request", lambda request: opened.requests.append(request.url))
    page.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(file.as_uri())
    yield opened
    context.close()


@pytest.fixture
def shop_report() -> Report:
    return shop()


@pytest.fixture
def shop_tab(browser: Browser, shop_report: Report, tmp_path: Path) -> Iterator[Opened]:
    with open_report(browser, write(shop_report, tmp_path)) as tab:
        yield tab


@pytest.fixture
def rich(tmp_path: Path) -> tuple[Report, Path]:
    report, assets = rich_report(tmp_path / "out")
    return report, write(report, assets, assets)


@pytest.fixture
def rich_tab(browser: Browser, rich: tuple[Report, Path]) -> Iterator[Opened]:
    with open_report(browser, rich[1]) as tab:
        yield tab


def only(tab: Opened, name: str, keep: str) -> None:
    """Untick every `name` box but `keep`."""
    boxes = tab.page.locator(f'#filters input[name="{name}"]')
    for i in range(boxes.count()):
        box = boxes.nth(i)
        box.set_checked(box.get_attribute("value") == keep)


def test_the_verdict_and_counts_are_the_reports(shop_tab: Opened, shop_report: Report) -> None:
    page = shop_tab.page
    verdict = page.locator(".verdict-word")
    assert verdict.is_visible() and verdict.inner_text() == "✗ Not ready"
    assert verdict.bounding_box()["y"] < 300  # on the first screen
    assert page.locator('[data-count="blocking"]').inner_text() == str(len(shop_report.blocking))
    for severity, n in shop_report.severity_counts.items():
        shown = page.locator(f'[data-count-severity="{severity}"] strong').inner_text()
        assert shown == str(n), severity
    assert page.locator(VISIBLE).count() == len(shop_report.findings) == 34
    assert shop_tab.showing() == "Showing 34 of 34 findings"
    assert page.locator("#fix-first .fix-item:visible").count() == 5


def test_filtering_by_severity_leaves_only_that_severity(
    shop_tab: Opened, shop_report: Report
) -> None:
    assert shop_tab.page.locator("#filters").is_visible()  # the script ran: CSP lets it
    only(shop_tab, "severity", "minor")
    minors = shop_report.severity_counts["minor"]
    assert shop_tab.visible("data-severity") == ["minor"] * minors
    assert shop_tab.showing() == f"Showing {minors} of 34 findings"
    assert not shop_tab.page.locator("#group-blocking").is_visible()  # nothing minor blocks
    shop_tab.page.locator('#filters input[value="major"]').check()
    assert sorted(set(shop_tab.visible("data-severity"))) == ["major", "minor"]
    assert len(shop_tab.visible("data-severity")) == minors + shop_report.severity_counts["major"]


def test_filtering_by_area(shop_tab: Opened, shop_report: Report) -> None:
    only(shop_tab, "area", "accessibility")
    expected = [g.fingerprint for g in shop_report.findings if g.finding.check == "accessibility"]
    assert shop_tab.visible("id") == [f"finding-{f}" for f in expected]
    assert len(expected) == 7
    only(shop_tab, "area", "speed")
    speed = [g for g in shop_report.findings if area_key(shop_report, g.finding.check) == "speed"]
    assert set(shop_tab.visible("data-area")) == {"speed"}
    assert len(shop_tab.visible("data-area")) == len(speed) == 5


def searchable(report: Report) -> dict[str, str]:
    """What each finding says, in the words a search could match."""
    return {
        g.fingerprint: " ".join(
            (
                g.finding.message,
                g.finding.help,
                g.finding.target,
                g.finding.selector,
                g.finding.evidence,
                g.finding.check,
                g.finding.rule,
                *g.pages,
            )
        ).lower()
        for g in report.findings
    }


def test_search_narrows_to_findings_that_say_it(shop_tab: Opened, shop_report: Report) -> None:
    texts = searchable(shop_report)
    search = shop_tab.page.get_by_label("Search findings")
    search.fill("socks")
    expected = [f"finding-{fp}" for fp, text in texts.items() if "socks" in text]
    assert shop_tab.visible("id") == expected and 0 < len(expected) < 34
    # Every word has to be there, in any order.
    search.fill("SCREEN-READER button")
    (only_one,) = [fp for fp, t in texts.items() if "screen-reader" in t and "button" in t]
    assert shop_tab.visible("id") == [f"finding-{only_one}"]
    assert shop_tab.showing() == "Showing 1 of 34 findings"
    search.fill("no finding says this")
    assert shop_tab.visible("id") == []
    assert shop_tab.page.locator("#no-match").is_visible()
    shop_tab.page.get_by_role("button", name="Show all").click()
    shop_tab.page.wait_for_function(
        "document.querySelectorAll('article.finding[hidden]').length === 0"
    )
    assert shop_tab.showing() == "Showing 34 of 34 findings"


def test_search_and_filters_combine(shop_tab: Opened, shop_report: Report) -> None:
    only(shop_tab, "severity", "major")
    shop_tab.page.get_by_label("Search findings").fill("404")
    expected = [
        f"finding-{g.fingerprint}"
        for g in shop_report.findings
        if g.finding.severity.value == "major" and "404" in searchable(shop_report)[g.fingerprint]
    ]
    assert shop_tab.visible("id") == expected and len(expected) >= 3


def test_page_text_never_runs_as_script(rich_tab: Opened) -> None:
    page = rich_tab.page
    page.locator("details summary").first.click()
    page.get_by_label("Search findings").fill("pwned")
    assert len(rich_tab.visible("id")) == 1  # the finding whose message carries the script
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert rich_tab.dialogs == []
    assert page.get_by_text(SCRIPT).first.is_visible()  # shown as the text it is


def test_nothing_leaves_the_file(rich_tab: Opened, rich: tuple[Report, Path]) -> None:
    page = rich_tab.page
    folded = page.locator("details").all()
    assert folded  # opening them must not load anything either
    for details in folded:
        details.locator("summary").click()
    page.get_by_label("Search findings").fill("socks")
    page.emulate_media(media="print")
    page.wait_for_timeout(200)
    assert rich_tab.blocked == []
    assert rich_tab.requests and all(u.startswith(("file:", "data:")) for u in rich_tab.requests)
    assert rich_tab.requests[0] == rich[1].as_uri()


def test_screenshots_are_drawn_from_the_file_itself(rich_tab: Opened) -> None:
    shot = rich_tab.page.locator("#journeys figure.shot img")
    shot.scroll_into_view_if_needed()
    assert shot.evaluate("img => img.complete && img.naturalWidth") == 1
    assert shot.get_attribute("src").startswith("data:image/png;base64,")


def test_step_bars_are_as_long_as_the_steps_took(rich_tab: Opened) -> None:
    steps = rich_tab.page.locator("#journey-1 li.step")
    widths = [steps.nth(i).locator(".bar span").bounding_box()["width"] for i in range(6)]
    track = steps.nth(0).locator(".bar").bounding_box()["width"]
    assert widths[4] == pytest.approx(track, abs=1)  # the slowest step fills its track
    assert widths[0] == pytest.approx(track * 820 / 6400, abs=1)
    assert widths[5] == 0  # not run


@pytest.mark.parametrize("which", ["shop", "rich"])
def test_a_phone_never_scrolls_sideways(
    browser: Browser, shop_report: Report, rich: tuple[Report, Path], tmp_path: Path, which: str
) -> None:
    file = write(shop_report, tmp_path) if which == "shop" else rich[1]
    with open_report(browser, file, width=390) as tab:
        page = tab.page
        summaries = page.locator("details summary").all()
        assert summaries or which == "shop", "the rich report folds lists: they must fit open"
        for summary in summaries:  # opened lists must fit too
            summary.click()
        overflow = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]"
        )
        assert overflow[0] <= overflow[1] + 1 and overflow[2] <= overflow[1] + 1, overflow
        # A wide table scrolls inside its own box instead.
        table = page.locator("#slowest .table-wrap")
        assert table.evaluate("el => el.scrollWidth > el.clientWidth")


def test_without_script_every_finding_shows(
    browser: Browser, shop_report: Report, tmp_path: Path
) -> None:
    with open_report(browser, write(shop_report, tmp_path), javascript=False) as tab:
        assert tab.page.locator(VISIBLE).count() == len(shop_report.findings)
        assert not tab.page.locator("#filters").is_visible()  # controls that would do nothing


def test_print_drops_the_controls_and_opens_folded_lists(rich_tab: Opened) -> None:
    page = rich_tab.page
    folded = page.locator("details.more-pages li").last
    assert not folded.is_visible()
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    assert not page.locator("nav.toc").is_visible()
    assert folded.is_visible()
    colour = page.locator(".verdict").evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour == "rgb(255, 255, 255)"


def test_fix_first_links_lead_to_the_finding(shop_tab: Opened, shop_report: Report) -> None:
    page = shop_tab.page
    page.locator("#fix-first .fix-item a").first.click()
    target = page.locator(":target")
    assert target.get_attribute("data-severity") == "blocker"
    assert target.is_visible() and target.bounding_box()["y"] < 900
