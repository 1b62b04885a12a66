"""cxcheck injects the axe-core that axe-playwright-python ships (its axe.min.js, read by
cxcheck/axe_core.py). If a release moves or changes it, these fail and say so, before any
crawl does; tests/unit/test_public_api.py checks that the script is axe-core."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import version

import pytest
from axe_playwright_python.async_playwright import Axe

from cxcheck import axe_core


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    axe_core.axe_script.cache_clear()
    yield
    axe_core.axe_script.cache_clear()


def test_it_is_the_script_the_package_itself_injects() -> None:
    assert axe_core.axe_script() == Axe().axe_script, (
        f"axe-playwright-python {version('axe-playwright-python')} injects another script than "
        f"its {axe_core.SCRIPT_FILE}: read it where the package does (cxcheck/axe_core.py)"
    )


@pytest.mark.usefixtures("fresh_cache")
def test_a_release_without_it_stops_cxcheck_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(axe_core, "SCRIPT_FILE", "moved.min.js")
    with pytest.raises(RuntimeError, match=r"axe_playwright_python no longer ships moved\.min\.js"):
        axe_core.axe_script()
