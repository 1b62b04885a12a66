"""The "site-traffic" site capture: every page's traffic (the "traffic" page capture) added
up for the whole run, once per other host and once per cookie, and, at the end, the cookies
in the browser's jar that no page was seen setting (set by a sign-in before the crawl, say).

It makes no request of its own. Cookies the user gave cxcheck (`[auth] cookies`) are left out
of the jar: they are not the site's doing. Result: `SiteSnapshot.extras["site-traffic"]`, a
SiteTraffic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from playwright.async_api import Error as PlaywrightError

from cxcheck.captures import SiteTrafficRequest
from cxcheck.snapshot import PageSnapshot
from cxcheck.traffic import (
    SAME_SITE_UNKNOWN,
    CookieSet,
    PageTraffic,
    SiteTraffic,
    TrafficTally,
)

if TYPE_CHECKING:
    from cxcheck.crawl.site_scope import SiteScope

MAX_JAR = 500  # cookies read from the jar at the end, at most
_JAR_SAME_SITE = {"Strict": "strict", "None": "none"}


@dataclass
class SiteTrafficCapture:
    """Adds up each page's traffic as it is delivered; reads the jar at the end."""

    scope: SiteScope
    tally: TrafficTally = field(default_factory=TrafficTally)
    start_url: str = ""

    @classmethod
    def create(
        cls, scope: SiteScope, request: SiteTrafficRequest, judge: object = None
    ) -> SiteTrafficCapture:
        """A capture for the run (it takes no options)."""
        return cls(scope)

    def observe(self, page: PageSnapshot) -> None:
        """Count the page's traffic, when the page capture recorded it."""
        traffic = page.traffic
        if isinstance(traffic, PageTraffic):
            self.start_url = self.start_url or page.final_url or page.url
            self.tally.add(page.final_url or page.url, traffic)

    async def finish(self) -> SiteTraffic:
        """The run's traffic, with the jar's cookies for the site that no page showed."""
        return self.tally.result(await self._jar())

    async def _jar(self) -> tuple[CookieSet, ...]:
        if not self.start_url:
            return ()
        try:
            cookies = await self.scope.context.cookies([self.start_url])
        except PlaywrightError:  # the browser is gone: the pages' own record stands
            return ()
        given = self.scope.given_cookies
        return tuple(
            _from_jar(cookie) for cookie in cookies[:MAX_JAR] if cookie.get("name") not in given
        )

    async def close(self) -> None:
        """Nothing runs in the background."""

    def notes(self) -> list[str]:
        """Nothing to say: the findings name what was seen."""
        return []


def _from_jar(cookie: Mapping[str, Any]) -> CookieSet:
    domain = str(cookie.get("domain", ""))
    return CookieSet(
        name=str(cookie.get("name", "")),
        owner=domain.lstrip(".").lower(),
        source="jar",
        domain=domain.lstrip(".").lower() if domain.startswith(".") else "",
        path=str(cookie.get("path", "")),
        secure=bool(cookie.get("secure")),
        http_only=bool(cookie.get("httpOnly")),
        # The jar says Lax for a cookie set without SameSite too: Lax tells nothing.
        same_site=_JAR_SAME_SITE.get(str(cookie.get("sameSite")), SAME_SITE_UNKNOWN),
    )
