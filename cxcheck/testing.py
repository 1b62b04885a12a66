"""Helpers for check authors: a PageSnapshot from an HTML string, no browser needed.

The browser's capture (crawl/capture.js) is the real thing; this approximates it with
BeautifulSoup so a check can be tested in milliseconds:

    page = snapshot_from_html('<a href="/gone">Shop</a>', url="http://127.0.0.1/")
    findings = list(MyCheck().check_page(page, context_for(page)))
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

from bs4 import BeautifulSoup, Tag

from cxcheck.captures import Control, Handler
from cxcheck.contract import CheckContext
from cxcheck.html_reader import INVISIBLE, Places, read_html, region_of
from cxcheck.snapshot import PageSnapshot

# The same lists as crawl/controls.js.
_PLACEHOLDER_HREF = re.compile(r"^\s*(#\s*|javascript:\s*(void\s*\(?\s*0\s*\)?)?\s*;?\s*)?$", re.I)
_CLICKABLE_ROLES = frozenset({"button", "link", "menuitem", "tab", "switch"})
_WORD_ATTRS = frozenset(
    {"id", "class", "name", "title", "value", "aria-label", "formaction", "href"}
)
_BUTTON_INPUTS = frozenset({"button", "submit", "reset", "image"})
_ACTING_ATTRS = frozenset(
    f"on{event}"
    for event in (
        "click mousedown mouseup pointerdown pointerup touchstart touchend keydown keyup "
        "keypress dblclick auxclick mouseenter mouseover pointerenter pointerover focus focusin"
    ).split()
)


def snapshot_from_html(
    html: str, url: str = "http://127.0.0.1:8000/", **fields: Any
) -> PageSnapshot:
    """A snapshot of `html` as if loaded from `url`; `fields` override any snapshot field."""
    read = read_html(html, url)
    soup = read.soup
    snapshot = PageSnapshot(
        url=url,
        final_url=url,
        status=200,
        content_type="text/html; charset=utf-8",
        title=read.title,
        html=html,
        text=_visible_text(soup),
        main_text=_visible_text(_main_part(soup)),
        aria_hidden_text=tuple(
            t
            for el in soup.find_all(name=None, attrs={"aria-hidden": "true"})
            if (t := _visible_text(el))
        ),
        headings=read.headings,
        lang=read.lang,
        links=read.links,
        anchors=read.anchors,
        extras={"controls": tuple(_controls(soup))},
        boilerplate_text=tuple(t for tag in _repeated_parts(soup) if (t := _visible_text(tag))),
    )
    return replace(snapshot, **fields)


# What crawl/capture.js counts as the parts a site repeats around a page's own content.
_REPEATED_TAGS = frozenset({"header", "nav", "footer", "aside"})
_REPEATED_ROLES = frozenset({"banner", "navigation", "contentinfo", "complementary"})
_REPEATED_IDS = frozenset({"header", "footer", "navbar", "menu"})
_REPEATED_CLASSES = frozenset(
    {"header", "footer", "navbar", "site-header", "site-footer", "sidebar"}
)


def _repeated_parts(soup: BeautifulSoup) -> list[Tag]:
    """Outermost header, nav, footer, side bar and cookie-banner elements."""
    found = []
    for tag in soup.find_all(_is_repeated_part):
        if any(_is_repeated_part(p) for p in tag.parents if isinstance(p, Tag)):
            continue
        inside_own = tag.find_parent(["main", "article"]) or tag.find_parent(role="main")
        if inside_own and not _is_banner(tag):
            continue
        found.append(tag)
    return found[:50]


def _is_repeated_part(tag: Tag) -> bool:
    classes = {c.lower() for c in tag.get("class") or []}
    return (
        tag.name in _REPEATED_TAGS
        or str(tag.get("role") or "") in _REPEATED_ROLES
        or str(tag.get("id") or "").lower() in _REPEATED_IDS
        or bool(classes & _REPEATED_CLASSES)
        or _is_banner(tag)
    )


def _is_banner(tag: Tag) -> bool:
    words = f"{tag.get('id') or ''} {' '.join(tag.get('class') or [])}".lower()
    return "cookie" in words or "consent" in words


def context_for(page: PageSnapshot) -> CheckContext:
    """The check context of the site a snapshot belongs to."""
    return CheckContext(page.url)


def _controls(soup: BeautifulSoup) -> list[Control]:
    """What crawl/controls.js finds, with listeners read from on* attributes only."""
    places = Places(Counter(str(t["id"]) for t in soup.find_all(id=True)))
    found = []
    for tag in soup.find_all(True):
        reason = _control_reason(tag)
        if not reason or any(_is_hidden(t) for t in [tag, *tag.parents] if isinstance(t, Tag)):
            continue
        text = " ".join(tag.get_text(" ").split()) or str(
            tag.get("aria-label") or tag.get("title") or tag.get("value") or ""
        )
        found.append(
            Control(
                tag=tag.name,
                text=text[:200],
                selector=places.selector(tag),
                reason=reason,
                handler=_handler(tag),
                role=str(tag.get("role") or ""),
                region=region_of(tag),
                href=str(tag["href"]) if tag.has_attr("href") else None,
                acts=_acts(tag),
                disabled=tag.has_attr("disabled") or tag.get("aria-disabled") == "true",
                attrs=" ".join(
                    " ".join(v) if isinstance(v, list) else str(v)
                    for k, v in tag.attrs.items()
                    if k in _WORD_ATTRS or k.startswith("data-")
                ),
            )
        )
    return found


def _control_reason(tag: Tag) -> str:
    role = str(tag.get("role") or "").lower()
    if tag.name == "a" and tag.has_attr("href"):
        return "placeholder href" if _PLACEHOLDER_HREF.match(str(tag["href"])) else ""
    if tag.name == "a":
        return "" if tag.has_attr("name") else "link without href"
    if tag.name == "button" or (
        tag.name == "input" and str(tag.get("type", "")).lower() in _BUTTON_INPUTS
    ):
        return "button"
    if role in _CLICKABLE_ROLES:
        return f"role={role}"
    style = str(tag.get("style") or "").replace(" ", "").lower()
    inside = any(_interactive(p) for p in tag.parents if isinstance(p, Tag))
    return "cursor:pointer" if "cursor:pointer" in style and not inside else ""


def _interactive(tag: Tag) -> bool:
    return (
        (tag.name == "a" and tag.has_attr("href"))
        or tag.name in ("button", "input", "select", "textarea", "label", "summary")
        or str(tag.get("role") or "") in _CLICKABLE_ROLES
    )


def _handler(tag: Tag) -> Handler:
    if _listens(tag):
        return "own"
    if any(_listens(child) for child in tag.find_all(True)):
        return "inside"
    for parent in tag.parents:
        if isinstance(parent, Tag) and _listens(parent):
            return "page" if parent.name in ("html", "body") else "ancestor"
    return ""


def _listens(tag: Tag) -> bool:
    return any(attr.lower() in _ACTING_ATTRS for attr in tag.attrs)


def _acts(tag: Tag) -> bool:
    form = tag.find_parent("form") is not None or tag.has_attr("form")
    kind = str(tag.get("type", "")).lower()
    submits = form and (
        (tag.name == "button" and kind in ("", "submit", "reset"))
        or (tag.name == "input" and kind in ("submit", "reset", "image"))
    )
    in_label = tag.find_parent(["label", "summary"]) is not None
    return bool(submits or in_label or tag.has_attr("popovertarget") or tag.has_attr("commandfor"))


def _main_part(soup: BeautifulSoup) -> Tag:
    return soup.find("main") or soup.find(name=None, attrs={"role": "main"}) or soup


def _visible_text(soup: Tag) -> str:
    body = soup.body or soup
    copy = BeautifulSoup(str(body), "html.parser")
    for tag in copy.find_all(INVISIBLE):
        tag.decompose()
    for tag in copy.find_all(_is_hidden):  # what innerText leaves out in a browser
        tag.decompose()
    return copy.get_text("\n", strip=True)


def _is_hidden(tag: Tag) -> bool:
    style = str(tag.get("style") or "").replace(" ", "").lower()
    return tag.has_attr("hidden") or "display:none" in style or "visibility:hidden" in style
