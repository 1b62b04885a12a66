"""Where a run's time goes, phase by phase (`cxcheck check --timings`).

Each phase's time is summed over the pages: navigation, waiting for late requests, each part
of the capture (DOM and links, axe, performance, controls), each check's Python code, and
the site-wide work after the crawl. Pages load side by side, so the sums exceed the wall
time; what they show is what one page costs, and which part to make faster.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PhaseTime:
    """One phase: seconds in all, how many times it ran, its share of all phases."""

    phase: str
    seconds: float
    runs: int
    share: float


@dataclass
class Stopwatch:
    """Sums of seconds per phase; cheap enough to run always (two clock reads a phase)."""

    seconds: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    runs: Counter[str] = field(default_factory=Counter)

    @contextmanager
    def timing(self, phase: str) -> Iterator[None]:
        """Add the time the block takes to `phase` (also when it raises)."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[phase] += time.perf_counter() - start
            self.runs[phase] += 1

    def phases(self) -> list[PhaseTime]:
        """Every phase, the costliest first."""
        total = sum(self.seconds.values()) or 1.0
        return [
            PhaseTime(phase, seconds, self.runs[phase], seconds / total)
            for phase, seconds in sorted(self.seconds.items(), key=lambda item: -item[1])
        ]
