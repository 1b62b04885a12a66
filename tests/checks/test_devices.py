"""devices on measured views (DeviceView), judged after the crawl: each kind, both sides."""

from __future__ import annotations

from typing import Any

import pytest

from checks.devices import Devices
from checks.devices.usability import viewport_of
from checks.devices.widths import span
from cxcheck.contract import CheckContext
from cxcheck.device_list import BUILT_IN
from cxcheck.device_views import (
    DevicePassResult,
    DeviceView,
    PageDevices,
    Picture,
    Reachable,
    Row,
    SmallTarget,
    SmallText,
    Spill,
    Sticking,
    Touching,
)
from cxcheck.errors import ConfigError
from cxcheck.findings import Finding, Severity
from cxcheck.plugins import load_checks
from cxcheck.snapshot import SiteSnapshot
from cxcheck.testing import context_for, snapshot_from_html

SITE = "http://127.0.0.1:8000/"
URL = SITE + "lookbook.html"
PHONE, TABLET, DESKTOP = BUILT_IN["phone"], BUILT_IN["tablet"], BUILT_IN["desktop"]
EVERY_PART = frozenset({"layout", "pieces", "rows", "targets", "texts", "images"})


def view(width: int, **fields: Any) -> DeviceView:
    """The page at `width`: a device's own load at 390/768/1366, else a width between."""
    own = {390: PHONE, 768: TABLET, 1366: DESKTOP}
    device = own.get(width) or (PHONE if width < 390 else TABLET if width < 768 else DESKTOP)
    parts = EVERY_PART if device.touch else EVERY_PART - {"targets", "texts", "images"}
    fields.setdefault("parts", parts)
    return DeviceView(device.at(width), "load" if width in own else "resize", **fields)


def judge(*views: DeviceView, check: Devices | None = None, **page: Any) -> list[Finding]:
    result = DevicePassResult((PHONE, TABLET, DESKTOP), (PageDevices(URL, views, **page),))
    site = SiteSnapshot(SITE, (), extras={"device-pass": result})
    return list((check or Devices()).check_site(site, CheckContext(SITE)))


def rules(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


TABLE = Sticking("body > main > table", '<table class="fit">', "Size Chest Waist", 266)


# --- wider than the screen ---------------------------------------------------------------
def test_a_page_wider_than_the_phone_names_what_sticks_out_where_and_across_which_widths() -> None:
    (finding,) = judge(view(320, wider=(TABLE,)), view(390, wider=(TABLE,)), view(768), view(1366))
    assert finding.rule == "wider-than-screen" and finding.severity is Severity.MAJOR
    assert finding.message.startswith("On phone (390 px) the page is wider than the screen")
    assert "“Size Chest Waist” by 266 px sticks out" in finding.message
    assert "Seen at 320–390 px; fine at 768 px." in finding.message
    assert finding.selector == TABLE.selector


def test_a_page_that_fits_every_width_is_silent() -> None:
    assert judge(view(320), view(390), view(768), view(1366)) == []


# --- spilling out ------------------------------------------------------------------------
FIELD = Spill("#email", '<input id="email">', "Email", "#card", '<form id="card">', 9, False, "x")


def test_a_field_past_its_card_is_minor_and_text_cut_off_is_major() -> None:
    (field,) = judge(view(390, spills=(FIELD,)), view(768))
    assert (field.rule, field.severity) == ("spills-out", Severity.MINOR)
    assert '“Email” runs 9 px past the edge of its box (<form id="card">)' in field.message
    cut = Spill("#note > p", "<p>", "Orders placed…", "#note", "<div id=note>", 25, True, "y")
    (clipped,) = judge(view(320, spills=(cut,)), view(390))
    assert clipped.severity is Severity.MAJOR and "is cut off by its box" in clipped.message


def test_an_element_that_spills_and_pushes_past_the_screen_is_one_major_finding() -> None:
    sticking = Sticking("#email", '<input id="email">', "Email", 7)
    findings = judge(view(320, spills=(FIELD,), wider=(sticking,)), view(390, spills=(FIELD,)))
    (finding,) = findings
    assert (finding.rule, finding.severity) == ("spills-out", Severity.MAJOR)
    assert "At 320 px it also pushes past the screen's edge" in finding.message


# --- overlapping -------------------------------------------------------------------------
PAIR = Touching("#look > h2", "#look > .tag", "Storm shell jacket", "£189", "<h2>", "<span>")
BOTH = frozenset({PAIR.first, PAIR.second})


def test_text_drawn_over_other_text_at_one_width_but_not_another_is_reported() -> None:
    (finding,) = judge(view(390, pairs=(PAIR,), pieces=BOTH), view(768, pieces=BOTH))
    assert finding.rule == "overlapping"
    assert "“Storm shell jacket” and “£189” are drawn over each other" in finding.message
    assert "on tablet (768 px) they are not" in finding.message


def test_an_overlay_by_design_overlaps_at_every_width_and_stays_silent() -> None:
    assert judge(view(390, pairs=(PAIR,), pieces=BOTH), view(768, pairs=(PAIR,), pieces=BOTH)) == []


def test_overlap_is_not_judged_where_one_of_the_two_is_not_shown() -> None:
    assert judge(view(390, pairs=(PAIR,), pieces=BOTH), view(768, pieces={PAIR.first})) == []


def test_text_spilling_over_its_neighbour_is_the_spill_alone() -> None:
    spill = Spill("#look > h2", "<h2>", "Storm", "#look", "<section>", 20, False, "y")
    found = judge(view(390, pairs=(PAIR,), pieces=BOTH, spills=(spill,)), view(768, pieces=BOTH))
    assert rules(found) == ["spills-out"]


# --- wrapped -----------------------------------------------------------------------------
def row(*lines: int, alone: tuple[str, ...] = ()) -> Row:
    return Row("body > main > nav", "<nav>", sum(lines), lines, alone)


def test_a_menu_entry_dropped_alone_onto_a_line_is_reported_with_the_width_it_fits() -> None:
    (finding,) = judge(view(320, rows=(row(5, 1, alone=("Letters",)),)), view(390, rows=(row(6),)))
    assert finding.rule == "wrapped" and finding.severity is Severity.MINOR
    assert (
        "At 320 px “Letters” drops onto a line of its own in a row of 6 (5 + 1" in finding.message
    )
    assert "on one line on phone (390 px)" in finding.message


def test_a_row_stacked_on_purpose_or_never_on_one_line_stays_silent() -> None:
    stacked = row(1, 1, 1, alone=("A", "B", "C"))
    assert judge(view(390, rows=(stacked,)), view(768, rows=(row(3),))) == []
    assert judge(view(390, rows=(row(5, 1, alone=("F",)),)), view(768, rows=(row(5, 1),))) == []


# --- too small to use --------------------------------------------------------------------
def test_small_tap_targets_and_small_text_on_a_phone() -> None:
    target = SmallTarget("#save", '<a id="save">', "Save this look", 16, 16, "See the jacket")
    text = SmallText(".fine", '<p class="fine">', "Prices include VAT.", 10.0)
    found = judge(view(390, targets=(target,), texts=(text,)), view(768))
    assert rules(found) == ["small-tap-target", "small-text"]
    assert "“Save this look” is 16×16 px, too small to tap without touching “See the jacket”" in (
        found[0].message
    )
    assert "is 10 px: too small to read on a phone" in found[1].message
    assert "Seen at every width checked (390 px)" not in found[0].message  # one width checked
    assert found[0].message.endswith("Checked at 390 px only.")


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ("", ["viewport-missing"]),
        ('<meta name="viewport" content="width=1024">', ["viewport-missing"]),
        (
            '<meta name="viewport" content="width=device-width, user-scalable=no">',
            ["zoom-disabled"],
        ),
        (
            '<meta name="viewport" content="width=device-width,maximum-scale=1.0">',
            ["zoom-disabled"],
        ),
        ('<meta name="viewport" content="width=device-width, initial-scale=1">', []),
        ('<meta name="viewport" content="width=device-width, maximum-scale=5">', []),
        ('<meta name="viewport" content="initial-scale=1">', []),
    ],
)
def test_the_viewport_meta_tag(meta: str, expected: list[str]) -> None:
    page = snapshot_from_html(f"<html><head>{meta}<title>t</title></head><body>x</body></html>")
    assert rules(list(Devices().check_page(page, context_for(page)))) == expected


def test_an_error_page_is_not_judged_for_its_viewport() -> None:
    page = snapshot_from_html("<p>Not found</p>", status=404)
    assert list(Devices().check_page(page, context_for(page))) == []


def test_the_last_viewport_meta_wins_as_in_browsers() -> None:
    html = (
        '<head><meta name="viewport" content="user-scalable=no">'
        '<meta name=viewport content="width=device-width"></head>'
    )
    assert viewport_of(html).zoom == "" and viewport_of(html).device_width


# --- heavy on a phone --------------------------------------------------------------------
def picture(w: int, h: int, size: int = 262_000, shown: tuple[int, int] = (1074, 716)) -> Picture:
    ratio = round(w * h / (shown[0] * shown[1]), 2)
    return Picture("body > img", "<img>", SITE + "ridge.png", w, h, *shown, size, ratio)


def test_a_picture_shipped_at_five_times_the_pixels_a_phone_shows() -> None:
    (finding,) = judge(view(390, images=(picture(2400, 1600),)))
    assert (finding.rule, finding.target) == ("heavy-image", SITE + "ridge.png")
    assert "shipped at 2400×1600 px, 256 KB but shown at 1074×716 device pixels" in finding.message


def test_pictures_near_their_size_or_tiny_files_stay_silent() -> None:
    assert judge(view(390, images=(picture(1200, 800),))) == []  # 1.25 times
    assert judge(view(390, images=(picture(2400, 1600, size=20_000),))) == []
    assert judge(view(390, images=(picture(64, 64, shown=(16, 16)),))) == []


# --- missing on one device ---------------------------------------------------------------
def item(key: str, reach: str = "visible", kind: str = "menu", **fields: Any) -> Reachable:
    return Reachable(kind, key, key.split(" ", 1)[1], "nav a", reach=reach, **fields)


GIFT = "link " + SITE + "gift-cards.html"


def test_a_menu_entry_desktops_reach_and_phones_cannot_is_major() -> None:
    (finding,) = judge(view(390, items=(item(GIFT, ""),)), view(1366, items=(item(GIFT),)))
    assert (finding.rule, finding.severity) == ("missing-on-device", Severity.MAJOR)
    assert "Customers on phone (390 px) cannot reach the menu entry" in finding.message
    assert "it is on the page there but hidden" in finding.message


def test_what_a_menu_button_reveals_counts_as_reachable() -> None:
    revealed = item(GIFT, "revealed", via="Menu")
    assert judge(view(390, items=(revealed,)), view(1366, items=(item(GIFT),))) == []


def test_one_reachable_copy_of_a_link_is_enough() -> None:
    phone = (item(GIFT, ""), item(GIFT, "visible", kind="link"))
    assert judge(view(390, items=phone), view(1366, items=(item(GIFT),))) == []


def test_a_link_only_phones_have_is_reported_the_other_way_round() -> None:
    (finding,) = judge(view(390, items=(item(GIFT),)), view(1366, items=()))
    assert "Customers on desktop (1366 px) cannot reach" in finding.message
    assert "the page does not have it at that size" in finding.message


def test_content_on_one_device_is_minor_and_what_a_drawer_shows_is_not_content() -> None:
    heading = item("heading why shop with us", kind="heading")
    (finding,) = judge(view(390, items=(), blocks=()), view(1366, items=(), blocks=(heading,)))
    assert (finding.rule, finding.severity) == ("content-on-one-device", Severity.MINOR)
    drawer_title = item("heading company name", "revealed", kind="heading")
    assert judge(view(390, items=(), blocks=(drawer_title,)), view(1366, items=())) == []


# --- widths, options, template notes -----------------------------------------------------
def test_widths_are_named_as_runs_of_neighbouring_widths_checked() -> None:
    widths = [320, 390, 575, 576, 768, 1366]
    assert span({320, 390, 575}, widths) == "Seen at 320–575 px; fine at 576 px."
    assert span({390, 1366}, widths) == "Seen at 390 px and 1366 px; fine at 320, 575 and 768 px."
    assert span(set(widths), widths) == "Seen at every width checked (320–1366 px)."


def test_a_representative_page_says_how_many_pages_it_stood_for() -> None:
    (finding,) = judge(view(390, wider=(TABLE,)), view(768), stood_for=(SITE + "a", SITE + "b"))
    assert "This page stood for 2 more pages of the same template" in finding.help


def test_options_are_checked_with_clear_errors() -> None:
    with pytest.raises(ConfigError, match='sample: "some" is not one of: template, all'):
        load_checks("", ("devices",), (), {"devices": {"sample": "some"}})
    with pytest.raises(ConfigError, match='unknown device "phablet"'):
        load_checks("", ("devices",), (), {"devices": {"devices": ["phablet", "phone"]}})
    (loaded,) = load_checks("", ("devices",), (), {"devices": {"devices": ["1024x600", "phone"]}})
    _, device_pass = loaded.check.capture_requests()
    assert [d.name for d in device_pass.devices] == ["phone", "1024x600"]
