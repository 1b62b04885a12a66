"""A start page that could not be read is never "ready": broken answers, refused ports and
TLS failures end the run with exit 3 and one line that says what happened; a choice of
checks that leaves none to run is exit 2. Servers written for each case, on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cxcheck.cli import main
from cxcheck.plugins import discover
from tests.local_servers import Answer, http_server, raw_server

pytestmark = pytest.mark.usefixtures("chromium")


def _error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, err
    return errors[0]


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        # The server hangs up in the middle of its headers: Chromium takes what came as a
        # whole answer, "200" with a content type cut short.
        (b"HTTP/1.1 200 OK\r\nContent-Type: text/ht", "not a web page"),
        (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Cut: off", "an empty page"),
        (b"HTTP/1.1 200 OK\r\n", "an empty page"),
        (b"", "the server sent an empty response"),
        (b"\x16\x03\x01 this is not HTTP at all \r\n\r\n", "not valid HTTP"),
    ],
    ids=["cut-in-a-header", "cut-after-a-header", "status-line-only", "nothing", "garbage"],
)
def test_a_broken_answer_from_the_start_page_is_exit_3(
    workdir: Path, capsys: pytest.CaptureFixture[str], reply: bytes, words: str
) -> None:
    with raw_server(reply) as url:
        code = main(["check", url, "--json", "r.json", "--page-timeout", "10"])
    line = _error_line(capsys)
    assert code == 3, line
    assert words in line
    assert not (workdir / "r.json").exists()  # no report that could say "ready"


def test_a_port_the_browser_refuses_is_exit_3_explained(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 6000 is X11's: Chromium never connects there, whether or not anything listens.
    code = main(["check", "http://127.0.0.1:6000/"])
    line = _error_line(capsys)
    assert code == 3, line
    assert "the browser refuses this port" in line
    assert "serve the site on another port" in line


def test_a_tls_handshake_that_fails_is_exit_3(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https:// to a server that speaks plain HTTP: the TLS handshake cannot succeed.
    with http_server(lambda asked: Answer(200, "<title>Plain</title>")) as site:
        code = main(["check", site.url.replace("http://", "https://") + "/"])
    line = _error_line(capsys)
    assert code == 3, line
    assert "TLS" in line or "SSL" in line


def test_a_start_page_that_is_no_web_page_is_exit_3(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = Answer(200, '{"api": true}', {"Content-Type": "application/json"})
    with http_server(lambda asked: answer) as site:
        code = main(["check", site.url + "/"])
    line = _error_line(capsys)
    assert code == 3, line
    assert '"application/json", not a web page' in line


@pytest.mark.parametrize(
    ("config", "flags"),
    [
        ("", ["--only", "page-health", "--skip", "page-health"]),
        ('[checks]\nonly = ["accessibility"]\n', ["--skip", "accessibility"]),
        (
            "[checks]\nskip = [" + ", ".join(f'"{item.name}"' for item in discover()) + "]\n",
            [],
        ),
    ],
    ids=["flags", "config-and-flag", "config"],
)
def test_a_choice_of_checks_that_leaves_none_is_exit_2(
    workdir: Path, capsys: pytest.CaptureFixture[str], config: str, flags: list[str]
) -> None:
    (workdir / "cxcheck.toml").write_text(config)
    code = main(["check", "http://127.0.0.1:9/", *flags])
    line = _error_line(capsys)
    assert code == 2, line
    assert "no check is left to run" in line


def test_a_playwright_driver_that_cannot_start_is_exit_3_in_one_line(tmp_path: Path) -> None:
    # Node.js refuses some NODE_OPTIONS outright, and Playwright's driver is a Node.js
    # process: the run cannot begin, and says so in one line (under Node's own), without a
    # traceback when the dead driver's pipe is cleaned up.
    env = {**os.environ, "NODE_OPTIONS": "--no-such-node-flag"}
    done = subprocess.run(
        [sys.executable, "-m", "cxcheck", "check", "http://127.0.0.1:9/"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "driver did not start" in errors[0], done.stderr
