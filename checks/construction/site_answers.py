"""Go-live leftovers of the whole site, read from the site probe's answers
(cxcheck/crawl/site_probe.py): robots.txt that shuts every crawler out, no real "not
found" page, no favicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from cxcheck.captures import ProbeAnswer, SiteProbe

_HREF = re.compile(r"""\bhref\s*=\s*["']?([^"'\s>]+)""", re.I)
_MIN_MENU = 2  # a site whose first page links to fewer menu entries has no menu to miss


@dataclass(frozen=True)
class SiteProblem:
    """One site-wide leftover, in words."""

    rule: str
    target: str
    message: str
    evidence: str


def robots_shut_out(probe: SiteProbe) -> SiteProblem | None:
    """robots.txt forbids the whole site to every crawler."""
    answer = probe.robots
    if answer is None or probe.robots_lets_crawlers_in:
        return None
    return SiteProblem(
        "robots-disallow-all",
        answer.url,
        "robots.txt tells every search engine to stay out of the whole site (Disallow: /): "
        "once live, the site disappears from search results.",
        "Disallow: / for every crawler",
    )


def not_found_problem(probe: SiteProbe) -> SiteProblem | None:
    """A made-up address answers 200, or a bare error page without the site's menu."""
    answer = probe.made_up
    if answer is None or answer.status is None:
        return None
    if 200 <= answer.status < 300:
        landed = (
            "" if answer.final_url in ("", answer.url) else f" (it lands on {answer.final_url})"
        )
        return SiteProblem(
            "no-not-found-page",
            answer.url,
            f"An address that does not exist answers {answer.status} OK{landed}: visitors who "
            "mistype a link are not told the page is missing, and search engines index "
            "every wrong address as a page.",
            f"made-up address answers {answer.status}",
        )
    if "html" in answer.content_type and _bare(answer, probe.navigation):
        return SiteProblem(
            "bare-error-page",
            answer.url,
            f"A missing page shows the web server's bare {answer.status} error page, without "
            "the site's menu: a visitor who follows a broken link has no way back.",
            f"bare {answer.status} page",
        )
    return None


def _bare(answer: ProbeAnswer, navigation: tuple[str, ...]) -> bool:
    """The error page links to none of the places the site's menu leads."""
    if len(navigation) < _MIN_MENU:
        return False
    menu = {_path(url) for url in navigation}
    linked = {_path(urljoin(answer.final_url or answer.url, h)) for h in _HREF.findall(answer.body)}
    return not menu & linked


def _path(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path or "/"
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def favicon_missing(probe: SiteProbe) -> SiteProblem | None:
    """No page declares an icon and /favicon.ico is not there."""
    answer = probe.favicon
    if probe.icon_declared or answer is None or answer.status == 200:
        return None
    return SiteProblem(
        "no-favicon",
        answer.url,
        "The site has no icon: browser tabs, bookmarks and search results show a blank "
        "page symbol instead of the brand.",
        "no favicon",
    )
