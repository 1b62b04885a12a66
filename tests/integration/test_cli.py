"""The command line, run in-process: exit codes and the words a user sees."""

from __future__ import annotations

import json
import shutil
import socket
import tomllib
from pathlib import Path

import pytest

from cxcheck.cli import main
from cxcheck.plugins import discover
from cxcheck.serve import serve_folder
from tests.conftest import SAMPLE_SITES, TEST_SITES


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.usefixtures("chromium", "workdir")
def test_clean_site_is_ready(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--serve", str(SAMPLE_SITES / "clean")])
    out = capsys.readouterr().out
    assert code == 0
    assert "READY" in out
    assert "NOT READY" not in out


@pytest.mark.usefixtures("chromium")
def test_shop_is_not_ready_and_writes_the_json_report(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", "--serve", str(SAMPLE_SITES / "shop"), "--json", "out/report.json"])
    out = capsys.readouterr().out
    assert code == 1
    assert "NOT READY" in out
    assert "Blocks launch" in out
    report = json.loads((workdir / "out" / "report.json").read_text())
    assert report["schema"] == 1
    assert report["verdict"] == "not ready"
    assert report["summary"]["pages"] == len(report["pages"]) > 5


@pytest.mark.usefixtures("chromium", "workdir")
def test_unreachable_start_url_exits_3_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", f"http://127.0.0.1:{closed_port()}/"])
    err = capsys.readouterr().err
    assert code == 3
    assert "could not reach" in err
    assert "connection refused" in err
    assert "Traceback" not in err


@pytest.mark.usefixtures("chromium", "workdir")
def test_a_start_url_that_never_answers_exits_3_within_the_page_timeout(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with socket.socket() as silent:  # accepts connections (the backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        code = main(["check", f"http://127.0.0.1:{port}/", "--page-timeout", "2"])
    err = capsys.readouterr().err
    assert code == 3
    assert "could not reach" in err
    assert "no answer within 2 s" in err
    assert "Traceback" not in err


@pytest.mark.usefixtures("chromium")
def test_a_self_signed_certificate_is_refused_unless_told(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = workdir / "site"
    shutil.copytree(SAMPLE_SITES / "clean", site)
    served_as = site / "cxcheck-serve.toml"  # its headers stay; tls adds a self-signed certificate
    served_as.write_text("tls = true\n" + served_as.read_text())
    with serve_folder(site) as served:
        refused = main(["check", served.url])
        refused_err = capsys.readouterr().err
        accepted = main(["check", served.url, "--ignore-https-errors"])
    assert refused == 3
    assert "TLS certificate not accepted" in refused_err
    assert "--ignore-https-errors" in refused_err
    assert "Is the site running?" not in refused_err
    assert accepted == 0


@pytest.mark.usefixtures("workdir")
@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("staging.example.com", "add the scheme, e.g. https://staging.example.com"),
        ("ftp://example.com/", "only http:// and https://"),
        ("http://127.0.0.1:port/", "port is not a number"),
        ("not a url", "expected something like https://"),
    ],
)
def test_invalid_url_exits_2_with_a_reason(
    url: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", url]) == 2
    err = capsys.readouterr().err
    assert words in err
    assert "Traceback" not in err


@pytest.mark.usefixtures("workdir")
def test_no_url_at_all_says_what_to_give(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert "Give a URL" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        (
            '[crawl]\nmax_pages = 10\nmax_page = "ten"\n',
            'cxcheck.toml:3: [crawl] unknown option "max_page"; known: avoid, click_probe, concurrency,',
        ),
        ('[crawl]\nconcurrency = "four"\n', 'concurrency: expected a whole number, got "four"'),
        ("[crawl\nmax_pages = 3\n", "cxcheck.toml: "),
        ("[crawling]\nmax_pages = 3\n", "cxcheck.toml:1: unknown section [crawling]"),
        (
            '[checks.page-health]\nignore_consol = ["x"]\n',
            '[checks.page-health] unknown option "ignore_consol"; known: ignore_console',
        ),
        (
            '[checks.page-health]\nseverity = { console-error = "huge" }\n',
            '"huge" is not a severity',
        ),
        ("[checks.no-such-check]\nx = 1\n", "[checks.no-such-check] names no check"),
        ('[report]\nfail_on = "sometimes"\n', 'fail_on: "sometimes" is not one of: blocker'),
    ],
)
def test_bad_config_is_one_line_naming_file_and_key(
    workdir: Path, toml: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "cxcheck.toml").write_text(toml)
    assert main(["check", "http://127.0.0.1:1/"]) == 2
    err = capsys.readouterr().err
    assert words in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


@pytest.mark.usefixtures("workdir")
def test_negative_concurrency_flag_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "http://127.0.0.1:1/", "--concurrency", "-1"]) == 2
    assert "concurrency" in capsys.readouterr().err


@pytest.mark.usefixtures("workdir")
def test_unknown_check_in_only_suggests_a_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "http://127.0.0.1:1/", "--only", "page-helth"]) == 2
    assert 'did you mean "page-health"' in capsys.readouterr().err


@pytest.mark.usefixtures("workdir")
def test_missing_config_file_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "http://127.0.0.1:1/", "--config", "nope.toml"]) == 2
    assert "nope.toml not found" in capsys.readouterr().err


def test_unwritable_json_path_fails_before_crawling(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "a-file").write_text("")
    code = main(["check", f"http://127.0.0.1:{closed_port()}/", "--json", "a-file/r.json"])
    assert code == 2
    assert "cannot write a-file/r.json" in capsys.readouterr().err


@pytest.mark.usefixtures("chromium", "workdir")
def test_skip_leaves_no_check_running(capsys: pytest.CaptureFixture[str]) -> None:
    # A run that checks nothing would say "ready" (issue 18): it is a usage error instead.
    site = str(TEST_SITES / "crawl")
    skip = ["--skip", ",".join(c.name for c in discover())]
    assert main(["check", "--serve", site, *skip, "--quiet"]) == 2
    assert "no check is left to run" in capsys.readouterr().err


@pytest.mark.usefixtures("chromium", "workdir")
def test_fail_on_blocker_lets_major_findings_pass(capsys: pytest.CaptureFixture[str]) -> None:
    site = str(TEST_SITES / "crawl")
    only = ["--only", "page-health"]
    assert main(["check", "--serve", site, *only, "--quiet"]) == 1
    assert main(["check", "--serve", site, *only, "--quiet", "--fail-on", "blocker"]) == 0


@pytest.mark.usefixtures("chromium", "workdir")
def test_config_file_options_apply_and_flags_override_them(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "cxcheck.toml").write_text(
        '[crawl]\nmax_pages = 2\n[report]\nfail_on = "blocker"\n[checks]\nonly = ["page-health"]\n'
    )
    site = str(TEST_SITES / "crawl")
    assert main(["check", "--serve", site, "--json", "a.json", "--quiet"]) == 0
    assert len(json.loads((workdir / "a.json").read_text())["pages"]) == 2
    assert main(["check", "--serve", site, "--json", "b.json", "--max-pages", "4", "-q"]) == 0
    assert len(json.loads((workdir / "b.json").read_text())["pages"]) == 4


def test_init_writes_every_option_and_refuses_to_overwrite(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init"]) == 0
    text = (workdir / "cxcheck.toml").read_text()
    assert tomllib.loads(text)  # parses as written
    for option in ("max_pages", "concurrency", "fail_on", "respect_robots", "ignore_console"):
        assert f"# {option} = " in text
    assert "[checks.page-health]" in text
    assert main(["init"]) == 2
    assert "already exists" in capsys.readouterr().err


def test_checks_lists_name_origin_and_description(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checks"]) == 0
    out = capsys.readouterr().out
    assert "page-health" in out
    assert "built-in" in out
    assert "HTTP error" in out


def test_checks_lists_local_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mine.py").write_text(
        "class Mine:\n    name = 'my-check'\n    description = 'Mine.'\n"
        "    needs = frozenset()\n    def check_page(self, page, ctx):\n        return []\n"
    )
    assert main(["checks", "--checks-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "my-check" in out
    assert "local" in out


@pytest.mark.usefixtures("chromium")
def test_doctor_names_the_browser(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "browser:" in out
    assert "version:" in out


def test_doctor_without_a_browser_exits_3_and_says_how_to_get_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["doctor", "--browser-path", "/nonexistent/chrome"]) == 3
    assert "/nonexistent/chrome not found" in capsys.readouterr().err


@pytest.mark.usefixtures("workdir")
def test_a_browser_that_fails_is_one_line_and_exit_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "fake-chrome"
    fake.write_text("#!/bin/sh\necho 'this is not a browser' >&2\nexit 1\n")
    fake.chmod(0o755)
    code = main(["check", "http://127.0.0.1:1/", "--browser-path", str(fake)])
    err = capsys.readouterr().err
    assert code == 3
    assert "could not start the browser you configured" in err
    assert "Traceback" not in err


@pytest.mark.usefixtures("chromium")
def test_click_probe_flag_runs_the_probe_and_says_so(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = workdir / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html lang="en"><title>Shop</title><main><h1>Shop</h1>'
        '<button id="later">Save for later</button></main>'
        "<script>document.getElementById('later').onclick = () => {};</script></html>"
    )
    args = ["check", "--serve", str(site), "--only", "dead-navigation", "--json", "r.json"]
    assert main(args) == 0  # a listener: the static check cannot call it dead
    assert main([*args, "--click-probe"]) == 1
    report = json.loads((workdir / "r.json").read_text())
    assert [f["rule"] for f in report["findings"]] == ["dead-control"]
    assert any(note.startswith("Click probe: clicked 1 controls") for note in report["notes"])
    assert "Click probe" in capsys.readouterr().out


@pytest.mark.usefixtures("chromium", "workdir")
def test_timings_show_where_each_page_s_time_went(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--serve", str(SAMPLE_SITES / "clean"), "--timings", "-q"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Where the time went:" in out and "pages/s" in out
    for phase in (
        "navigation (until load)",
        "capture: DOM, text and links",
        "capture: axe",
        "check: page-health",
        "after the crawl: link-status",
    ):
        assert phase in out, phase
