"""data-safety on the whole site: cookies, other hosts, the well-known-path probe and the
check's options, both sides. No browser."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from checks import data_safety
from checks.data_safety import RULES, DataSafety
from cxcheck.captures import ExposureProbeRequest
from cxcheck.exposure import ExposureProbe, ProbeReply
from cxcheck.findings import Severity
from cxcheck.options import OptionError, build_options
from cxcheck.traffic import CookieSet, PageTraffic, Sent, TrafficTally, parse_set_cookie
from tests.checks.data_safety_snapshots import DJANGO, SITE, page, rules, run, site


# ---- cookies (the whole site) --------------------------------------------------------------
def cookie_traffic(
    *lines: str, page_url: str = SITE, source: str = "response", by: str = SITE
) -> dict[str, Any]:
    tally = TrafficTally()
    cookies = tuple(
        c for line in lines if (c := parse_set_cookie(line, "shop.example.com", by, source))
    )
    tally.add(page_url, PageTraffic((), cookies))
    return {"site-traffic": tally.result()}


def test_a_session_cookie_without_guards_breaks_each_rule_once() -> None:
    found = site(cookie_traffic("PHPSESSID=abc123; Path=/"))
    assert rules(found) == ["cookie-no-samesite", "cookie-not-httponly", "cookie-not-secure"]
    assert all("abc123" not in f.message + f.evidence + f.target for f in found)
    assert "the answer to /" in found[0].message


def test_a_guarded_session_cookie_and_other_cookies_are_silent() -> None:
    assert site(cookie_traffic("sessionid=x; Secure; HttpOnly; SameSite=Lax")) == []
    assert site(cookie_traffic("theme=dark; Path=/", "csrftoken=t; Secure; SameSite=Strict")) == []
    assert site(cookie_traffic("sessionid=; Max-Age=0")) == []  # signing out


def test_on_an_http_site_secure_is_not_asked() -> None:
    found = site(cookie_traffic("sid=1; HttpOnly; SameSite=Lax"), start="http://shop.example.com/")
    assert found == []


def test_a_session_cookie_written_by_a_script_can_never_be_httponly() -> None:
    found = site(
        cookie_traffic(
            "auth_token=; Secure; SameSite=Strict", source="script", by=SITE + "js/app.js"
        )
    )
    (finding,) = found
    assert finding.rule == "cookie-not-httponly"
    assert "set by a script (/js/app.js)" in finding.message


def test_more_session_cookie_names_can_be_given() -> None:
    assert site(cookie_traffic("shopid=1; Secure; SameSite=Lax")) == []
    check = DataSafety(session_cookies=("shopid*",))
    assert rules(site(cookie_traffic("shopid=1; Secure; SameSite=Lax"), check)) == [
        "cookie-not-httponly"
    ]


# ---- other sites (the whole site) ------------------------------------------------------------
def host_traffic(
    requests: list[tuple[str, str]], cookies: Sequence[CookieSet] = ()
) -> dict[str, Any]:
    tally = TrafficTally()
    tally.add(SITE, PageTraffic(tuple(Sent(u, k, 200) for u, k in requests), tuple(cookies)))
    tally.add(SITE + "about", PageTraffic(tuple(Sent(u, k, 200) for u, k in requests)))
    return {"site-traffic": tally.result()}


def test_a_known_analytics_service_running_before_consent_is_major_and_named() -> None:
    found = site(host_traffic([("https://www.google-analytics.com/analytics.js", "script")]))
    assert rules(found) == ["tracker-before-consent"] * 2  # one per page, grouped as one
    assert "Google Analytics, analytics" in found[0].message and "on 2 pages" in found[0].message
    assert found[0].severity is Severity.MAJOR


def test_a_script_of_another_site_writing_cookies_on_the_sites_pages_is_that_sites() -> None:
    ga = parse_set_cookie(
        "_ga=; Path=/",
        "shop.example.com",
        "https://www.googletagmanager.com/gtag/js?id=G-1",
        "script",
    )
    assert ga is not None
    found = site(
        host_traffic([("https://www.googletagmanager.com/gtag/js?id=G-1", "script")], [ga])
    )
    assert {f.rule for f in found} == {"tracker-before-consent"}
    assert "set cookies (_ga)" in found[0].message
    assert not [f for f in found if f.rule.startswith("cookie-")]  # not the site's own cookie


def test_a_tracker_sent_data_by_the_sites_own_script_is_major() -> None:
    """GA4 through a bundled script: nothing of Google's runs, but the visit is sent (a
    beacon); a social network's pictures are only files shown."""
    found = site(
        host_traffic(
            [
                ("https://shop.example.com/static/stats.js", "script"),
                ("https://region1.google-analytics.com/g/collect?v=2", "ping"),
                ("https://pbs.twimg.com/media/F1.jpg?format=jpg&name=small", "image"),
            ]
        )
    )
    by_host = {f.target: f for f in found}
    assert by_host["region1.google-analytics.com"].rule == "tracker-before-consent"
    assert "was sent data about the visit" in by_host["region1.google-analytics.com"].message
    assert by_host["pbs.twimg.com"].rule == "third-party"


def test_other_hosts_setting_cookies_or_just_serving_files() -> None:
    chat = CookieSet(
        "visitor", "widget.chat.example.net", "response", "https://widget.chat.example.net/w.js"
    )
    found = site(
        host_traffic(
            [
                ("https://widget.chat.example.net/w.js", "script"),
                ("https://fonts.example.org/a.woff2", "font"),
            ],
            [chat],
        )
    )
    by_host = {f.target: f.rule for f in found}
    assert by_host == {
        "widget.chat.example.net": "third-party-cookies",
        "fonts.example.org": "third-party",
    }
    assert next(f.severity for f in found if f.target == "fonts.example.org") is Severity.INFO


def test_the_sites_own_hosts_and_expected_hosts_are_left_out() -> None:
    traffic_ = host_traffic(
        [
            ("https://static.example.com/a.js", "script"),
            ("https://js.stripe.example.net/v3", "script"),
        ]
    )
    assert [f.target for f in site(traffic_)] == ["js.stripe.example.net"] * 2
    assert site(traffic_, DataSafety(expected_hosts=("js.stripe.example.net",))) == []


def test_a_teams_own_tracker_list_names_a_host() -> None:
    found = site(
        host_traffic([("https://stats.example.net/s.js", "script")]),
        DataSafety(trackers={"example.net": "Example Stats"}),
    )
    assert found[0].rule == "tracker-before-consent" and "Example Stats" in found[0].message


# ---- what should never be public (the probe) ------------------------------------------------
def reply(path: str, what: str, body: bytes, status: int = 200) -> ProbeReply:
    return ProbeReply(path, what, "https://shop.example.com" + path, status, "", body)


@pytest.mark.parametrize(
    ("answer", "rule"),
    [
        (reply("/.git/HEAD", "git", b"ref: refs/heads/main\n"), "exposed-git"),
        (
            reply("/.env", "env", b"APP_KEY=base64:abc\nDB_PASSWORD=hunter2\n# comment\n"),
            "exposed-env",
        ),
        (reply("/.DS_Store", "ds-store", b"\x00\x00\x00\x01Bud1\x00\x00"), "exposed-ds-store"),
        (reply("/backup.zip", "backup", b"PK\x03\x04\x14\x00"), "exposed-backup"),
        (
            reply("/backup.sql", "backup", b"-- MySQL dump 10.13\nCREATE TABLE `users`"),
            "exposed-backup",
        ),
        (
            reply("/server-status", "server-status", b"<h1>Apache Server Status for shop</h1>"),
            "exposed-server-status",
        ),
        (
            reply("/info.php", "phpinfo", b"<title>phpinfo()</title><h1>PHP Version 8.1</h1>"),
            "exposed-phpinfo",
        ),
        (
            reply(
                "/images/", "listing", b"<title>Index of /images</title><h1>Index of /images</h1>"
            ),
            "directory-listing",
        ),
        (reply("/backup.tar.gz", "backup", b"\x1f\x8b\x08\x00", 206), "exposed-backup"),
    ],
)
def test_a_path_whose_content_proves_it_is_reported(answer: ProbeReply, rule: str) -> None:
    (finding,) = site({"exposure-probe": ExposureProbe((answer,), asked=True)})
    assert finding.rule == rule and finding.url == SITE and finding.target == answer.url
    assert b"hunter2" not in (finding.message + finding.evidence).encode()


SOFT = b"<!doctype html><html><head><title>Page not found</title></head><body>Sorry</body></html>"


@pytest.mark.parametrize(
    "answer",
    [
        reply("/.git/HEAD", "git", SOFT),  # the site's own page, 200
        reply("/.env", "env", SOFT),
        reply("/.env", "env", b"Not found"),
        reply("/.git/HEAD", "git", b"ref: refs/heads/main", 404),
        reply("/backup.zip", "backup", SOFT),
        reply("/server-status", "server-status", b"<p>Our server status: all good</p>"),
        reply("/.DS_Store", "ds-store", b""),
    ],
)
def test_a_200_that_proves_nothing_is_silent(answer: ProbeReply) -> None:
    assert site({"exposure-probe": ExposureProbe((answer,), asked=True)}) == []


def test_a_debug_page_for_a_missing_address_is_a_blocker() -> None:
    made_up = ProbeReply("/nope", "not-found", SITE + "nope", 404, "text/html", DJANGO.encode())
    (finding,) = site({"exposure-probe": ExposureProbe((made_up,), asked=True)})
    assert (finding.rule, finding.severity) == ("debug-page", Severity.BLOCKER)
    assert finding.message.startswith("A missing page shows customers a Django debug page")
    plain = ProbeReply("/nope", "not-found", SITE + "nope", 404, "text/html", SOFT)
    assert site({"exposure-probe": ExposureProbe((plain,), asked=True)}) == []


# ---- options ----------------------------------------------------------------------------------
def test_rules_can_be_left_out_and_unknown_ones_are_refused() -> None:
    assert (
        run(
            page(headers={}),
            DataSafety(
                disable=(
                    "csp-missing",
                    "nosniff-missing",
                    "framing-allowed",
                    "referrer-policy-missing",
                    "hsts-missing",
                )
            ),
        )
        == []
    )
    with pytest.raises(OptionError, match="disable: unknown rule 'no-such-rule'"):
        build_options(DataSafety, {"disable": ["no-such-rule"]})


def test_every_rule_id_is_documented_in_the_check() -> None:
    doc = data_safety.__doc__ or ""
    assert [rule for rule in sorted(RULES) if f"`{rule}`" not in doc] == []


def test_the_probe_can_be_turned_off() -> None:
    assert DataSafety(probe=False).capture_requests() == (ExposureProbeRequest(enabled=False),)
