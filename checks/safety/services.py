"""Known advertising, analytics, social-media and tag-manager services, by domain: the
bundled list (services.tsv, a subset of the WhoTracks.me database, CC BY 4.0: its header says
which and what changed) plus the ones a team names in `trackers`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

TRACKING_KINDS = frozenset({"advertising", "analytics", "social media"})


@dataclass(frozen=True)
class Service:
    """A company's service that a host belongs to."""

    name: str
    kind: str  # advertising, analytics, social media or tag manager

    @property
    def tracks(self) -> bool:
        """Its business is following people: advertising, analytics, social media."""
        return self.kind in TRACKING_KINDS


@cache
def bundled() -> Mapping[str, Service]:
    """domain -> service, from services.tsv."""
    text = files("checks.safety").joinpath("services.tsv").read_text(encoding="utf-8")
    found = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            domain, name, kind = line.split("\t")
            found[domain.strip().lower()] = Service(name.strip(), kind.strip())
    return found


def service_of(host: str, more: Mapping[str, str] = {}) -> Service | None:
    """The service `host` belongs to: the team's own list first (named as trackers), then the
    bundled one; None for a host neither knows."""
    host = host.lower().rstrip(".")
    labels = host.split(".")
    for start in range(len(labels)):
        domain = ".".join(labels[start:])
        for listed, name in more.items():
            if listed.lower().strip(".") == domain:
                return Service(name, "analytics")
        if domain in bundled():
            return bundled()[domain]
    return None
