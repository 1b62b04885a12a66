"""The served sign-in area (`[session]` in cxcheck-serve.toml), spoken to over plain HTTP."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from cxcheck.errors import ConfigError
from cxcheck.serve import serve_folder
from cxcheck.serve_rules import load_settings
from tests.conftest import SAMPLE_SITES

SESSION = """
[session]
protected = ["/account/*"]
email = "tester@northwind.test"
password = "correct horse"
"""
Site = tuple[str, int]  # host, port
PAGES = {
    "index.html": "<p>Home</p>",
    "account/login.html": "<p>Sign in</p>",
    "account/index.html": "<p>Your orders</p>",
    "account/orders/1.html": "<p>Order 1</p>",
}


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """A folder with a sign-in area, served; yields (host, port)."""
    for name, body in PAGES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"<!doctype html><title>t</title>{body}")
    (tmp_path / "cxcheck-serve.toml").write_text(SESSION)
    with serve_folder(tmp_path) as served:
        address = urlsplit(served.url)
        yield address.hostname or "", address.port or 0


def request(
    site: Site, method: str, path: str, form: dict[str, str] | None = None, cookie: str = ""
) -> http.client.HTTPResponse:
    """One request, redirects not followed; the body is read so the connection can close."""
    connection = http.client.HTTPConnection(*site, timeout=5)
    headers = {"Cookie": cookie} if cookie else {}
    body = urlencode(form) if form is not None else None
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def sign_in(site: Site, password: str = "correct horse") -> http.client.HTTPResponse:
    form = {"email": "tester@northwind.test", "password": password}
    return request(site, "POST", "/account/login", form)


def session_cookie(response: http.client.HTTPResponse) -> str:
    """`session=<token>` from the Set-Cookie header."""
    return (response.getheader("Set-Cookie") or "").split(";")[0]


def test_a_protected_page_without_the_cookie_redirects_to_the_login_page(site: Site) -> None:
    response = request(site, "GET", "/account/index.html")
    assert response.status in (302, 303)
    assert response.getheader("Location") == "/account/login.html"


def test_pages_outside_the_area_and_the_login_page_need_no_cookie(site: Site) -> None:
    assert request(site, "GET", "/index.html").status == 200
    assert request(site, "GET", "/account/login.html").status == 200


def test_signing_in_sets_an_http_only_session_cookie_and_leads_to_the_home(site: Site) -> None:
    response = sign_in(site)
    assert response.status == 303
    assert response.getheader("Location") == "/account/index.html"
    flags = [part.strip() for part in (response.getheader("Set-Cookie") or "").split(";")]
    assert flags[0].startswith("session=") and len(flags[0]) > len("session=") + 16
    assert "HttpOnly" in flags and "Path=/" in flags


def test_the_cookie_opens_every_protected_page(site: Site) -> None:
    cookie = session_cookie(sign_in(site))
    home = request(site, "GET", "/account/index.html", cookie=cookie)
    assert home.status == 200 and b"Your orders" in home.body  # type: ignore[attr-defined]
    assert request(site, "GET", "/account/orders/1.html", cookie=cookie).status == 200


def test_the_login_page_shows_its_form_to_a_signed_in_visitor_too(site: Site) -> None:
    """So a sign-in journey still works in a browser that is signed in already."""
    cookie = session_cookie(sign_in(site))
    assert request(site, "GET", "/account/login.html", cookie=cookie).status == 200


@pytest.mark.parametrize(
    "form",
    [
        {"email": "tester@northwind.test", "password": "wrong"},
        {"email": "someone@else.test", "password": "correct horse"},
        {"email": "tester@northwind.test"},
        {},
    ],
)
def test_wrong_credentials_go_back_to_the_login_page_without_a_cookie(
    site: Site, form: dict[str, str]
) -> None:
    response = request(site, "POST", "/account/login", form)
    assert response.status == 303
    assert response.getheader("Location") == "/account/login.html?failed=1"
    assert response.getheader("Set-Cookie") is None


def test_the_email_is_not_case_sensitive(site: Site) -> None:
    form = {"email": " Tester@Northwind.TEST ", "password": "correct horse"}
    assert session_cookie(request(site, "POST", "/account/login", form))


def test_a_made_up_cookie_opens_nothing(site: Site) -> None:
    response = request(site, "GET", "/account/index.html", cookie="session=guessed")
    assert response.status == 302


def test_signing_out_clears_the_cookie_and_ends_the_session(site: Site) -> None:
    cookie = session_cookie(sign_in(site))
    response = request(site, "POST", "/account/logout", {}, cookie=cookie)
    assert response.status == 303
    assert response.getheader("Location") == "/account/login.html?signed-out=1"
    assert "Max-Age=0" in (response.getheader("Set-Cookie") or "")
    # The old token is worthless even to a client that keeps sending it.
    assert request(site, "GET", "/account/index.html", cookie=cookie).status == 302


def test_a_plain_link_to_the_logout_address_does_not_sign_out(site: Site) -> None:
    """Crawlers follow links: only the POST form button signs out."""
    cookie = session_cookie(sign_in(site))
    response = request(site, "GET", "/account/logout", cookie=cookie)
    assert response.status == 302
    assert request(site, "GET", "/account/index.html", cookie=cookie).status == 200


@pytest.mark.parametrize(
    "path", ["/%61ccount/index.html", "//account/index.html", "/x/../account/index.html"]
)
def test_a_disguised_address_is_still_protected(site: Site, path: str) -> None:
    assert request(site, "GET", path).status == 302


def test_post_elsewhere_is_not_supported(site: Site) -> None:
    assert request(site, "POST", "/index.html", {}).status == 501


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('protected = ["/a/*"]\nemail = "a@b.test"', "password: required"),
        ('email = "a@b.test"\npassword = "p"', "protected: required"),
        ('protected = ["a/*"]\nemail = "a@b.test"\npassword = "p"', "should start with"),
        ('protected = ["/a/*"]\nemail = "a@b.test"\npassword = "p"\nhome = "x"', "home:"),
        ('protected = ["/a/*"]\nemail = "a@b.test"\npassword = "p"\ncookie = "c"', "unknown"),
        ('protected = ["/a/*"]\nemail = "a@b.test"\npassword = 1', "password: expected text"),
    ],
)
def test_a_wrong_session_table_is_a_clear_config_error(
    tmp_path: Path, table: str, message: str
) -> None:
    (tmp_path / "cxcheck-serve.toml").write_text(f"[session]\n{table}\n")
    with pytest.raises(ConfigError, match=r"\[session\]") as raised:
        load_settings(tmp_path)
    assert message in str(raised.value)


def test_the_sample_shop_has_a_sign_in_area() -> None:
    session = load_settings(SAMPLE_SITES / "shop").session
    assert session is not None
    assert session.email == "tester@northwind.test"
    assert session.is_protected("/account/orders/nw-1042.html")
    assert not session.is_protected("/account/login.html")
