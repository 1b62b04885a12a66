"""SIGTERM stops a run as Ctrl-C does (exit 143, partial report), and no exit leaves a
browser process behind."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cxcheck.serve import serve_folder
from tests.integration.test_limits import slow_site

pytestmark = [
    pytest.mark.usefixtures("chromium"),
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="walks /proc"),
]

BROWSER_NAMES = ("chrom", "headless_shell")  # chrome, chromium, chrome_crashpad...


def _stat(pid: int) -> tuple[str, str, int, str] | None:
    """(name, state, parent pid, start time) of a live process, None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1 : text.rindex(")")]
    rest = text[text.rindex(")") + 2 :].split()
    return name, rest[0], int(rest[1]), rest[19]


def _descendants(root: int) -> dict[tuple[int, str], str]:
    """{(pid, start time): name} of every process below `root`."""
    children: dict[int, list[tuple[int, str, str]]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))) is not None:
            name, _, parent, start = stat
            children.setdefault(parent, []).append((int(entry), start, name))
    found: dict[tuple[int, str], str] = {}
    todo = [root]
    while todo:
        for pid, start, name in children.get(todo.pop(), ()):
            found[(pid, start)] = name
            todo.append(pid)
    return found


def _alive(process: tuple[int, str]) -> bool:
    stat = _stat(process[0])
    # Same pid and start time (not a reused pid), and not a zombie waiting to be reaped.
    return stat is not None and stat[3] == process[1] and stat[1] not in ("Z", "X")


@dataclass
class Run:
    """A `python -m cxcheck` subprocess, its stderr and every process it started."""

    process: subprocess.Popen[str]
    lines: queue.Queue[str] = field(default_factory=queue.Queue)
    seen: dict[tuple[int, str], str] = field(default_factory=dict)

    def wait_for_stderr(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if text in self.lines.get(timeout=0.5):
                    return
            except queue.Empty:
                if self.process.poll() is not None:
                    break
        pytest.fail(f"no {text!r} on stderr: {self.err()}")

    def wait_until(self, ready: Callable[[], bool], what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not ready():
            if time.monotonic() > deadline or self.process.poll() is not None:
                pytest.fail(f"never {what}: {self.err()}")
            time.sleep(0.05)

    def browsers_seen(self) -> list[str]:
        return [name for name in self.seen.values() if name.startswith(BROWSER_NAMES)]

    def err(self) -> str:
        return "".join(self.lines.queue)


@contextmanager
def cxcheck(*args: str, cwd: Path) -> Iterator[Run]:
    """Run cxcheck; on the way out, wait for it and check nothing it started outlives it."""
    command = [sys.executable, "-m", "cxcheck", *args]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd, env=env
    )
    run = Run(process)
    done = threading.Event()

    def watch() -> None:  # every process below cxcheck, while it runs
        while not done.is_set() and process.poll() is None:
            run.seen.update(_descendants(process.pid))
            time.sleep(0.02)

    readers = [
        threading.Thread(target=lambda: [run.lines.put(line) for line in process.stderr or ()]),
        threading.Thread(target=lambda: (process.stdout or ()).read()),  # type: ignore[union-attr]
        threading.Thread(target=watch),
    ]
    for thread in readers:
        thread.start()
    try:
        yield run
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        done.set()
        for thread in readers:
            thread.join(timeout=5)
    # A browser told to close may take a moment to go; one that stays is an orphan.
    deadline = time.monotonic() + 5
    while (left := [p for p in run.seen if _alive(p)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    orphans = {pid: run.seen[(pid, start)] for pid, start in left}
    for pid in orphans:  # don't leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert not orphans, f"left running after cxcheck exited: {orphans}"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """A slow chain of 60 pages served here, and the log of what was requested."""
    log: list[str] = []
    with serve_folder(slow_site(tmp_path / "site", pages=60, delay_ms=300), log=log) as served:
        yield served.url, log


def _stop_mid_crawl(
    tmp_path: Path, site: tuple[str, list[str]], sig: signal.Signals
) -> tuple[Run, dict[str, object]]:
    url, log = site
    out = tmp_path / "partial.json"
    with cxcheck("check", url, "--json", str(out), cwd=tmp_path) as run:
        run.wait_for_stderr("Checking")
        # Page 2 is asked for once page 1 is loaded and checked: the report has pages.
        run.wait_until(lambda: "GET /p2.html" in log, "got to page 2")
        assert run.browsers_seen(), run.seen
        sent = time.monotonic()
        run.process.send_signal(sig)
        run.process.wait(timeout=30)
        stopped_in = time.monotonic() - sent
    assert "Traceback" not in run.err()
    assert stopped_in < 15, f"took {stopped_in:.1f}s to stop"
    return run, json.loads(out.read_text())


def test_sigterm_writes_the_partial_report_and_exits_143(
    tmp_path: Path, site: tuple[str, list[str]]
) -> None:
    run, report = _stop_mid_crawl(tmp_path, site, signal.SIGTERM)

    assert run.process.returncode == 143, run.err()
    assert "terminated" in run.err()
    assert report["complete"] is False
    assert 1 <= len(report["pages"]) < 60  # type: ignore[arg-type]


def test_ctrl_c_still_exits_130_and_leaves_no_browser(
    tmp_path: Path, site: tuple[str, list[str]]
) -> None:
    run, report = _stop_mid_crawl(tmp_path, site, signal.SIGINT)

    assert run.process.returncode == 130, run.err()
    assert report["complete"] is False


def test_sigterm_before_the_crawl_exits_143(tmp_path: Path) -> None:
    # Stopped while the browser starts, or just after: no report, but the same exit code.
    site = slow_site(tmp_path / "site", pages=2, delay_ms=0)
    with cxcheck("check", "--serve", str(site), cwd=tmp_path) as run:
        run.wait_until(lambda: bool(run.seen), "started a browser")
        run.process.send_signal(signal.SIGTERM)
        run.process.wait(timeout=30)
    assert run.process.returncode == 143, run.err()
    assert "Traceback" not in run.err()


def _handles_sigterm(pid: int) -> bool:
    """The process has a SIGTERM handler of its own (bit 15 of SigCgt in /proc)."""
    status = Path(f"/proc/{pid}/status").read_text()
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) & (1 << (signal.SIGTERM - 1)))


def test_sigterm_while_cxcheck_is_still_loading_exits_143(tmp_path: Path) -> None:
    # The first instant the process can hear it: before the command line is even imported.
    with cxcheck("check", "http://127.0.0.1:9/", cwd=tmp_path) as run:
        run.wait_until(lambda: _handles_sigterm(run.process.pid), "set a SIGTERM handler", 30)
        run.process.send_signal(signal.SIGTERM)
        run.process.wait(timeout=30)
    assert run.process.returncode == 143, run.err()
    assert "terminated" in run.err()
    assert "Traceback" not in run.err()


def test_a_finished_run_leaves_no_browser(tmp_path: Path) -> None:
    site = slow_site(tmp_path / "site", pages=3, delay_ms=0)
    with cxcheck("check", "--serve", str(site), "--json", "r.json", cwd=tmp_path) as run:
        pass
    assert run.process.returncode in (0, 1), run.err()
    assert json.loads((tmp_path / "r.json").read_text())["complete"] is True
    assert run.browsers_seen(), run.seen


def test_an_unreachable_site_exits_3_and_leaves_no_browser(tmp_path: Path) -> None:
    with socket.socket() as free:  # a port nobody listens on
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    with cxcheck("check", f"http://127.0.0.1:{port}/", cwd=tmp_path) as run:
        pass
    assert run.process.returncode == 3, run.err()
    assert "Traceback" not in run.err()
    assert run.browsers_seen(), run.seen
