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
from cxcheck.report.triage import Baseline, problem_of, triage
from tests.unit.test_html_report import SCRIPT, rich_report, shop

pytestmark = pytest.mark.usefixtures("chromium")

VISIBLE = "article.finding:visible"
# Findings the filters let through, shown or folded under "Show N more".
MATCHING = "article.finding:not([hidden])"


@dataclass
class Opened:
    """A report open in a tab, with every request it made and every dialog it raised."""

    page: Page
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def visible(self, attribute: str, which: str = MATCHING) -> list[str]:
        locator = self.page.locator(which)
        return [locator.nth(i).get_attribute(attribute) or "" for i in range(locator.count())]

    def heading(self, group: str) -> str:
        return self.page.locator(f"#group-{group}-h").inner_text()

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


def open_everything(page: Page) -> int:
    """Press every "Show N more" and open every folded list (nested ones too); how many."""
    more = page.locator("button.show-more:visible")
    while more.count():
        more.first.click()
    return page.evaluate(
        "() => { const all = document.querySelectorAll('details');"
        " all.forEach(d => { d.open = true; }); return all.length; }"
    )


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
    assert page.locator(MATCHING).count() == len(shop_report.findings) == 34
    assert page.locator(VISIBLE).count() == 10  # the first 5 of each group; the rest fold
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
    assert open_everything(page)  # opening them must not load anything either
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
        assert open_everything(page), "the reports fold lists: they must fit open too"
        overflow = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]"
        )
        assert overflow[0] <= overflow[1] + 1 and overflow[2] <= overflow[1] + 1, overflow
        assert page.evaluate(STICKING_OUT) == []  # nothing wider, but the tables in their boxes
        # A wide table scrolls inside its own box instead, and shows that it does.
        table = page.locator("#slowest .table-wrap")
        assert table.evaluate("el => el.scrollWidth > el.clientWidth")
        assert "is-scrollable" in (table.get_attribute("class") or "")
        for wrap in page.locator(".table-wrap").all():
            if not wrap.evaluate("el => el.scrollWidth > el.clientWidth + 1"):
                continue
            assert wrap.evaluate("el => getComputedStyle(el).overflowX") == "auto"
            hint = wrap.locator("xpath=preceding-sibling::p[1]")
            assert "scroll-hint" in (hint.get_attribute("class") or "")
            assert hint.is_visible() and "sideways" in hint.inner_text()


STICKING_OUT = """() => {
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > window.innerWidth + 1 && !el.closest(".table-wrap")) {
      out.push(el.tagName + "." + el.className);
    }
  }
  return out;
}"""


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
    # It lands below the menu bar that sticks to the top, not under it.
    bar = page.locator("nav.toc").bounding_box()
    assert bar["y"] == 0 and target.bounding_box()["y"] >= bar["height"]


def test_a_jump_to_a_folded_or_filtered_out_finding_shows_it(
    shop_tab: Opened, shop_report: Report
) -> None:
    page = shop_tab.page
    last = shop_report.blocking[-1]
    only(shop_tab, "area", "speed")  # the last blocker is not about speed
    assert area_key(shop_report, last.finding.check) != "speed"
    page.evaluate(f"location.hash = 'finding-{last.fingerprint}'")
    card = page.locator(f"#finding-{last.fingerprint}")
    card.wait_for(state="visible")
    bar = page.locator("nav.toc").bounding_box()
    assert bar["height"] <= card.bounding_box()["y"] < 900
    assert shop_tab.showing() == "Showing 34 of 34 findings"  # the filter let go of it
    page.get_by_role("link", name="See all 24 problems that block launch").click()
    assert page.locator("#group-blocking article.finding:visible").count() == 24


def test_technical_details_are_closed_until_opened(shop_tab: Opened, shop_report: Report) -> None:
    page = shop_tab.page
    tech = page.locator("article.finding details.tech")
    assert tech.count() == 34
    assert page.locator("article.finding details.tech[open]").count() == 0
    first = shop_report.blocking[0]
    card = page.locator(f"#finding-{first.fingerprint}")
    selector = card.locator(".tech code").get_by_text(first.finding.selector, exact=True)
    assert card.locator(".help").is_visible() and not selector.is_visible()
    assert "Fix any of the following" not in card.inner_text()  # axe's words are folded
    card.get_by_text("Technical details").click()
    assert selector.is_visible() and first.fingerprint in card.inner_text()
    assert "axe:" in card.locator(".tech").inner_text()


def test_filters_update_every_count_and_live_in_the_address(
    browser: Browser, shop_tab: Opened, shop_report: Report
) -> None:
    page = shop_tab.page
    assert shop_tab.heading("blocking") == "Blocks launch (24)"
    assert page.locator("#group-blocking .show-more").inner_text() == "Show 19 more"
    only(shop_tab, "area", "accessibility")
    access = [g for g in shop_report.findings if g.finding.check == "accessibility"]
    blocking = [g for g in access if g in shop_report.blocking]
    others = len(access) - len(blocking)
    assert shop_tab.heading("blocking") == f"Blocks launch ({len(blocking)} of 24)"
    assert shop_tab.heading("others") == f"Also found ({others} of 10)"
    more = page.locator("#group-blocking .show-more")  # what is folded follows the filter too
    assert len(blocking) > 5 and more.inner_text() == f"Show {len(blocking) - 5} more"
    for severity in ("blocker", "major", "minor"):  # the severity boxes count within the area
        n = sum(g.finding.severity.value == severity for g in access)
        assert page.locator(f'.chip-count[data-facet="{severity}"]').inner_text() == f"({n})"
    page.get_by_label("Search findings").fill("button")
    assert shop_tab.heading("blocking").endswith(" of 24)")
    fragment = page.evaluate("location.hash")
    assert fragment == "#area=accessibility&q=button"  # only what differs from showing all
    # The address alone brings the same view back, in a new tab.
    with open_report(browser, Path(page.url.split("#")[0].removeprefix("file://"))) as fresh:
        fresh.page.goto(page.url)
        fresh.page.reload()
        assert fresh.heading("blocking") == shop_tab.heading("blocking")
        assert fresh.page.get_by_label("Search findings").input_value() == "button"
        assert fresh.visible("id") == shop_tab.visible("id")
    page.get_by_role("button", name="Show all").click()
    page.wait_for_function("location.hash === ''")
    assert shop_tab.heading("blocking") == "Blocks launch (24)"


def test_a_baselined_report_says_ready_and_what_was_accepted(
    browser: Browser, shop_report: Report, tmp_path: Path
) -> None:
    problems = tuple(problem_of(g) for g in shop_report.findings)
    baselined = triage(shop_report, baseline=Baseline("b.json", shop_report.site, problems))
    with open_report(browser, write(baselined, tmp_path)) as tab:
        verdict = tab.page.locator(".verdict")
        assert verdict.locator(".verdict-word").inner_text() == "✓ Ready"
        accepted = verdict.locator(".verdict-accepted")
        assert accepted.is_visible() and accepted.bounding_box()["y"] < 500  # first screen
        assert accepted.inner_text().startswith(
            "Ready — 34 known problems accepted in the baseline, 4 of them blockers."
        )
        assert "Without the baseline, 24 of them would block launch." in accepted.inner_text()
        cards = tab.page.locator("[data-area-card]")
        texts = [cards.nth(i).inner_text() for i in range(cards.count())]
        assert not any("No problems found" in t for t in texts[:4]), texts
        assert all("KNOWN PROBLEMS" in t.upper() for t in texts[:4])
