"""Time limits: the run stops, and the report of what was done is kept (Ctrl-C and SIGTERM:
test_termination.py)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cxcheck.serve import serve_folder
from tests.integration.crawling import run_engine

pytestmark = pytest.mark.usefixtures("chromium")


def slow_site(root: Path, pages: int = 30, delay_ms: int = 400) -> Path:
    """A chain of pages, each answered after `delay_ms`."""
    root.mkdir()
    routes = []
    for i in range(pages):
        link = f'<a href="p{i + 1}.html">next</a>' if i + 1 < pages else ""
        name = "index.html" if i == 0 else f"p{i}.html"
        (root / name).write_text(f"<!doctype html><title>Page {i}</title><p>{link}</p>")
        routes.append(f'[[route]]\npath = "/{name}"\ndelay_ms = {delay_ms}\n')
    (root / "cxcheck-serve.toml").write_text("\n".join(routes))
    return root


def test_max_time_stops_starting_pages_and_marks_the_report_incomplete(tmp_path: Path) -> None:
    with serve_folder(slow_site(tmp_path / "site")) as served:
        started = time.monotonic()
        report = run_engine(served.url, max_time_s=1.5).report
        elapsed = time.monotonic() - started
    assert not report.complete
    assert 1 <= len(report.pages) < 30
    assert elapsed < 15
