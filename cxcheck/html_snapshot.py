"""A PageSnapshot read from a page's HTML, without a browser: the title, text, headings,
links, anchors and controls as the browser's capture (crawl/capture.js, crawl/controls.js)
would give them, approximated with BeautifulSoup.

Used by `--render auto` (crawl/html_pages.py) for pages whose HTML carries no script, and by
`cxcheck.testing.snapshot_from_html` for check authors. What it cannot know is what a browser
decides: what stylesheets hide or make look clickable (only inline styles and `hidden` are
read), the load's timings, and what scripts would add (`needs_browser` keeps such pages for
the browser).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bs4 import CData, NavigableString, PageElement, Tag

from cxcheck.captures import Control, Handler
from cxcheck.html_reader import (
    INVISIBLE,
    HtmlPage,
    Places,
    absolute_url,
    read_html,
    refresh_of,
    region_of,
)
from cxcheck.snapshot import Link, PageSnapshot

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


# <script type> values a browser runs (the HTML spec's JavaScript MIME types, and modules);
# JSON-LD, templates and the like are data.
_RUN_TYPES = frozenset(
    {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}
    | {"application/ecmascript", "application/x-javascript", "text/jscript", "text/livescript"}
    | {f"text/javascript1.{n}" for n in range(6)}
    | {"application/x-ecmascript", "text/x-ecmascript", "text/x-javascript"}
)
# Elements that bring another document or a plugin, or whose content a browser shows only
# when scripts are off or a script clones it: what the page shows depends on the browser.
_BROWSER_ELEMENTS = ("iframe", "frame", "frameset", "object", "embed", "noscript", "template")
_SCRIPT_URL = re.compile(r"^\s*javascript:", re.I)
_URL_ATTRS = ("href", "src", "action", "formaction", "data")


def needs_browser(elements: Sequence[Tag]) -> str:
    """Why what this HTML shows depends on a browser running it ("" when it does not): a
    script, an event handler attribute, a `javascript:` address that does something, a frame
    or plugin, a <noscript> or <template>, or a refresh that moves on by itself. One walk; a
    script is the reason named whenever there is one, else the first other cause."""
    found = ""
    for tag in elements:
        reason = _runs(tag)
        if reason == _A_SCRIPT:
            return reason
        found = found or reason
    return found


_A_SCRIPT = "a script"


def _runs(tag: Tag) -> str:
    """Why this element needs a browser, or ""."""
    if tag.name == "script":
        kind = str(tag.get("type") or "").split(";")[0].strip().lower()
        if kind in _RUN_TYPES:
            return _A_SCRIPT
    if any(name.lower().startswith("on") for name in tag.attrs):
        return f"an event handler on <{tag.name}>"
    for attr in _URL_ATTRS:
        value = tag.get(attr)
        # javascript:void(0) does nothing: a placeholder, which controls report
        acts = isinstance(value, str) and not _PLACEHOLDER_HREF.match(value)
        if acts and _SCRIPT_URL.match(str(value)):
            return f"a javascript: address on <{tag.name}>"
    if tag.name in _BROWSER_ELEMENTS:
        return f"a <{tag.name}>"
    if tag.name == "meta" and refresh_of((tag,)) is not None:
        return "a refresh (meta http-equiv)"
    return ""


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?(['"]?)([^'")\s;]+)\1""", re.I)


def css_urls(css: str) -> tuple[list[str], list[str]]:
    """The url(...) values of a stylesheet's text, and its @import addresses (as written)."""
    css = _CSS_COMMENT.sub("", css)
    imports = [m.group(2) for m in _CSS_IMPORT.finditer(css)]
    urls = [m.group(2).strip() for m in _CSS_URL.finditer(css)]
    named = [u for u in dict.fromkeys([*imports, *urls]) if u and not u.startswith(("data:", "#"))]
    return named, imports


def inline_css(read: HtmlPage) -> tuple[list[Link], list[str]]:
    """url(...) in the page's <style> blocks and style attributes, as capture.js lists them
    (kind "css"), and what its <style> blocks @import (as written): those, like the linked
    stylesheets, are read by the caller (they need a request). Each block is parsed once."""
    links: list[Link] = []
    imports: list[str] = []
    for tag in (t for t in read.elements if t.name == "style" or t.has_attr("style")):
        text = tag.get_text() if tag.name == "style" else str(tag.get("style") or "")
        if "url(" not in text.lower() and "@import" not in text.lower():
            continue
        named, imported = css_urls(text)
        links.extend(css_link(raw, read.base_url, "", read.places.selector(tag)) for raw in named)
        imports.extend(imported if tag.name == "style" else ())
    return links, imports


def css_link(raw: str, base: str, sheet: str, selector: str) -> Link:
    """A URL named in CSS, as capture.js records it: `text` is the stylesheet's address when
    the URL comes from a linked one ("" for the page's own CSS)."""
    href = absolute_url(base, raw)
    return Link(
        href=href,
        raw=raw,
        kind="css",
        text=sheet,
        selector=selector,
        region="",
        visible=False,
        attr="url",
        rel="",
    )


def snapshot_of_html(
    html: str,
    url: str = "http://127.0.0.1:8000/",
    *,
    read: HtmlPage | None = None,  # `html` already read (read_html) by the caller
    **fields: Any,
) -> PageSnapshot:
    """A snapshot of `html` as if loaded from `url`; `fields` override any snapshot field."""
    read = read or read_html(html, url)
    soup, elements = read.soup, read.elements
    snapshot = PageSnapshot(
        url=url,
        final_url=url,
        status=200,
        content_type="text/html; charset=utf-8",
        title=read.title,
        html=html,
        text=_visible_text(soup),
        main_text=_visible_text(_main_part(elements) or soup),
        aria_hidden_text=tuple(
            t for el in elements if el.get("aria-hidden") == "true" and (t := _visible_text(el))
        ),
        headings=read.headings,
        lang=read.lang,
        links=read.links,
        anchors=read.anchors,
        extras={"controls": tuple(_controls(elements, read.places))},
        boilerplate_text=tuple(t for tag in _repeated_parts(elements) if (t := _visible_text(tag))),
    )
    return replace(snapshot, **fields)


# What crawl/capture.js counts as the parts a site repeats around a page's own content.
_REPEATED_TAGS = frozenset({"header", "nav", "footer", "aside"})
_REPEATED_ROLES = frozenset({"banner", "navigation", "contentinfo", "complementary"})
_REPEATED_IDS = frozenset({"header", "footer", "navbar", "menu"})
_REPEATED_CLASSES = frozenset(
    {"header", "footer", "navbar", "site-header", "site-footer", "sidebar"}
)


def _repeated_parts(elements: Sequence[Tag]) -> list[Tag]:
    """Outermost header, nav, footer, side bar and cookie-banner elements."""
    found = []
    for tag in filter(_is_repeated_part, elements):
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


def _controls(elements: Sequence[Tag], places: Places) -> list[Control]:
    """What crawl/controls.js finds, with listeners read from on* attributes only."""
    found = []
    for tag in elements:
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


def _main_part(elements: Sequence[Tag]) -> Tag | None:
    main = next((t for t in elements if t.name == "main"), None)
    return main or next((t for t in elements if t.get("role") == "main"), None)


def _visible_text(soup: Tag) -> str:
    """The text of `soup`'s body (or of `soup`) without what innerText leaves out: scripts,
    styles, templates and hidden elements; one string a line. Walked without recursion, as
    a hostile page may nest elements thousands deep."""
    parts: list[str] = []
    stack: list[PageElement] = [soup.body or soup]
    while stack:
        node = stack.pop()
        if isinstance(node, Tag):
            if node.name not in INVISIBLE and not _is_hidden(node):
                stack.extend(reversed(node.contents))
        elif type(node) in _TEXT_TYPES and (text := str(node).strip()):
            parts.append(text)
    return "\n".join(parts)


_TEXT_TYPES = (NavigableString, CData)  # what get_text reads: not comments or doctypes


def _is_hidden(tag: Tag) -> bool:
    style = str(tag.get("style") or "").replace(" ", "").lower()
    return tag.has_attr("hidden") or "display:none" in style or "visibility:hidden" in style
