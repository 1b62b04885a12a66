"""Which screens a devices finding is pictured on."""

from __future__ import annotations

from cxcheck.crawl.device_pictures import screens_for
from cxcheck.device_list import BUILT_IN
from cxcheck.device_views import DevicePassResult, DeviceView, PageDevices, Sticking

URL = "http://127.0.0.1:8000/lookbook.html"
PHONE, TABLET, DESKTOP = BUILT_IN["phone"], BUILT_IN["tablet"], BUILT_IN["desktop"]
TABLE = Sticking("body > main > table", "<table>", "Size", 266)


def test_a_finding_is_pictured_where_it_was_seen_and_on_the_devices_where_it_was_not() -> None:
    views = (
        DeviceView(PHONE.at(320), "resize", wider=(TABLE,)),
        DeviceView(PHONE, "load", wider=(TABLE,)),
        DeviceView(TABLET.at(641), "resize", wider=(TABLE,)),
        DeviceView(TABLET, "load"),
        DeviceView(DESKTOP, "load"),
    )
    result = DevicePassResult((PHONE, TABLET, DESKTOP), (PageDevices(URL, views),))
    screens = screens_for(result, URL, TABLE.selector)
    assert [(d.name, d.width) for d in screens] == [
        ("phone", 320),
        ("phone", 390),
        ("tablet", 768),
        ("desktop", 1366),
    ]


def test_a_page_the_pass_did_not_see_is_pictured_on_every_device() -> None:
    result = DevicePassResult((PHONE, DESKTOP))
    assert screens_for(result, URL, "#x") == [PHONE, DESKTOP]
