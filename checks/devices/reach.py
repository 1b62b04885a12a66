"""Missing on one device: what a customer reaches on one device and cannot on another.

Each device load lists the page's links, buttons, fields and menu entries with whether a
customer reaches them there: visible, or revealed by a visible control (menus, hamburgers,
disclosures are opened first). A thing is the same on every device when it does the same
(a link goes to the same address, a button has the same name, a field the same name), so a
desktop menu and a phone's drawer that lead to the same pages match.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence

from checks.devices.layout import MAX_PER_PAGE, Make
from cxcheck.device_views import DeviceView, Reachable
from cxcheck.findings import Finding

MAX_MISSING = 10  # per page: past that, one cause (a whole menu) is already clear
_KIND_WORDS = {
    "menu": "the menu entry",
    "link": "the link",
    "button": "the button",
    "field": "the field",
    "heading": "the heading",
    "text": "the text",
    "image": "the picture",
}
_CONTROLS = ("menu", "link", "button", "field")


def missing(
    views: Sequence[DeviceView], make: Make, volatile: Collection[str] = (), varies: bool = False
) -> Iterator[Finding]:
    """Links, buttons, fields and menu entries reachable on some devices only (major), and
    content blocks shown on some devices only (minor). A link that changes from load to load
    (`volatile`: recommendations, rotating offers) is not missing where a load lacks it."""
    loads = [v for v in views if v.items is not None]
    if len(loads) < 2:
        return
    controls = {id(v): _by_key(v.items or ()) for v in loads}
    for listed in controls.values():
        for key in volatile:
            listed.pop(key, None)
    # On a page whose links change from load to load, a link one load lacks altogether proves
    # nothing; one that is there but hidden still does.
    present = varies or bool(volatile)
    blocks = {id(v): _by_key(v.blocks) for v in loads}
    yield from _differences(
        loads, controls, make, "missing-on-device", MAX_MISSING, _reached, hidden_only=present
    )
    # Content counts where it shows without opening anything: what a drawer or a menu holds
    # (its title, its notes) is part of the menu, not of the page.
    yield from _differences(loads, blocks, make, "content-on-one-device", MAX_PER_PAGE, _shown)


def _differences(
    loads: Sequence[DeviceView],
    listed: dict[int, dict[str, Reachable]],
    make: Make,
    rule: str,
    most: int,
    counts: Callable[[Reachable | None], bool],
    hidden_only: bool = False,
) -> Iterator[Finding]:
    keys = {key for v in loads for key, item in listed[id(v)].items() if counts(item)}
    found = 0
    for key in sorted(keys, key=lambda k: _order(k, loads, listed)):
        on = [v for v in loads if counts(listed[id(v)].get(key))]
        off = [v for v in loads if not _reached(listed[id(v)].get(key))]
        if not on or not off or found >= most:
            continue
        if hidden_only and all(listed[id(v)].get(key) is None for v in off):
            continue
        found += 1
        yield _finding(key, on, off, listed, make, rule)


def _finding(
    key: str,
    on: Sequence[DeviceView],
    off: Sequence[DeviceView],
    listed: dict[int, dict[str, Reachable]],
    make: Make,
    rule: str,
) -> Finding:
    seen = listed[id(on[0])][key]
    hidden = [listed[id(v)].get(key) for v in off]
    what = f"{_KIND_WORDS.get(seen.kind, 'the element')} “{seen.label or key.split(' ', 1)[-1]}”"
    where_on = " and ".join(v.device.describe() for v in on)
    where_off = " or ".join(v.device.describe() for v in off)
    if any(h is not None for h in hidden):
        why = "it is on the page there but hidden, and no menu button or disclosure reveals it"
    else:
        why = "the page does not have it at that size"
    how = f" (revealed by “{seen.via}”)" if seen.reach != "visible" and seen.via else ""
    element = next((h for h in hidden if h is not None), seen)
    if rule == "missing-on-device":
        message = (
            f"Customers on {where_off} cannot reach {what}: {why}. On {where_on} they can{how}."
        )
    else:
        message = f"{what[0].upper()}{what[1:]} shows on {where_on} but not on {where_off}: {why}."
    return make(rule, message, selector=element.selector, evidence=key)


def _by_key(things: Sequence[Reachable]) -> dict[str, Reachable]:
    """One entry per key: a reachable one when there is one (a page may link home twice,
    from its logo and from a menu that is hidden at this width)."""
    found: dict[str, Reachable] = {}
    for thing in things:
        if thing.key not in found or (thing.reach and not found[thing.key].reach):
            found[thing.key] = thing
    return found


def _reached(item: Reachable | None) -> bool:
    return item is not None and bool(item.reach)


def _shown(item: Reachable | None) -> bool:
    return item is not None and item.reach == "visible"


def _order(
    key: str, loads: Sequence[DeviceView], listed: dict[int, dict[str, Reachable]]
) -> tuple[int, str]:
    """Menu entries first, then controls, then content; the page's own order after that."""
    kind = next((listed[id(v)][key].kind for v in loads if key in listed[id(v)]), "")
    rank = 0 if kind == "menu" else 1 if kind in _CONTROLS else 2
    return (rank, key)
