"""under-construction's go-live leftovers, each reported where it is wrong and silent where
it is right; template slots; notices in the 21 languages; status badges that stay silent."""

from __future__ import annotations

from typing import Any

import pytest

from checks.under_construction import UnderConstruction
from cxcheck.captures import ProbeAnswer, SiteProbe
from cxcheck.contract import CheckContext
from cxcheck.crawl.site_probe import lets_crawlers_in
from cxcheck.errors import ConfigError
from cxcheck.findings import Finding
from cxcheck.plugins import load_checks
from cxcheck.snapshot import SiteSnapshot
from cxcheck.testing import snapshot_from_html

SITE = "https://www.northwind-shop.com/"
REAL_TEXT = (
    "<p>Our waterproof boots are made in Northampton from full-grain leather and stitched "
    "by hand, with a Vibram sole that grips on wet rock and mud.</p>"
)


def page(body: str, head: str = "", title: str = "Boots – Northwind") -> str:
    return (
        f"<html lang='en'><head><title>{title}</title>{head}</head><body>"
        f"<header><nav><a href='/shop'>Shop</a> <a href='/help'>Help</a></nav></header>"
        f"<main><h1>Ridge boots</h1>{REAL_TEXT}{body}</main></body></html>"
    )


def check_page(
    html: str, url: str = SITE + "boots", start: str = SITE, **options: Any
) -> list[Finding]:
    snapshot = snapshot_from_html(html, url=url, headers=options.pop("headers", {}))
    return list(UnderConstruction(**options).check_page(snapshot, CheckContext(start)))


def found(html: str, rule: str, **kwargs: Any) -> list[Finding]:
    return [f for f in check_page(html, **kwargs) if f.rule == rule]


# ---- noindex --------------------------------------------------------------------------
NOINDEX = "<meta name='robots' content='noindex, nofollow'>"


def test_noindex_on_the_home_page_is_major_and_elsewhere_minor() -> None:
    (home,) = found(page("", NOINDEX), "noindex", url=SITE)
    assert home.severity.value == "major" and "home page" in home.message.lower()
    (other,) = found(page("", NOINDEX), "noindex")
    assert other.severity.value == "minor"


def test_noindex_from_the_x_robots_tag_header() -> None:
    (finding,) = found(page(""), "noindex", url=SITE, headers={"x-robots-tag": "noindex"})
    assert "X-Robots-Tag" in finding.message
    per_bot = found(page(""), "noindex", url=SITE, headers={"x-robots-tag": "googlebot: none"})
    assert len(per_bot) == 1


@pytest.mark.parametrize(
    ("head", "url"),
    [
        ("<meta name='robots' content='index, follow'>", SITE),
        ("<meta name='description' content='noindex is a word here'>", SITE),
        (NOINDEX, SITE + "cart"),  # kept out of search engines on purpose
        (NOINDEX, SITE + "search?q=boots"),
        (NOINDEX, SITE + "account/orders"),
    ],
)
def test_noindex_stays_silent_where_it_is_right(head: str, url: str) -> None:
    assert found(page("", head), "noindex", url=url) == []


def test_staging_run_reports_what_will_go_live() -> None:
    staging = "https://staging.northwind-shop.com/"
    options = {"production_host": "www.northwind-shop.com"}
    (meta,) = found(page("", NOINDEX), "noindex", url=staging, start=staging, **options)
    assert meta.severity.value == "major" and "www.northwind-shop.com" in meta.message
    (header,) = found(
        page(""),
        "noindex",
        url=staging,
        start=staging,
        headers={"x-robots-tag": "noindex"},
        **options,
    )
    assert header.severity.value == "info"


# ---- other environments -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("markup", "host"),
    [
        ("<link rel='canonical' href='https://staging.northwind-shop.com/boots'>", "staging."),
        ("<meta property='og:url' content='http://localhost:3000/boots'>", "localhost"),
        ("", "uat."),  # the form below
    ],
)
def test_urls_on_another_environment_are_reported(markup: str, host: str) -> None:
    form = "<form action='https://uat.northwind-shop.com/subscribe'><button>Go</button></form>"
    html = page(form if host == "uat." else "", markup)
    (finding,) = found(html, "other-environment")
    assert host in finding.evidence and finding.severity.value == "major"


def test_assets_from_a_developer_machine_and_listed_hosts() -> None:
    html = page("<img src='http://127.0.0.1:8080/img/boots.jpg' alt='Boots'>")
    assert [f.evidence for f in found(html, "other-environment")] == ["127.0.0.1"]
    listed = page("<a href='https://qa-eu.internal.example/boots'>Boots</a>")
    assert found(listed, "other-environment") == []
    (finding,) = found(listed, "other-environment", other_environments=("*.internal.example",))
    assert finding.evidence == "qa-eu.internal.example"


@pytest.mark.parametrize(
    "body",
    [
        "<a href='https://dev.to/northwind'>DEV</a> <a href='https://developer.mozilla.org/'>MDN</a>",
        "<a href='https://www.northwind-shop.com/help'>Help</a>",
        "<a href='https://testingtools.com/'>Testing tools</a> <a href='https://stage.com/'>Stage</a>",
        "<a href='https://northwind-shop.netlify.app/'>Mirror</a>",
    ],
)
def test_ordinary_links_are_not_another_environment(body: str) -> None:
    assert found(page(body), "other-environment") == []


def test_a_site_served_locally_may_link_locally() -> None:
    local = "http://127.0.0.1:8000/"
    html = page("<img src='http://localhost:8000/img/boots.jpg' alt='Boots'>")
    assert found(html, "other-environment", url=local + "boots", start=local) == []


def test_the_staging_host_itself_and_production_are_not_other_environments() -> None:
    staging = "https://staging.northwind-shop.com/"
    html = page(
        "<a href='https://staging.northwind-shop.com/help'>Help</a>"
        "<a href='https://www.northwind-shop.com/'>Live site</a>"
    )
    assert (
        found(
            html,
            "other-environment",
            url=staging,
            start=staging,
            production_host="www.northwind-shop.com",
        )
        == []
    )


# ---- test data --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("<p>Email: test@example.com</p>", "test@example.com"),
        (
            "<p><a href='mailto:asdf@northwind-shop.com'>Write to us</a></p>",
            "asdf@northwind-shop.com",
        ),
        ("<blockquote>Great boots!</blockquote><p>— John Doe</p>", "John Doe"),
        ("<h3>Test product</h3><p>£0.01</p>", "Test product"),
        ("<p>asdf</p>", "asdf"),
    ],
)
def test_visible_test_data_is_reported(body: str, shown: str) -> None:
    (finding,) = found(page(body), "test-data")
    assert shown in finding.message


@pytest.mark.parametrize(
    "body",
    [
        "<p>Enter your address, for example jane@example.com, and click Sign up.</p>",
        "<form><input type='email' placeholder='test@example.com'></form>",
        "<p>Signed in as tester@northwind.test.</p>",
        "<p>Email: hello@northwind-shop.com</p>",
        "<h3>QWERTY keyboard cover</h3><p>Fits every 13-inch laptop.</p>",
        "<p>John Doe and Jane Doe are the names courts give to people whose names are not "
        "known, and forms use them as examples.</p>",
    ],
)
def test_examples_and_real_data_stay_silent(body: str) -> None:
    assert found(page(body), "test-data") == []


# ---- site-wide: robots.txt, not-found page, favicon -----------------------------------------
def site_findings(probe: SiteProbe, **options: Any) -> list[Finding]:
    site = SiteSnapshot(SITE, (), (), {"site-probe": probe})
    return list(UnderConstruction(**options).check_site(site, CheckContext(SITE)))


def robots(text: str) -> SiteProbe:
    """The probe's answer for `text`, read as the site-probe capture reads it."""
    answer = ProbeAnswer(SITE + "robots.txt", 200, body=text)
    return SiteProbe(
        robots=answer,
        start_url=SITE,
        icon_declared=True,
        robots_lets_crawlers_in=lets_crawlers_in(answer, SITE),
    )


def test_robots_txt_shutting_out_every_crawler() -> None:
    (finding,) = site_findings(robots("User-agent: *\nDisallow: /\n"))
    assert finding.rule == "robots-disallow-all" and finding.severity.value == "major"
    staging = site_findings(robots("User-agent: *\nDisallow: /"), production_host="www.example.com")
    assert staging[0].severity.value == "info" and "www.example.com" in staging[0].message


@pytest.mark.parametrize(
    "text",
    [
        "User-agent: *\nDisallow: /admin/\n",
        "User-agent: *\nAllow: /\n",
        "User-agent: Googlebot\nAllow: /\n\nUser-agent: *\nDisallow: /\n",
        "",
    ],
)
def test_robots_txt_that_lets_search_engines_in_stays_silent(text: str) -> None:
    assert site_findings(robots(text)) == []


MENU = (SITE + "shop", SITE + "help", SITE + "about")


def made_up(status: int, body: str = "") -> SiteProbe:
    answer = ProbeAnswer(
        SITE + "cxcheck-made-up.html", status, SITE + "cxcheck-made-up.html", "text/html", body
    )
    return SiteProbe(made_up=answer, navigation=MENU, start_url=SITE, icon_declared=True)


def test_a_made_up_address_answering_200_or_a_bare_error_page() -> None:
    (ok,) = site_findings(made_up(200, "<h1>Welcome</h1>"))
    assert ok.rule == "no-not-found-page" and ok.severity.value == "major"
    (bare,) = site_findings(made_up(404, "<h1>Not Found</h1><hr><address>nginx</address>"))
    assert bare.rule == "bare-error-page" and bare.severity.value == "minor"


def test_a_real_not_found_page_with_the_menu_stays_silent() -> None:
    body = "<nav><a href='/shop'>Shop</a><a href='/help'>Help</a></nav><h1>Page not found</h1>"
    assert site_findings(made_up(404, body)) == []
    menuless = SiteProbe(made_up=made_up(404, "bare").made_up, start_url=SITE, icon_declared=True)
    assert site_findings(menuless) == []  # a one-page site has no menu to miss


def test_no_favicon_is_minor_and_a_declared_or_served_icon_is_enough() -> None:
    missing = SiteProbe(favicon=ProbeAnswer(SITE + "favicon.ico", 404), start_url=SITE)
    (finding,) = site_findings(missing)
    assert finding.rule == "no-favicon" and finding.severity.value == "minor"
    assert site_findings(SiteProbe(icon_declared=True, start_url=SITE)) == []
    served = SiteProbe(favicon=ProbeAnswer(SITE + "favicon.ico", 200), start_url=SITE)
    assert site_findings(served) == []


def test_each_rule_can_be_turned_off() -> None:
    missing = SiteProbe(favicon=ProbeAnswer(SITE + "favicon.ico", 404), start_url=SITE)
    assert site_findings(missing, disable=("no-favicon",)) == []
    assert found(page("<p>Email: test@example.com</p>"), "test-data", disable=("test-data",)) == []
    with pytest.raises(ConfigError, match="unknown rule"):
        load_checks("", ("under-construction",), (), {"under-construction": {"disable": ["x"]}})


# ---- template slots ---------------------------------------------------------------------
def test_a_page_of_slot_tokens_is_a_placeholder_page() -> None:
    html = (
        "<html><head><title>[TITLE]</title></head><body><h1>[Title]</h1><p>[SUBTITLE]</p>"
        "<p>[content]</p><footer>[Company Name]</footer></body></html>"
    )
    assert [f.rule for f in check_page(html)] == ["placeholder-page"]


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ("<p>Made by [Your Name] in 2025</p>", "placeholder-content"),
        ("<p>[vc_row][vc_column]Our story[/vc_column][/vc_row]</p>", "placeholder-content"),
        ("<p>Read the care guide [PDF, 2 MB] or the study [1].</p>", None),
        ("<p>[Updated] Delivery times over the holidays</p>", None),
    ],
)
def test_slot_tokens_on_a_real_page(body: str, rule: str | None) -> None:
    rules = [f.rule for f in check_page(page(body))]
    assert rules == ([rule] if rule else [])


# ---- languages, capitals and character width -----------------------------------------------
@pytest.mark.parametrize(
    ("lang", "heading", "text"),
    [
        ("pl", "Strona w budowie", "Zapraszamy wkrótce!"),
        ("tr", "SİTE YAPIM AŞAMASINDA", "Çok yakında sizlerle."),
        ("ar", "الموقع تحت الإنشاء", "سنعود قريبا."),
        ("he", "האתר בבנייה", "נחזור בקרוב!"),
        ("hi", "वेबसाइट निर्माणाधीन है", "हम जल्द ही वापस आएंगे।"),
        ("id", "Situs sedang dalam perbaikan", "Kami akan segera kembali."),
        ("vi", "Website đang xây dựng", "Vui lòng quay lại sau."),
        ("th", "เว็บไซต์อยู่ระหว่างการปรับปรุง", "กรุณากลับมาใหม่ภายหลัง"),
        ("sv", "Sidan är under uppbyggnad", "Välkommen tillbaka snart!"),
        ("cs", "Stránka ve výstavbě", "Již brzy!"),
        ("en", "ＵＮＤＥＲ ＣＯＮＳＴＲＵＣＴＩＯＮ", "ＣＯＭＩＮＧ ＳＯＯＮ"),
        ("ja", "ｺﾐﾝｸﾞｽｰﾝ", "ただいま準備中です。"),
        ("de", "WIR ARBEITEN DARAN", "Diese Seite befindet sich im Aufbau."),
    ],
)
def test_notices_in_every_language(lang: str, heading: str, text: str) -> None:
    html = (
        f"<html lang='{lang}'><head><title>Northwind</title></head><body>"
        f"<h1>{heading}</h1><p>{text}</p></body></html>"
    )
    assert [f.rule for f in check_page(html)] == ["placeholder-page"]


def test_words_inside_longer_words_do_not_count() -> None:
    html = page("<h2>Reconstructions</h2><p>Undercoming soonest deliveries are listed below.</p>")
    assert check_page(html) == []


def test_a_construction_firm_with_status_badges_stays_silent() -> None:
    cards = "".join(
        f"<div class='card'><h3>{name}</h3><span>{status}</span><p>{text}</p></div>"
        for name, status, text in [
            ("Harbourside Apartments", "Under construction", "120 flats, completion spring 2026."),
            ("St Anne's School", "Completed", "A two-form entry school, Passivhaus."),
            ("Avon footbridge", "Under construction", "A 90-metre steel footbridge."),
        ]
    )
    assert check_page(page(f"<h2>Our projects</h2>{cards}")) == []
