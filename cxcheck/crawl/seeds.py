"""Seeds beyond the start URL: robots.txt rules and sitemap URLs (parsing only, no I/O).

robots.txt is read as RFC 9309 says: groups per user agent, `*` and `$` wildcards, and the
longest matching rule wins (Allow on a tie). Python's urllib.robotparser applies the first
matching rule and knows no wildcards, which misreads an Allow inside a disallowed folder
or a `Disallow: /*.pdf$`.
"""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ElementTree
import zlib
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit


@dataclass(frozen=True)
class Rule:
    """One Allow or Disallow line."""

    allow: bool
    pattern: str

    def matches(self, path: str) -> bool:
        """The rule covers `path` (path plus query)."""
        return _compile(self.pattern).match(path) is not None


def _compile(pattern: str) -> re.Pattern[str]:
    anchored = pattern.endswith("$")
    body = re.escape(unquote(pattern.rstrip("$"))).replace(r"\*", ".*")
    return re.compile(body + ("$" if anchored else ""))


@dataclass(frozen=True)
class Robots:
    """The rules that apply to one user agent, and the sitemaps the file names."""

    rules: tuple[Rule, ...]
    sitemaps: tuple[str, ...]

    def allows(self, url: str) -> bool:
        """True when the longest matching rule allows `url` (or none matches)."""
        parts = urlsplit(url)
        path = unquote(parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        best: Rule | None = None
        for rule in self.rules:
            if not rule.pattern or not rule.matches(path):
                continue
            longer = best is None or len(rule.pattern) > len(best.pattern)
            tie_allows = best is not None and len(rule.pattern) == len(best.pattern) and rule.allow
            if longer or tie_allows:
                best = rule
        return best is None or best.allow


def parse_robots(text: str, robots_url: str, agent: str = "cxcheck") -> Robots:
    """The rules for `agent` (its own group, else `*`); sitemaps resolved against the file."""
    groups: dict[str, list[Rule]] = {}
    current: list[str] = []
    in_rules = False
    sitemaps: list[str] = []
    for raw in text.lstrip("\ufeff").splitlines():
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
    """Locations from a sitemap or sitemap index (gzip accepted); junk gives an empty one."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.decompress(body)
        except (OSError, EOFError, zlib.error):
            return Sitemap((), ())
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return Sitemap((), ())
    # Only a <loc> directly inside <url> or <sitemap>: image and video extensions have
    # <loc>s of their own that are not pages.
    locs = [
        urljoin(sitemap_url, loc.text.strip())
        for entry in root
        if _local_name(entry.tag) in ("url", "sitemap")
        for loc in entry
        if _local_name(loc.tag) == "loc" and loc.text and loc.text.strip()
    ]
    if _local_name(root.tag) == "sitemapindex":
        return Sitemap((), tuple(locs))
    return Sitemap(tuple(locs), ())


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
