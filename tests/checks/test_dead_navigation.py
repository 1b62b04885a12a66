"""dead-navigation on snapshots from HTML strings (one page) and on hand-built site snapshots
(links between pages, redirects, anchors, answers from other sites); no browser."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urljoin

import pytest

from checks.dead_navigation import DeadNavigation
from cxcheck.captures import ControlsRequest, LinkStatusRequest, UrlStatus
from cxcheck.contract import CheckContext
from cxcheck.errors import ConfigError
from cxcheck.findings import Finding, Severity, group_findings
from cxcheck.plugins import capture_requests, load_checks
from cxcheck.snapshot import FailedRequest, Link, PageRecord, Redirect, SiteSnapshot
from cxcheck.testing import context_for, snapshot_from_html

SITE = "https://shop.example/"
PAGE = "https://shop.example/boots"
PARTNER = "https://partner.example/boots"


def page_findings(
    html: str, url: str = PAGE, check: DeadNavigation | None = None, **fields: Any
) -> list[Finding]:
    page = snapshot_from_html(html, url=url, **fields)
    return list((check or DeadNavigation()).check_page(page, context_for(page)))


def record(path: str, *links: Link, **fields: Any) -> PageRecord:
    """A crawled HTML page of the site that answered 200, unless `fields` say otherwise."""
    url = urljoin(SITE, path)
    page = PageRecord(
        url=url,
        final_url=url,
        status=200,
        content_type="text/html; charset=utf-8",
        title="Northwind",
        links=links,
        redirects=(),
        depth=1,
        referrer="",
        error="",
        rendered=True,
    )
    return replace(page, **fields)


def link(href: str, text: str = "", region: str = "", kind: str = "a", **fields: Any) -> Link:
    return Link(
        href=urljoin(SITE, href),
        raw=href,
        kind=kind,
        text=text,
        selector=fields.pop("selector", f"{kind}.test"),
        region=region,
        **fields,
    )


def site_findings(
    *pages: PageRecord,
    verified: dict[str, UrlStatus] | None = None,
    check: DeadNavigation | None = None,
) -> list[Finding]:
    site = SiteSnapshot(SITE, pages, extras={"link-status": verified or {}})
    return list((check or DeadNavigation()).check_site(site, CheckContext(SITE)))


def rules(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


# ---- soft-404 ----------------------------------------------------------------------


def test_a_page_that_answers_200_but_says_page_not_found_is_a_soft_404() -> None:
    (finding,) = page_findings("<title>Page not found – Shop</title><p>Sorry.</p>")
    assert finding.rule == "soft-404"
    assert finding.severity is Severity.MAJOR
    assert "Page not found – Shop" in finding.message
    assert "answers 200" in finding.message
    assert finding.target == PAGE


def test_an_article_about_404_errors_is_not_a_soft_404() -> None:
    assert page_findings("<title>How to fix 404 errors</title><h1>How to fix 404 errors</h1>") == []


def test_more_not_found_wording_comes_from_the_options() -> None:
    html = "<title>Item no longer stocked – Shop</title>"
    assert page_findings(html) == []
    check = DeadNavigation(not_found_phrases=("item no longer stocked",))
    assert rules(page_findings(html, check=check)) == ["soft-404"]


BROKEN_EVERYWHERE = (
    "<title>Page not found – Shop</title>"
    '<script src="http://shop.example/app.js"></script>'
    '<nav><a href="#">Shop</a></nav><button>Buy</button><a href="mailto:bob">Mail</a>'
)


def test_a_page_with_every_problem_shows_them_at_200() -> None:
    assert sorted(rules(page_findings(BROKEN_EVERYWHERE))) == [
        "dead-control",
        "insecure-link",
        "malformed-link",
        "placeholder-link",
        "soft-404",
    ]


@pytest.mark.parametrize(
    "fields",
    [{"status": 404}, {"status": 500}, {"status": None, "error": "connection refused"}],
)
def test_a_page_that_failed_to_load_is_not_checked_at_all(fields: dict[str, Any]) -> None:
    failed = (FailedRequest("https://shop.example/a.png", "image", 404),)
    assert page_findings(BROKEN_EVERYWHERE, failed_requests=failed, **fields) == []


def test_a_page_that_is_not_html_is_not_checked() -> None:
    assert page_findings(BROKEN_EVERYWHERE, content_type="application/pdf") == []


# ---- broken-asset from the page's own requests -------------------------------------


def test_a_missing_image_is_a_major_broken_asset_naming_the_image() -> None:
    html = '<main><img src="/img/red-boots.jpg" alt="Red boots"></main>'
    failed = (FailedRequest("https://shop.example/img/red-boots.jpg", "image", 404),)
    (finding,) = page_findings(html, failed_requests=failed)
    assert finding.rule == "broken-asset"
    assert finding.severity is Severity.MAJOR
    assert finding.target == "https://shop.example/img/red-boots.jpg"
    assert finding.selector == "html > main > img"
    assert "image “Red boots”" in finding.message
    assert "/img/red-boots.jpg" in finding.message
    assert "404 Not Found" in finding.message
    assert finding.evidence == "HTTP 404"


def test_the_element_a_person_sees_names_the_missing_file() -> None:
    html = (
        '<link rel="preload" as="image" href="/img/hero.jpg">'
        '<main><img src="/img/hero.jpg" alt="Autumn boots"></main>'
    )
    failed = (FailedRequest("https://shop.example/img/hero.jpg", "image", 404),)
    page = snapshot_from_html(html, url=PAGE, failed_requests=failed)
    preload, img = page.links
    page = replace(page, links=(replace(preload, visible=False), img))
    (finding,) = DeadNavigation().check_page(page, context_for(page))
    assert finding.selector == "html > main > img"
    assert "“Autumn boots”" in finding.message


@pytest.mark.parametrize(
    ("resource_type", "severity", "words"),
    [
        ("image", Severity.MAJOR, "broken image"),
        ("stylesheet", Severity.MAJOR, "without (some of) its styling"),
        ("script", Severity.MAJOR, "may not work"),
        ("font", Severity.MINOR, "fallback font"),
        ("media", Severity.MINOR, "does not play"),
        ("document", Severity.MINOR, "embedded frame"),
    ],
)
def test_missing_files_are_major_for_images_styles_and_scripts_else_minor(
    resource_type: str, severity: Severity, words: str
) -> None:
    failed = (FailedRequest("https://shop.example/files/x", resource_type, 404),)
    (finding,) = page_findings("<p>Boots</p>", failed_requests=failed)
    assert finding.rule == "broken-asset"
    assert finding.severity is severity
    assert words in finding.message


def test_a_file_that_could_not_be_loaded_says_the_network_error() -> None:
    failed = (
        FailedRequest(
            "https://cdn.example/site.css", "stylesheet", None, "net::ERR_CONNECTION_REFUSED"
        ),
    )
    (finding,) = page_findings("<p>Boots</p>", failed_requests=failed)
    assert finding.severity is Severity.MAJOR
    assert "https://cdn.example/site.css" in finding.message  # another site: shown whole
    assert "cannot be loaded (net::ERR_CONNECTION_REFUSED)" in finding.message


@pytest.mark.parametrize(
    "failed",
    [
        FailedRequest("https://shop.example/img/lazy.jpg", "image", None, "net::ERR_ABORTED"),
        FailedRequest("https://shop.example/img/lazy.jpg", "image", None, "NS_BINDING_ABORTED"),
        FailedRequest("https://shop.example/api/cart", "xhr", 500),
        FailedRequest("https://shop.example/api/stock", "fetch", 404),
    ],
)
def test_cancelled_requests_and_script_calls_are_not_broken_assets(
    failed: FailedRequest,
) -> None:
    assert page_findings("<p>Boots</p>", failed_requests=(failed,)) == []


# ---- placeholder-link ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "words"),
    [("nav", "in the site menu"), ("header", "in the header"), ("footer", "in the footer")],
)
def test_a_placeholder_link_in_the_menu_header_or_footer_is_major(region: str, words: str) -> None:
    (finding,) = page_findings(f'<{region}><a href="#">Shop</a></{region}>')
    assert finding.rule == "placeholder-link"
    assert finding.severity is Severity.MAJOR
    assert f"The link “Shop” {words} goes nowhere" in finding.message
    assert '"#"' in finding.message


@pytest.mark.parametrize("href", ["javascript:void(0)", "javascript:;", "", "#"])
def test_a_placeholder_link_in_the_content_is_minor(href: str) -> None:
    (finding,) = page_findings(f'<main><a href="{href}">More colours</a></main>')
    assert finding.rule == "placeholder-link"
    assert finding.severity is Severity.MINOR
    assert "“More colours”" in finding.message
    assert f'"{href}"' in finding.message


@pytest.mark.parametrize(
    "html",
    [
        '<nav><a href="#" onclick="openMenu()">Shop</a></nav>',
        '<main><a href="javascript:void(0)" onclick="more()">More colours</a></main>',
        '<nav onclick="route(event)"><a href="#">Shop</a></nav>',
        '<main><a href="#reviews">Reviews</a><h2 id="reviews">Reviews</h2></main>',
        '<main><a href="#section">Jump to the section</a></main>',
    ],
)
def test_handled_placeholders_and_real_fragments_are_fine(html: str) -> None:
    assert page_findings(html) == []


# ---- dead-control ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ("<main><button>Add to basket</button></main>", "The button “Add to basket”"),
        ('<main><span role="button">Filter</span></main>', "The button “Filter”"),
        ("<main><a>Next page</a></main>", "The link “Next page”"),
        (
            '<main><div style="cursor:pointer">Size guide</div></main>',
            "“Size guide” looks clickable (pointer cursor) but",
        ),
        (
            '<form><button type="button">Show password</button></form>',
            "The button “Show password”",
        ),
    ],
)
def test_a_control_nothing_listens_to_is_a_major_dead_control(html: str, words: str) -> None:
    (finding,) = page_findings(html)
    assert finding.rule == "dead-control"
    assert finding.severity is Severity.MAJOR
    assert words in finding.message
    assert "does nothing when clicked" in finding.message
    assert finding.selector


def test_a_dead_control_says_where_it_sits() -> None:
    (finding,) = page_findings("<header><button>Search</button></header>")
    assert "The button “Search” in the header does nothing" in finding.message


@pytest.mark.parametrize(
    "html",
    [
        "<form><button>Send</button></form>",
        '<form><input type="submit" value="Send"></form>',
        "<main><button disabled>Sold out</button></main>",
        '<main><button aria-disabled="true">Sold out</button></main>',
        '<main><button onclick="buy()">Buy</button></main>',
        '<main><button popovertarget="sizes">Sizes</button></main>',
        '<div onclick="openGuide()"><span style="cursor: pointer">Size guide</span></div>',
        '<main><a name="top">Top</a></main>',
        '<main><span role="button" onclick="filter()">Filter</span></main>',
        "<main><button></button></main>",  # nothing to name it by; accessibility's business
    ],
)
def test_controls_that_act_are_not_dead(html: str) -> None:
    assert page_findings(html) == []


# ---- insecure-link -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "severity", "words"),
    [
        (
            '<script src="http://shop.example/js/app.js"></script>',
            Severity.MAJOR,
            "loads the script http://shop.example/js/app.js over plain http",
        ),
        (
            '<link rel="stylesheet" href="http://cdn.example/site.css">',
            Severity.MAJOR,
            "over plain http",
        ),
        (
            '<iframe src="http://maps.example/shop"></iframe>',
            Severity.MAJOR,
            "loads the embedded frame http://maps.example/shop",
        ),
        (
            '<form action="http://shop.example/login"><input name="email"></form>',
            Severity.MAJOR,
            "A form on this page sends what customers type over plain http",
        ),
        (
            '<img src="http://cdn.example/boots.jpg" alt="Boots">',
            Severity.MINOR,
            "loads the image http://cdn.example/boots.jpg over plain http",
        ),
        (
            '<a href="http://shop.example/about">About us</a>',
            Severity.MINOR,
            "The link “About us” leaves the secure site for http://shop.example/about",
        ),
        (
            '<a href="http://www.shop.example/about">About us</a>',
            Severity.MINOR,
            "The link “About us” leaves the secure site",
        ),
    ],
)
def test_plain_http_on_a_secure_page_is_insecure(html: str, severity: Severity, words: str) -> None:
    (finding,) = page_findings(html)
    assert finding.rule == "insecure-link"
    assert finding.severity is severity
    assert words in finding.message


def test_a_plain_http_link_to_another_site_is_that_sites_business() -> None:
    assert page_findings('<a href="http://partner.example/boots">Our partner</a>') == []


def test_nothing_is_insecure_on_a_plain_http_page() -> None:
    html = (
        '<script src="http://shop.example/js/app.js"></script>'
        '<img src="http://cdn.example/boots.jpg" alt="Boots">'
        '<form action="http://shop.example/login"><input name="email"></form>'
        '<a href="http://shop.example/about">About us</a>'
    )
    assert page_findings(html, url="http://shop.example/boots") == []


# ---- malformed-link ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("href", "reason"),
    [
        ("mailto:sales", '"sales" is not an email address'),
        ("mailto:sales@northwind", '"sales@northwind" is not an email address'),
        ("tel:call-us", '"call-us" is not a phone number'),
        ("tel:0800 BOOTS", '"0800 BOOTS" is not a phone number'),
        ("htp://partner.example", "mistyped"),
        ("www.partner.example", "lacks http:// or https://"),
    ],
)
def test_a_link_that_cannot_work_as_written_is_malformed(href: str, reason: str) -> None:
    (finding,) = page_findings(f'<footer><a href="{href}">Contact us</a></footer>')
    assert finding.rule == "malformed-link"
    assert finding.severity is Severity.MINOR
    assert f"The link “Contact us” ({href}) cannot work" in finding.message
    assert reason in finding.message
    assert finding.target == href


@pytest.mark.parametrize(
    "href", ["mailto:a@b.co?subject=x", "mailto:?to=a@b.co", "tel:+44 (0)20 7946-0958"]
)
def test_good_mailto_and_tel_links_are_fine(href: str) -> None:
    assert page_findings(f'<footer><a href="{href}">Contact us</a></footer>') == []


def test_a_malformed_link_without_text_reads_as_a_sentence() -> None:
    (finding,) = page_findings('<footer><a href="mailto:sales"><img src="/mail.svg"></a></footer>')
    assert finding.message.startswith("A link without text (mailto:sales) cannot work")


# ---- broken-link -------------------------------------------------------------------


def test_a_link_to_a_missing_page_is_a_major_broken_link() -> None:
    home = record("/", link("/summer-sale", "Summer sale"))
    (finding,) = site_findings(home, record("/summer-sale", status=404))
    assert finding.rule == "broken-link"
    assert finding.severity is Severity.MAJOR
    assert finding.url == SITE
    assert finding.target == "https://shop.example/summer-sale"
    assert finding.message == (
        "Clicking “Summer sale” leads to a page that does not exist (404 Not Found)."
    )


@pytest.mark.parametrize(
    ("region", "words"),
    [("nav", "in the site menu"), ("header", "in the header"), ("footer", "in the footer")],
)
def test_a_broken_link_in_the_menu_header_or_footer_is_a_blocker(region: str, words: str) -> None:
    home = record("/", link("/summer-sale", "Summer sale", region=region))
    (finding,) = site_findings(home, record("/summer-sale", status=404))
    assert finding.severity is Severity.BLOCKER
    assert f"Clicking “Summer sale” {words} leads to" in finding.message


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"status": 500}, "fails on the server (500 Internal Server Error)"),
        ({"status": 403}, "is not allowed for visitors (403 Forbidden)"),
        ({"status": None, "error": "connection refused"}, "cannot be loaded (connection refused)"),
    ],
)
def test_a_link_to_a_page_that_fails_is_a_broken_link(fields: dict[str, Any], words: str) -> None:
    home = record("/", link("/checkout", "Checkout"))
    (finding,) = site_findings(home, record("/checkout", **fields))
    assert finding.rule == "broken-link"
    assert words in finding.message


def test_an_automatic_redirect_to_a_missing_page_is_a_broken_link() -> None:
    home = record("/", link("/old-home", kind="meta"))
    (finding,) = site_findings(home, record("/old-home", status=404))
    assert finding.rule == "broken-link"
    assert "sends visitors on automatically to a page that does not exist" in finding.message


def test_a_broken_link_says_how_many_pages_link_to_it() -> None:
    gone = link("/summer-sale", "Summer sale")
    pages = [record(path, gone) for path in ("/", "/boots", "/shoes")]
    findings = site_findings(*pages, record("/summer-sale", status=404))
    assert [f.url for f in findings] == [
        SITE,
        "https://shop.example/boots",
        "https://shop.example/shoes",
    ]
    assert all(f.message.endswith("3 pages link to it.") for f in findings)


def test_a_broken_link_from_one_page_does_not_count_pages() -> None:
    home = record("/", link("/summer-sale", "Summer sale"), link("/summer-sale", "Sale"))
    findings = site_findings(home, record("/summer-sale", status=404))
    assert rules(findings) == ["broken-link", "broken-link"]
    assert not any("pages link to it" in f.message for f in findings)


def test_a_link_to_a_page_that_was_not_crawled_is_not_judged() -> None:
    assert site_findings(record("/", link("/members/area", "Members"))) == []


@pytest.mark.parametrize("pattern", ["*", "/members/*", "https://shop.example/members/*"])
def test_the_status_option_can_make_a_status_fine(pattern: str) -> None:
    home = record("/", link("/members/area", "Members"))
    members = record("/members/area", status=401)
    assert rules(site_findings(home, members)) == ["broken-link"]
    check = DeadNavigation(status={pattern: {"401": "ok"}})
    assert site_findings(home, members, check=check) == []


def test_the_status_option_only_applies_where_its_glob_matches() -> None:
    home = record("/", link("/account/orders", "Orders"))
    check = DeadNavigation(status={"/members/*": {"401": "ok"}})
    findings = site_findings(home, record("/account/orders", status=401), check=check)
    assert rules(findings) == ["broken-link"]
    assert "401 Unauthorized" in findings[0].message


def test_warn_makes_an_internal_status_less_than_a_broken_link() -> None:
    home = record("/", link("/members/area", "Members"))
    check = DeadNavigation(status={"/members/*": {"401": "warn"}})
    findings = site_findings(home, record("/members/area", status=401), check=check)
    assert all(f.severity < Severity.MAJOR for f in findings)


@pytest.mark.parametrize(
    "fields",
    [{"own": False}, {"content_type": "application/pdf"}, {"rendered": False}],
)
def test_only_the_sites_own_html_pages_are_link_sources(fields: dict[str, Any]) -> None:
    source = record("/catalogue", link("/summer-sale", "Summer sale"), **fields)
    assert site_findings(source, record("/summer-sale", status=404)) == []


# ---- redirect-chain ----------------------------------------------------------------


def moved(path: str, *hops: str, final: str = "/boots") -> PageRecord:
    """The page visited at `path`, which went through `hops` before landing on `final`."""
    return record(
        path,
        final_url=urljoin(SITE, final),
        redirects=tuple(Redirect(urljoin(SITE, hop), 301) for hop in hops),
    )


def test_a_link_through_two_redirects_is_a_minor_redirect_chain() -> None:
    home = record("/", link("/old-boots", "Boots"))
    (finding,) = site_findings(home, moved("/old-boots", "/old-boots", "/boots-2019"))
    assert finding.rule == "redirect-chain"
    assert finding.severity is Severity.MINOR
    assert finding.target == "https://shop.example/old-boots"
    assert "The link “Boots” goes through 2 redirects" in finding.message
    assert "(/old-boots → /boots-2019 → /boots)" in finding.message


def test_one_redirect_is_fine() -> None:
    home = record("/", link("/old-boots", "Boots"))
    assert site_findings(home, moved("/old-boots", "/old-boots")) == []


def test_a_link_to_where_the_redirects_land_is_fine() -> None:
    home = record("/", link("/boots", "Boots"))
    assert site_findings(home, moved("/old-boots", "/old-boots", "/boots-2019")) == []


def test_a_redirect_loop_is_a_major_redirect_chain_and_not_a_broken_link() -> None:
    home = record("/", link("/account", "My account"))
    loop = record(
        "/account",
        status=None,
        error="redirect loop (too many redirects)",
        error_code="ERR_TOO_MANY_REDIRECTS",
    )
    (finding,) = site_findings(home, loop)
    assert finding.rule == "redirect-chain"
    assert finding.severity is Severity.MAJOR
    assert "“My account” leads into a redirect loop" in finding.message


# ---- broken-anchor -----------------------------------------------------------------


def test_a_link_to_a_part_another_page_lacks_is_a_minor_broken_anchor() -> None:
    home = record("/", link("/size-guide#wide-fit", "Wide fit"))
    guide = record("/size-guide", anchors=frozenset({"narrow-fit"}))
    (finding,) = site_findings(home, guide)
    assert finding.rule == "broken-anchor"
    assert finding.severity is Severity.MINOR
    assert "The link “Wide fit” points at a part of the page (#wide-fit)" in finding.message
    assert finding.evidence == "#wide-fit"


def test_a_link_to_a_part_of_the_same_page_that_is_missing_is_a_broken_anchor() -> None:
    home = record("/", link("#reviews", "Reviews"), anchors=frozenset({"sizes"}))
    assert rules(site_findings(home)) == ["broken-anchor"]


@pytest.mark.parametrize(
    "href",
    [
        "/size-guide#narrow-fit",
        "/size-guide#top",
        "/size-guide#",
        "/size-guide#/route/wide",
        "/size-guide#!/wide",
        "/size-guide#:~:text=wide%20fit",
        "/size-guide#caf%C3%A9",
        "/size-guide",
    ],
)
def test_fragments_that_need_no_element_or_have_one_are_fine(href: str) -> None:
    home = record("/", link(href, "Size guide"))
    guide = record("/size-guide", anchors=frozenset({"narrow-fit", "café"}))
    assert site_findings(home, guide) == []


def test_a_link_to_a_part_of_a_missing_page_is_only_a_broken_link() -> None:
    home = record("/", link("/size-guide#wide-fit", "Wide fit"))
    assert rules(site_findings(home, record("/size-guide", status=404))) == ["broken-link"]


# ---- external-link -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error", "severity", "words"),
    [
        (404, "", Severity.MINOR, "leads to a page that does not exist (404 Not Found)"),
        (410, "", Severity.MINOR, "leads to a page that does not exist (410 Gone)"),
        (403, "", Severity.INFO, "could not be verified (it answered 403)"),
        (500, "", Severity.INFO, "could not be verified (it answered 500)"),
        (999, "", Severity.INFO, "could not be verified (it answered 999)"),
        (None, "no answer within 10 s", Severity.INFO, "could not be verified (no answer within"),
    ],
)
def test_links_to_other_sites_are_gone_or_could_not_be_verified(
    status: int | None, error: str, severity: Severity, words: str
) -> None:
    home = record("/", link(PARTNER, "Our partner"))
    (finding,) = site_findings(home, verified={PARTNER: UrlStatus(PARTNER, status, error)})
    assert finding.rule == "external-link"
    assert finding.severity is severity
    assert f"The link “Our partner” to another site ({PARTNER})" in finding.message
    assert words in finding.message


def test_a_link_to_another_site_that_works_is_fine() -> None:
    home = record("/", link(PARTNER, "Our partner"))
    assert site_findings(home, verified={PARTNER: UrlStatus(PARTNER, 200)}) == []


def test_a_link_to_another_site_is_judged_without_its_fragment() -> None:
    home = record("/", link(PARTNER + "#care", "Care"))
    findings = site_findings(home, verified={PARTNER: UrlStatus(PARTNER, 404)})
    assert rules(findings) == ["external-link"]


def test_a_link_to_another_site_that_was_not_verified_is_not_judged() -> None:
    assert site_findings(record("/", link(PARTNER, "Our partner"))) == []


@pytest.mark.parametrize(
    ("status_option", "status", "expected"),
    [
        ({"*": {"403": "ok"}}, 403, []),
        ({"*linkedin.com*": {"999": "ok"}}, 999, ["external-link"]),  # not LinkedIn: info
        ({"https://partner.example/*": {"404": "ok"}}, 404, []),
        ({"https://other.example/*": {"404": "ok"}}, 404, ["external-link"]),
    ],
)
def test_the_status_option_re_judges_other_sites(
    status_option: dict[str, dict[str, str]], status: int, expected: list[str]
) -> None:
    home = record("/", link(PARTNER, "Our partner"))
    check = DeadNavigation(status=status_option)
    verified = {PARTNER: UrlStatus(PARTNER, status)}
    assert rules(site_findings(home, verified=verified, check=check)) == expected


def test_error_makes_a_status_that_could_not_be_verified_a_dead_link() -> None:
    home = record("/", link(PARTNER, "Our partner"))
    check = DeadNavigation(status={"*": {"500": "error"}})
    (finding,) = site_findings(home, verified={PARTNER: UrlStatus(PARTNER, 500)}, check=check)
    assert finding.severity is Severity.MINOR
    assert "fails on the server (500 Internal Server Error)" in finding.message


def test_warn_makes_a_missing_page_on_another_site_only_unverified() -> None:
    home = record("/", link(PARTNER, "Our partner"))
    check = DeadNavigation(status={"*": {"404": "warn"}})
    (finding,) = site_findings(home, verified={PARTNER: UrlStatus(PARTNER, 404)}, check=check)
    assert finding.severity is Severity.INFO


# ---- broken-asset from the background check ----------------------------------------


def test_an_unloaded_internal_file_that_is_missing_is_a_broken_asset() -> None:
    lazy = "https://shop.example/img/lazy.jpg"
    home = record("/", link("/img/lazy.jpg", "Lazy boots", kind="img", attr="src"))
    (finding,) = site_findings(home, verified={lazy: UrlStatus(lazy, 404, method="GET")})
    assert finding.rule == "broken-asset"
    assert finding.severity is Severity.MAJOR
    assert finding.target == lazy
    assert "The image “Lazy boots” (/img/lazy.jpg) is missing (404 Not Found)" in finding.message


def test_a_missing_file_named_in_a_stylesheet_says_which_stylesheet() -> None:
    hero = "https://shop.example/img/hero.jpg"
    background = link("/img/hero.jpg", "https://shop.example/css/site.css", kind="css", attr="url")
    (finding,) = site_findings(
        record("/", background), verified={hero: UrlStatus(hero, 404, method="GET")}
    )
    assert finding.rule == "broken-asset"
    assert finding.severity is Severity.MINOR
    assert "(/img/hero.jpg, named in /css/site.css) is missing" in finding.message


@pytest.mark.parametrize(
    "answer",
    [UrlStatus("", None, "connection refused"), UrlStatus("", 403), UrlStatus("", 503)],
)
def test_an_unloaded_file_on_another_site_that_could_not_be_verified_is_fine(
    answer: UrlStatus,
) -> None:
    cdn = "https://cdn.example/lazy.jpg"
    home = record("/", link(cdn, "Lazy boots", kind="img", attr="src"))
    assert site_findings(home, verified={cdn: replace(answer, url=cdn)}) == []


def test_an_unloaded_file_on_another_site_that_is_gone_is_a_broken_asset() -> None:
    cdn = "https://cdn.example/lazy.jpg"
    home = record("/", link(cdn, "Lazy boots", kind="img", attr="src"))
    findings = site_findings(home, verified={cdn: UrlStatus(cdn, 404)})
    assert rules(findings) == ["broken-asset"]


def test_a_missing_web_app_manifest_is_not_called_an_image() -> None:
    manifest = "https://shop.example/site.webmanifest"
    home = record("/", link("/site.webmanifest", kind="link", rel="manifest"))
    (finding,) = site_findings(home, verified={manifest: UrlStatus(manifest, 404)})
    assert "image" not in finding.message
    assert finding.severity is Severity.MINOR


# ---- options and grouping ----------------------------------------------------------


def dead_navigation_options(table: dict[str, Any]) -> DeadNavigation:
    (loaded,) = load_checks("", ("dead-navigation",), (), {"dead-navigation": table})
    check: DeadNavigation = loaded.check
    return check


@pytest.mark.parametrize(
    "status",
    [{"*": {"403": "fine"}}, {"*": {"4xx": "ok"}}, {"*": "ok"}],
)
def test_a_bad_status_table_is_a_config_error_naming_status(status: Any) -> None:
    with pytest.raises(ConfigError, match=r"\[checks\.dead-navigation\] status"):
        dead_navigation_options({"status": status})


def test_the_config_error_for_a_bad_verdict_lists_the_verdicts() -> None:
    with pytest.raises(ConfigError, match="ok, warn, error"):
        dead_navigation_options({"status": {"*": {"403": "fine"}}})


def test_an_unknown_option_is_a_config_error_listing_the_known_ones() -> None:
    with pytest.raises(ConfigError) as caught:
        dead_navigation_options({"externals": False})
    message = str(caught.value)
    assert message.startswith('[checks.dead-navigation] unknown option "externals"; known: ')
    known = message.split("known: ")[1].split(", ")
    assert {"external", "external_exclude", "external_timeout_s", "status"} <= set(known)


def test_a_severity_override_must_name_one_of_its_rules() -> None:
    options = {"dead-navigation": {"severity": {"broken-links": "minor"}}}
    with pytest.raises(ConfigError, match='unknown rule "broken-links"'):
        load_checks("", ("dead-navigation",), (), options)


def test_the_link_status_capture_gets_the_external_options() -> None:
    check = dead_navigation_options(
        {
            "external": False,
            "external_include": ["https://*"],
            "external_exclude": "*linkedin.com*",
            "external_timeout_s": 5,
            "external_per_host": 1,
            "external_retries": 0,
            "external_budget_s": 30,
        }
    )
    links, _ = check.capture_requests()
    assert links == LinkStatusRequest(
        external=False,
        include=("https://*",),
        exclude=("*linkedin.com*",),
        timeout_s=5.0,
        per_host=1,
        retries=0,
        budget_s=30.0,
    )


def test_the_run_asks_for_the_link_status_and_controls_captures() -> None:
    loaded = load_checks("", ("dead-navigation",), (), {})
    requests = capture_requests(loaded).requests
    assert requests["controls"] == ControlsRequest()
    assert requests["link-status"] == LinkStatusRequest()  # the defaults, declared once


FOOTER = '<main><p>Boots</p></main><footer><a href="/returns">Returns</a></footer>'


def test_the_same_broken_footer_link_on_two_pages_is_one_problem() -> None:
    pages = [
        PageRecord.of(snapshot_from_html(FOOTER, url=urljoin(SITE, path)))
        for path in ("/boots", "/shoes")
    ]
    findings = site_findings(*pages, record("/returns", status=404))
    assert [f.severity for f in findings] == [Severity.BLOCKER, Severity.BLOCKER]
    assert findings[0].fingerprint == findings[1].fingerprint
    (group,) = group_findings(findings)
    assert group.pages == ("https://shop.example/boots", "https://shop.example/shoes")
    assert "2 pages link to it" in group.finding.message


# ---- forms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "reported"), [(404, True), (410, True), (405, False), (200, False)]
)
def test_a_form_that_posts_to_a_missing_address_is_a_broken_link(
    status: int, reported: bool
) -> None:
    action = "https://shop.example/newsletter/join"
    home = record("/", link("/newsletter/join", "Email Join", kind="form", attr="action"))
    findings = site_findings(home, verified={action: UrlStatus(action, status)})
    if not reported:
        assert findings == []  # 405: the address refuses HEAD/GET but may take the POST
        return
    (finding,) = findings
    assert finding.rule == "broken-link"
    assert finding.severity is Severity.MAJOR
    assert "sends what customers enter to /newsletter/join" in finding.message


def test_a_pointer_element_whose_child_listens_is_not_dead() -> None:
    html = '<main><div style="cursor:pointer"><span onclick="go()">Open the size guide</span></div></main>'
    assert page_findings(html) == []
