"""Times as testers write them ('10 seconds', '500 ms', '2 minutes'), in seconds."""

from __future__ import annotations

import re

_DURATION = re.compile(
    r"(\d+(?:\.\d+)?|\.\d+) ?(ms|milliseconds?|s|secs?|seconds?|mins?|minutes?)", re.I
)


def duration(text: str) -> float | None:
    """Seconds in '10 seconds', '10 s', '1.5 seconds', '500 ms', '2 minutes'; None if not
    a time or not more than zero."""
    m = _DURATION.fullmatch(" ".join(text.split()))
    if not m:
        return None
    unit = m[2].lower()
    scale = 60.0 if unit.startswith("min") else 0.001 if unit.startswith("m") else 1.0
    seconds = float(m[1]) * scale
    return seconds if seconds > 0 else None
