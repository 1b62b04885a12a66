"""How journeys run (`RunSettings`), and the hook that sees each document a journey reaches
(`PageReached`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Page, Response

from cxcheck.journeys.language.model import Step

PageReached = Callable[[Page, Response | None, Step], Awaitable[None]]


@dataclass(frozen=True)
class RunSettings:
    """How journeys run: where relative paths point, where evidence goes, and values."""

    base_url: str  # relative Open/Start at paths resolve against this
    output_dir: Path  # screenshots: output_dir/<journey-slug>/step-07.png; traces: .../trace.zip
    variables: Mapping[str, str] = field(default_factory=dict)  # {name} values
    secrets: Mapping[str, str] = field(default_factory=dict)  # NAME -> value for {secret:NAME}
    screenshots_all: bool = False  # --screenshots all
    trace: bool = True  # a Playwright trace zip on failure, for engineers
    trace_secrets: bool = False  # trace journeys that use secrets too (the trace holds them)
