"""Site captures: browser work a check needs beyond each page's own load, done once per run.
What one is and may know is crawl/site_scope.py; the ones there are, `SITE_CAPTURES`.

A check names one in `needs` like a page capture. It sees every page's snapshot as the crawl
delivers it (`observe`, which must return at once) and does its work in the background or
at the end (`finish`); what `finish` returns is `SiteSnapshot.extras[need]`. Checks stay
pure: they read the result, they never make the requests themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any
from urllib.parse import urldefrag

from cxcheck.captures import LinkStatusRequest
from cxcheck.crawl import site_merge
from cxcheck.crawl.click_probe import ClickProbe
from cxcheck.crawl.device_pass import DevicePass
from cxcheck.crawl.exposure_probe import ExposureProbeCapture
from cxcheck.crawl.link_status import LinkStatusChecker
from cxcheck.crawl.remeasure import Remeasure
from cxcheck.crawl.site_probe import SiteProbeCapture
from cxcheck.crawl.site_scope import SiteCapture, SiteScope
from cxcheck.crawl.site_traffic import SiteTrafficCapture
from cxcheck.snapshot import PageSnapshot
from cxcheck.urls import matches_any


@dataclass
class LinkStatusCapture:
    """HTTP status of what no page load showed: links to other sites and assets never loaded.

    Internal pages get their status from the crawl itself, and assets a page loaded from
    its own requests; everything else a page points at is checked here, once per URL, while
    the crawl goes on.
    """

    scope: SiteScope
    request: LinkStatusRequest
    checker: LinkStatusChecker

    @classmethod
    def create(
        cls, scope: SiteScope, request: LinkStatusRequest, judge: object = None
    ) -> LinkStatusCapture:
        """A capture as the check asked for it; other sites are asked through the context
        without the site's [auth], and a redirect is followed only where `may_ask` allows."""
        checker = LinkStatusChecker(
            scope.lifeline.requests,
            request,
            may_follow=lambda url: capture.may_ask(url),
            outside=scope.lifeline.outside_requests,
            inside=scope.is_internal,
        )
        capture = cls(scope, request, checker)
        return capture

    def observe(self, page: PageSnapshot) -> None:
        """Queue the page's unverified targets."""
        verify = urls_to_verify(
            page, self.scope.is_internal, self._wants_external, self.scope.avoids
        )
        for url in verify:
            self.checker.submit(url)

    def may_ask(self, url: str) -> bool:
        """A URL this capture may request: on the site, or a link to another site it checks;
        never a sign-out address."""
        internal = self.scope.is_internal(url)
        return (internal or self._wants_external(url)) and not self.scope.avoids(url)

    def _wants_external(self, url: str) -> bool:
        request = self.request
        if not request.external:
            return False
        if request.include and not matches_any(url, request.include):
            return False
        return not matches_any(url, request.exclude)

    async def finish(self) -> Mapping[str, Any]:
        """URL (without fragment) -> UrlStatus, pages the crawl did not render included."""
        for url in self.scope.unrendered():
            self.checker.submit(url)
        return await self.checker.results(within_s=self.request.budget_s)

    async def close(self) -> None:
        """Cancel the requests in flight."""
        await self.checker.close()

    def notes(self) -> list[str]:
        """How many URLs were checked outside the crawl, and how many could not be."""
        checker = self.checker
        if not checker.checked:
            return []
        notes = [
            f"Checked {checker.checked - checker.unchecked} links and files no page load "
            f"covered (on {checker.hosts} hosts), once each."
        ]
        if checker.unchecked:
            notes.append(
                f"{checker.unchecked} more were not checked: the run stopped first, or the "
                f"link check's budget ({self.request.budget_s:g} s after the crawl) ran out."
            )
        return notes


def urls_to_verify(
    page: PageSnapshot,
    is_internal: Callable[[str], bool],
    wants_external: Callable[[str], bool],
    avoids: Callable[[str], bool] = lambda url: False,
) -> set[str]:
    """Targets of `page` whose status neither the crawl nor the page's own load shows.

    Never one that `avoids`: a HEAD of a sign-out form's action carries the session cookie,
    and many sites sign out on any request to it.
    """
    urls: set[str] = set()
    for link in page.links:
        url = urldefrag(link.href).url
        if not url.startswith(("http://", "https://")) or avoids(url):
            continue
        internal = is_internal(url)
        unloaded_asset = link.asset and url not in page.requested_urls
        if unloaded_asset and (internal or wants_external(url)):
            urls.add(url)  # lazy images, srcset candidates, CSS backgrounds nothing used
        elif link.kind in ("a", "area") and not internal and wants_external(url):
            urls.add(url)
        elif link.kind == "form" and internal and url != urldefrag(page.url).url:
            urls.add(url)  # where the site's forms send customers (the crawl never submits)
    return urls


# (scope, the typed request, the check that asked for "remeasure") -> a capture for the run
SiteCaptureFactory = Callable[[SiteScope, Any, Any], SiteCapture]
# (each worker's result of a shared run, the run's start URL) -> the whole run's result
SiteCaptureMerge = Callable[[Sequence[Any], str], Any]


@dataclass(frozen=True)
class SiteCaptureKind:
    """A site capture as runs use it: how one is made, and how the results of the workers of
    a shared run join into one (cxcheck/queue/). Both are required: a capture whose merge
    went unsaid would keep one worker's result only."""

    create: SiteCaptureFactory
    merge: SiteCaptureMerge


# Finished in this order: re-measuring goes last, so nothing else loads while it measures.
SITE_CAPTURES: Mapping[str, SiteCaptureKind] = MappingProxyType(
    {
        "link-status": SiteCaptureKind(LinkStatusCapture.create, site_merge.union),
        "click-probe": SiteCaptureKind(ClickProbe.create, site_merge.concat),
        "site-probe": SiteCaptureKind(SiteProbeCapture.create, site_merge.site_probe),
        "site-traffic": SiteCaptureKind(SiteTrafficCapture.create, site_merge.traffic),
        "exposure-probe": SiteCaptureKind(ExposureProbeCapture.create, site_merge.exposure),
        "device-pass": SiteCaptureKind(DevicePass.create, site_merge.devices),
        "remeasure": SiteCaptureKind(Remeasure.create, site_merge.union),
    }
)
# What each does after the crawl, in words: the progress display names the phase so.
CAPTURE_PHASES: Mapping[str, str] = MappingProxyType(
    {
        "link-status": "checking links to other sites and files no page loaded",
        "click-probe": "clicking controls to find ones that do nothing",
        "site-probe": "checking robots.txt, the favicon and the not-found page",
        "remeasure": "re-measuring slow pages alone",
    }
)


__all__ = [
    "CAPTURE_PHASES",
    "SITE_CAPTURES",
    "LinkStatusCapture",
    "SiteCapture",
    "SiteCaptureKind",
    "SiteScope",
    "urls_to_verify",
]
