"""Go-live leftovers on one page: what is right on a staging site and wrong on the live one.

- `noindex`: the page asks search engines to leave it out (meta robots, X-Robots-Tag);
- `other-environment`: links, assets, the canonical address, og:url or a form's action point
  at another environment (a local address, a host named staging/dev/test/uat/preview...);
- `test-data`: visible test addresses, names and products ("test@example.com", "John Doe",
  "Test product", "asdf") where they are the content, not an example in a sentence.
"""

from __future__ import annotations

import fnmatch
import ipaddress
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from checks.construction.content import blocks
from cxcheck.snapshot import Link, PageSnapshot

_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
_HEAD_END = re.compile(r"</head\s*>|<body\b", re.I)
_ENV_WORDS = frozenset(
    {"staging", "stage", "stg", "dev", "develop", "development", "test", "testing", "uat"}
    | {"preview", "sandbox"}
)
_LOOPBACK_NAMES = frozenset({"localhost", "0.0.0.0"})
_SECOND_LEVELS = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or"})
# Hosting platforms whose first label names the site (myshop-staging.herokuapp.com).
_PLATFORMS = (
    *("herokuapp.com", "netlify.app", "vercel.app", "github.io", "pages.dev", "web.app"),
    *("azurewebsites.net", "onrender.com", "fly.dev", "firebaseapp.com", "appspot.com"),
)
_LINK_WORDS = {
    "a": "a link",
    "area": "a link",
    "form": "a form's action",
    "iframe": "an embedded frame",
    "img": "an image",
    "source": "an image or video",
    "video": "a video",
    "audio": "an audio file",
    "script": "a script",
    "css": "a file named in the stylesheet",
    "meta": "a redirect",
}
_TEST_DOMAINS = re.compile(
    r"(?:^|\.)(?:example\.(?:com|org|net)|test\.com|domain\.com|yourdomain\.com|yoursite\.com|"
    r"yourcompany\.com|company\.com|email\.com|sample\.com|mailinator\.com)$|"
    r"\.(?:example|test|invalid|localhost)$"
)
_TEST_LOCALS = frozenset(
    {"test", "testing", "tester", "asdf", "qwerty", "foo", "foobar", "john.doe", "jane.doe"}
    | {"johndoe", "janedoe", "dummy", "fake", "yourname", "your.name", "someone", "user"}
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TEST_WORDING = re.compile(
    r"^(?:(?:name|customer|author|contact|product|item|by)\s*:?\s*)?"
    r"(?:john doe|jane doe|max mustermann|erika mustermann|test user|test customer|"
    r"fulano de tal|test product(?: \d+)?|sample product(?: \d+)?|dummy product|testprodukt|"
    r"produit test|producto de prueba|prodotto di prova|product name|asdf\w*|qwerty|qwertz|"
    r"test test|testing 123|test 123|lorem)$",
    re.I,
)
# Where an address is shown as an example or as who is signed in, not as content.
_MENTION = re.compile(
    r"\b(?:e\.g\.|for example|for instance|such as|example:|z\. ?b\.|par exemple|por ejemplo|"
    r"ad esempio|bijvoorbeeld|signed in as|logged in as|angemeldet als|connecté en tant que)",
    re.I,
)
_SHORT_LINE = 80  # test data is a value on its own, not a word in a paragraph


@dataclass(frozen=True)
class EnvironmentLink:
    """A URL of the page that points at another environment."""

    url: str
    host: str
    what: str  # "a link", "the canonical address", ...
    selector: str = ""


def meta_robots(html: str) -> list[str]:
    """Content of <meta name="robots"> and <meta name="googlebot"> in the page's head."""
    head = html[: m.start()] if (m := _HEAD_END.search(html)) else html[:200_000]
    found = []
    for tag in _META.findall(head):
        attrs = _attrs(tag)
        if attrs.get("name", "").lower() in ("robots", "googlebot", "bingbot"):
            found.append(attrs.get("content", ""))
    return found


def og_url(html: str) -> str:
    """The page's og:url, or ""."""
    head = html[: m.start()] if (m := _HEAD_END.search(html)) else html[:200_000]
    for tag in _META.findall(head):
        attrs = _attrs(tag)
        if attrs.get("property", attrs.get("name", "")).lower() == "og:url":
            return attrs.get("content", "").strip()
    return ""


def noindex_sources(page: PageSnapshot) -> list[str]:
    """How the page says noindex: "meta robots", "X-Robots-Tag header", or nothing."""
    sources = []
    if any(_says_noindex(content) for content in meta_robots(page.html)):
        sources.append("meta robots")
    # "noindex", "noindex, nofollow" or per crawler: "googlebot: noindex"
    if _says_noindex(page.headers.get("x-robots-tag", "").replace(":", " ")):
        sources.append("X-Robots-Tag header")
    return sources


def _says_noindex(content: str) -> bool:
    words = {w.strip().lower() for w in re.split(r"[,\s]+", content)}
    return bool(words & {"noindex", "none"})


def _attrs(tag: str) -> dict[str, str]:
    return {m[0].lower(): m[1] or m[2] or m[3] for m in _ATTR.findall(tag)}


def environment_links(
    page: PageSnapshot, checked_host: str, listed: Sequence[str], production_host: str = ""
) -> Iterator[EnvironmentLink]:
    """Each URL of `page` on another environment's host, first one per host."""
    seen: set[str] = set()
    candidates = [(link.href, _what(link), link.selector) for link in page.links]
    if (og := og_url(page.html)) and og.startswith(("http://", "https://")):
        candidates.append((og, "the og:url (the address shared on social media)", ""))
    for url, what, selector in candidates:
        host = (urlsplit(url).hostname or "").lower() if url.startswith("http") else ""
        if (
            not host
            or host in seen
            or not other_environment(host, checked_host, listed, production_host)
        ):
            continue
        seen.add(host)
        yield EnvironmentLink(url, host, what, selector)


def other_environment(
    host: str, checked_host: str, listed: Sequence[str], production_host: str = ""
) -> bool:
    """Whether `host` is another environment than the site being checked."""
    checked_host = checked_host.lower()
    if host == checked_host or host == production_host.lower():
        return False
    if any(fnmatch.fnmatchcase(host, pattern.lower()) for pattern in listed):
        return True
    if _local(host):
        return not _local(checked_host)  # a site served locally links locally
    return bool(_ENV_WORDS.intersection(re.split(r"[-.]+", _subdomain(host))))


def _local(host: str) -> bool:
    if host in _LOOPBACK_NAMES or host.endswith((".localhost", ".local", ".internal")):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _subdomain(host: str) -> str:
    """The part of `host` before the registered name (staging in staging.example.com)."""
    for platform in _PLATFORMS:
        if host.endswith("." + platform):
            return host[: -len(platform) - 1]
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVELS and len(labels[-1]) == 2 else 2
    return ".".join(labels[:-keep])


def _what(link: Link) -> str:
    if link.kind == "link":
        rels = set(link.rel.split())
        if "canonical" in rels:
            return "the canonical address"
        if "stylesheet" in rels:
            return "a stylesheet"
        if rels & {"icon", "shortcut", "apple-touch-icon"}:
            return "the site icon"
        if "alternate" in rels:
            return "an alternate-language address"
        return "a linked file"
    return _LINK_WORDS.get(link.kind, "a URL")


def test_data(page: PageSnapshot) -> Iterator[tuple[str, str]]:
    """(what, shown) for each piece of visible test data: addresses in short blocks or
    mailto: links, and test names and products that are a block of their own."""
    hidden = {line for text in page.aria_hidden_text for line in blocks(text)}
    seen: set[str] = set()
    for line in blocks(page.text):
        if line in hidden or len(line) > _SHORT_LINE or _MENTION.search(line):
            continue
        for address in _EMAIL.findall(line):
            if test_address(address) and address.lower() not in seen:
                seen.add(address.lower())
                yield "a test email address", address
        if _TEST_WORDING.match(line.strip(' .!:—–-"“”')) and line.lower() not in seen:
            seen.add(line.lower())
            yield "test data", line
    for link in page.links:
        if link.kind == "a" and link.href.lower().startswith("mailto:"):
            address = link.href[7:].split("?", 1)[0]
            if test_address(address) and address.lower() not in seen:
                seen.add(address.lower())
                yield "a test email address", address


def test_address(address: str) -> bool:
    """An address made for testing: a reserved or placeholder domain, or a test mailbox."""
    local, _, domain = address.lower().rpartition("@")
    return bool(_TEST_DOMAINS.search(domain)) or local in _TEST_LOCALS
