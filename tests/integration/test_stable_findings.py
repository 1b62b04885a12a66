"""The same site gets the same findings: whatever the concurrency and the machine's load, and
whatever other axe rules run beside a rule."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from cxcheck.report.model import Report
from cxcheck.serve import serve_folder
from tests.conftest import TEST_SITES
from tests.integration.crawling import path_of, run_engine

SITE = TEST_SITES / "a11y-stable"
Found = tuple[str, str, str, str]  # check, rule, page, element


def findings_of(report: Report) -> set[Found]:
    return {
        (g.finding.check, g.finding.rule, path_of(page), g.finding.selector)
        for g in report.findings
        for page in g.pages
    }


def _burn() -> None:
    while True:
        pass


@contextmanager
def cpu_hog() -> Iterator[None]:
    """Every core kept busy by another process while the block runs."""
    burners = [
        multiprocessing.Process(target=_burn, daemon=True) for _ in range(os.cpu_count() or 2)
    ]
    for burner in burners:
        burner.start()
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.join()


@pytest.mark.usefixtures("chromium")
def test_findings_are_the_same_at_any_concurrency_and_load() -> None:
    with serve_folder(SITE) as served:
        alone = run_engine(served.url, only=("accessibility",), concurrency=1).report
        with cpu_hog():
            busy = run_engine(served.url, only=("accessibility",), concurrency=4).report
    assert {path_of(p.url) for p in alone.pages} == {path_of(p.url) for p in busy.pages}
    contrast = {f for f in findings_of(alone) if f[1] == "color-contrast"}
    assert len({f[2] for f in contrast}) == 3  # shadows, moving text and web fonts all fail
    assert findings_of(busy) == findings_of(alone)


@pytest.mark.usefixtures("chromium")
def test_contrast_findings_do_not_change_when_the_aaa_rule_runs_too() -> None:
    enhanced = {"accessibility": {"rules": {"enable": ["color-contrast-enhanced"]}}}
    with serve_folder(SITE) as served:
        alone = run_engine(served.url + "shadows.html", only=("accessibility",), max_pages=1)
        both = run_engine(
            served.url + "shadows.html", only=("accessibility",), max_pages=1, options=enhanced
        )
    contrast = {f for f in findings_of(alone.report) if f[1] == "color-contrast"}
    assert len(contrast) > 50
    assert {f for f in findings_of(both.report) if f[1] == "color-contrast"} == contrast
    assert any(f[1] == "color-contrast-enhanced" for f in findings_of(both.report))
