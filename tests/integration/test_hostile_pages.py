"""Pages that misbehave (freeze, nag, open windows, crash, never end) never break a crawl.

Each hostile page of tests/sites/hostile is crawled with the real Chromium. What a user
checks: the run ends, the hostile page is in the report with its outcome in plain words,
and the ordinary pages reached after it (/ok-1.html, /ok-2.html) are still crawled and
checked. A second server stands for "another site": no popup or redirect may reach it.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cxcheck.findings import GroupedFinding
from cxcheck.report.model import NOT_READY, PageResult, Report
from cxcheck.serve import serve_folder
from tests.conftest import TEST_SITES
from tests.integration.crawling import path_of, run_engine

pytestmark = pytest.mark.usefixtures("chromium")

PAGE_TIMEOUT_S = 3
# Generous: each hostile page may cost two page timeouts and a tab replaced; a hang is hours.
RUN_LIMIT_S = 240
HUGE_BYTES = 50 * 1024 * 1024
HOSTILE = (
    "/loop-after-load.html",
    "/loop-during-load.html",
    "/alert.html",
    "/confirm.html",
    "/popup.html",
    "/moves-on.html",
    "/moves-away.html",
    "/feed.html",
    "/cookies.html",
    "/never-finishes.html",
)
ORDINARY = ("/ok-1.html", "/ok-2.html")
# The link to another site is the popup page's; its status is not asked for, so the other
# site's log shows any request a popup or a script's redirect made.
NO_EXTERNAL = {"dead-navigation": {"external": False}}
# Pages the hostile pages substitute the other site's address into.
POINTS_ELSEWHERE = ("popup.html", "moves-away.html")


class SignallingLog(list[str]):
    """A request log that wakes a waiting test when a request for `path` arrives."""

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.path = path
        self.seen = threading.Event()

    def append(self, line: str) -> None:
        super().append(line)
        if self.path and line.split(" ", 1)[-1] == self.path:
            self.seen.set()


@dataclass
class Served:
    url: str
    log: list[str]
    other_log: list[str]


@contextmanager
def served_hostile_site(
    tmp_path: Path, log: list[str] | None = None, huge: bool = False
) -> Iterator[Served]:
    """The fixture in a temporary copy (`huge`: with its 50 MB page, made now), and
    "another site"."""
    other_root = tmp_path / "other"
    other_root.mkdir()
    for name in ("popup.html", "offer.html", "away.html"):
        (other_root / name).write_text("<title>Another site</title>")
    other_log: list[str] = []
    with serve_folder(other_root, log=other_log) as other:
        site = tmp_path / "site"
        shutil.copytree(TEST_SITES / "hostile", site)
        for name in POINTS_ELSEWHERE:
            file = site / name
            file.write_text(file.read_text().replace("{{OTHER}}", other.url.rstrip("/")))
        if huge:
            write_huge_page(site / "huge.html")
        log = log if log is not None else []
        with serve_folder(site, log=log) as served:
            yield Served(served.url, log, other_log)


def write_huge_page(file: Path) -> None:
    """About 50 MB: long paragraphs of words, each ending in a link to a page of its own."""
    words = "customers scroll past this sentence again and again " * 160
    with file.open("w") as out:
        out.write("<!doctype html><html lang='en'><title>Huge</title><h1>A huge page</h1>\n")
        written, n = 0, 0
        while written < HUGE_BYTES:
            line = f"<p>{n}: {words}<a href='/deep/{n}.html'>More {n}</a></p>\n"
            out.write(line)
            written += len(line)
            n += 1
        out.write("</html>\n")


def crawl(
    url: str,
    only: tuple[str, ...] = (),
    options: dict[str, Any] | None = None,
    **crawl_options: Any,
) -> Report:
    """Crawl with small timeouts, one page at a time; fail (not hang) if it never ends."""
    settings = {
        "concurrency": 1,
        "page_timeout_s": PAGE_TIMEOUT_S,
        "settle_ms": 300,
        "max_depth": 2,
        "max_pages": 24,  # the endless feed would fill any number
        "max_unrendered_pages": 0,  # and none is read past it
        "sitemaps": False,
        **crawl_options,
    }
    outcome: list[Report | BaseException] = []

    def run() -> None:
        try:
            outcome.append(run_engine(url, only, options, **settings).report)
        except BaseException as error:
            outcome.append(error)

    # A daemon thread: a hung crawl fails the test instead of holding pytest at exit.
    worker = threading.Thread(target=run, name="hostile-crawl", daemon=True)
    worker.start()
    worker.join(RUN_LIMIT_S)
    if worker.is_alive():
        pytest.fail(f"the crawl of {url} did not end within {RUN_LIMIT_S} s")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def pages_of(report: Report) -> dict[str, PageResult]:
    """Pages by path, also by the paths that redirected (or sent the tab) to them."""
    return {
        path_of(url): page for page in report.pages for url in (page.url, *page.redirected_from)
    }


def visit_order(report: Report) -> list[str]:
    """Paths in the order the crawl reached them (a page's other addresses beside it)."""
    return [path_of(url) for page in report.pages for url in (page.url, *page.redirected_from)]


def findings_on(report: Report, path: str) -> list[GroupedFinding]:
    return [group for group in report.findings if path in {path_of(p) for p in group.pages}]


def rules_on(report: Report, path: str) -> set[str]:
    return {group.finding.rule for group in findings_on(report, path)}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, Report]]:
    """One crawl of the hostile site with every check, shared by the cases that do not
    disturb other pages."""
    with served_hostile_site(tmp_path_factory.mktemp("hostile")) as served:
        yield served, crawl(served.url, options=NO_EXTERNAL)


def assert_ordinary_pages_checked(report: Report) -> None:
    """/ok-1.html and /ok-2.html were loaded and checked as any page is."""
    pages = pages_of(report)
    for path in ORDINARY:
        assert pages[path].status == 200, path
        assert pages[path].error == "", path
        assert pages[path].title.startswith("Ordinary page"), path
    assert "page-health" not in {g.finding.check for g in findings_on(report, "/ok-1.html")}
    # The planted console error shows page-health ran on the page.
    assert "console-error" in rules_on(report, "/ok-2.html")


def finding(report: Report, path: str, rule: str) -> GroupedFinding:
    (found,) = [group for group in findings_on(report, path) if group.finding.rule == rule]
    return found


def broken_link_to(report: Report, path: str) -> GroupedFinding:
    """The one finding about a page the crawl reached through links and could not load: the
    broken link to it (cxcheck/overlaps.py), not a second one about the page itself."""
    about = [g for g in report.findings if path_of(g.finding.target) == path]
    (found,) = about
    assert found.finding.rule == "broken-link"
    return found


def test_ordinary_pages_after_the_hostile_ones_are_still_crawled_and_checked(
    hostile: tuple[Served, Report],
) -> None:
    _, report = hostile
    visited = visit_order(report)
    assert set(HOSTILE) <= set(visited)
    assert min(visited.index(path) for path in ORDINARY) > max(map(visited.index, HOSTILE))
    assert_ordinary_pages_checked(report)


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/loop-after-load.html", "its scripts kept the browser tab busy for over 3 s"),
        ("/loop-during-load.html", "the page did not finish loading within 3 s"),
    ],
)
def test_a_page_that_freezes_its_tab_is_reported_in_plain_words(
    hostile: tuple[Served, Report], path: str, words: str
) -> None:
    _, report = hostile
    assert words in pages_of(report)[path].error
    assert words in broken_link_to(report, path).finding.message


def test_the_page_after_a_frozen_one_loads_normally_in_a_new_tab(
    hostile: tuple[Served, Report],
) -> None:
    """The frozen tab is replaced: the very next page is read whole, on time."""
    _, report = hostile
    visited = [path_of(page.url) for page in report.pages]
    after = report.pages[visited.index("/loop-during-load.html") + 1]
    assert after.error == ""
    assert after.title


@pytest.mark.parametrize(
    ("path", "title", "words"),
    [
        ("/alert.html", "Alert", "opens an alert dialog as it loads: “Welcome!”"),
        ("/confirm.html", "Confirm", "opens a confirm dialog as it loads: “Accept our cookies?”"),
    ],
)
def test_a_page_that_opens_a_dialog_is_read_and_the_dialog_reported(
    hostile: tuple[Served, Report], path: str, title: str, words: str
) -> None:
    _, report = hostile
    page = pages_of(report)[path]
    assert (page.status, page.error, page.title) == (200, "", title)
    assert words in finding(report, path, "opens-dialog").finding.message


def test_popups_are_blocked_before_any_request_and_reported(
    hostile: tuple[Served, Report],
) -> None:
    served, report = hostile
    page = pages_of(report)["/popup.html"]
    assert (page.status, page.error) == (200, "")
    message = finding(report, "/popup.html", "opens-popup").finding.message
    assert "tries to open 3 new windows" in message
    assert served.other_log == []
    # The popup for /ok-2.html never loaded it: the only visit is the crawl's own.
    assert served.log.count("GET /ok-2.html") == 1


def test_a_page_that_moves_on_by_itself_is_not_reported_as_broken(
    hostile: tuple[Served, Report],
) -> None:
    """Read where it landed, or before it moved (a race the page runs): never an error."""
    _, report = hostile
    page = pages_of(report)["/moves-on.html"]
    assert (page.status, page.error) == (200, "")
    assert path_of(page.final_url) in ("/landing.html", "/moves-on.html")
    assert "load-failed" not in rules_on(report, "/moves-on.html")


def test_a_page_that_sends_the_tab_to_another_site_never_reaches_it(
    hostile: tuple[Served, Report],
) -> None:
    served, report = hostile
    page = pages_of(report)["/moves-away.html"]
    assert page.error == ""
    assert served.other_log == []
    if not page.final_url.startswith(served.url):  # it moved before it was read
        assert page.final_url.endswith("/away.html")


def test_an_endless_feed_ends_at_max_pages(hostile: tuple[Served, Report]) -> None:
    _, report = hostile
    feed = pages_of(report)["/feed.html"]
    assert (feed.status, feed.error) == (200, "")
    assert len(report.pages) == 24
    assert report.skipped["max-pages"] >= 1
    # /feed?page=N redirects to /feed/?page=N (a folder): the same page by a trailing slash.
    assert any(path.startswith(("/feed?page=", "/feed/?page=")) for path in pages_of(report))


def test_thousands_of_cookies_break_nothing(hostile: tuple[Served, Report]) -> None:
    _, report = hostile
    visited = [path_of(page.url) for page in report.pages]
    cookies = visited.index("/cookies.html")
    assert pages_of(report)["/cookies.html"].error == ""
    for page in report.pages[cookies + 1 :]:
        if path_of(page.url) != "/never-finishes.html":
            assert (page.status, page.error) == (200, ""), page.url


def test_a_page_that_never_finishes_loading_is_read_and_reported(
    hostile: tuple[Served, Report],
) -> None:
    _, report = hostile
    page = pages_of(report)["/never-finishes.html"]
    assert page.error == "the page did not finish loading within 3 s"
    assert (page.status, page.title) == (200, "Never finishes")  # what arrived was read
    message = broken_link_to(report, "/never-finishes.html").finding.message
    assert "did not finish loading within 3 s" in message


def test_a_start_page_that_answers_500_makes_the_site_not_ready(tmp_path: Path) -> None:
    with served_hostile_site(tmp_path) as served:
        report = crawl(served.url + "error-500.html", only=("page-health",))
    start = pages_of(report)["/error-500.html"]
    assert (start.status, start.error) == (500, "")
    assert "answers 500" in finding(report, "/error-500.html", "http-error").finding.message
    assert report.verdict == NOT_READY
    assert pages_of(report)["/ok-1.html"].status == 200


def test_a_start_page_that_freezes_is_loaded_and_reported_once(
    tmp_path: Path,
) -> None:
    with served_hostile_site(tmp_path) as served:
        report = crawl(served.url + "loop-during-load.html", only=("page-health",))
        asked = served.log.count("GET /loop-during-load.html")
    urls = [path_of(page.url) for page in report.pages]
    assert urls.count("/loop-during-load.html") == 1  # not loaded again by a worker
    # Loaded once; its HTML asked for once more, to read its links (the frozen tab keeps
    # its copy: a hung renderer answers nothing, not even for the bytes it received).
    assert asked == 2
    assert "did not finish loading" in pages_of(report)["/loop-during-load.html"].error


def test_a_50_mb_page_is_read_in_part_and_reported_as_too_large(tmp_path: Path) -> None:
    """Only page-health runs: measuring a 50 MB page three times over is slow-pages' job."""
    with served_hostile_site(tmp_path, huge=True) as served:
        tracemalloc.start()
        try:
            report = crawl(
                served.url + "huge-home.html", ("page-health",), page_timeout_s=30, max_pages=6
            )
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    page = pages_of(report)["/huge.html"]
    assert (page.status, page.error) == (200, "")
    assert "too large to read whole" in finding(report, "/huge.html", "too-large").finding.message
    assert_ordinary_pages_checked(report)
    # The 50 MB stay in the browser: only the first 5 MB of HTML and of text cross over
    # (~90 MB at the peak, in transit); reading the page whole takes over 600 MB.
    assert peak < 200 * 2**20, f"{peak / 2**20:.0f} MB at the peak"


def renderers_of(root: int) -> list[int]:
    """Chromium renderer processes started (through Playwright's driver) by `root`."""
    parents: dict[int, int] = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parents[int(entry)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    found = []
    for pid in parents:
        ancestor = parents.get(pid, 0)
        while ancestor not in (0, 1, root):
            ancestor = parents.get(ancestor, 0)
        if ancestor == root and b"--type=renderer" in _cmdline(pid):
            found.append(pid)
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="walks /proc")
def test_a_tab_that_crashes_while_loading_is_reported_and_the_crawl_goes_on(
    tmp_path: Path,
) -> None:
    """The page holds its load open on a script; the test kills the renderers meanwhile
    (one page at a time: the only page loading is the crash page)."""
    log = SignallingLog("/slow/crash.js")
    killed: list[int] = []

    def crash_when_the_script_is_asked_for() -> None:
        if log.seen.wait(RUN_LIMIT_S):
            for pid in renderers_of(os.getpid()):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

    with served_hostile_site(tmp_path, log) as served:
        killer = threading.Thread(target=crash_when_the_script_is_asked_for, daemon=True)
        killer.start()
        report = crawl(served.url + "crash-home.html", ("page-health",), page_timeout_s=10)
        log.seen.set()  # the killer ends either way
        killer.join()
    assert killed, "no renderer was found to kill"
    page = pages_of(report)["/crash.html"]
    assert page.error == "the browser tab crashed while loading the page"
    message = finding(report, "/crash.html", "load-failed").finding.message
    assert "crashed while loading" in message
    assert_ordinary_pages_checked(report)
