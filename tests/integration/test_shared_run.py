"""A run shared by workers through a real Redis (`check --queue`, `collect`): three workers
as separate processes, one killed mid-run, and the collected report says what one machine
says; and the bad cases (queue unreachable, a finished run, another site under one run id)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from cxcheck.cli import main
from cxcheck.serve import serve_folder
from tests.integration.trail_site import PLANTED as TRAIL_PLANTED
from tests.integration.trail_site import facts, trail_site
from tests.redis_server import free_port

pytestmark = pytest.mark.usefixtures("chromium")

PAGES = 48
PLANTED = {
    **TRAIL_PLANTED,
    33: '<a href="p2.html#no-such-part">Jump to the map</a>',
    41: '<a href="missing-41.html">Winter routes</a>',
}
# Not slow-pages (timing follows the machine's load) nor devices (one page per template among
# the pages each worker checked: docs/scale.md), as for shards.
SKIP = ["--skip", "slow-pages", "--skip", "devices", "--no-pictures"]


def _site(root: Path) -> Path:
    return trail_site(root, PAGES, PLANTED, delay_ms=150)


def _worker(
    url: str, queue: str, run: str, name: str, folder: Path, *args: str
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "cxcheck", "check", url, "--queue", queue, "--run", run,
               "--worker", name, "--lease", "3", "--concurrency", "2", *SKIP, *args]  # fmt: skip
    log = (folder / f"{name}.log").open("wb")
    # A session of its own: killing the worker's group kills its Chromium too.
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def _held(client: redis.Redis, run: str, name: str) -> int:
    return int(client.scard(f"cxcheck:{{{run}}}:held:{name}"))  # type: ignore[arg-type]


JOURNEY = """Journey: Read the second guide
Open "/"
Click the "Trail guide 2" link
Expect to see "Routes, maps and weather for walk 2"
"""


def test_three_workers_one_killed_report_as_one_machine(tmp_path: Path, redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    journey = tmp_path / "guide.journey"
    journey.write_text(JOURNEY)
    with serve_folder(_site(tmp_path / "site")) as served:
        args = ("--journeys", str(journey), "--timings")
        # w3 starts first, so that it surely holds pages when it dies: started together, w1
        # and w2 could finish the site before a slow-starting w3 took any (seen on a busy CI
        # machine). w1 and w2 start while w3 works, and w3 dies while they open their browsers.
        w3 = _worker(served.url, redis_url, "r1", "w3", tmp_path, *args)
        deadline = time.monotonic() + 120
        while _held(client, "r1", "w3") < 2:
            assert time.monotonic() < deadline, "worker w3 never took a page"
            assert w3.poll() is None, (tmp_path / "w3.log").read_text()
            time.sleep(0.05)
        workers = [_worker(served.url, redis_url, "r1", f"w{i}", tmp_path, *args) for i in (1, 2)]
        workers.append(w3)
        os.killpg(w3.pid, signal.SIGKILL)
        codes = [w.wait(300) for w in workers[:2]]
        workers[2].wait(10)
        logs = {w: (tmp_path / f"{w}.log").read_text() for w in ("w1", "w2", "w3")}
        assert codes == [0, 0], logs
        for name in ("w1", "w2"):  # a worker hands its pages over and stops there:
            assert "pages checked for run 'r1'" in logs[name], logs[name]
            assert "Where the time went" in logs[name], logs[name]
            # the site-wide checks (progress line, --timings row) are collect's alone
            assert "site-wide" not in logs[name], logs[name]
        collected = tmp_path / "all.json"
        collect_code = main(
            ["collect", "--queue", redis_url, "--run", "r1", "--json", str(collected), "-q"]
        )
        whole = tmp_path / "whole.json"
        whole_code = main(
            ["check", served.url, "--json", str(whole), "-q", "--journeys", str(journey), *SKIP]
        )
    report, single = json.loads(collected.read_text()), json.loads(whole.read_text())

    assert facts(report) == facts(single)
    assert (collect_code, report["verdict"]) == (whole_code, single["verdict"]) == (1, "not ready")
    assert report["complete"] and report["settings"]["run"] == "r1"
    # Each page is in the report once, though w3's were checked again by w1 and w2.
    assert len({p["url"] for p in report["pages"]}) == len(report["pages"]) >= PAGES
    assert any("w3" in note and "stopped answering" in note for note in report["notes"])
    # The journey ran once, in collect, as in the single run.
    ran = [(j["name"], j["passed"]) for j in report["journeys"]]
    assert (
        ran
        == [(j["name"], j["passed"]) for j in single["journeys"]]
        == [("Read the second guide", True)]
    )
    # The finished run takes no more workers.
    code = main(["check", served.url, "--queue", redis_url, "--run", "r1", *SKIP])
    assert code == 2


def test_queue_unreachable_is_one_line_and_exit_3(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    queue = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    with serve_folder(_site(workdir / "site")) as served:
        code = main(["check", served.url, "--queue", queue, "--run", "r2", *SKIP])
    err = capsys.readouterr().err
    assert code == 3
    assert "cannot reach the queue" in err and "Traceback" not in err
    assert main(["collect", "--queue", queue, "--run", "r2"]) == 3


def test_another_site_under_one_run_id_is_refused(
    capsys: pytest.CaptureFixture[str], workdir: Path, redis_url: str
) -> None:
    with serve_folder(_site(workdir / "a")) as site_a, serve_folder(_site(workdir / "b")) as b:
        client = redis.Redis.from_url(redis_url)
        # Run r3 is started by a worker of site a; a worker of site b is refused at once.
        first = _worker(site_a.url, redis_url, "r3", "a1", workdir)
        try:
            deadline = time.monotonic() + 60
            while not client.exists("cxcheck:{r3}:meta"):
                assert time.monotonic() < deadline and first.poll() is None
                time.sleep(0.05)
            capsys.readouterr()
            code = main(["check", b.url, "--queue", redis_url, "--run", "r3", *SKIP])
            err = capsys.readouterr().err
        finally:
            first.wait(120)
    assert code == 2
    assert f"is a run of {site_a.url}" in err.replace("\n", "")


def test_shared_run_usage_errors(capsys: pytest.CaptureFixture[str], workdir: Path) -> None:
    url = "http://127.0.0.1:9/"
    assert main(["check", url, "--queue", "redis://127.0.0.1:9/0"]) == 2
    assert main(["check", url, "--queue", "redis://127.0.0.1:9/0", "--run", "x", "--json",
                 "r.json"]) == 2  # fmt: skip
    assert main(["check", url, "--queue", "http://nope", "--run", "x"]) == 2
    assert main(["collect", "--run", "x"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "belong to `cxcheck collect`" in err.replace("\n", "")


def test_collect_of_a_run_no_worker_started(
    capsys: pytest.CaptureFixture[str], redis_url: str
) -> None:
    code = main(["collect", "--queue", redis_url, "--run", "nobody-started", "--wait", "0"])
    assert code == 2
    assert "there is no run 'nobody-started'" in capsys.readouterr().err.replace("\n", "")


def test_ctrl_c_on_a_worker_gives_its_pages_back(tmp_path: Path, redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    with serve_folder(_site(tmp_path / "site")) as served:
        worker = _worker(served.url, redis_url, "r4", "w1", tmp_path)
        deadline = time.monotonic() + 120
        while _held(client, "r4", "w1") < 2:
            assert time.monotonic() < deadline and worker.poll() is None
            time.sleep(0.05)
        worker.send_signal(signal.SIGINT)
        code = worker.wait(60)
    prefix = "cxcheck:{r4}:"
    assert code == 130, (tmp_path / "w1.log").read_text()
    assert client.hget(f"{prefix}workers", "w1") == b"lost"
    assert not client.exists(f"{prefix}held:w1", f"{prefix}taken:w1")
    assert int(client.llen(f"{prefix}queue")) >= 2  # type: ignore[arg-type]
    assert "went back to the queue" in (tmp_path / "w1.log").read_text()
