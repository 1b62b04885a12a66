"""The "exposure-probe" site capture: after the crawl, one GET for each well-known path that
should never be public (cxcheck/exposure.py: /.git/HEAD, /.env, backups...) and for a listing
of the folders the site's own files live in; nothing else, once per run.

Passive by design: GET only, no query, no form, no body; a `Range` header asks for the first
64 KiB only (servers that ignore it are read up to that much); redirects are followed one hop
at a time and never off the site (crawl/fetch.py); a path out of the crawl's scope or on its
`avoid` list is not asked. Result: `SiteSnapshot.extras["exposure-probe"]`, an ExposureProbe.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from posixpath import dirname
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from cxcheck.captures import ExposureProbeRequest
from cxcheck.crawl.fetch import fetch
from cxcheck.exposure import (
    BODY_BYTES,
    HOST_ARCHIVES,
    MAX_FOLDERS,
    WELL_KNOWN,
    ExposureProbe,
    ProbeReply,
)
from cxcheck.snapshot import PageSnapshot
from cxcheck.urls import origin_of

if TYPE_CHECKING:
    from cxcheck.crawl.site_scope import SiteScope

_TIMEOUT_S = 10.0
_RANGE = {"Range": f"bytes=0-{BODY_BYTES - 1}"}


@dataclass
class ExposureProbeCapture:
    """Notes where the site's files live while the crawl goes; asks its paths at the end."""

    scope: SiteScope
    enabled: bool = True
    start_url: str = ""
    folders: Counter[str] = field(default_factory=Counter)
    asked: list[str] = field(default_factory=list)

    @classmethod
    def create(
        cls, scope: SiteScope, request: ExposureProbeRequest, judge: object = None
    ) -> ExposureProbeCapture:
        """A probe for the run as the check asked for it; `enabled = False` asks nothing."""
        return cls(scope, enabled=request.enabled)

    def observe(self, page: PageSnapshot) -> None:
        """Remember the first page and the folders of the files the pages load."""
        if not page.is_html or page.error:
            return
        self.start_url = self.start_url or page.final_url or page.url
        for link in page.links:
            if link.asset and link.href and self.scope.is_internal(link.href):
                folder = dirname(urlsplit(link.href).path)
                if folder not in ("", "/"):
                    self.folders[folder.rstrip("/") + "/"] += 1

    def paths(self) -> list[tuple[str, str]]:
        """(path, what) to ask, in order: the fixed list, the host's archives, the folders."""
        host = urlsplit(self.start_url).hostname or ""
        named = [(f"/{host}{suffix}", "backup") for suffix in HOST_ARCHIVES if _named(host)]
        folders = [(folder, "listing") for folder, _ in self.folders.most_common(MAX_FOLDERS)]
        return [*WELL_KNOWN, *named, *folders]

    async def finish(self) -> ExposureProbe:
        """Ask each path once, in order."""
        if not self.enabled or not self.start_url:
            return ExposureProbe()
        origin = origin_of(self.start_url)
        replies = []
        for path, what in self.paths():
            url = origin + path
            if self.scope.in_scope(url) and not self.scope.avoids(url):
                replies.append(await self._get(path, what, url))
        return ExposureProbe(tuple(replies), asked=True)

    async def _get(self, path: str, what: str, url: str) -> ProbeReply:
        self.asked.append(path)
        got = await fetch(
            self.scope.lifeline.requests,
            url,
            self.scope.in_scope,
            timeout_s=_TIMEOUT_S,
            read_body=True,
            headers=_RANGE,
            max_body=BODY_BYTES,
            cut_longer=True,  # a server that ignores the Range: its first 64 KiB all the same
        )
        if got.error or got.left_for:
            return ProbeReply(path, what, url, error=got.error or f"redirected to {got.left_for}")
        return ProbeReply(path, what, url, got.status, got.content_type, got.body)

    async def close(self) -> None:
        """Nothing runs in the background."""

    def notes(self) -> list[str]:
        """What was asked, for the report."""
        if not self.asked:
            return []
        return [
            f"Asked the site once each for {len(self.asked)} addresses that should never be "
            f"public ({', '.join(self.asked)}): GET only, the first 64 KiB."
        ]


def _named(host: str) -> bool:
    """A host with a name of its own (example.com), not an address (127.0.0.1)."""
    return "." in host and not host.replace(".", "").isdigit() and ":" not in host
