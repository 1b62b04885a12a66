"""Politeness: at most `rate` page loads a second (`--rate`), and a site that answers 429 or
503 with Retry-After is left alone for as long as it asks before the page is loaded again.

One Pacer serves every worker of a crawl, so a busy site gets a pause from the whole crawl,
not from one tab while the others carry on.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from playwright.async_api import Response

from cxcheck.crawl.link_status import parse_retry_after

BUSY_STATUSES = (429, 503)
MAX_WAIT_S = 30.0  # a longer Retry-After is not waited for: the page is reported as it answered
DEFAULT_WAIT_S = 2.0  # 429/503 without a usable Retry-After
RETRIES = 2  # loads of one page after the first, when it keeps saying "busy"


@dataclass
class Pacer:
    """When the next page load may start."""

    rate: float = 0.0  # page loads a second; 0: as fast as the workers go
    retried: int = 0  # page loads made again after a 429/503
    _next: float = 0.0
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def turn(self) -> None:
        """Wait until a load may start, and take that slot."""
        if not self.rate and self._next <= time.monotonic():
            return
        async with self._lock:
            wait = self._next - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            gap = 1 / self.rate if self.rate else 0.0
            self._next = max(self._next, time.monotonic()) + gap

    def hold_off(self, seconds: float) -> None:
        """The site asked for a pause: no load starts for `seconds`."""
        self._next = max(self._next, time.monotonic() + seconds)


def busy_wait(response: Response | None) -> float | None:
    """Seconds a 429/503 answer asks to wait before asking again; None when the answer is
    not "busy" or asks for longer than is worth waiting."""
    if response is None or response.status not in BUSY_STATUSES:
        return None
    asked = parse_retry_after(response.headers.get("retry-after"), datetime.now(UTC))
    wait = DEFAULT_WAIT_S if asked is None else asked
    return wait if wait <= MAX_WAIT_S else None
