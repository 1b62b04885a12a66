"""Seeds beyond the start URL: robots.txt rules and sitemap URLs (parsing only, no I/O).

robots.txt is read as RFC 9309 says: groups per user agent, `*` and `$` wildcards, and the
longest matching rule wins (Allow on a tie). Python's urllib.robotparser applies the first
matching rule and knows no wildcards, which misreads an Allow inside a disallowed folder
or a `Disallow: /*.pdf$`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast
from urllib.parse import unquote, urljoin, urlsplit

# RFC 9309 section 2.5: a crawler must read at least 500 KiB of robots.txt, and may stop there.
MAX_ROBOTS = 500 * 1024
# The sitemaps protocol's limits for one file: 50,000 URLs, 50 MB uncompressed.
MAX_SITEMAP_URLS = 50_000
MAX_SITEMAP_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Rule:
    """One Allow or Disallow line."""

    allow: bool
    pattern: str

    def matches(self, path: str) -> bool:
        """The rule covers `path` (path plus query, percent-decoded)."""
        return _compile(self.pattern).match(path) is not None

    @property
    def literal(self) -> bool:
        """No `*` or `$`: the rule is a plain path prefix."""
        return "*" not in self.pattern and not self.pattern.endswith("$")

    @property
    def prefix(self) -> str:
        """What a matching path starts with: the pattern up to its first `*`, decoded."""
        return unquote(self.pattern.rstrip("$").split("*", 1)[0])


def _compile(pattern: str) -> re.Pattern[str]:
    anchored = pattern.endswith("$")
    body = re.escape(unquote(pattern.rstrip("$"))).replace(r"\*", ".*")
    return re.compile(body + ("$" if anchored else ""))


@dataclass(frozen=True)
class Robots:
    """The rules that apply to one user agent, and the sitemaps the file names.

    Matching costs a dictionary look-up per prefix length the plain rules have, plus the
    wildcard rules whose fixed start the path shares, whatever the number of rules: a
    robots.txt of 20,000 lines must not cost 20,000 pattern matches for every link.
    """

    rules: tuple[Rule, ...]
    sitemaps: tuple[str, ...]
    # Plain rules: (prefix length, {prefix: (pattern length, allow)}), shortest first.
    _plain: list[tuple[int, dict[str, tuple[int, bool]]]] = field(
        init=False, repr=False, compare=False, default_factory=list
    )
    # Wildcard rules: (fixed start, pattern length, allow, regex), strongest first.
    _wild: list[tuple[str, int, bool, re.Pattern[str]]] = field(
        init=False, repr=False, compare=False, default_factory=list
    )

    def __post_init__(self) -> None:
        plain: dict[int, dict[str, tuple[int, bool]]] = {}
        wild: dict[str, Rule] = {}
        for rule in self.rules:
            if not rule.pattern:
                continue  # "Disallow:" with nothing after it disallows nothing
            if rule.literal:
                strength = (len(rule.pattern), rule.allow)
                by_prefix = plain.setdefault(len(rule.prefix), {})
                by_prefix[rule.prefix] = max(by_prefix.get(rule.prefix, strength), strength)
            elif rule.pattern not in wild or rule.allow:
                wild[rule.pattern] = rule
        self._plain.extend(sorted(plain.items()))
        self._wild.extend(
            (r.prefix, len(r.pattern), r.allow, _compile(r.pattern)) for r in wild.values()
        )
        self._wild.sort(key=lambda item: item[1:3], reverse=True)

    def allows(self, url: str) -> bool:
        """True when the longest matching rule allows `url` (or none matches); on a tie
        between an Allow and a Disallow of the same length, Allow wins."""
        parts = urlsplit(url)
        path = unquote(parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        best = (-1, True)
        for length, by_prefix in self._plain:
            if length > len(path):
                break
            found = by_prefix.get(path[:length])
            if found is not None and found > best:
                best = found
        for prefix, length, allow, pattern in self._wild:
            if (length, allow) <= best:
                break  # strongest first: no rule left could win
            if path.startswith(prefix) and pattern.match(path):
                return allow
        return best[1]


def parse_robots(text: str, robots_url: str, agent: str = "cxcheck") -> Robots:
    """The rules for `agent` (its own group, else `*`); sitemaps resolved against the file."""
    groups: dict[str, list[Rule]] = {}
    current: list[str] = []
    in_rules = False
    sitemaps: list[str] = []
    for raw in text[:MAX_ROBOTS].lstrip("\ufeff").splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (part.strip() for part in line.split(":", 1))
        key = key.lower()
        if key == "sitemap" and value:
            sitemaps.append(urljoin(robots_url, value))
        elif key == "user-agent":
            if in_rules:
                current, in_rules = [], False
            current.append(value.lower())
            groups.setdefault(value.lower(), [])
        elif key in ("allow", "disallow") and current:
            in_rules = True
            for name in current:
                groups[name].append(Rule(key == "allow", value))
    own = next((rules for name, rules in groups.items() if name == agent.lower()), None)
    chosen = own if own is not None else groups.get("*", [])
    return Robots(tuple(chosen), tuple(sitemaps))


def allow_all() -> Robots:
    """The rules of a site without robots.txt."""
    return Robots((), ())


@dataclass(frozen=True)
class Sitemap:
    """One sitemap file: page URLs (urlset) and further sitemaps (sitemapindex)."""

    pages: tuple[str, ...]
    sitemaps: tuple[str, ...]


def parse_sitemap(body: bytes, sitemap_url: str) -> Sitemap:
    """Locations from a sitemap or sitemap index (gzip accepted); junk gives an empty one.

    Within the protocol's limits: the first 50,000 locations of the first 50 MB, read as
    the XML streams in; a gzip file is inflated a megabyte at a time, only as far as that
    (a gzip bomb costs what one sitemap may cost, and no more).
    """
    chunks = _inflated(body) if body[:2] == b"\x1f\x8b" else _pieces(body)
    try:
        root, locs = _locations(chunks)
    except zlib.error:
        return Sitemap((), ())
    resolved = tuple(urljoin(sitemap_url, loc) for loc in locs)
    if root == "sitemapindex":
        return Sitemap((), resolved)
    return Sitemap(resolved, ())


_CHUNK = 1 << 20


def _pieces(body: bytes) -> Iterator[bytes]:
    """`body` a megabyte at a time, up to the protocol's 50 MB."""
    view = memoryview(body)[:MAX_SITEMAP_BYTES]
    for offset in range(0, len(view), _CHUNK):
        yield bytes(view[offset : offset + _CHUNK])


def _inflated(body: bytes) -> Iterator[bytes]:
    """A gzip file inflated a megabyte at a time, up to 50 MB (zlib.error when damaged)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    data, given = body, 0
    while data and given < MAX_SITEMAP_BYTES:
        piece = inflater.decompress(data, min(_CHUNK, MAX_SITEMAP_BYTES - given))
        data = inflater.unconsumed_tail
        if not piece:
            return
        given += len(piece)
        yield piece


def _locations(chunks: Iterator[bytes]) -> tuple[str, list[str]]:
    """The root element's name and the <loc>s directly inside its <url>s or <sitemap>s
    (image and video extensions have <loc>s of their own that are not pages). Entries are
    dropped once read, so memory stays small; a file cut short keeps what came before."""
    parser: ElementTree.XMLPullParser[ElementTree.Element] = ElementTree.XMLPullParser(
        events=("start", "end")
    )
    root: ElementTree.Element | None = None
    depth, entry, locs = 0, "", []
    try:
        for chunk in chunks:
            parser.feed(chunk)
            # start and end events (the only ones asked for) give elements
            events = cast(Iterator[tuple[str, ElementTree.Element]], parser.read_events())
            for event, element in events:
                if event == "start":
                    depth += 1
                    root = element if depth == 1 else root
                    entry = _local_name(element.tag) if depth == 2 else entry
                    continue
                text = (element.text or "").strip()
                wanted = depth == 3 and entry in ("url", "sitemap")
                if wanted and text and _local_name(element.tag) == "loc":
                    locs.append(text)
                if depth == 2 and root is not None:
                    root.remove(element)
                depth -= 1
            if len(locs) >= MAX_SITEMAP_URLS:
                break
        else:
            parser.close()
    except ElementTree.ParseError:
        pass
    return (_local_name(root.tag) if root is not None else ""), locs[:MAX_SITEMAP_URLS]


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
