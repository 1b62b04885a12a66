"""Ctrl-C at any moment: one line and exit 130, never a traceback; during a crawl the partial
report is written, however many times Ctrl-C is pressed after the first."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest

from tests.integration.test_termination import _handles_sigterm, cxcheck, site  # noqa: F401

pytestmark = [
    pytest.mark.usefixtures("chromium"),
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="walks /proc"),
]


def _interrupted_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("interrupted")]


@pytest.mark.parametrize("after_s", [0.0, 0.05, 0.2, 0.6, 1.2])
def test_ctrl_c_while_cxcheck_starts_is_one_line_and_130(tmp_path: Path, after_s: float) -> None:
    # From the moment the console script has its handlers (the first thing it does) through
    # importing Playwright and starting the browser: never a traceback.
    with cxcheck("check", "http://127.0.0.1:9/", cwd=tmp_path) as run:
        run.wait_until(lambda: _handles_sigterm(run.process.pid), "set its handlers", 30)
        time.sleep(after_s)
        run.process.send_signal(signal.SIGINT)
        run.process.wait(timeout=30)
    err = run.err()
    assert "Traceback" not in err
    if run.process.returncode == 3:  # it got to "could not reach" before the signal came
        return
    # 130, or ended by the SIGINT itself (-2), which a shell and CI report as 130 too: since
    # the command's modules load lazily, a Ctrl-C ~0.6 s in sometimes ends it so, after its
    # one line (cause not found yet; the closing note of issue 24 says so).
    assert run.process.returncode in (130, -signal.SIGINT), err
    assert len(_interrupted_lines(err)) == 1, err


@pytest.mark.parametrize("presses", [2, 6])
def test_more_ctrl_cs_do_not_stop_the_partial_report(
    tmp_path: Path,
    site: tuple[str, list[str]],  # noqa: F811 - the fixture, imported above
    presses: int,
) -> None:
    url, log = site
    out = tmp_path / "partial.json"
    with cxcheck("check", url, "--json", str(out), cwd=tmp_path) as run:
        run.wait_for_stderr("Checking")
        run.wait_until(lambda: "GET /p2.html" in log, "got to page 2")
        for _ in range(presses):  # as an impatient person does: 150 ms apart
            run.process.send_signal(signal.SIGINT)
            time.sleep(0.15)
        run.process.wait(timeout=30)
    err = run.err()
    assert run.process.returncode == 130, err
    assert "Traceback" not in err
    report = json.loads(out.read_text())
    assert report["complete"] is False
    assert 1 <= len(report["pages"]) < 60
