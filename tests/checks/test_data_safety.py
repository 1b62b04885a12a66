"""data-safety on one page, built from HTML strings and recorded traffic: every page rule,
both sides (the problem, and the look-alike that must stay silent). No browser. The
site-wide rules: test_data_safety_site.py."""

from __future__ import annotations

import pytest

from checks.data_safety import DataSafety
from cxcheck.findings import Severity
from cxcheck.testing import snapshot_from_html
from cxcheck.traffic import PageTraffic, Sent
from tests.checks.data_safety_snapshots import DJANGO, GOOD_HEADERS, SITE, page, rules, run


# ---- a page with good headers and nothing else is silent --------------------------------
def test_a_plain_page_with_the_headers_a_site_needs_is_silent() -> None:
    assert run(page()) == []


# ---- personal data over http ------------------------------------------------------------
LOGIN = '<form action="/login" method="post"><input type="email" name="email"><input type="password" name="password"></form>'


def test_a_sign_in_form_on_an_http_page_is_a_blocker() -> None:
    (finding,) = [
        f
        for f in run(page(LOGIN, url="http://shop.example.com/login"))
        if f.rule == "personal-data-over-http"
    ]
    assert finding.severity is Severity.BLOCKER


@pytest.mark.parametrize(
    "body",
    [
        '<input type="tel" name="phone">',
        '<input name="card_number" autocomplete="off">',
        '<input autocomplete="shipping email" name="contact">',
        '<div><input type="password"></div>',  # no form: a script sends it
    ],
)
def test_any_personal_data_field_on_an_http_page_counts(body: str) -> None:
    assert "personal-data-over-http" in rules(run(page(body, url="http://shop.example.com/")))


@pytest.mark.parametrize(
    "body",
    [
        '<form action="/search"><input type="search" name="q"></form>',
        '<input type="hidden" name="email" value="x">',
        '<input name="newsletter_opt_in" type="checkbox">',
        '<textarea name="message"></textarea>',
    ],
)
def test_an_http_page_without_personal_data_fields_is_not_judged(body: str) -> None:
    assert "personal-data-over-http" not in rules(run(page(body, url="http://shop.example.com/")))


def test_a_sign_in_form_on_this_machine_over_http_counts_as_secure_unless_told() -> None:
    local = page(LOGIN, url="http://127.0.0.1:8000/login")
    assert "personal-data-over-http" not in rules(run(local))
    strict = DataSafety(local_http_is_secure=False)
    assert "personal-data-over-http" in rules(run(local, strict))


def test_a_form_on_an_https_page_sending_an_email_over_http_is_a_blocker() -> None:
    body = '<form action="http://shop.example.com/subscribe" method="post"><input type="email" name="email"></form>'
    (finding,) = [f for f in run(page(body)) if f.rule == "form-to-http"]
    assert finding.severity is Severity.BLOCKER
    assert finding.target == "http://shop.example.com/subscribe"
    assert "email addresses" in finding.message


def test_a_token_in_a_forms_address_is_not_repeated() -> None:
    body = '<form action="http://shop.example.com/subscribe?token=s3cr3t-t0ken&amp;list=news" method="post"><input type="email" name="email"></form>'
    (finding,) = run(page(body))
    assert "s3cr3t" not in finding.target + finding.message
    assert finding.target == "http://shop.example.com/subscribe?token=…&list=news"


def test_a_search_form_sent_over_http_is_dead_navigations_insecure_link_not_this() -> None:
    body = '<form action="http://shop.example.com/search"><input type="search" name="q"></form>'
    assert run(page(body)) == []


def test_a_form_sending_a_password_to_another_site_is_a_blocker_and_an_email_major() -> None:
    password = '<form action="https://collect.example.net/p" method="post"><input type="password" name="pw"></form>'
    email = '<form action="https://lists.example.org/s" method="post"><input type="email" name="email"></form>'
    (secret,) = run(page(password))
    (contact,) = run(page(email))
    assert (secret.rule, secret.severity) == ("form-to-other-site", Severity.BLOCKER)
    assert (contact.rule, contact.severity) == ("form-to-other-site", Severity.MAJOR)
    assert "lists.example.org" in contact.message


@pytest.mark.parametrize(
    "action",
    [
        "https://accounts.example.com/login",  # another name of the same site
        "/login",
        "",
        "javascript:void(0)",
    ],
)
def test_forms_sent_to_the_site_itself_or_a_script_are_silent(action: str) -> None:
    body = f'<form action="{action}" method="post"><input type="password" name="pw"></form>'
    assert run(page(body)) == []


def test_a_form_sent_to_an_expected_host_is_silent() -> None:
    body = '<form action="https://lists.example.org/s" method="post"><input type="email" name="email"></form>'
    assert run(page(body), DataSafety(expected_hosts=("*.example.org",))) == []


def test_a_buttons_formaction_is_where_the_form_goes_too() -> None:
    body = '<form method="post" action="/login"><input type="password" name="pw"><button formaction="https://evil.example.net/x">Go</button></form>'
    assert rules(run(page(body))) == ["form-to-other-site"]


def test_a_password_form_sent_with_get_puts_the_password_in_the_address() -> None:
    body = '<form action="/login"><input name="user"><input type="password" name="pw"></form>'
    (finding,) = run(page(body))
    assert (finding.rule, finding.severity) == ("form-sends-secrets-in-url", Severity.MAJOR)
    newsletter = '<form action="/subscribe"><input type="email" name="email"></form>'
    assert run(page(newsletter)) == []


# ---- security headers -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("drop", "rule"),
    [
        ("strict-transport-security", "hsts-missing"),
        ("content-security-policy", "csp-missing"),
        ("x-content-type-options", "nosniff-missing"),
        ("referrer-policy", "referrer-policy-missing"),
    ],
)
def test_each_missing_header_is_one_finding(drop: str, rule: str) -> None:
    headers = {k: v for k, v in GOOD_HEADERS.items() if k != drop}
    if drop == "content-security-policy":
        headers["x-frame-options"] = "DENY"  # framing stays covered
    assert rules(run(page(headers=headers))) == [rule]


def test_hsts_is_judged_on_https_only_and_needs_six_months() -> None:
    short = {**GOOD_HEADERS, "strict-transport-security": "max-age=86400"}
    (finding,) = run(page(headers=short))
    assert (finding.rule, finding.evidence) == (
        "hsts-too-short",
        "Strict-Transport-Security max-age=86400",
    )
    plain = {k: v for k, v in GOOD_HEADERS.items() if k != "strict-transport-security"}
    assert run(page(url="http://shop.example.com/", headers=plain)) == []
    assert run(page(headers=short), DataSafety(hsts_min_age_s=3600)) == []


@pytest.mark.parametrize(
    ("policy", "allows"),
    [
        ("default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'", True),
        ("img-src 'self'; frame-ancestors 'none'", True),  # nothing about scripts
        ("script-src 'self' 'unsafe-inline' 'nonce-r4nd0m'; frame-ancestors 'none'", False),
        ("script-src 'strict-dynamic' 'unsafe-inline' 'sha256-abc'; frame-ancestors 'none'", False),
        ("default-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'", False),
        (
            "script-src 'unsafe-inline'; frame-ancestors 'none', script-src 'self'",
            False,
        ),  # two policies
    ],
)
def test_csp_that_lets_inline_scripts_run(policy: str, allows: bool) -> None:
    headers = {**GOOD_HEADERS, "content-security-policy": policy}
    assert ("csp-allows-inline-script" in rules(run(page(headers=headers)))) is allows


def test_a_csp_in_a_meta_tag_counts_and_report_only_does_not() -> None:
    headers = {k: v for k, v in GOOD_HEADERS.items() if k != "content-security-policy"}
    headers["x-frame-options"] = "SAMEORIGIN"
    meta = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
    assert run(page(headers=headers, head=meta)) == []
    report_only = {**headers, "content-security-policy-report-only": "default-src 'self'"}
    (finding,) = run(page(headers=report_only))
    assert finding.evidence == "Content-Security-Policy: Content-Security-Policy-Report-Only only"


@pytest.mark.parametrize(
    ("extra", "framable"),
    [
        ({"x-frame-options": "DENY"}, False),
        ({"x-frame-options": "sameorigin"}, False),
        ({"x-frame-options": "ALLOW-FROM https://a.example"}, True),
        ({"content-security-policy": "default-src 'self'; frame-ancestors *"}, True),
        ({"content-security-policy": "default-src 'self'"}, True),
    ],
)
def test_framing_protection(extra: dict[str, str], framable: bool) -> None:
    headers = {**GOOD_HEADERS, "content-security-policy": "default-src 'self'", **extra}
    assert ("framing-allowed" in rules(run(page(headers=headers)))) is framable


def test_a_framable_sign_in_page_is_major_a_framable_article_minor() -> None:
    headers = {**GOOD_HEADERS, "content-security-policy": "default-src 'self'"}
    signin = [f for f in run(page(LOGIN, headers=headers)) if f.rule == "framing-allowed"]
    article = [f for f in run(page(headers=headers)) if f.rule == "framing-allowed"]
    assert signin[0].severity is Severity.MAJOR and article[0].severity is Severity.MINOR
    assert signin[0].fingerprint == article[0].fingerprint  # one finding for the site


@pytest.mark.parametrize(
    ("policy", "rule"),
    [
        ("unsafe-url", "referrer-policy-unsafe"),
        ("no-referrer, no-referrer-when-downgrade", "referrer-policy-unsafe"),
        ("no-referrer-when-downgrade, strict-origin-when-cross-origin", None),
        ("same-origin", None),
        ("not-a-policy", "referrer-policy-missing"),
    ],
)
def test_referrer_policy(policy: str, rule: str | None) -> None:
    headers = {**GOOD_HEADERS, "referrer-policy": policy}
    assert rules(run(page(headers=headers))) == ([rule] if rule else [])


def test_header_findings_on_many_pages_share_one_fingerprint() -> None:
    bare: dict[str, str] = {}
    one = run(page(url=SITE + "a", headers=bare))
    two = run(page(url=SITE + "b", headers=bare))
    assert [f.fingerprint for f in one] == [f.fingerprint for f in two]


def test_error_pages_and_files_are_not_judged_for_headers() -> None:
    assert run(page(headers={}, status=404)) == []
    assert run(page(headers={}, content_type="application/pdf")) == []


# ---- personal data and session ids in addresses ------------------------------------------
def traffic(*requests: tuple[str, str]) -> dict[str, PageTraffic]:
    return {"traffic": PageTraffic(tuple(Sent(url, kind, 200) for url, kind in requests))}


def test_an_email_in_the_address_of_a_page_with_another_sites_script_is_major() -> None:
    url = SITE + "order?email=ann%40example.org&order=42"
    found = run(page(url=url, extras=traffic(("https://cdn.chat.example.net/w.js", "script"))))
    (finding,) = found
    assert (finding.rule, finding.severity) == ("personal-data-in-url", Severity.MAJOR)
    assert "ann" not in finding.target + finding.message + finding.evidence
    assert finding.target.endswith("order?email=…&order=42")
    assert "cdn.chat.example.net" in finding.message


@pytest.mark.parametrize(
    ("url", "requests"),
    [
        (SITE + "order?email=ann%40example.org", [("https://static.example.com/a.js", "script")]),
        (SITE + "search?q=boots", [("https://cdn.example.net/a.js", "script")]),
        (SITE + "order?email=ann%40example.org", [("https://img.example.net/a.png", "image")]),
        (SITE + "order?email=ann%40example.org", []),
    ],
)
def test_no_leak_without_another_sites_script(url: str, requests: list[tuple[str, str]]) -> None:
    assert run(page(url=url, extras=traffic(*requests))) == []


def test_an_image_from_another_site_gets_the_address_when_the_policy_sends_it() -> None:
    headers = {**GOOD_HEADERS, "referrer-policy": "unsafe-url"}
    url = SITE + "reset?token=abc123def456"
    found = run(
        page(url=url, headers=headers, extras=traffic(("https://img.example.net/p.gif", "image")))
    )
    assert "personal-data-in-url" in rules(found)


@pytest.mark.parametrize(
    "query",
    [
        "access_token=x1y2z3",
        "customer_id=1007",
        "t=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
        "phone=%2B44%207700%20900123",
    ],
)
def test_tokens_ids_and_phone_numbers_count(query: str) -> None:
    found = run(
        page(url=f"{SITE}x?{query}", extras=traffic(("https://t.example.net/a.js", "script")))
    )
    assert rules(found) == ["personal-data-in-url"]


def test_links_with_a_session_id_are_one_finding_per_parameter() -> None:
    body = '<a href="/basket;jsessionid=A1B2C3D4">Basket</a><a href="/shop?PHPSESSID=9f8e7d6c&amp;p=2">Shop</a><a href="https://other.example.net/?sid=1">Other site</a>'
    found = run(page(body))
    assert rules(found) == ["session-id-in-url", "session-id-in-url"]
    assert all("A1B2" not in f.message and "9f8e" not in f.message for f in found)
    assert sorted(f.evidence for f in found) == [
        "PHPSESSID in addresses",
        "jsessionid in addresses",
    ]


# ---- debug pages, error details, server versions, listings --------------------------------
PYTHON = '<p>Internal error</p><div>Traceback (most recent call last):\n  File "/srv/app/views.py", line 12, in cart\n    total = 1 / 0\nZeroDivisionError: division by zero</div>'
JAVA = "<pre>java.lang.NullPointerException\n\tat com.shop.Cart.total(Cart.java:42)\n\tat com.shop.CartServlet.doGet(CartServlet.java:17)</pre>"
PHP = "<br />\n<b>Fatal error</b>:  Uncaught Error: Call to undefined function price() in /var/www/html/cart.php:12\nStack trace:\n#0 {main}\n  thrown in <b>/var/www/html/cart.php</b> on line <b>12</b><br />"
PHP_WARNING = "<b>Warning</b>:  Undefined variable $total in <b>/var/www/html/cart.php</b> on line <b>7</b><br />"
SQL = "<p>You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version</p>"


@pytest.mark.parametrize(
    ("body", "status", "rule"),
    [
        (DJANGO, 200, "debug-page"),
        (PYTHON, 200, "debug-page"),
        (JAVA, 500, "debug-page"),
        (PHP, 200, "debug-page"),
        (PHP_WARNING, 200, "error-details"),
        (SQL, 200, "error-details"),
    ],
)
def test_debug_output_on_a_page(body: str, status: int, rule: str) -> None:
    found = [f for f in run(page(body, status=status)) if f.rule in ("debug-page", "error-details")]
    assert rules(found) == [rule]
    assert "/var/www" not in found[0].message and "srv/app" not in found[0].message


@pytest.mark.parametrize(
    "body",
    [
        JAVA,  # a tutorial's code block on a page that loaded fine
        '<article><p>When Python fails it prints:</p><pre><code>Traceback (most recent call last):\n  File "app.py", line 3, in &lt;module&gt;</code></pre></article>',
        "<p>Error: please enter your email address.</p>",
        "<p>Warning: stock is low on this item.</p>",
        "<h1>Exception handling in Java</h1><p>An exception is an event that disrupts the flow.</p>",
    ],
)
def test_traces_quoted_in_code_and_everyday_error_words_are_silent(body: str) -> None:
    assert run(page(body)) == []


def test_server_versions_in_headers_are_one_finding_each() -> None:
    headers = {**GOOD_HEADERS, "server": "Apache/2.4.41 (Ubuntu)", "x-powered-by": "PHP/7.4.3"}
    found = run(page(headers=headers))
    assert sorted(f.evidence for f in found) == [
        "Server: Apache/2.4.41 (Ubuntu)",
        "X-Powered-By: PHP/7.4.3",
    ]
    assert run(page(headers={**GOOD_HEADERS, "server": "nginx", "x-powered-by": "Express"})) == []


def test_a_crawled_directory_listing_page_is_reported() -> None:
    listing = snapshot_from_html(
        "<html><head><title>Index of /uploads</title></head><body><h1>Index of /uploads</h1><a href='../'>Parent Directory</a></body></html>",
        url=SITE + "uploads/",
        headers=GOOD_HEADERS,
    )
    assert rules(run(listing)) == ["directory-listing"]
    shop_page = page("<h1>Index of our products</h1>")
    assert run(shop_page) == []
