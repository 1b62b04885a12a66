"""What the site captures of several workers found, joined into what one run would have.

Each worker's captures saw only its own pages; `SiteSnapshot.extras[need]` of the whole run is
their union, need by need, by the rule each capture declares next to it in `SITE_CAPTURES`
(crawl/site_captures.py; the rules are crawl/site_merge.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from cxcheck.crawl.site_captures import SITE_CAPTURES


def merge_extras(parts: Sequence[Mapping[str, Any]], start_url: str) -> dict[str, Any]:
    """One `extras` mapping from the workers' (in a stable order: the first wins ties);
    `start_url` is the run's: the probes of the worker that began there are the run's."""
    merged: dict[str, Any] = {}
    for need in dict.fromkeys(need for part in parts for need in part):
        values = [part[need] for part in parts if part.get(need) is not None]
        merged[need] = SITE_CAPTURES[need].merge(values, start_url) if values else None
    return merged
