"""--browser-endpoint: the pages run in a browser served by a Playwright browser server."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import playwright
import pytest

from cxcheck.browser import LAUNCH_ARGS, SYSTEM_BROWSERS
from cxcheck.cli import main
from tests.conftest import TEST_SITES

DRIVER = Path(playwright.__file__).parent / "driver"


@pytest.fixture
def browser_server() -> Iterator[str]:
    chromium = next(filter(None, map(shutil.which, SYSTEM_BROWSERS)), None)
    if chromium is None:
        pytest.skip("needs a system Chromium for the browser server")
    process = subprocess.Popen(
        [
            str(DRIVER / "node"),
            str(Path(__file__).parent.parent / "browser_server.js"),
            str(DRIVER / "package"),
            chromium,
            json.dumps(list(LAUNCH_ARGS)),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        endpoint = process.stdout.readline().strip()
        assert endpoint.startswith("ws://127.0.0.1:"), endpoint
        yield endpoint
    finally:
        process.stdin.close()
        process.wait(timeout=20)


@pytest.mark.usefixtures("chromium")
def test_a_remote_browser_run_equals_a_local_one(
    browser_server: str, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = str(TEST_SITES / "crawl")
    assert main(["check", "--serve", site, "-q", "--json", "local.json"]) == 1
    remote = ["check", "--serve", site, "-q", "--json", "remote.json"]
    assert main([*remote, "--browser-endpoint", browser_server]) == 1

    local_report = json.loads((workdir / "local.json").read_text())
    remote_report = json.loads((workdir / "remote.json").read_text())
    assert remote_report["browser"].startswith("a remote browser at ws://127.0.0.1:")
    paths = lambda r: sorted(p["url"].split("/", 3)[3] for p in r["pages"])  # noqa: E731
    assert paths(remote_report) == paths(local_report)
    fingerprints = lambda r: sorted(f["fingerprint"] for f in r["findings"])  # noqa: E731
    assert fingerprints(remote_report) == fingerprints(local_report)


@pytest.mark.usefixtures("workdir")
def test_an_endpoint_that_does_not_answer_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "http://127.0.0.1:1/", "--browser-endpoint", "ws://127.0.0.1:1/"])
    assert code == 3
    assert "could not start a remote browser at ws://127.0.0.1:1/" in capsys.readouterr().err
