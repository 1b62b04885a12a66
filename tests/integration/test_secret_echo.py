"""A site that says every secret back: the basic-auth password, the `[auth]` header and cookie
values, `{secret:NAME}` values a journey types and opens, and the password of a
`user:password@` start URL, in its titles, headings, text, console, uncaught errors, links,
URLs and response headers. No output of cxcheck holds any of them: not the terminal, not
the five report formats, not the GitHub summary, not the journeys' screenshots (names and
bytes) and traces."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from cxcheck.cli import main
from cxcheck.masking import MASK
from tests.integration.test_journeys_cli import OUTPUTS, flags
from tests.local_servers import Answer, Asked, http_server

pytestmark = pytest.mark.usefixtures("chromium")

PASSWORD = "basic-Pass-88d1e4"
URL_PASSWORD = "url-pw-5b7e21"
TOKEN = "tok-7f3a9c-header"
COOKIE = "ck-51e0b2-session"
FROM_ENV = "env-c0ffee-4242"
TYPED = "typed-Hunter2-d00d"
OPENED = "opened-tok-a11ce"
SECRETS = (PASSWORD, URL_PASSWORD, TOKEN, COOKIE, FROM_ENV, TYPED, OPENED)


def _heard(asked: Asked) -> str:
    """Everything secret the request carried, as the page repeats it."""
    heard = [asked.headers.get("x-staging-token", ""), asked.headers.get("x-other", "")]
    heard.append(asked.headers.get("cookie", ""))
    basic = asked.headers.get("authorization", "").removeprefix("Basic ")
    if basic:
        heard += [basic, base64.b64decode(basic).decode(errors="replace")]
    query = parse_qs(urlsplit(asked.path).query)
    heard += [value for values in query.values() for value in values]
    return " ".join(part for part in heard if part)


def _echo(asked: Asked) -> Answer:
    if "authorization" not in asked.headers:  # ask for the basic-auth password
        return Answer(401, "sign in", {"WWW-Authenticate": 'Basic realm="staging"'})
    heard = _heard(asked)
    path = urlsplit(asked.path).path
    said = json.dumps(heard)
    quoted = quote(heard)
    body = (
        f"<!doctype html><html lang='en'><head><title>Hello {heard}</title></head><body>"
        f"<nav><a href='/gone?pw={quoted}'>Gone {heard}</a> <a href='/error'>Error</a>"
        f" <a href='/login'>Sign in</a></nav>"
        f"<main><h1>You said {heard}</h1><p>{heard}</p>"
        f"<form action='/search' method='get'><label>Password "
        f"<input type='password' name='pw'></label><button>Go</button></form>"
        f"<a href='/next?sid={quoted}'>Next</a></main>"
        f"<script>console.error('heard ' + {said}); throw new Error('boom ' + {said});</script>"
        "</body></html>"
    )
    headers = {"Content-Type": "text/html", "X-Echo": heard.replace("\n", " ")}
    status = 404 if path == "/gone" else 500 if path == "/error" else 200
    return Answer(status, body, headers)


JOURNEY = """Journey: Secrets said back
Start at: /login
Fill "Password" with "{secret:TYPED_PW}"
Take a screenshot "after {secret:TYPED_PW}"
Open "/search?token={secret:OPENED_TOKEN}"
Expect to see "words this page never says"
"""


def _outputs(workdir: Path, captured: pytest.CaptureFixture[str]) -> dict[str, bytes]:
    out = captured.readouterr()
    texts = {"stdout": out.out.encode(), "stderr": out.err.encode()}
    for path in workdir.rglob("*"):
        if "journeys" in path.parts and path.suffix == ".journey":
            continue  # the input, which names secrets only as {secret:NAME}
        texts[f"name of {path}"] = str(path).encode()
        if path.is_file() and path.name != "cxcheck.toml":
            texts[str(path)] = path.read_bytes()
    return texts


@pytest.mark.parametrize("basic_auth_from", ["config", "start URL"])
def test_no_secret_the_site_says_back_reaches_any_output(
    basic_auth_from: str,
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Chromium sends one basic-auth password: the start URL's wins over [auth]'s, so each
    # has a run of its own; everything else is the same in both.
    monkeypatch.setenv("STAGING_TOKEN", FROM_ENV)
    monkeypatch.setenv("TYPED_PW", TYPED)
    monkeypatch.setenv("OPENED_TOKEN", OPENED)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(workdir / "step-summary.md"))
    (workdir / "cxcheck.toml").write_text(
        f"""
[auth]
{'username = "qa"' if basic_auth_from == "config" else ""}
{f'password = "{PASSWORD}"' if basic_auth_from == "config" else ""}
headers = {{ "X-Staging-Token" = "{TOKEN}", "X-Other" = "{{secret:STAGING_TOKEN}}" }}
cookies = {{ "staging_session" = "{COOKIE}" }}
"""
    )
    (workdir / "journeys").mkdir()
    (workdir / "journeys" / "echo.journey").write_text(JOURNEY)
    with http_server(_echo) as site:
        start = site.url + "/"
        if basic_auth_from == "start URL":
            start = start.replace("://", f"://qa:{URL_PASSWORD}@")
        code = main(
            [
                *("check", start, "--journeys", "journeys", "--screenshots", "all"),
                *("--max-pages", "8", *flags(OUTPUTS)),
            ]
        )
    outputs = _outputs(workdir, capsys)

    assert code == 1, outputs["stderr"].decode()
    # The site did say them back: the secrets were sent, and the pages were read.
    sent = PASSWORD if basic_auth_from == "config" else URL_PASSWORD
    heard = {s for r in site.requests for s in SECRETS if s in _heard(r)}
    assert heard >= {sent, TOKEN, COOKIE, FROM_ENV, OPENED}, heard
    report = json.loads(outputs[str(workdir / OUTPUTS["--json"])])
    assert len(report["pages"]) >= 4
    assert any(p["status"] == 500 for p in report["pages"])
    assert len(outputs) >= 8  # terminal, five reports, the GitHub summary, screenshots
    assert [name for name in outputs if name.endswith(".png")], "no screenshot was taken"
    for value in SECRETS:
        forms = {value, quote(value, safe=""), base64.b64encode(f"qa:{value}".encode()).decode()}
        leaks = [
            where for where, data in outputs.items() for form in forms if form.encode() in data
        ]
        assert leaks == [], (value, leaks)
    # Masked where they stood: URLs keep their shape.
    assert f"sid={MASK}" in json.dumps(report, ensure_ascii=False)
    assert not list(workdir.rglob("trace.zip"))  # a trace would hold them in clear
    assert "No Playwright trace was kept" in outputs["stdout"].decode()
