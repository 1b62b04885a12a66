"""Plain words for where a link sits and what its target answered."""

from __future__ import annotations

from http import HTTPStatus

from cxcheck.snapshot import Link

_REGION_WORDS = {"nav": "in the site menu", "header": "in the header", "footer": "in the footer"}

# What a customer sees when an asset of this kind is missing.
_ASSET_EFFECTS = {
    "image": "customers see a broken image or an empty space",
    "stylesheet": "the page shows without (some of) its styling",
    "script": "whatever the script does (menus, buttons, prices) may not work",
    "font": "text shows in a fallback font",
    "media": "the video or audio does not play",
    "document": "the embedded frame shows an error instead of its content",
    "icon": "the site shows no icon in tabs and bookmarks",
    "manifest": "the site cannot be installed as an app",
    "texttrack": "videos play without their captions",
}
# Playwright's resource types and the elements that load them, as customers would name them.
_ASSET_NOUNS = {
    "image": "image",
    "img": "image",
    "source": "image or video source",
    "stylesheet": "stylesheet",
    "css": "file named in the stylesheet",
    "script": "script",
    "font": "font",
    "media": "video or audio",
    "video": "video",
    "audio": "audio",
    "document": "embedded frame",
    "icon": "icon",
    "manifest": "web app manifest",
    "texttrack": "captions file",
    "iframe": "embedded frame",
    "embed": "embedded object",
    "object": "embedded object",
    "link": "file",
}


def where(link_region: str) -> str:
    """ "in the site menu", "in the footer", or "" for the page's own content."""
    return _REGION_WORDS.get(link_region, "")


def named(link: Link) -> str:
    """How a person would name the link: its text in quotes, or what it is."""
    if link.text:
        return f"“{link.text}”"
    return {"img": "an image", "area": "an image-map area"}.get(link.kind, "a link without text")


def the_link(link: Link) -> str:
    """The subject of a sentence: "The link “Shop”", or "A link without text"."""
    if link.text:
        return f"The link “{link.text}”"
    return named(link)[0].upper() + named(link)[1:]


def status_words(status: int | None, error: str, missing: bool = False) -> str:
    """ "does not exist (404 Not Found)", "fails on the server (500 ...)"; files are "missing"."""
    if status is None:
        return f"cannot be loaded ({error or 'no answer'})"
    phrase = _phrase(status)
    if status in (404, 410):
        return f"{'is missing' if missing else 'does not exist'} ({status} {phrase})"
    if status in (401, 403):
        return f"is not allowed for visitors ({status} {phrase})"
    if status >= 500:
        return f"fails on the server ({status} {phrase})"
    return f"answers {status} {phrase}".rstrip()


def evidence(status: int | None, error: str) -> str:
    """The short, stable form of an answer, for fingerprints: "HTTP 404" or the error."""
    return f"HTTP {status}" if status is not None else error


def asset_noun(kind: str) -> str:
    """ "image", "stylesheet", ... for a resource type or element name."""
    return _ASSET_NOUNS.get(kind, "file")


def asset_effect(resource_type: str) -> str:
    """What a customer sees when such an asset is missing."""
    return _ASSET_EFFECTS.get(resource_type, "part of the page may be missing")


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
