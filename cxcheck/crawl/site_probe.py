"""Site probe: the few requests that tell how a site will look to search engines and lost
visitors, made once per run after the crawl (a site capture, see site_captures.py).

- robots.txt, as it is (the crawl reads it only to obey it);
- a made-up address under the start page, to see whether the site answers "not found"
  and with which page;
- /favicon.ico, only when no page declared an icon.

Every request stays on the site and in the crawl's scope; the answers reach checks as
`SiteSnapshot.extras["site-probe"]` (a SiteProbe).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from cxcheck.captures import ProbeAnswer, SiteProbe, SiteProbeRequest
from cxcheck.crawl.fetch import fetch
from cxcheck.crawl.seeds import parse_robots
from cxcheck.snapshot import PageSnapshot
from cxcheck.urls import origin_of

if TYPE_CHECKING:  # site_captures registers this capture: a runtime import would be circular
    from cxcheck.crawl.site_scope import SiteScope

# A path no site has: the probe asks for it to see the site's "not found" answer.
MADE_UP_PAGE = "cxcheck-made-up-page-7f3a9c0e.html"
_MAX_BODY = 200_000
_TIMEOUT_MS = 10_000
_ICON_RELS = frozenset({"icon", "shortcut", "apple-touch-icon", "mask-icon"})


@dataclass
class SiteProbeCapture:
    """Watches pages for an icon and the site's menu, then asks its few questions."""

    scope: SiteScope
    start_url: str = ""
    icon_declared: bool = False
    navigation: tuple[str, ...] = ()
    asked: list[str] = field(default_factory=list)

    @classmethod
    def create(
        cls, scope: SiteScope, request: SiteProbeRequest, judge: object = None
    ) -> SiteProbeCapture:
        """A probe for the run (it takes no options)."""
        return cls(scope)

    def observe(self, page: PageSnapshot) -> None:
        """Remember the first page, its menu, and whether any page declares an icon."""
        if not page.is_html or page.error:
            return
        if not self.start_url:
            self.start_url = page.final_url or page.url
        if not self.navigation:
            menu = [link.href for link in page.links if link.in_navigation and link.navigable]
            self.navigation = tuple(dict.fromkeys(h for h in menu if h))
        if not self.icon_declared:
            self.icon_declared = any(
                link.kind == "link" and _ICON_RELS.intersection(link.rel.split())
                for link in page.links
            )

    async def finish(self) -> SiteProbe:
        """Ask robots.txt, a made-up page and (if no page declared one) the favicon."""
        if not self.start_url:
            return SiteProbe()
        origin = origin_of(self.start_url)
        made_up = urljoin(self.start_url, MADE_UP_PAGE)
        robots = await self._get(f"{origin}/robots.txt")
        return SiteProbe(
            robots=robots,
            robots_lets_crawlers_in=lets_crawlers_in(robots, self.start_url),
            made_up=await self._get(made_up) if self._allowed(made_up) else None,
            favicon=None if self.icon_declared else await self._get(f"{origin}/favicon.ico"),
            icon_declared=self.icon_declared,
            navigation=self.navigation,
            start_url=self.start_url,
        )

    def _allowed(self, url: str) -> bool:
        return self.scope.in_scope(url) and not self.scope.avoids(url)

    async def _get(self, url: str) -> ProbeAnswer:
        self.asked.append(url)
        # Redirects followed on the site only: another site's robots.txt is not this one's.
        got = await fetch(
            self.scope.lifeline.requests,
            url,
            self.scope.is_internal,
            timeout_s=_TIMEOUT_MS / 1000,
            read_body=True,
            max_body=_MAX_BODY * 4,
            cut_longer=True,
        )
        if got.error:
            return ProbeAnswer(url, error=got.error.splitlines()[0][:200])
        body = "" if "image" in got.content_type else got.text[:_MAX_BODY]
        return ProbeAnswer(url, got.status, got.final_url, got.content_type, body)

    async def close(self) -> None:
        """Nothing runs in the background."""

    def notes(self) -> list[str]:
        """What was asked, for the report."""
        if not self.asked:
            return []
        paths = ", ".join(urlsplit(url).path for url in self.asked)
        return [f"Asked the site once each for {paths} (how it looks to search engines)."]


# Crawlers whose view of robots.txt decides whether a site can be found at all; "*" is
# every other one.
_CRAWLERS = ("googlebot", "bingbot", "duckduckbot", "*")


def lets_crawlers_in(answer: ProbeAnswer, start_url: str) -> bool:
    """Some crawler may fetch the home page or the start page (no robots.txt: all may)."""
    if answer.status != 200:
        return True
    home = urljoin(start_url, "/")
    views = [parse_robots(answer.body, answer.url, agent) for agent in _CRAWLERS]
    return any(view.allows(home) or view.allows(start_url) for view in views)
