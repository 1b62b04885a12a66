"""data-safety in real Chromium against fixtures served by cxcheck.serve with the exact
headers, cookies and bodies under test (tests/sites/datasafety, its cxcheck-serve.toml):
every rule over https, the transport rules over http too, a look-alike site that must stay
silent, and the check's own requests: page loads and the listed probes, GET only, no form
ever sent.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from cxcheck.cli import main
from cxcheck.exposure import NOT_FOUND_PATH, WELL_KNOWN
from cxcheck.masking import MASK
from cxcheck.report.model import Report
from cxcheck.serve import serve_folder
from tests.conftest import TEST_SITES
from tests.integration.crawling import path_of, run_engine
from tests.integration.test_journeys_cli import OUTPUTS, flags

OPTIONS = {
    "data-safety": {
        "trackers": {"analytics.localhost": "Example Analytics"},
        "expected_hosts": ["forms.localhost", "cdn.localhost"],
    }
}
TRACK = "/track.html?order=7&email=ann%40example.org"
RESET_TOKEN = "Rz7kQpL9xW2v"
RESET = f"/reset.html?token={RESET_TOKEN}"
EXPECTED_OVER_HTTPS = {
    ("form-to-http", "/newsletter.html"),
    ("form-to-other-site", "/newsletter.html"),
    ("form-sends-secrets-in-url", "/old-login.html"),
    ("cookie-not-secure", "/account.html"),
    ("cookie-not-httponly", "/account.html"),
    ("cookie-no-samesite", "/account.html"),
    ("cookie-not-httponly", "/js-cookie.html"),
    ("session-id-in-url", "/links.html"),
    ("csp-allows-inline-script", "/weak-headers.html"),
    ("hsts-too-short", "/weak-headers.html"),
    ("referrer-policy-unsafe", "/weak-headers.html"),
    ("nosniff-missing", "/weak-headers.html"),
    ("framing-allowed", "/weak-headers.html"),
    ("csp-missing", "/no-csp.html"),
    ("hsts-missing", "/no-hsts.html"),
    ("referrer-policy-missing", "/no-referrer-policy.html"),
    ("personal-data-in-url", TRACK),
    ("personal-data-in-url", RESET),
    ("tracker-before-consent", "/others.html"),
    ("third-party", "/others.html"),
    ("third-party-cookies", "/search.html?q=boots"),
    ("third-party-cookies", TRACK),
    ("third-party-cookies", RESET),
    ("debug-page", "/debug-django.html"),
    ("debug-page", "/trace.html"),
    ("debug-page", "/java-error.html"),
    ("error-details", "/php-warning.html"),
    ("server-version", "/old-server.html"),
    ("exposed-git", "/"),
    ("exposed-env", "/"),
    ("exposed-ds-store", "/"),
    ("exposed-backup", "/"),
    ("exposed-server-status", "/"),
    ("exposed-phpinfo", "/"),
    ("directory-listing", "/"),
}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixtures, plus what no repository may hold: a .git folder, a .env, backups."""
    root = tmp_path_factory.mktemp("datasafety") / "site"
    shutil.copytree(TEST_SITES / "datasafety", root)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / ".env").write_text("APP_ENV=staging\nDB_PASSWORD=fixture-not-a-secret\n")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + b"\x00" * 64)
    with zipfile.ZipFile(root / "backup.zip", "w") as archive:
        archive.writestr("index.html", "<!doctype html><title>Old</title>")
    (root / "server-status").write_text(
        "<html><body><h1>Apache Server Status for 127.0.0.1</h1></body></html>"
    )
    (root / "info.php").write_text("<html><head><title>phpinfo()</title></head></html>")
    return root


@pytest.fixture(scope="module")
def https_report(fixture_site: Path) -> Iterator[Report]:
    with serve_folder(fixture_site) as served:
        yield run_engine(
            served.url, only=("data-safety",), options=OPTIONS, ignore_https_errors=True
        ).report


def found(report: Report) -> set[tuple[str, str]]:
    return {
        (group.finding.rule, path_of(page)) for group in report.findings for page in group.pages
    }


@pytest.mark.usefixtures("chromium")
def test_every_rule_is_found_on_its_fixture_and_nothing_else(https_report: Report) -> None:
    got = found(https_report)
    assert not got - EXPECTED_OVER_HTTPS, f"false positives: {sorted(got - EXPECTED_OVER_HTTPS)}"
    assert not EXPECTED_OVER_HTTPS - got, f"missed: {sorted(EXPECTED_OVER_HTTPS - got)}"


@pytest.mark.usefixtures("chromium")
def test_findings_name_what_they_saw_and_never_a_value(https_report: Report) -> None:
    by_rule = {(g.finding.rule, g.finding.target): g.finding for g in https_report.findings}
    text = " ".join(
        f"{g.finding.message} {g.finding.evidence} {g.finding.target}"
        for g in https_report.findings
    )
    for secret in (
        "7d1e2f3a4b5c",
        "x9y8z7",
        "fixture-not-a-secret",
        "A1B2C3D4E5F6",
        "ann@",
        "ann%40",
        RESET_TOKEN,
    ):
        assert secret not in text
    assert "the answer to /account.html" in by_rule[("cookie-not-secure", "sessionid")].message
    assert (
        "set by a script (/js-cookie.html)"
        in by_rule[("cookie-not-httponly", "auth_token")].message
    )
    tracker = by_rule[("tracker-before-consent", "analytics.localhost")]
    assert "Example Analytics" in tracker.message and "set cookies (_ex_id)" in tracker.message
    widget = by_rule[("third-party-cookies", "widgets.localhost")]
    assert "on 3 pages" in widget.message and "visitor" in widget.message
    env = next(g.finding for g in https_report.findings if g.finding.rule == "exposed-env")
    assert "2 settings: APP_ENV, DB_PASSWORD" in env.message


@pytest.mark.usefixtures("chromium")
def test_site_wide_problems_are_one_finding_listing_their_pages(https_report: Report) -> None:
    rules = [g.finding.rule for g in https_report.findings]
    assert rules.count("third-party-cookies") == 1
    assert rules.count("cookie-not-httponly") == 2  # two cookies
    assert rules.count("server-version") == 2  # Server and X-Powered-By


@pytest.mark.usefixtures("chromium")
def test_over_http_pages_with_personal_data_fields_are_blockers(fixture_site: Path) -> None:
    options = {"data-safety": {**OPTIONS["data-safety"], "local_http_is_secure": False}}
    with serve_folder(fixture_site) as served:
        http_url = served.url.replace("https://", "http://")
        report = run_engine(http_url, only=("data-safety",), options=options).report
    got = found(report)
    over_http = {page for rule, page in got if rule == "personal-data-over-http"}
    assert over_http == {"/login.html", "/newsletter.html", "/old-login.html", RESET}
    https_only = {"hsts-missing", "hsts-too-short", "cookie-not-secure", "form-to-http"}
    assert not {rule for rule, _ in got} & https_only
    assert ("cookie-not-httponly", "/account.html") in got


@pytest.mark.usefixtures("chromium")
def test_over_http_on_this_machine_the_transport_is_not_judged_by_default(
    fixture_site: Path,
) -> None:
    with serve_folder(fixture_site) as served:
        http_url = served.url.replace("https://", "http://")
        report = run_engine(http_url, only=("data-safety",), options=OPTIONS).report
    assert "personal-data-over-http" not in {g.finding.rule for g in report.findings}


@pytest.mark.usefixtures("chromium")
def test_a_site_that_answers_every_address_with_its_app_is_silent() -> None:
    with serve_folder(TEST_SITES / "datasafety-spa") as served:
        report = run_engine(served.url, only=("data-safety",), ignore_https_errors=True).report
    assert [(g.finding.rule, g.pages) for g in report.findings] == []
    assert len(report.pages) == 2


@pytest.mark.usefixtures("chromium")
def test_the_check_asks_only_for_pages_and_its_listed_paths_and_never_sends_a_form(
    fixture_site: Path,
) -> None:
    """A recording server: the requests of a crawl with data-safety, against the same crawl
    with page-health only. The difference is the probe's list, each once, GET only. (A page
    or file a loaded machine left out of the page-health crawl is a page load, not a probe.)"""
    logs: dict[str, list[str]] = {}
    loads: set[str] = set()
    for check in ("page-health", "data-safety"):
        log: list[str] = []
        with serve_folder(fixture_site, log=log) as served:
            report = run_engine(
                served.url,
                only=(check,),
                options={} if check == "page-health" else OPTIONS,
                ignore_https_errors=True,
            ).report
        logs[check] = log
        loads |= {f"GET {path_of(page.url)}" for page in report.pages}
    files = [f for f in fixture_site.rglob("*") if f.suffix in (".js", ".svg")]
    loads |= {f"GET /{f.relative_to(fixture_site).as_posix()}" for f in files}
    probes = {f"GET {path}" for path, _ in WELL_KNOWN} | {"GET /uploads/", "GET " + NOT_FOUND_PATH}
    seen = set(logs["page-health"]) | (loads - probes)
    extra = [line for line in logs["data-safety"] if line not in seen]
    assert set(extra) <= probes
    assert len(extra) == len(set(extra))  # each once
    assert set(extra) >= {"GET /.env", "GET /.git/HEAD", "GET /uploads/"}
    for log in logs.values():
        assert all(line.startswith("GET ") for line in log), [
            x for x in log if not x.startswith("GET ")
        ]
        paths = {urlsplit(line.split(" ", 1)[1]).path for line in log}
        assert not paths & {"/session", "/subscribe"}  # the forms' addresses


@pytest.mark.usefixtures("chromium")
def test_no_output_shows_a_token_the_site_puts_in_an_address(
    fixture_site: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The reset link's token is in the address of a crawled page: the terminal and every
    report name the page with the token masked, and the finding names the parameter only."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    code = main(["check", "--serve", str(fixture_site), "--only", "data-safety", *flags(OUTPUTS)])
    assert code == 1
    said = capsys.readouterr()
    written = [Path(path).read_text(encoding="utf-8") for path in OUTPUTS.values()]
    for text in (said.out, said.err, *written):
        assert RESET_TOKEN not in text
    report = json.loads(Path(OUTPUTS["--json"]).read_text(encoding="utf-8"))
    assert any(page["url"].endswith(f"/reset.html?token={MASK}") for page in report["pages"])
    leak = [
        f
        for f in report["findings"]
        if f["rule"] == "personal-data-in-url" and "reset.html" in f["url"]
    ]
    assert leak and "a token (token=…)" in leak[0]["message"]
