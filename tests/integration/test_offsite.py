"""cxcheck sends no request to another site except the link check's status questions: not
when robots.txt, a sitemap, a file, a form's target, a page, a script or an asset redirects
there. The other site is a second port of 127.0.0.1 that records every request it gets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from cxcheck.cli import main
from tests.local_servers import Answer, Asked, Server, http_server

pytestmark = pytest.mark.usefixtures("chromium")


@dataclass
class Sites:
    site: Server
    other: Server


def _page(body: str, title: str = "A page") -> Answer:
    return Answer(200, f"<!doctype html><html lang='en'><title>{title}</title><main>{body}</main>")


def _site(other: str) -> dict[str, Answer]:
    """Every way the site has of sending cxcheck to `other`."""
    away = {"Content-Type": "text/html"}
    return {
        "/": _page(
            "<h1>Home</h1>"
            f"<a href='{other}/linked'>A link to another site</a>"
            "<a href='/go-away'>Moved</a> <a href='/guide.pdf'>Guide</a>"
            "<a href='/refresh.html'>Refresh</a> <a href='/script-away.html'>Script</a>"
            "<a href='/popup.html'>Popup</a> <a href='/about.html'>About</a>"
            "<img src='/img/small.png' srcset='/img/small.png 1x, /img/big.png 2x' alt='Logo'>"
            f"<form action='/send' method='post'><button>Send</button></form>"
        ),
        "/about.html": _page("<h1>About us</h1><p>Who we are.</p>", "About"),
        "/robots.txt": Answer(302, "", {**away, "Location": f"{other}/robots.txt"}),
        "/sitemap.xml": Answer(302, "", {**away, "Location": f"{other}/sitemap.xml"}),
        "/go-away": Answer(302, "", {**away, "Location": f"{other}/from-a-link"}),
        "/guide.pdf": Answer(302, "", {**away, "Location": f"{other}/guide.pdf"}),
        "/img/big.png": Answer(302, "", {**away, "Location": f"{other}/big.png"}),
        "/send": Answer(307, "", {**away, "Location": f"{other}/form-target"}),
        "/refresh.html": _page(f"<meta http-equiv='refresh' content='0; url={other}/refreshed'>"),
        "/script-away.html": _page(f"<script>location.href = '{other}/scripted';</script>"),
        "/popup.html": _page(f"<script>window.open('{other}/popup');</script>"),
        "/img/small.png": Answer(200, b"\x89PNG\r\n\x1a\n", {"Content-Type": "image/png"}),
    }


@pytest.fixture
def sites() -> Iterator[Sites]:
    with http_server(lambda asked: _page("<h1>Elsewhere</h1>", "Elsewhere")) as other:
        answers = _site(other.url)

        def answer(asked: Asked) -> Answer:
            return answers.get(urlsplit(asked.path).path, Answer(404, "<title>Not found</title>"))

        with http_server(answer) as site:
            yield Sites(site, other)


def _check(sites: Sites, workdir: Path, external: bool) -> dict:
    (workdir / "cxcheck.toml").write_text(
        f"[checks.dead-navigation]\nexternal = {str(external).lower()}\n"
    )
    code = main(["check", sites.site.url + "/", "--json", "r.json", "--page-timeout", "10"])
    assert code in (0, 1)
    return json.loads((workdir / "r.json").read_text())


def test_with_external_links_checked_only_link_status_questions_reach_another_site(
    sites: Sites, workdir: Path
) -> None:
    report = _check(sites, workdir, external=True)

    asked = set(sites.site.paths)
    # The site was crawled, and asked for everything that sends cxcheck elsewhere.
    for path in ("/robots.txt", "/go-away", "/guide.pdf", "/refresh.html", "/img/big.png"):
        assert any(line.endswith(" " + path) for line in asked), path
    # The other site heard only the link check: the link to it, and the picture and the
    # form's target on the site that redirect to it (README: what leads to other sites is
    # asked for its status, HEAD then GET to confirm).
    allowed = {f"{m} /{p}" for m in ("HEAD", "GET") for p in ("linked", "big.png", "form-target")}
    assert set(sites.other.paths) <= allowed, sites.other.paths
    assert "HEAD /linked" in sites.other.paths
    pages = {urlsplit(p["url"]).path: p for p in report["pages"]}
    assert pages["/guide.pdf"]["final_url"] == sites.other.url + "/guide.pdf"  # recorded only


def test_with_external_off_nothing_at_all_reaches_another_site(sites: Sites, workdir: Path) -> None:
    _check(sites, workdir, external=False)

    assert any(line.endswith(" /img/big.png") for line in sites.site.paths)  # asked on the site
    # cxcheck's own requests ask the other site nothing. The browser rendering the page on a
    # phone's high-density screen (the devices check) picks the srcset's 2x picture and
    # follows its redirect, as a customer's phone does: that GET is the page's, not ours.
    assert set(sites.other.paths) <= {"GET /big.png"}, sites.other.paths


def test_a_start_page_that_redirects_to_another_site_is_exit_3_naming_it(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with http_server(lambda asked: _page("<h1>Sign in</h1>", "Sign in")) as sso:
        to_sso = Answer(302, "", {"Location": f"{sso.url}/login?next=/"})
        with http_server(lambda asked: to_sso) as site:
            code = main(["check", site.url + "/", "--json", "r.json"])
    err = capsys.readouterr().err

    assert code == 3, err
    assert f"redirects to {sso.url}/login?next=/" in err
    assert f"cxcheck check {sso.url}/" in err  # how to check that site, if it is the one
    assert "[auth]" in err  # how to sign in first, if it is a sign-in page
    assert [line for line in err.splitlines() if line.startswith("error:")] == [
        err.strip().splitlines()[-1]
    ]  # one line says it all (after the "Checking ..." one)
    assert sso.paths == []  # robots.txt and the sitemap were not asked for there either
    assert not (workdir / "r.json").exists()


def test_other_sites_never_get_the_sites_auth_headers_cookies_or_password(
    workdir: Path,
) -> None:
    # The other site asks for a password, as a sign-in wall does: it must not get the site's.
    def other_answer(asked: Asked) -> Answer:
        if "authorization" not in asked.headers:
            return Answer(401, "", {"WWW-Authenticate": 'Basic realm="other"'})
        return Answer(200, "<title>Other</title>")

    def site_answer(asked: Asked) -> Answer:
        if "authorization" not in asked.headers:
            return Answer(401, "", {"WWW-Authenticate": 'Basic realm="staging"'})
        return _page(f"<h1>Home</h1><a href='{other.url}/linked'>Partner</a>", "Home")

    (workdir / "cxcheck.toml").write_text(
        '[auth]\nusername = "qa"\npassword = "staging-pass-1234"\n'
        'headers = { "X-Staging-Token" = "tok-9a8b7c" }\n'
        'cookies = { "staging_sid" = "sid-5e6f7a" }\n'
    )
    with http_server(other_answer) as other, http_server(site_answer) as site:
        code = main(["check", site.url + "/", "--json", "r.json"])
    assert code in (0, 1)
    assert any(r.headers.get("x-staging-token") == "tok-9a8b7c" for r in site.requests)
    assert "HEAD /linked" in other.paths  # the link check asked, as it should
    for asked in other.requests:
        assert "x-staging-token" not in asked.headers, asked
        assert "authorization" not in asked.headers, asked
        assert "sid-5e6f7a" not in asked.headers.get("cookie", ""), asked
