"""Journeys made, not written, in real Chromium on the sample shop: the in-page recorder
driven headless by Playwright as a tester would click and type (docs/journey-language.md section 9), and
Chrome DevTools Recorder exports imported; either file passes `journey check` and replays
with `journey run` as recorded. A secret typed while recording never leaves the page."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Page, async_playwright

from cxcheck.browser import launch
from cxcheck.cli import main
from cxcheck.config import BrowserConfig
from cxcheck.journeys.recording.recorded_steps import Recording
from cxcheck.journeys.recording.recorder import Recorder
from cxcheck.serve import serve_folder
from tests.conftest import SAMPLE_SITES, TEST_SITES

pytestmark = pytest.mark.usefixtures("chromium")

SHOP = SAMPLE_SITES / "shop"
RECORDINGS = TEST_SITES / "journeys" / "recordings"
PASSWORD = "wild-weather-2026"  # the shop's test account (sample_sites/shop/cxcheck-serve.toml)
CARD = "4242 4242 4242 4242"  # the shop's test card


@dataclass
class Clock:
    """The recorder's clock: moved on by hand, so "typed in the address bar" is decided by
    the test, not by how fast the machine is."""

    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Session:
    """A recording in progress: the page a test drives, and what came out."""

    page: Page
    recording: Recording
    recorder: Recorder
    clock: Clock
    events: list[Any]


Script = Callable[[Session], Awaitable[None]]


def record(url: str, script: Script) -> Session:
    """Record `script` (which drives the page as a tester would) starting at `url`."""
    return asyncio.run(_record(url, script))


async def _record(url: str, script: Script) -> Session:
    async with async_playwright() as playwright:
        browser, _ = await launch(playwright, BrowserConfig())
        try:
            context = await browser.new_context(ignore_https_errors=True)
            recording, clock, events = Recording(url, name="Recorded"), Clock(), []
            recorder = Recorder(recording, lambda _: None, clock)
            reported = recorder._reported

            def spy(source: Any, event: Any) -> None:  # everything the page sent, as sent
                events.append(event)
                reported(source, event)

            recorder._reported = spy  # type: ignore[method-assign]
            await recorder.attach(context)
            page = await context.new_page()
            await page.goto(url)
            session = Session(page, recording, recorder, clock, events)
            await script(session)
            await page.wait_for_timeout(300)  # the last report's binding call lands
            return session
        finally:
            await browser.close()


@pytest.fixture(scope="module")
def shop() -> Iterator[str]:
    with serve_folder(SHOP) as site:
        yield site.url


async def _checkout(s: Session) -> None:
    page = s.page
    await page.get_by_label("Search").first.fill("boots")
    await page.get_by_label("Search").first.press("Enter")
    await page.wait_for_url("**/search.html?q=boots")
    await page.get_by_role("button", name="Add to cart").first.click()
    await page.get_by_role("link", name="Cart").click()
    await page.get_by_role("button", name="Check out now").click()
    await page.wait_for_url("**/checkout.html*")
    await page.get_by_label("Email").fill("morag@example.com")
    await page.get_by_label("Full name").fill("Morag MacLeod")
    await page.get_by_label("Address").fill("7 Bridge Road, Portree")
    await page.get_by_label("Country").focus()
    await page.keyboard.press("ArrowDown")  # a keyboard choice, as a person makes one
    await page.get_by_label("Card number").fill(CARD)
    await page.get_by_label("I accept the terms and conditions").check()
    await page.get_by_role("button", name="Place order").click()
    await page.wait_for_url("**/order/confirmation.html")
    await _select_words(page, "h1")
    await page.keyboard.press("Alt+Shift+E")  # "Expect to see" the selected words
    await page.wait_for_timeout(200)
    await page.locator("cxcheck-recorder").get_by_role("button", name="Stop recording").click()


async def _select_words(page: Page, css: str) -> None:
    """Select an element's words, as a person does by dragging over them."""
    await page.locator(css).evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e); "
        "const s = getSelection(); s.removeAllRanges(); s.addRange(r); }"
    )


def test_a_recorded_checkout_is_the_sentences_a_tester_would_write(shop: str) -> None:
    session = record(shop, _checkout)
    recording = session.recording
    assert recording.stopped  # the toolbar's "Stop recording"
    assert recording.lines == [
        'Open "/"',
        'Fill "Search" with "boots"',
        'Press "Enter"',
        'Click "Add to cart" in "Ridge trail boots"',
        'Click "Cart"',
        'Click "Check out now"',
        'Fill "Email" with "morag@example.com"',
        'Fill "Full name" with "Morag MacLeod"',
        'Fill "Address" with "7 Bridge Road, Portree"',
        'Select "United Kingdom" from "Country"',
        'Fill "Card number" with "{secret:CARD_NUMBER}"',
        'Check "I accept the terms and conditions"',
        'Click "Place order"',
        'Expect to see "Thank you for your order"',
    ]
    assert CARD not in json.dumps(session.events)  # the secret never left the page
    assert recording.secrets == {"CARD_NUMBER": None}


def test_the_recorded_file_passes_check_and_replays_as_recorded(
    shop: str, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = record(shop, _checkout)
    Path("recorded.journey").write_text(session.recording.text("recorded.journey"))
    assert main(["journey", "check", "recorded.journey"]) == 0
    monkeypatch.setenv("CARD_NUMBER", CARD)
    run = ["journey", "run", "recorded.journey", "--serve", str(SHOP), "--json", "r.json"]
    assert main([*run, "--only", "page-health"]) == 0
    (journey,) = json.loads(Path("r.json").read_text())["journeys"]
    assert journey["passed"], [s["error"] for s in journey["steps"] if s["error"]]
    assert len(journey["steps"]) == 14


async def _sign_in_and_wander(s: Session) -> None:
    page = s.page
    await page.get_by_label("Email").fill("tester@northwind.test")
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_label("Password").press("Enter")
    await page.wait_for_url("**/account/index.html")
    await page.get_by_role("link", name="NW-1042").click()
    await page.wait_for_url("**/nw-1042.html")
    await page.go_back()  # the browser's Back button
    await page.wait_for_url("**/account/index.html")
    s.clock.now += 60  # a minute later the tester types an address
    await page.goto(page.url.replace("account/index.html", "help/index.html"))
    s.clock.now += 60
    await page.reload()
    await page.get_by_role("link", name="Shipping").first.dblclick()
    await page.wait_for_timeout(200)


def test_secrets_navigation_and_double_clicks_while_recording(shop: str) -> None:
    session = record(shop + "account/login.html", _sign_in_and_wander)
    assert session.recording.lines[:9] == [
        'Open "/account/login.html"',
        'Fill "Email" with "tester@northwind.test"',
        'Fill "Password" with "{secret:PASSWORD}"',
        'Press "Enter"',
        'Click "NW-1042"',
        "Go back",
        'Open "/help/index.html"',
        "Reload the page",
        'Double-click "Shipping and delivery"',
    ]
    assert PASSWORD not in json.dumps(session.events)
    assert PASSWORD not in session.recording.text()


async def _ambiguous_sign_in(s: Session) -> None:
    await s.page.get_by_role("button", name="Sign in").click()


def test_a_recorded_click_names_one_thing_even_where_the_name_is_twice(shop: str) -> None:
    session = record(shop + "account/login.html", _ambiguous_sign_in)
    # A "Sign in" link in the header and a "Sign in" button in the form (the page).
    assert session.recording.lines[1] == 'Click the "Sign in" button'


async def _tabs_and_dialogs(s: Session) -> None:
    page = s.page
    await page.get_by_role("button", name="Delete account").click()  # a confirm(): answered OK
    await page.get_by_text("Account deleted").wait_for()
    async with page.context.expect_page() as opened:
        await page.get_by_role("link", name="Open the help page").click()
    help_tab = await opened.value
    await help_tab.wait_for_load_state()
    await _select_words(help_tab, "h1")
    await help_tab.keyboard.press("Alt+Shift+E")
    await page.bring_to_front()
    await page.get_by_role("button", name="Say hello").click()


def test_dialogs_and_new_tabs_while_recording(workdir: Path) -> None:
    with serve_folder(TEST_SITES / "journeys") as site:
        session = record(site.url + "tabs.html", _tabs_and_dialogs)
        assert session.recording.lines == [
            'Open "/tabs.html"',
            'Click "Delete account"',
            "Accept the dialog  # the recorder answered OK; write Dismiss to answer Cancel",
            'Click "Open the help page"',
            "Switch to the new tab",
            'Expect to see "Help centre"',
            "Switch back",
            'Click "Say hello"',
            "Accept the dialog  # the recorder answered OK; write Dismiss to answer Cancel",
        ]
        Path("tabs.journey").write_text(session.recording.text("tabs.journey"))
        run = ["journey", "run", "tabs.journey", "--base-url", site.url, "--json", "r.json"]
        assert main([*run, "--only", "page-health"]) == 0, Path("r.json").read_text()


# --- Chrome DevTools Recorder exports -------------------------------------------------------


def test_imported_recordings_pass_check_and_replay_on_the_shop(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for recording in sorted(RECORDINGS.glob("*.json")):
        assert (
            main(["journey", "import", str(recording), "--out", f"j/{recording.stem}.journey"]) == 0
        )
    err = " ".join(capsys.readouterr().err.split())
    assert "wrote j/guest-checkout.journey: 19 steps from guest-checkout.json" in err
    assert "It uses {secret:CARD_NUMBER}: set the environment variable CARD_NUMBER" in err
    assert "Run it: cxcheck journey run j/sign-in.journey --base-url http://localhost:8080" in err
    assert main(["journey", "check", "j"]) == 0
    monkeypatch.setenv("CARD_NUMBER", CARD)
    monkeypatch.setenv("PASSWORD", PASSWORD)
    run = ["journey", "run", "j", "--serve", str(SHOP), "--only", "page-health", "--json", "r.json"]
    assert main(run) == 0
    results = json.loads(Path("r.json").read_text())["journeys"]
    assert len(results) == 4
    assert all(j["passed"] for j in results), [
        (j["file"], s["text"], s["error"]) for j in results for s in j["steps"] if s["error"]
    ]


def test_import_refuses_what_is_not_a_recording(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("bad.json").write_text('{"title": "x",\n "steps": [}')
    Path("other.json").write_text('{"name": "a package.json"}')
    assert main(["journey", "import", "missing.json"]) == 2
    assert main(["journey", "import", "bad.json"]) == 2
    assert main(["journey", "import", "other.json"]) == 2
    err = capsys.readouterr().err
    assert "missing.json: there is no such file" in err
    assert "bad.json:2: not JSON" in err
    assert 'other.json: not a Chrome DevTools Recorder export: it has no "steps" list' in err
    recording = str(RECORDINGS / "sign-in.json")
    assert main(["journey", "import", recording]) == 0
    assert Path("journeys/sign-in-as-the-test-customer.journey").is_file()
    assert main(["journey", "import", recording]) == 2  # never overwrites by surprise
    assert "already exists; use --force" in capsys.readouterr().err
    assert main(["journey", "import", recording, "--force"]) == 0


def test_recording_without_a_display_says_so_in_one_line(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert main(["journey", "record", "http://127.0.0.1:9/"]) == 3
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "there is no display here ($DISPLAY and $WAYLAND_DISPLAY are not set)" in err
    assert not Path("journeys").exists()
