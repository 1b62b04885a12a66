"""Shared fixtures: sites served on 127.0.0.1 and a Chromium that really runs."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cxcheck.browser import SYSTEM_BROWSERS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SITES = ROOT / "sample_sites"
TEST_SITES = ROOT / "tests" / "sites"


def _have_browser() -> bool:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        bundled = playwright.chromium.executable_path
    return os.path.exists(bundled) or any(shutil.which(name) for name in SYSTEM_BROWSERS)


@pytest.fixture(scope="session")
def chromium() -> None:
    """Browser tests need a Chromium: fail in CI (it installs one), skip locally with a how-to."""
    if _have_browser():
        return
    message = "no Chromium: run `make test` (installs one) or `apt-get install -y chromium`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty current folder, so no stray cxcheck.toml is picked up."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Redis server on 127.0.0.1 for shared runs: fail in CI (make test installs
    one), skip locally with a how-to."""
    from tests.redis_server import redis_server

    try:
        with redis_server(tmp_path_factory.mktemp("redis")) as url:
            yield url
    except FileNotFoundError:
        message = (
            "no redis-server: run `make test` (installs one) or `apt-get install -y redis-server`"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
