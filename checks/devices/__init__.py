"""devices: the same look and function on a phone, a tablet and a desktop.

Each page is measured in the crawl's window; one page per template (`sample = "template"`,
pages grouped by the structure of their DOM) or every page (`sample = "all"`) is loaded once
on each device, checked at the device's width, at 320 px and on both sides of every CSS
breakpoint up to the widest device, and its menus and disclosures are opened to see what a
customer reaches. Findings name the width they were seen at and the widths they span.

Rules (default severity; change one with `[checks.devices] severity = { rule = "..." }`):
- `wider-than-screen` (major): the page scrolls sideways; names what sticks out, how far.
- `spills-out` (major when cut off, else minor): text or a field past its box's edge.
- `overlapping` (major): text or controls drawn over each other at some widths only.
- `wrapped` (minor): a menu entry or a field's button dropped onto a line of its own.
- `small-tap-target` (minor): under 24 x 24 px on a touch screen, another target too close.
- `small-text` (minor): body text under 12 px on a phone.
- `viewport-missing` (major): no viewport meta (or a fixed width): a shrunken desktop page.
- `zoom-disabled` (major): the viewport meta turns zooming off.
- `missing-on-device` (major): a link, button, field or menu entry reachable on one device
  and not another, even with menus opened.
- `content-on-one-device` (minor): a heading, text or picture shown on some devices only.
- `heavy-image` (minor): a picture shipped at over twice the pixels a phone shows.

Example: `<div style="width: 600px">` on a phone 390 px wide is "On phone (390 px) the page
is wider than the screen and scrolls sideways: … by 210 px sticks out past its edge."
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import ClassVar

from checks.devices.layout import overlapping, spill_sightings, spills, wider, wrapped
from checks.devices.reach import missing
from checks.devices.rules import RULES
from checks.devices.usability import heavy_images, small_text, tap_targets, viewport_findings
from cxcheck.captures import DevicePassRequest, DevicesRequest
from cxcheck.contract import CheckContext
from cxcheck.device_list import DEFAULT_DEVICES, resolve_devices
from cxcheck.device_views import Device, PageDevices
from cxcheck.findings import Finding, Severity
from cxcheck.snapshot import PageSnapshot, SiteSnapshot

SAMPLES = ("template", "all")


@dataclass(frozen=True)
class Devices:
    """Pages that look or work differently on phones, tablets and desktops."""

    name: ClassVar[str] = "devices"
    description: ClassVar[str] = (
        "Every page looks right and works the same on a phone, a tablet and a desktop."
    )
    needs: ClassVar[frozenset[str]] = frozenset({"devices", "device-pass"})
    area: ClassVar[str] = "devices"
    rule_ids: ClassVar[frozenset[str]] = RULES.ids

    devices: tuple[str, ...] = field(
        default=DEFAULT_DEVICES,
        metadata={
            "help": 'phone, tablet, desktop, Playwright device names ("iPhone 13") or sizes '
            '("1024x600").'
        },
    )
    sample: str = field(
        default="template",
        metadata={"help": '"template": one page per page template on every device; "all".'},
    )
    breakpoints: bool = field(
        default=True,
        metadata={"help": "Also check 320 px and both sides of every CSS breakpoint."},
    )
    max_widths: int = field(
        default=24, metadata={"help": "Most widths checked besides the devices' own, per page."}
    )
    exclude: tuple[str, ...] = field(
        default=(), metadata={"help": 'CSS selectors to leave out ("#chat-widget").'}
    )
    min_target_px: int = field(default=24, metadata={"help": "Smallest tap target, CSS px."})
    min_text_px: float = field(default=12.0, metadata={"help": "Smallest body text on a phone."})
    image_ratio: float = field(
        default=2.0, metadata={"help": "Pixels shipped over pixels shown that is too heavy."}
    )
    _resolved: tuple[Device, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.sample not in SAMPLES:
            raise ValueError(f'sample: "{self.sample}" is not one of: {", ".join(SAMPLES)}')
        if self.max_widths < 0 or self.min_target_px < 1 or self.min_text_px <= 0:
            raise ValueError("max_widths, min_target_px and min_text_px must be positive")
        if self.image_ratio < 1:
            raise ValueError("image_ratio: must be 1 or more")
        object.__setattr__(self, "_resolved", resolve_devices(self.devices))

    def capture_requests(self) -> tuple[DevicesRequest, DevicePassRequest]:
        """What each page is measured for in the crawl's window, and the device pass."""
        return (
            DevicesRequest(self.exclude, self.min_target_px, self.min_text_px),
            DevicePassRequest(
                devices=self._resolved,
                sample=self.sample,
                breakpoints=self.breakpoints,
                max_widths=self.max_widths,
                exclude=self.exclude,
                min_target=self.min_target_px,
                min_text=self.min_text_px,
            ),
        )

    def check_page(self, page: PageSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        """The viewport meta tag, read from the page itself."""
        if not page.is_html or not page.loaded or not page.html or (page.status or 200) >= 400:
            return
        yield from viewport_findings(page.html, partial(self._finding, page.url, ()))

    def check_site(self, site: SiteSnapshot, ctx: CheckContext) -> Iterator[Finding]:
        """Layout, reach and weight problems of every page, across its widths."""
        result = site.device_pass
        if result is None:
            return
        for page in result.pages:
            yield from self._page_findings(page)

    def _page_findings(self, page: PageDevices) -> Iterator[Finding]:
        make = partial(self._finding, page.url, page.stood_for)
        views = page.views
        yield from wider(views, make, spill_sightings(views))
        yield from spills(views, make)
        yield from overlapping(views, make)
        yield from wrapped(views, make)
        yield from tap_targets(views, make, self.min_target_px)
        yield from small_text(views, make, self.min_text_px)
        yield from heavy_images(views, make, self.image_ratio)
        yield from missing(views, make, page.volatile, page.links_vary)

    def _finding(
        self,
        url: str,
        stood_for: tuple[str, ...],
        rule: str,
        message: str,
        *,
        severity: Severity | None = None,
        fix: str = "",
        selector: str = "",
        evidence: str = "",
        target: str = "",
    ) -> Finding:
        fix = fix or RULES[rule].fix
        if stood_for:
            n = len(stood_for)
            fix += (
                f" This page stood for {n} more page{'s' if n != 1 else ''} of the same "
                "template on every device; they likely share the problem."
            )
        return RULES.finding(
            rule,
            url,
            message,
            severity=severity,
            fix=fix,
            target=target,
            selector=selector,
            evidence=evidence,
        )
