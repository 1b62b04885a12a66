"""Helpers for integration tests: run cxcheck's engine on a served site."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from cxcheck import app
from cxcheck.config import Config, CrawlConfig, SiteConfig
from cxcheck.plugins import load_checks

# Every built-in check whose work loads each page once. The devices check loads one page per
# template again on each device, by design: tests that count page loads leave it out.
ONE_LOAD_CHECKS = (
    "accessibility",
    "data-safety",
    "dead-navigation",
    "page-health",
    "slow-pages",
    "under-construction",
)


def run_engine(
    url: str,
    only: tuple[str, ...] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
    **crawl: Any,
) -> app.Outcome:
    """Crawl `url` with the built-in checks (or `only` these), check options and crawl options."""
    config = Config(site=SiteConfig(url=url), crawl=CrawlConfig(**crawl))
    checks = load_checks("", only, (), options or {})
    return app.run(config, checks)


def path_of(url: str) -> str:
    """The path (and query) of a URL, the way expectation files name pages."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
