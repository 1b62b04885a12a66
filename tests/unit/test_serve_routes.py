"""Routes in cxcheck-serve.toml that plain files cannot express: extra headers and a
generated body (a large download without a large file in the repository)."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from cxcheck.errors import ConfigError
from cxcheck.serve import serve_folder
from cxcheck.serve_rules import load_settings

ROUTES = """
[[route]]
path = "/export"
body_kb = 300
headers = { "Content-Type" = "text/csv", "Content-Disposition" = "attachment" }

[[route]]
path = "/page.html"
headers = { "X-Robots-Tag" = "noindex" }
"""


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, int]]:
    (tmp_path / "page.html").write_text("<!doctype html><title>Page</title>")
    (tmp_path / "other.html").write_text("<!doctype html><title>Other</title>")
    (tmp_path / "cxcheck-serve.toml").write_text(ROUTES)
    with serve_folder(tmp_path) as served:
        address = urlsplit(served.url)
        yield address.hostname or "", address.port or 0


def fetch(site: tuple[str, int], method: str, path: str) -> tuple[http.client.HTTPResponse, bytes]:
    connection = http.client.HTTPConnection(*site, timeout=5)
    connection.request(method, path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_a_generated_body_has_the_size_and_headers_the_route_gives(site: tuple[str, int]) -> None:
    response, body = fetch(site, "GET", "/export")
    assert response.status == 200
    assert len(body) == 300 * 1024 == int(response.getheader("Content-Length") or 0)
    assert response.getheader("Content-Type") == "text/csv"
    assert response.getheader("Content-Disposition") == "attachment"


def test_head_of_a_generated_body_sends_the_headers_only(site: tuple[str, int]) -> None:
    response, body = fetch(site, "HEAD", "/export")
    assert (response.status, body) == (200, b"")
    assert response.getheader("Content-Length") == str(300 * 1024)


def test_route_headers_join_a_files_answer_and_stay_on_their_path(site: tuple[str, int]) -> None:
    page, body = fetch(site, "GET", "/page.html")
    assert page.getheader("X-Robots-Tag") == "noindex" and b"<title>Page" in body
    other, _ = fetch(site, "GET", "/other.html")
    assert other.getheader("X-Robots-Tag") is None


def test_wrong_typed_route_options_are_refused(tmp_path: Path) -> None:
    (tmp_path / "cxcheck-serve.toml").write_text('[[route]]\npath = "/x"\nbody_kb = "big"\n')
    with pytest.raises(ConfigError, match="body_kb"):
        load_settings(tmp_path)


SITE_WIDE = """
listing = false
fallback = "/app.html"

[headers]
X-Content-Type-Options = "nosniff"
Referrer-Policy = "no-referrer"

[[route]]
path = "/login.html"
cookies = ["sessionid=abc; HttpOnly", "theme=dark"]
headers = { "Referrer-Policy" = "", "Server" = "Apache/2.4.41 (Ubuntu)" }
"""


@pytest.fixture
def shaped_site(tmp_path: Path) -> Iterator[tuple[str, int]]:
    """A site with site-wide headers, cookies on a route, no listings and a fallback page."""
    for name in ("login.html", "app.html"):
        (tmp_path / name).write_text(f"<!doctype html><title>{name}</title>")
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "a.txt").write_text("a")
    (tmp_path / "cxcheck-serve.toml").write_text(SITE_WIDE)
    with serve_folder(tmp_path) as served:
        address = urlsplit(served.url)
        yield address.hostname or "", address.port or 0


def test_site_wide_headers_go_with_every_answer_and_a_route_can_leave_one_out(
    shaped_site: tuple[str, int],
) -> None:
    app, _ = fetch(shaped_site, "GET", "/app.html")
    assert app.getheader("X-Content-Type-Options") == "nosniff"
    assert app.getheader("Referrer-Policy") == "no-referrer"
    login, _ = fetch(shaped_site, "GET", "/login.html")
    assert login.getheader("X-Content-Type-Options") == "nosniff"
    assert login.getheader("Referrer-Policy") is None


def test_a_route_sets_each_cookie_in_a_header_of_its_own(shaped_site: tuple[str, int]) -> None:
    login, _ = fetch(shaped_site, "GET", "/login.html")
    assert login.msg.get_all("Set-Cookie") == ["sessionid=abc; HttpOnly", "theme=dark"]
    app, _ = fetch(shaped_site, "GET", "/app.html")
    assert app.getheader("Set-Cookie") is None


def test_the_server_names_no_version_unless_a_route_says_one(
    shaped_site: tuple[str, int], site: tuple[str, int]
) -> None:
    app, _ = fetch(shaped_site, "GET", "/app.html")
    assert app.msg.get_all("Server") == ["cxcheck-serve"]
    login, _ = fetch(shaped_site, "GET", "/login.html")
    assert login.msg.get_all("Server") == ["Apache/2.4.41 (Ubuntu)"]


def test_no_listing_and_a_fallback_answer_for_paths_without_a_file(
    shaped_site: tuple[str, int],
) -> None:
    folder, _ = fetch(shaped_site, "GET", "/files/")
    assert folder.status == 404
    missing, body = fetch(shaped_site, "GET", "/no/such/page")
    assert (missing.status, body) == (200, b"<!doctype html><title>app.html</title>")
    real, body = fetch(shaped_site, "GET", "/files/a.txt")
    assert (real.status, body) == (200, b"a")


def test_a_folder_lists_its_files_by_default(site: tuple[str, int], tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    listing, body = fetch(site, "GET", "/sub/")
    assert listing.status == 200 and b"Directory listing for /sub/" in body


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("listing = 1", "listing"),
        ('fallback = "app.html"', "fallback"),
        ("headers = 3", "headers"),
        ('[[route]]\npath = "/x"\ncookies = 5', "cookies"),
    ],
)
def test_wrong_site_wide_settings_are_refused(tmp_path: Path, toml: str, key: str) -> None:
    (tmp_path / "cxcheck-serve.toml").write_text(toml + "\n")
    with pytest.raises(ConfigError, match=key):
        load_settings(tmp_path)
