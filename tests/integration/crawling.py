"""Helpers for integration tests: run cxcheck's engine on a served site."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from cxcheck import app
from cxcheck.config import Config, CrawlConfig, SiteConfig
from cxcheck.plugins import load_checks


def run_engine(url: str, only: tuple[str, ...] = (), **crawl: Any) -> app.Outcome:
    """Crawl `url` with the built-in checks (or `only` these) and the crawl options given."""
    config = Config(site=SiteConfig(url=url), crawl=CrawlConfig(**crawl))
    checks = load_checks("", only, (), {})
    return app.run(config, checks)


def path_of(url: str) -> str:
    """The path (and query) of a URL, the way expectation files name pages."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
