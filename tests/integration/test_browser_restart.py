"""A browser that dies mid-run is started again: the crawl carries on, the pages it was
loading are loaded again, and the report says so."""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cxcheck.serve import serve_folder
from tests.integration.test_termination import Run, cxcheck

pytestmark = [
    pytest.mark.usefixtures("chromium"),
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="walks /proc"),
]

PAGES = 7


def _site(root: Path) -> Path:
    """index -> p1..p7; p3 waits for a slow image (the moment the test kills the browser);
    p5 links to a missing page and p6 says "coming soon" (findings to compare)."""
    root.mkdir()
    links = "".join(f'<li><a href="p{i}.html">Page {i}</a></li>' for i in range(1, PAGES + 1))
    page = (
        '<!doctype html><html lang="en"><title>{title}</title><main><h1>{title}</h1>{body}</main>'
    )
    (root / "index.html").write_text(page.format(title="Home", body=f"<ul>{links}</ul>"))
    bodies = {
        3: '<img src="slow.svg" alt="A slow picture">',
        5: '<a href="missing.html">Old offers</a>',
        6: "<p>Coming soon: our new range.</p>",
    }
    for i in range(1, PAGES + 1):
        body = bodies.get(i, "<p>Nothing to see.</p>")
        (root / f"p{i}.html").write_text(page.format(title=f"Page {i}", body=body))
    (root / "slow.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    (root / "cxcheck-serve.toml").write_text('[[route]]\npath = "/slow.svg"\ndelay_ms = 1500\n')
    return root


def _browser_main(run: Run) -> int | None:
    """The pid of the browser process itself (not its renderers and helpers)."""
    for pid, _ in list(run.seen):
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--remote-debugging-pipe" in args and not any(a.startswith(b"--type=") for a in args):
            return pid
    return None


@contextmanager
def _killer(run: Run, log: list[str], times: int) -> Iterator[list[int]]:
    """Kill the browser each time the slow image is asked for, up to `times` times."""
    killed: list[int] = []
    stop = threading.Event()

    def watch() -> None:
        seen = 0
        while not stop.is_set() and len(killed) < times:
            asked = sum(1 for line in log if line.startswith("GET /slow.svg"))
            pid = _browser_main(run) if asked > seen else None
            if pid is not None and pid not in killed:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                seen = asked
            stop.wait(0.02)

    thread = threading.Thread(target=watch)
    thread.start()
    try:
        yield killed
    finally:
        stop.set()
        thread.join()


def _check(
    tmp_path: Path, name: str, kills: int, concurrency: int = 2
) -> tuple[dict, list[int], list[str]]:
    log: list[str] = []
    out = tmp_path / f"{name}.json"
    with serve_folder(_site(tmp_path / name), log=log) as served:
        # Page loads are counted: no device pass (it loads a page per template again on each
        # device) and no picture pass (it re-opens pages with findings) after the crawl.
        args = ("check", served.url, "--json", str(out), "--concurrency", str(concurrency))
        args += ("--skip", "devices", "--no-pictures")
        with cxcheck(*args, cwd=tmp_path) as run, _killer(run, log, kills) as killed:
            run.process.wait(timeout=120)
    assert "Traceback" not in run.err(), run.err()
    return json.loads(out.read_text()), killed, log


def _findings(report: dict) -> set[tuple[str, str, str]]:
    return {
        (finding["check"], finding["rule"], url.split("/", 3)[3])
        for finding in report["findings"]
        for url in finding["pages"]
    }


def test_the_browser_dying_mid_crawl_loses_no_page(tmp_path: Path) -> None:
    calm, _, _ = _check(tmp_path, "calm", kills=0)
    report, killed, log = _check(tmp_path, "killed", kills=1)

    assert len(killed) == 1
    assert report["complete"] is True
    assert sorted(p["url"].split("/", 3)[3] for p in report["pages"]) == sorted(
        p["url"].split("/", 3)[3] for p in calm["pages"]
    )
    assert all(not page.get("error") for page in report["pages"]), report["pages"]
    assert _findings(report) == _findings(calm)
    assert _findings(report) >= {("dead-navigation", "broken-link", "p5.html")}
    assert report["verdict"] == calm["verdict"] == "not ready"
    note = next(n for n in report["notes"] if "browser stopped" in n)
    assert "started again (once)" in note, note
    assert "/p3.html" in note  # the page it was loading, loaded again
    assert sum(1 for line in log if line.startswith("GET /p3.html")) == 2


def test_a_page_the_browser_dies_on_twice_is_reported_and_the_crawl_goes_on(
    tmp_path: Path,
) -> None:
    # One page at a time: only p3 is loading when the browser dies (with two, the page
    # beside it would go down twice as well).
    report, killed, _ = _check(tmp_path, "twice", kills=2, concurrency=1)

    assert len(killed) == 2
    pages = {page["url"].split("/", 3)[3]: page for page in report["pages"]}
    assert pages["p3.html"]["error"] == "the browser stopped while loading this page, twice"
    others = {f"p{i}.html" for i in range(1, PAGES + 1) if i != 3} | {""}
    assert others < set(pages)  # the home page and the six other pages, all read
    assert all(pages[path]["status"] == 200 and not pages[path]["error"] for path in others)
    assert any("started again (2 times)" in note for note in report["notes"])
