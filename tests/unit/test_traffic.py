"""Traffic as plain data: Set-Cookie read without its value, pages added up per other host
and per cookie (cxcheck/traffic.py), and who is the site (checks/safety/sites.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from checks.safety.sites import is_loopback, matches, same_site, site_of
from cxcheck.traffic import (
    MAX_PAGES_KEPT,
    CookieSet,
    PageTraffic,
    Sent,
    TrafficTally,
    parse_set_cookie,
)

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def test_a_set_cookie_keeps_the_name_and_attributes_never_the_value() -> None:
    cookie = parse_set_cookie(
        "sessionid=s3cr3t-value; Domain=.Example.com; Path=/shop; Secure; HttpOnly; SameSite=Lax",
        "www.example.com",
        "https://www.example.com/login",
        now=NOW,
    )
    assert cookie == CookieSet(
        "sessionid",
        "www.example.com",
        "response",
        "https://www.example.com/login",
        "example.com",
        "/shop",
        secure=True,
        http_only=True,
        same_site="lax",
    )
    assert "s3cr3t" not in repr(cookie)


@pytest.mark.parametrize(
    ("line", "removes"),
    [
        ("a=; Max-Age=0", True),
        ("a=; Max-Age=-1", True),
        ("a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT", True),
        ("a=1; Max-Age=3600", False),
        ("a=1; Expires=Wed, 01 Jan 2031 00:00:00 GMT", False),
        ("a=1; Expires=not a date", False),
    ],
)
def test_a_cookie_that_deletes_itself_is_marked(line: str, removes: bool) -> None:
    cookie = parse_set_cookie(line, "h", "u", now=NOW)
    assert cookie is not None and cookie.removes is removes


@pytest.mark.parametrize("line", ["", "novalue", "=x; Path=/", "  ; Secure"])
def test_a_header_that_names_no_cookie_is_none(line: str) -> None:
    assert parse_set_cookie(line, "h", "u") is None


def test_the_tally_counts_each_other_host_once_per_page() -> None:
    tally = TrafficTally()
    page = PageTraffic(
        (
            Sent("https://shop.example.com/app.js", "script", 200),
            Sent("https://cdn.example.net/a.js", "script", 200),
            Sent("https://cdn.example.net/b.woff2", "font", 200),
            Sent("https://ads.example.org/p.gif", "image", None),
            Sent("data:image/png;base64,AAA", "image", 200),
        )
    )
    tally.add("https://shop.example.com/", page)
    tally.add("https://shop.example.com/a", page)
    hosts = {use.host: use for use in tally.result().hosts}
    assert set(hosts) == {"cdn.example.net", "ads.example.org"}
    cdn = hosts["cdn.example.net"]
    assert (cdn.kinds, cdn.page_count, cdn.scripts_ran) == (("font", "script"), 2, True)
    assert hosts["ads.example.org"].scripts_ran is False
    assert not cdn.received_data and not hosts["ads.example.org"].received_data


@pytest.mark.parametrize(
    ("kind", "status", "received"),
    [
        ("ping", 204, True),
        ("xhr", 200, True),
        ("fetch", 500, True),
        ("ping", None, False),
        ("image", 200, False),
        ("script", 200, False),
    ],
)
def test_a_host_sent_data_is_one_that_answered_a_beacon_or_data_request(
    kind: str, status: int | None, received: bool
) -> None:
    tally = TrafficTally()
    tally.add(
        "https://s.example.com/", PageTraffic((Sent("https://t.example.net/c?v=2", kind, status),))
    )
    assert tally.result().hosts[0].received_data is received


def test_the_tally_keeps_a_few_pages_per_host_and_counts_the_rest() -> None:
    tally = TrafficTally()
    for n in range(MAX_PAGES_KEPT + 5):
        tally.add(
            f"https://s.example.com/{n}", PageTraffic((Sent("https://x.example.net/", "xhr", 200),))
        )
    (use,) = tally.result().hosts
    assert (len(use.pages), use.page_count) == (MAX_PAGES_KEPT, MAX_PAGES_KEPT + 5)


def test_cookies_are_one_entry_per_cookie_with_the_pages_that_set_it() -> None:
    tally = TrafficTally()
    for n in range(3):
        url = f"https://s.example.com/{n}"
        cookie = parse_set_cookie("sid=v; Secure", "s.example.com", url)
        assert cookie is not None
        tally.add(url, PageTraffic((), (cookie,)))
    (use,) = tally.result().cookies
    assert use.page_count == 3 and use.cookie.by == "https://s.example.com/0"


def test_another_hosts_script_writing_a_cookie_is_counted_for_that_host() -> None:
    tally = TrafficTally()
    ga = parse_set_cookie(
        "_ga=; Path=/", "s.example.com", "https://tags.example.net/t.js", "script"
    )
    assert ga is not None
    tally.add("https://s.example.com/", PageTraffic((), (ga,)))
    result = tally.result()
    assert [(u.host, u.cookies) for u in result.hosts] == [("tags.example.net", ("_ga",))]


def test_jar_cookies_a_page_was_seen_setting_are_left_out() -> None:
    tally = TrafficTally()
    seen = parse_set_cookie("sid=v", "s.example.com", "https://s.example.com/")
    assert seen is not None
    tally.add("https://s.example.com/", PageTraffic((), (seen,)))
    jar = (
        CookieSet("sid", "s.example.com", "jar", path="/a"),
        CookieSet("signed_in", "s.example.com", "jar"),
    )
    assert [c.name for c in tally.result(jar).jar] == ["signed_in"]


@pytest.mark.parametrize(
    ("host", "site"),
    [
        ("www.example.com", "example.com"),
        ("a.b.example.co.uk", "example.co.uk"),
        ("127.0.0.1", "127.0.0.1"),
        ("ads.localhost", "ads.localhost"),
        ("localhost", "localhost"),
        ("[::1]", "::1"),
    ],
)
def test_hosts_belong_to_registrable_domains(host: str, site: str) -> None:
    assert site_of(host) == site


def test_same_site_and_loopback_and_host_globs() -> None:
    assert same_site("static.example.com", "www.example.com")
    assert not same_site("example-cdn.net", "example.com")
    assert not same_site("ads.localhost", "127.0.0.1")
    assert all(
        is_loopback(h) for h in ("localhost", "127.0.0.1", "127.3.2.1", "[::1]", "x.localhost")
    )
    assert not is_loopback("10.0.0.1")
    assert matches("js.stripe.com", ["stripe.com"]) and matches(
        "a.b.example.org", ["*.example.org"]
    )
    assert not matches("notstripe.com", ["stripe.com"])
