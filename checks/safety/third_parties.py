"""Who else sees your customers: every other site the pages made browsers contact, once per
host for the whole site, with what it served and on how many pages.

The crawl clicks nothing, so whatever a host did, it did before the customer did anything:
before any consent banner was answered. Per host, the one finding that says the most:

- `tracker-before-consent` (major): a known advertising, analytics or social-media service
  that set cookies, ran its scripts or was sent data (a beacon, an XHR or fetch, a socket),
  or a tag manager that set cookies;
- `third-party-cookies` (minor): another host that set cookies (its own, or through its
  script on the site's pages);
- `third-party` (info): another host contacted, what it served.

Hosts of the site itself (its own CDN, www and static names) and `expected_hosts` are left
out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from checks.safety.services import Service, service_of
from checks.safety.sites import matches, same_site
from cxcheck.traffic import HostUse, SiteTraffic

_KIND_WORDS = {
    "script": "scripts",
    "image": "images",
    "font": "fonts",
    "stylesheet": "stylesheets",
    "xhr": "data (XHR)",
    "fetch": "data (fetch)",
    "media": "media",
    "document": "frames",
    "ping": "beacons",
    "websocket": "a live connection",
}


@dataclass(frozen=True)
class OtherHost:
    """Another site's host, how it was used, and what to call it."""

    use: HostUse
    service: Service | None
    rule: str

    @property
    def label(self) -> str:
        """The host, with its service's name when known."""
        host = self.use.host
        return f"{host} ({self.service.name}, {self.service.kind})" if self.service else host


def other_hosts(
    traffic: SiteTraffic,
    site_host: str,
    expected: Sequence[str] = (),
    trackers: Mapping[str, str] = {},
) -> Iterator[OtherHost]:
    """Each other site's host the pages contacted, judged; the site's own and expected ones
    left out."""
    for use in traffic.hosts:
        if same_site(use.host, site_host) or matches(use.host, expected):
            continue
        service = service_of(use.host, trackers)
        yield OtherHost(use, service, _rule(use, service))


def _rule(use: HostUse, service: Service | None) -> str:
    tracks = service is not None and service.tracks
    if (tracks and (use.cookies or use.scripts_ran or use.received_data)) or (
        service and use.cookies
    ):
        return "tracker-before-consent"
    if use.cookies:
        return "third-party-cookies"
    return "third-party"


def served(use: HostUse) -> str:
    """What the host served, in words: "scripts, images"."""
    words = [_KIND_WORDS.get(kind, kind) for kind in use.kinds if kind]
    return ", ".join(dict.fromkeys(words)) or "nothing that answered"


def did(other: OtherHost) -> str:
    """What it did before the customer did anything, in words."""
    use = other.use
    parts = []
    if use.cookies:
        names = ", ".join(use.cookies[:5]) + (" ..." if len(use.cookies) > 5 else "")
        parts.append(f"set cookies ({names})")
    if use.scripts_ran:
        parts.append("ran its scripts")
    if use.received_data:
        parts.append("was sent data about the visit")
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
