"""Credentials from the config ([auth] headers, cookies, basic auth, {secret:NAME} values)
appear in no output: not the terminal, not any report format, not the GitHub summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxcheck.cli import main
from cxcheck.serve import serve_folder
from tests.integration.test_journeys_cli import OUTPUTS, flags

pytestmark = pytest.mark.usefixtures("chromium")

TOKEN = "tok-7f3a9c-staging-header"
COOKIE = "cookie-51e0b2-session-value"
PASSWORD = "basic-pass-88d1e4"
FROM_ENV = "env-secret-c0ffee-4242"


def _site(root: Path) -> Path:
    root.mkdir()
    (root / "index.html").write_text(
        '<!doctype html><html lang="en"><title>Staging</title><main><h1>Staging</h1>'
        '<a href="about.html">About</a></main>'
    )
    (root / "about.html").write_text(
        '<!doctype html><html lang="en"><title>About</title><main><h1>About</h1></main>'
    )
    return root


def test_auth_headers_cookies_and_passwords_never_appear_in_any_output(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("STAGING_TOKEN", FROM_ENV)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(workdir / "step-summary.md"))
    (workdir / "cxcheck.toml").write_text(
        f"""
[auth]
username = "qa"
password = "{PASSWORD}"
headers = {{ "X-Staging-Token" = "{TOKEN}", "X-Other" = "{{secret:STAGING_TOKEN}}" }}
cookies = {{ "staging_session" = "{COOKIE}" }}
"""
    )
    log: list[str] = []
    with serve_folder(_site(workdir / "site"), log=log) as served:
        code = main(["check", served.url, *flags(OUTPUTS)])
    captured = capsys.readouterr()

    assert code in (0, 1), captured.err
    assert any(line.startswith("GET /about.html") for line in log)  # the crawl went through
    texts = {"stdout": captured.out, "stderr": captured.err}
    reports = (".json", ".html", ".xml", ".sarif", ".md")
    for path in workdir.rglob("*"):
        if path.is_file() and path.suffix in reports and "site" not in path.parts:
            texts[str(path)] = path.read_text(errors="replace")
    assert len(texts) >= 7  # the terminal, five reports and the GitHub summary
    for value in (TOKEN, COOKIE, PASSWORD, FROM_ENV):
        assert [where for where, text in texts.items() if value in text] == [], value
