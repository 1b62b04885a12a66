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
