"""Politeness: --rate spaces page loads out across all workers, and a 429/503 with
Retry-After pauses the crawl for as long as it asks before the page is loaded again."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest

from cxcheck.serve import serve_folder
from tests.integration.crawling import path_of, run_engine

pytestmark = pytest.mark.usefixtures("chromium")


class TimedLog(list[str]):
    """A request log that also notes when each request arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[tuple[float, str]] = []

    def append(self, line: str) -> None:
        self.times.append((time.monotonic(), line))
        super().append(line)

    def when(self, line: str) -> list[float]:
        return [at for at, seen in self.times if seen == line]


def _site(root: Path, routes: str = "", pages: int = 3) -> Path:
    root.mkdir()
    links = "".join(f'<a href="p{i}.html">Page {i}</a> ' for i in range(1, pages + 1))
    page = '<!doctype html><html lang="en"><title>{0}</title><main><h1>{0}</h1>{1}</main>'
    (root / "index.html").write_text(page.format("Home", links + '<a href="busy.html">Busy</a>'))
    for name in [f"p{i}" for i in range(1, pages + 1)] + ["busy"]:
        (root / f"{name}.html").write_text(page.format(name, "<p>Walking boots.</p>"))
    (root / "cxcheck-serve.toml").write_text(routes)
    return root


def test_a_busy_answer_pauses_for_its_retry_after_then_the_page_is_loaded(tmp_path: Path) -> None:
    routes = '[[route]]\npath = "/busy.html"\nstatus = 503\ntimes = 2\nheaders = { "Retry-After" = "1" }\n'
    log = TimedLog()
    with serve_folder(_site(tmp_path / "site", routes), log=log) as served:
        report = run_engine(served.url, only=("page-health",)).report
    asks = log.when("GET /busy.html")
    busy = next(page for page in report.pages if path_of(page.url) == "/busy.html")

    assert (busy.status, busy.error) == (200, "")
    assert len(asks) == 3
    assert all(later - earlier >= 0.9 for earlier, later in itertools.pairwise(asks))
    assert not [f for f in report.findings if f.finding.rule == "http-error"]
    assert any("429/503" in note and "2 page loads" in note for note in report.notes)


def test_a_retry_after_too_long_to_wait_is_not_waited_for(tmp_path: Path) -> None:
    routes = '[[route]]\npath = "/busy.html"\nstatus = 429\nheaders = { "Retry-After" = "3600" }\n'
    log = TimedLog()
    with serve_folder(_site(tmp_path / "site", routes), log=log) as served:
        report = run_engine(served.url, only=("page-health",)).report
    busy = next(page for page in report.pages if path_of(page.url) == "/busy.html")
    assert busy.status == 429
    assert len(log.when("GET /busy.html")) == 1
    assert not any("429/503" in note for note in report.notes)


def test_rate_spaces_page_loads_across_all_workers(tmp_path: Path) -> None:
    log = TimedLog()
    with serve_folder(_site(tmp_path / "site", pages=8), log=log) as served:
        run_engine(served.url, only=("page-health",), rate=2, concurrency=4)
    starts = sorted(at for at, line in log.times if line.endswith(".html") or line == "GET /")
    assert len(starts) == 10  # home, eight pages, busy
    # Slots are 0.5 s apart; a request reaches the server a little after its slot, so each
    # span is checked with some slack: 9 gaps make 4.5 s, any 4 loads span 1.5 s.
    assert starts[-1] - starts[0] >= 4.0
    assert min(b - a for a, b in zip(starts, starts[3:], strict=False)) >= 1.2
