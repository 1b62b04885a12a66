"""cxcheck injects the axe-core that axe-playwright-python ships, read through its public
`Axe` class. If a release moves or drops it, this fails and says so, before any crawl does."""

from __future__ import annotations

import re
from importlib.metadata import version

import pytest
from axe_playwright_python.async_playwright import Axe

from cxcheck.crawl import axe


def test_axe_playwright_python_still_ships_axe_core_where_cxcheck_reads_it() -> None:
    script = getattr(Axe(), "axe_script", None)
    assert isinstance(script, str) and re.match(r"/\*! axe v\d+\.\d+", script), (
        f"axe-playwright-python {version('axe-playwright-python')} no longer gives axe-core "
        "as Axe().axe_script (cxcheck/crawl/axe.py reads it there): find where the release "
        "keeps it, or cap the version in pyproject.toml"
    )


def test_the_capture_injects_that_script_and_reports_its_version() -> None:
    assert Axe().axe_script == axe.AXE_SCRIPT
    assert re.fullmatch(r"\d+\.\d+\.\d+", axe.AXE_VERSION), axe.AXE_VERSION


def test_a_release_without_it_stops_cxcheck_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Moved:
        """An Axe whose script lives elsewhere."""

    monkeypatch.setattr(axe, "Axe", Moved)
    with pytest.raises(ImportError, match=r"no longer gives axe-core as Axe\(\)\.axe_script"):
        axe._shipped_axe()
