"""What the device pass saw of a page at each screen width: plain data, no browser.

The devices check reads these (`PageSnapshot.devices`, `SiteSnapshot.device_pass`); the
requests that ask for them are in cxcheck/captures.py, and crawl/devices.py and
crawl/device_pass.py fill them from the in-page scripts (crawl/device_*.js), whose JSON field
names they mirror.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from types import MappingProxyType
from typing import Any

# A phone, as far as the rules about phones go (small text, heavy images): a touch screen
# this narrow or narrower.
PHONE_MAX_WIDTH = 600


@dataclass(frozen=True)
class Device:
    """A screen a page is loaded on: its size, pixel ratio, and touch."""

    name: str
    width: int
    height: int
    scale: float = 1.0
    touch: bool = False
    mobile: bool = False  # a phone browser: honours <meta name=viewport>, zooms to fit
    user_agent: str = ""

    @property
    def phone(self) -> bool:
        """A phone-sized touch screen."""
        return (self.touch or self.mobile) and self.width <= PHONE_MAX_WIDTH

    def at(self, width: int) -> Device:
        """This device's browser in a window `width` px wide."""
        return replace(self, width=width)

    def describe(self) -> str:
        """ "phone (390 px)"."""
        return f"{self.name} ({self.width} px)"


# The screens built in (the devices check's default; cxcheck/device_list.py resolves names).
# A phone browser's own words about itself: servers that send phones another page see one.
PHONE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36"
)
BUILT_IN: Mapping[str, Device] = MappingProxyType(
    {
        "phone": Device(
            "phone", 390, 844, 3.0, touch=True, mobile=True, user_agent=PHONE_USER_AGENT
        ),
        "tablet": Device("tablet", 768, 1024),
        "desktop": Device("desktop", 1366, 768),
    }
)


@dataclass(frozen=True)
class Sticking:
    """An element that sticks out past the screen's edge, making the page scroll sideways."""

    selector: str
    html: str
    text: str
    amount: int  # CSS px past the edge


@dataclass(frozen=True)
class Spill:
    """Text or a control past the edge of the box it sits in (cut off when `clipped`)."""

    selector: str
    html: str
    text: str
    container: str
    container_html: str
    amount: int
    clipped: bool
    axis: str  # x: sideways, y: below


@dataclass(frozen=True)
class Touching:
    """Two pieces of visible text or controls drawn over each other."""

    first: str
    second: str
    first_text: str
    second_text: str
    first_html: str
    second_html: str


@dataclass(frozen=True)
class Row:
    """Items laid out side by side on purpose (menu entries, a field and its button)."""

    selector: str
    html: str
    items: int
    lines: tuple[int, ...]  # how many items each line holds, top line first
    alone: tuple[str, ...] = ()  # items alone on a line, narrower than the row
    region: str = ""


@dataclass(frozen=True)
class SmallTarget:
    """A tap target under 24 x 24 CSS px with another target within reach of a finger."""

    selector: str
    html: str
    text: str
    w: int
    h: int
    near: str


@dataclass(frozen=True)
class SmallText:
    """Body text set smaller than the phone minimum."""

    selector: str
    html: str
    text: str
    size: float


@dataclass(frozen=True)
class Picture:
    """An image as shipped (natural pixels) and as shown (device pixels)."""

    selector: str
    html: str
    src: str
    natural_w: int
    natural_h: int
    shown_w: int
    shown_h: int
    bytes: int
    ratio: float


@dataclass(frozen=True)
class Reachable:
    """A link, button, field, menu entry or content block, and whether a customer reaches it."""

    kind: str  # link, menu, button, field | heading, text, image
    key: str  # what it is, the same on every device ("link https://…/gift-cards.html")
    label: str
    selector: str
    region: str = ""
    reach: str = ""  # visible | revealed | menu (a hover submenu) | "" (cannot be reached)
    via: str = ""  # the control that revealed it


@dataclass(frozen=True)
class DeviceView:
    """The page as laid out in one window width on one device."""

    device: Device  # its width is this view's width
    source: str  # load: the device's own load; resize: a width between devices; crawl
    overflow: int = 0  # how far the page scrolls sideways, CSS px
    wider: tuple[Sticking, ...] = ()
    spills: tuple[Spill, ...] = ()
    pairs: tuple[Touching, ...] = ()
    pieces: frozenset[str] = frozenset()  # selectors of visible text and controls
    rows: tuple[Row, ...] = ()
    targets: tuple[SmallTarget, ...] = ()
    texts: tuple[SmallText, ...] = ()
    images: tuple[Picture, ...] = ()
    items: tuple[Reachable, ...] | None = None  # None: no reach pass at this width
    blocks: tuple[Reachable, ...] = ()
    toggles: tuple[str, ...] = ()  # the controls clicked to reveal
    parts: frozenset[str] = frozenset()  # what was measured (layout, pieces, rows, targets...)

    def measured(self, part: str) -> bool:
        """Whether `part` (layout, pieces, rows, targets, texts, images) was measured here."""
        return part in self.parts

    @property
    def width(self) -> int:
        """The window's width, CSS px."""
        return self.device.width

    def describe(self) -> str:
        """ "phone (390 px)", or "390 px" for a width between devices."""
        return self.device.describe() if self.source != "resize" else f"{self.width} px"


@dataclass(frozen=True)
class DeviceCapture:
    """`PageSnapshot.devices`: the page in the crawl's window, and its DOM's shape."""

    view: DeviceView
    signature: frozenset[int] = frozenset()  # hashed tag and class paths (crawl/device_shape.js)
    links: frozenset[str] = frozenset()  # addresses linked to, as loaded


@dataclass(frozen=True)
class PageDevices:
    """One page as the device pass saw it, and the pages it stood for (same template)."""

    url: str
    views: tuple[DeviceView, ...] = ()
    stood_for: tuple[str, ...] = ()
    every_device: bool = False  # loaded on every device (else: the crawl's own window only)
    error: str = ""  # why a device load failed, in words
    # Links that came and went between two loads of the page at about the same size (the
    # crawl's and the nearest device's): recommendations, rotating offers. A device that
    # lacks one of these is not missing it.
    volatile: frozenset[str] = frozenset()
    links_vary: bool = False  # the two loads' links differed at all


@dataclass(frozen=True)
class DevicePassResult:
    """`SiteSnapshot.device_pass`: every page's views."""

    devices: tuple[Device, ...]
    pages: tuple[PageDevices, ...] = ()


def view_from_json(device: Device, source: str, data: Mapping[str, Any]) -> DeviceView:
    """A DeviceView from device_layout.js's (and device_reach.js's) answer. Its width is the
    device's: a phone page without a viewport meta is laid out 980 px wide, on a phone."""

    def each(kind: type, key: str) -> tuple[Any, ...]:
        names = {f.name for f in fields(kind)}
        return tuple(
            kind(**{k: _tupled(v) for k, v in item.items() if k in names})
            for item in data.get(key) or ()
        )

    pairs = tuple(Touching(*pair) for pair in data.get("pairs") or ())
    items = data.get("items")
    return DeviceView(
        device=device,
        source=source,
        overflow=int(data.get("overflow") or 0),
        wider=each(Sticking, "wider"),
        spills=each(Spill, "spills"),
        pairs=pairs,
        pieces=frozenset(data.get("pieces") or ()),
        rows=each(Row, "rows"),
        targets=each(SmallTarget, "targets"),
        texts=each(SmallText, "texts"),
        images=each(Picture, "images"),
        items=each(Reachable, "items") if items is not None else None,
        blocks=each(Reachable, "blocks"),
        toggles=tuple(data.get("toggles") or ()),
        parts=frozenset(data.get("parts") or ()),
    )


def _tupled(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
