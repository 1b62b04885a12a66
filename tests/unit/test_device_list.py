"""The devices a run checks pages on, and the widths checked between them."""

from __future__ import annotations

import pytest

from cxcheck.device_list import BUILT_IN, checked_widths, resolve_devices

DESCRIPTORS = {
    "iPhone 13": {
        "user_agent": "iPhone",
        "viewport": {"width": 390, "height": 664},
        "device_scale_factor": 3,
        "is_mobile": True,
        "has_touch": True,
    },
    "iPad Mini": {"viewport": {"width": 768, "height": 1024}, "device_scale_factor": 2},
}


def test_the_defaults_are_a_touch_phone_a_tablet_and_a_desktop() -> None:
    phone, tablet, desktop = resolve_devices(("desktop", "phone", "tablet"))
    assert (phone.width, phone.height, phone.scale, phone.touch) == (390, 844, 3.0, True)
    assert (tablet.width, desktop.width) == (768, 1366)
    assert phone.phone and not tablet.phone


def test_playwright_names_and_sizes() -> None:
    devices = resolve_devices(("ipad mini", "iPhone 13", "1024x600"), lambda: DESCRIPTORS)
    assert [(d.name, d.width, d.touch) for d in devices] == [
        ("iPhone 13", 390, True),
        ("iPad Mini", 768, False),
        ("1024x600", 1024, False),
    ]


def test_an_unknown_name_says_what_would_do() -> None:
    with pytest.raises(ValueError, match=r'unknown device "iphone13".*Did you mean: "iPhone 13"'):
        resolve_devices(("iphone13",), lambda: DESCRIPTORS)


def test_widths_checked_are_320_and_both_sides_of_each_breakpoint_up_to_the_widest() -> None:
    devices = tuple(BUILT_IN.values())
    assert checked_widths(devices, [576, 768, 1400]) == [320, 390, 575, 576, 767, 768, 1366]
    assert checked_widths(devices, [576], extra=False) == [390, 768, 1366]


def test_many_breakpoints_are_spread_evenly_within_the_limit() -> None:
    widths = checked_widths(tuple(BUILT_IN.values()), list(range(400, 1300, 20)), most=6)
    assert len(widths) == 3 + 6 and widths[0] == 320
