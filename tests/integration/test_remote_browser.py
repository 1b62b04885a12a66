"""--browser-endpoint: the pages run in a browser served by a Playwright browser server."""

from __future__ import annotations

import json
import select
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import playwright
import pytest
import redis
from playwright.sync_api import sync_playwright

from cxcheck.browser import LAUNCH_ARGS, bundled_chromium, choose_browser
from cxcheck.cli import main
from cxcheck.config import BrowserConfig
from tests.conftest import TEST_SITES

DRIVER = Path(playwright.__file__).parent / "driver"  # the node and playwright-core it ships


@pytest.fixture
def browser_server(chromium: None, tmp_path: Path) -> Iterator[str]:
    """A Playwright browser server, as a browser grid offers one, on the Chromium cxcheck
    would launch itself (so the two runs compare like with like), started with the node
    that comes inside the playwright package: no install beyond `make test`'s."""
    with sync_playwright() as driver:
        executable = choose_browser(BrowserConfig(), bundled_chromium(driver)).location
    node = DRIVER / "node"
    assert node.exists(), f"playwright {playwright.__version__} ships no node at {node}"
    log = (tmp_path / "browser-server.log").open("w+")
    process = subprocess.Popen(
        [
            str(node),
            str(Path(__file__).parent.parent / "browser_server.js"),
            str(DRIVER / "package"),
            executable,
            json.dumps(list(LAUNCH_ARGS)),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    assert process.stdin and process.stdout
    try:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        endpoint = process.stdout.readline().strip() if ready else ""
        if not endpoint.startswith("ws://127.0.0.1:"):
            process.kill()
            log.seek(0)
            pytest.fail(f"the browser server did not start ({endpoint!r}): {log.read()[-2000:]}")
        yield endpoint
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


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


def test_remote_browsers_as_a_pool_of_workers_of_one_run(
    browser_server: str, workdir: Path, redis_url: str
) -> None:
    """A pool of browsers: one worker of a shared run per browser (here a remote one and the
    local one), each with its own concurrency; the collected report is the local run's."""
    from cxcheck.serve import serve_folder

    with serve_folder(TEST_SITES / "crawl") as served:
        shared = ["--queue", redis_url, "--run", "pool", "-q"]
        remote = subprocess.Popen(
            [sys.executable, "-m", "cxcheck", "check", served.url, *shared, "--worker",
             "remote", "--browser-endpoint", browser_server, "--concurrency", "3"],
        )  # fmt: skip
        assert main(["check", served.url, *shared, "--worker", "local", "--concurrency", "1"]) == 0
        assert remote.wait(120) == 0
        assert main(["collect", *shared, "--json", "pool.json", "--no-pictures"]) == 1
        assert main(["check", served.url, "-q", "--json", "local.json", "--no-pictures"]) == 1
    pool = json.loads((workdir / "pool.json").read_text())
    local = json.loads((workdir / "local.json").read_text())
    client = redis.Redis.from_url(redis_url)
    for worker in ("remote", "local"):  # both browsers checked pages
        assert client.scard(f"cxcheck:{{pool}}:held:{worker}"), worker
    paths = lambda r: sorted(p["url"].split("/", 3)[3] for p in r["pages"])  # noqa: E731
    assert paths(pool) == paths(local)
    fingerprints = lambda r: sorted(f["fingerprint"] for f in r["findings"])  # noqa: E731
    assert fingerprints(pool) == fingerprints(local)
