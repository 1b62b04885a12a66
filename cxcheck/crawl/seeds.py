"""Seeds beyond the start URL: robots.txt rules and sitemap URLs (parsing only, no I/O)."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

USER_AGENT_TOKEN = "cxcheck"


@dataclass(frozen=True)
class Robots:
    """The parsed robots.txt of a site: what it disallows and which sitemaps it names."""

    parser: RobotFileParser
    sitemaps: tuple[str, ...]

    def allows(self, url: str) -> bool:
        """True when robots.txt lets cxcheck (or `*`) fetch `url`."""
        return self.parser.can_fetch(USER_AGENT_TOKEN, url)


def parse_robots(text: str, robots_url: str) -> Robots:
    """Robots rules from robots.txt text; sitemap lines are resolved against its URL."""
    parser = RobotFileParser(robots_url)
    lines = text.splitlines()
    parser.parse(lines)
    sitemaps = tuple(
        urljoin(robots_url, line.split(":", 1)[1].strip())
        for line in lines
        if line.lower().startswith("sitemap:") and line.split(":", 1)[1].strip()
    )
    return Robots(parser, sitemaps)


def allow_all() -> Robots:
    """The rules of a site without robots.txt."""
    parser = RobotFileParser()
    parser.parse([])
    return Robots(parser, ())


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
        except (OSError, EOFError):
            return Sitemap((), ())
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return Sitemap((), ())
    locs = [
        urljoin(sitemap_url, el.text.strip())
        for el in root.iter()
        if _local_name(el.tag) == "loc" and el.text and el.text.strip()
    ]
    if _local_name(root.tag) == "sitemapindex":
        return Sitemap((), tuple(locs))
    return Sitemap(tuple(locs), ())


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
