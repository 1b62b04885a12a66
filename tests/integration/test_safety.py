"""The crawler and journeys leave the site as they found it (tests/sites/safety, real
Chromium): no form is ever submitted, sign-out links are not followed unless asked, a
download is checked by its status and never saved, and a journey uploads only the file it
names. Every assertion reads what the server saw (its request log) or what the browser left
on disk, not what cxcheck says it did.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from cxcheck.cli import main
from cxcheck.report.model import SKIP_REASONS, Report
from cxcheck.serve import serve_folder
from tests.conftest import ROOT, TEST_SITES
from tests.integration.crawling import run_engine

pytestmark = pytest.mark.usefixtures("chromium")

SITE = TEST_SITES / "safety"
PROBE = {"dead-navigation": {"click_probe": True}}
SIGN_OUT = ("/logout", "/account/sign-out?next=/")  # as the account pages link to them


@dataclass(frozen=True)
class Request:
    """One request the fixture server answered."""

    method: str
    path: str
    fields: frozenset[str]  # names in the query string

    @classmethod
    def of(cls, line: str) -> Request:
        method, target = line.split(" ", 1)
        parts = urlsplit(target)
        names = parse_qs(parts.query, keep_blank_values=True)
        return cls(method, parts.path, frozenset(names))


@dataclass
class Crawled:
    report: Report
    log: list[str]

    @property
    def requests(self) -> list[Request]:
        return [Request.of(line) for line in self.log]

    @property
    def paths(self) -> set[str]:
        return {request.path for request in self.requests}


def crawl(**crawl_options: object) -> Crawled:
    """Every check, the click probe on, on a fresh server with its own request log."""
    log: list[str] = []
    with serve_folder(SITE, log=log) as site:
        report = run_engine(site.url, options=PROBE, **crawl_options).report
    return Crawled(report, list(log))


@pytest.fixture(scope="module")
def default_crawl() -> Crawled:
    """One crawl with the default settings, shared by the tests that only read it."""
    return crawl()


# --- forms ------------------------------------------------------------------------------------


@dataclass
class Form:
    action: str  # the path the form sends to
    method: str
    fields: set[str] = field(default_factory=set)


class _Forms(HTMLParser):
    """The forms of a page as a browser would send them: action path, method, field names."""

    def __init__(self, page_path: str) -> None:
        super().__init__()
        self.page_path = page_path
        self.forms: list[Form] = []
        self._open: Form | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form":
            action = urlsplit(urljoin(self.page_path, values.get("action", ""))).path
            self._open = Form(action, values.get("method", "get").lower())
            self.forms.append(self._open)
        elif self._open is not None and values.get("name"):
            self._open.fields.add(values["name"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None


def forms_of(page_path: str) -> list[Form]:
    parser = _Forms(page_path)
    parser.feed((SITE / page_path.lstrip("/")).read_text())
    return parser.forms


def test_no_form_is_ever_submitted_even_by_the_click_probe(default_crawl: Crawled) -> None:
    """A crawl with every check and the click probe on never submits a form.

    Submitting would be a POST, or a GET of the form's action with the form's fields in the
    query. What is allowed, and expected, is a request to a form's action *without* its
    fields: the link-status capture checks the status of the site's own form actions (HEAD,
    then GET when HEAD is refused) so a form that posts to a missing page is reported; and a
    form without an action sends to its own page, which the crawl loads.
    """
    forms = forms_of("/forms.html")
    assert {form.method for form in forms} == {"get", "post"}
    requests = default_crawl.requests
    assert [r for r in requests if r.method not in ("GET", "HEAD")] == []
    for form in forms:
        to_action = [r for r in requests if r.path == form.action]
        assert to_action, f"the status of {form.action} was never checked"
        assert [r for r in to_action if r.fields & form.fields] == [], form
    # The probe did click both buttons whose scripts submit a form: each reports its click.
    clicked = sorted(line for line in default_crawl.log if line.startswith("GET /clicked?"))
    assert clicked == ["GET /clicked?control=next", "GET /clicked?control=quick"]


# --- logout-like links ------------------------------------------------------------------------


def test_sign_out_links_are_not_followed_by_default(default_crawl: Crawled) -> None:
    assert {"/blog/log-cabin.html", "/account/", "/account/orders.html"} <= default_crawl.paths
    assert default_crawl.paths.isdisjoint({urlsplit(link).path for link in SIGN_OUT})
    assert "/signed-out.html" not in default_crawl.paths  # where signing out leads
    assert default_crawl.report.skipped.get("avoided") == len(SIGN_OUT)
    assert SKIP_REASONS["avoided"] == "logout-like links not followed"


def test_an_empty_avoid_list_follows_sign_out_links() -> None:
    crawled = crawl(avoid=())
    for link in SIGN_OUT:
        assert f"GET {link}" in crawled.log
    assert "/signed-out.html" in crawled.paths
    assert "avoided" not in crawled.report.skipped


# --- downloads --------------------------------------------------------------------------------


@dataclass
class ArtifactWatch:
    """Polls Playwright's artifacts folders under a TMPDIR while a run goes: they are
    deleted when the browser closes, so looking afterwards would prove nothing."""

    tmpdir: Path
    folders: set[str] = field(default_factory=set)
    saved: dict[str, int] = field(default_factory=dict)  # file -> the most bytes seen
    _stop: threading.Event = field(default_factory=threading.Event)

    def poll(self) -> None:
        while not self._stop.wait(0.01):
            self.look()

    def look(self) -> None:
        for folder in self.tmpdir.glob("playwright-artifacts-*"):
            self.folders.add(folder.name)
            for file in folder.rglob("*"):
                try:
                    size = file.stat().st_size if file.is_file() else 0
                except OSError:  # deleted between listing and looking
                    continue
                if size:
                    self.saved[str(file)] = max(size, self.saved.get(str(file), 0))

    @contextmanager
    def running(self) -> Iterator[ArtifactWatch]:
        thread = threading.Thread(target=self.poll, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()
            self.look()


@pytest.fixture
def short_tmpdir() -> Iterator[Path]:
    """A fresh, empty TMPDIR with a short path: Chromium keeps a Unix socket in its profile
    folder there, and socket paths may not be much longer than 100 characters."""
    with tempfile.TemporaryDirectory(prefix="cxdl-") as folder:
        yield Path(folder)


def test_a_download_is_checked_by_status_and_never_saved(
    tmp_path: Path, short_tmpdir: Path
) -> None:
    """`/export` answers a 32 MB attachment. With downloads accepted, Playwright's driver
    would save it under $TMPDIR/playwright-artifacts-*; the crawl must save nothing there."""
    paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "TMPDIR": str(short_tmpdir), "PYTHONPATH": os.pathsep.join(paths)}
    log: list[str] = []
    watch = ArtifactWatch(short_tmpdir)
    with serve_folder(SITE, log=log) as site, watch.running():
        command = [sys.executable, "-m", "cxcheck", "check", site.url, "--only", "page-health"]
        run = subprocess.run(
            [*command, "--json", "report.json"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert run.returncode in (0, 1), run.stderr
    assert watch.folders, "Playwright did not use this TMPDIR, so the test proves nothing"
    assert "GET /export" in log  # the browser did follow the link, and the answer started
    assert watch.saved == {}
    pages = {
        page["url"]: page for page in json.loads((tmp_path / "report.json").read_text())["pages"]
    }
    export = pages[f"{site.url}export"]
    assert (export["status"], export["error"]) == (200, "")
    assert export["content_type"] == "text/csv"
    assert export["fcp_ms"] is None and export["requests"] == 0  # checked, not rendered


# --- journey uploads --------------------------------------------------------------------------


def run_journey(name: str, tmp_path: Path, log: list[str]) -> dict[str, Any]:
    """One journey of the fixture through `cxcheck journey run`; its JSON result."""
    report = tmp_path / f"{name}.json"
    with serve_folder(SITE, log=log) as site:
        main(
            [
                "journey",
                "run",
                str(SITE / "journeys" / name),
                "--base-url",
                site.url,
                "--json",
                str(report),
            ]
        )
    (journey,) = json.loads(report.read_text())["journeys"]
    return journey


def received(log: list[str]) -> list[tuple[str, str]]:
    """(name, size) of every file the upload page reported receiving."""
    requests = [urlsplit(line.split(" ", 1)[1]) for line in log if " /received?" in line]
    return [(parse_qs(r.query)["name"][0], parse_qs(r.query)["size"][0]) for r in requests]


@pytest.mark.usefixtures("workdir")
def test_a_click_that_opens_a_file_chooser_sends_no_file(tmp_path: Path) -> None:
    log: list[str] = []
    journey = run_journey("click-chooser.journey", tmp_path, log)
    assert journey["passed"], journey["steps"]
    clicked = journey["steps"][1]  # after Open
    assert "Choose a file" in clicked["text"] and clicked["status"] == "passed"
    assert received(log) == []


@pytest.mark.usefixtures("workdir")
def test_an_upload_step_sends_exactly_the_file_it_names(tmp_path: Path) -> None:
    log: list[str] = []
    journey = run_journey("upload-named.journey", tmp_path, log)
    assert journey["passed"], journey["steps"]
    named = SITE / "journeys" / "named.txt"
    assert received(log) == [("named.txt", str(named.stat().st_size))]
