"""Too small to use, and heavy on a phone: tap targets, text size, the viewport meta tag,
and pictures shipped at many more pixels than a phone shows."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from checks.devices.layout import MAX_PER_PAGE, Make
from checks.devices.widths import Sighting, at, checked, named, span
from cxcheck.device_views import DeviceView, Picture, SmallTarget, SmallText
from cxcheck.findings import Finding

MAX_TARGETS = 10  # per page: past that, the page's own pattern is the finding
_META_VIEWPORT = re.compile(r"<meta\b[^>]*\bname\s*=\s*[\"']?viewport\b[^>]*>", re.I)
_CONTENT = re.compile(r"\bcontent\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
# Pictures this small cost little whatever their size on screen.
_MIN_BYTES = 30_000
_MIN_PIXELS = 250_000


def tap_targets(views: Sequence[DeviceView], make: Make, minimum: int) -> Iterator[Finding]:
    """Tap targets under the minimum, too close to another target (WCAG 2.5.8)."""
    sightings: dict[str, Sighting[SmallTarget]] = {}
    for view in views:
        for target in view.targets:
            sightings.setdefault(target.selector, Sighting()).add(view, target)
    for selector, sighting in list(sightings.items())[:MAX_TARGETS]:
        view, target = sighting.headline()
        yield make(
            "small-tap-target",
            f"{at(view)} {named(target.text, target.html)} is {target.w}×"
            f"{target.h} px, too small to tap without touching “{target.near}” beside it. "
            f"{span(sighting.widths, checked(views, 'targets'))}",
            fix=f"Make the target at least {minimum}×{minimum} CSS px (padding counts), or "
            f"leave room around it so a {minimum} px circle on it touches no other target "
            "(WCAG 2.2, 2.5.8 Target Size).",
            selector=selector,
            evidence=target.html,
        )


def small_text(views: Sequence[DeviceView], make: Make, minimum: float) -> Iterator[Finding]:
    """Body text under the minimum size on a phone."""
    sightings: dict[str, Sighting[SmallText]] = {}
    for view in views:
        for text in view.texts:
            sightings.setdefault(text.selector, Sighting()).add(view, text)
    for selector, sighting in list(sightings.items())[:MAX_PER_PAGE]:
        view, text = sighting.headline()
        yield make(
            "small-text",
            f"{at(view)} the text {named(text.text, '')} is {text.size:g} px: "
            f"too small to read on a phone (at least {minimum:g} px). "
            f"{span(sighting.widths, checked(views, 'texts'))}",
            fix=f"Set body text to {minimum:g} px or more on narrow screens.",
            selector=selector,
            evidence=text.html,
        )


def heavy_images(views: Sequence[DeviceView], make: Make, ratio: float) -> Iterator[Finding]:
    """Pictures shipped at more than `ratio` times the pixels a phone shows."""
    sightings: dict[str, Sighting[Picture]] = {}
    for view in views:
        for picture in view.images:
            natural = picture.natural_w * picture.natural_h
            small = natural < _MIN_PIXELS or (picture.bytes and picture.bytes < _MIN_BYTES)
            if picture.ratio > ratio and not small:
                sightings.setdefault(picture.src, Sighting()).add(view, picture)
    for src, sighting in list(sightings.items())[:MAX_PER_PAGE]:
        view, picture = sighting.headline()
        weight = f", {picture.bytes / 1024:,.0f} KB" if picture.bytes else ""
        file = src.rsplit("/", 1)[-1].split("?")[0] or src
        yield make(
            "heavy-image",
            f"{at(view)} the picture “{file}” is shipped at {picture.natural_w}×"
            f"{picture.natural_h} px{weight} but shown at {picture.shown_w}×"
            f"{picture.shown_h} device pixels: {picture.ratio:.1f} times the pixels the phone "
            f"displays. {span(sighting.widths, checked(views, 'images'))}",
            selector=picture.selector,
            evidence=picture.html,
            target=src,
        )


@dataclass(frozen=True)
class Viewport:
    """What a page's <meta name=viewport> says, in the parts that matter."""

    present: bool
    device_width: bool = False  # width=device-width or an initial-scale: laid out for phones
    fixed_width: str = ""  # width=1024: laid out that wide on every phone
    zoom: str = ""  # why zooming is turned off ("user-scalable=no", "maximum-scale=1")
    tag: str = ""  # the tag as written


def viewport_of(html: str) -> Viewport:
    """The page's viewport meta (the last one wins, as in browsers)."""
    head = html[: html.lower().find("</head>")] if "</head>" in html.lower() else html[:20000]
    tags = _META_VIEWPORT.findall(head)
    if not tags:
        return Viewport(False)
    content = _CONTENT.search(tags[-1])
    values = {}
    for part in re.split(r"[,;]", content.group(1).strip("\"'") if content else ""):
        key, _, value = part.partition("=")
        values[key.strip().lower()] = value.strip().lower()
    width = values.get("width", "")
    zoom = ""
    if values.get("user-scalable") in ("no", "0"):
        zoom = f"user-scalable={values['user-scalable']}"
    elif (max_scale := _number(values.get("maximum-scale"))) is not None and max_scale < 2:
        zoom = f"maximum-scale={values['maximum-scale']}"
    fixed = width if width and width != "device-width" and _number(width) else ""
    tag = " ".join(tags[-1].split())[:200]
    return Viewport(True, width == "device-width" or "initial-scale" in values, fixed, zoom, tag)


def viewport_findings(html: str, make: Make) -> Iterator[Finding]:
    """A page that phones show as a shrunken desktop page, or that cannot be zoomed."""
    viewport = viewport_of(html)
    if not viewport.present or (viewport.fixed_width and not viewport.device_width):
        said = (
            f"sets a fixed width of {viewport.fixed_width} px"
            if viewport.present
            else "has no viewport meta tag"
        )
        yield make(
            "viewport-missing",
            f"The page {said}, so phones show it as a shrunken desktop page that customers "
            "must zoom and scroll sideways to read.",
            selector="head",
            evidence="<meta name=viewport>",
        )
    if viewport.zoom:
        yield make(
            "zoom-disabled",
            f"The page's viewport meta tag turns zooming off ({viewport.zoom}): people who "
            "need larger text cannot zoom in on phones.",
            selector='meta[name="viewport"]',
            evidence=viewport.tag,
        )


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None
