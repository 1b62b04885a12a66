"""Time limits and Ctrl-C: the run stops, and the report of what was done is kept."""

from __future__ import annotations

import json
import queue
import signal
import subprocess
import sys
import threading
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


def test_ctrl_c_writes_the_partial_report_and_exits_130(tmp_path: Path) -> None:
    site = slow_site(tmp_path / "site", pages=60, delay_ms=300)
    out = tmp_path / "partial.json"
    command = [sys.executable, "-m", "cxcheck", "check", "--serve", str(site), "--json", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stderr or ()])
    reader.start()
    # Interrupt once the crawl is under way, however long a busy machine takes to get there.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and "Checking" not in lines.get(timeout=60):
        pass
    time.sleep(3)
    process.send_signal(signal.SIGINT)
    process.wait(timeout=30)
    reader.join(timeout=5)
    err = "".join(lines.queue)

    assert process.returncode == 130, err
    assert "Traceback" not in err
    report = json.loads(out.read_text())
    assert report["complete"] is False
    assert 1 <= len(report["pages"]) < 60
