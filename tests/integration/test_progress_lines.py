"""What `cxcheck check` prints while it works when nobody watches a terminal: plain progress
lines at least every 15 s through a slow crawl (CI logs); and Ctrl-C as a terminal sends it
(to the whole process group, the browser's driver too) prints its one line, nothing else."""

from __future__ import annotations

import itertools
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cxcheck.serve import serve_folder
from tests.integration.test_limits import slow_site

pytestmark = [pytest.mark.usefixtures("chromium")]

PAGES, DELAY_MS = 4, 5000  # a chain of slow pages: the crawl takes over 20 s whatever the CPU


def start(*args: str, cwd: Path) -> tuple[subprocess.Popen[str], list[tuple[float, str]]]:
    """`python -m cxcheck` with stdout and stderr piped, in a process group of its own (as a
    terminal's job); its stderr lines with the moment each arrived."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    process = subprocess.Popen(
        [sys.executable, "-m", "cxcheck", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=env,
        start_new_session=True,
    )
    lines: list[tuple[float, str]] = []

    def read() -> None:
        for line in process.stderr or ():
            lines.append((time.monotonic(), line.rstrip("\n")))

    threading.Thread(target=read, daemon=True).start()
    threading.Thread(target=lambda: (process.stdout or ()).read(), daemon=True).start()  # type: ignore[union-attr]
    return process, lines


def wait_for(lines: list[tuple[float, str]], text: str, process: subprocess.Popen[str]) -> float:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        for moment, line in list(lines):
            if text in line:
                return moment
        time.sleep(0.1)
    pytest.fail(f"no {text!r} on stderr: {lines}")


def test_piped_output_gets_progress_lines_through_a_slow_crawl(tmp_path: Path) -> None:
    root = slow_site(tmp_path / "site", pages=PAGES, delay_ms=DELAY_MS)
    with serve_folder(root) as served:
        process, lines = start(
            "check", served.url, "--only", "page-health", "--no-pictures", cwd=tmp_path
        )
        try:
            assert process.wait(timeout=300) == 0
        finally:
            if process.poll() is None:
                process.kill()
    time.sleep(0.2)  # the reader thread's last lines
    texts = [text for _, text in lines]
    began = next(at for at, text in lines if text.startswith("Checking "))
    crawled = next(at for at, text in lines if "progress: finishing the crawl" in text)
    assert crawled - began > 15, texts  # the crawl took longer than the promise
    during = [(at, text) for at, text in lines if began <= at <= crawled]
    crawling = [text for _, text in during if text.startswith("progress: checking pages: ")]
    assert crawling, texts
    assert all(
        re.fullmatch(r"progress: checking pages: \d+ of \d+ pages? checked.*", t) for t in crawling
    )
    gaps = [b - a for (a, _), (b, _) in itertools.pairwise(during)]
    assert max(gaps) <= 15, (gaps, texts)


def test_ctrl_c_from_a_terminal_prints_one_line_and_nothing_else(tmp_path: Path) -> None:
    root = slow_site(tmp_path / "site", pages=30, delay_ms=400)
    with serve_folder(root) as served:
        process, lines = start("check", served.url, "--json", "r.json", cwd=tmp_path)
        try:
            wait_for(lines, "progress: checking pages", process)
            pressed = time.monotonic()
            os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C in a terminal: the whole job
            assert process.wait(timeout=60) == 130
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
    time.sleep(0.2)
    after = [text for at, text in lines if at >= pressed]
    assert after == ["interrupted: the report covers what was done so far"], after
    assert (tmp_path / "r.json").is_file()
