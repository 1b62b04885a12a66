"""urls_to_verify: what the link-status capture asks about, and what it leaves to the crawl
or to the page's own load."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from cxcheck.contract import CheckContext
from cxcheck.crawl.site_captures import urls_to_verify
from cxcheck.snapshot import Link
from cxcheck.testing import snapshot_from_html
from cxcheck.urls import LOGOUT_WORDS, avoided

SITE = "https://shop.example/"
IS_INTERNAL = CheckContext(SITE).is_internal


def everything(url: str) -> bool:
    return True


def nothing(url: str) -> bool:
    return False


def to_verify(
    html: str,
    wants_external: Callable[[str], bool] = everything,
    requested: frozenset[str] = frozenset(),
    links: tuple[Link, ...] | None = None,
) -> set[str]:
    page = snapshot_from_html(html, url=SITE, requested_urls=requested)
    if links is not None:
        page = replace(page, links=links)
    return urls_to_verify(page, IS_INTERNAL, wants_external)


def test_external_links_are_verified_when_wanted() -> None:
    html = '<a href="https://partner.example/boots">Partner</a>'
    assert to_verify(html) == {"https://partner.example/boots"}


def test_external_links_are_left_alone_when_not_wanted() -> None:
    html = '<a href="https://partner.example/boots">Partner</a>'
    assert to_verify(html, wants_external=nothing) == set()


def test_wants_external_decides_link_by_link() -> None:
    html = (
        '<a href="https://partner.example/boots">Partner</a>'
        '<a href="https://www.linkedin.com/company/northwind">LinkedIn</a>'
        '<map><area href="https://maps.example/shop" alt="Map"></map>'
    )
    assert to_verify(html, wants_external=lambda url: "linkedin" not in url) == {
        "https://partner.example/boots",
        "https://maps.example/shop",
    }


def test_internal_links_are_left_to_the_crawl() -> None:
    html = '<a href="/boots">Boots</a><a href="https://shop.example/sale">Sale</a>'
    assert to_verify(html) == set()


def test_an_asset_the_page_requested_is_not_verified_again() -> None:
    html = '<img src="/img/boots.jpg" alt="Boots"><img src="https://cdn.example/logo.png">'
    requested = frozenset({"https://shop.example/img/boots.jpg", "https://cdn.example/logo.png"})
    assert to_verify(html, requested=requested) == set()


def test_an_internal_asset_no_one_requested_is_verified_even_without_external() -> None:
    html = '<img loading="lazy" src="/img/lazy.jpg" alt="Lazy">'
    assert to_verify(html, wants_external=nothing) == {"https://shop.example/img/lazy.jpg"}


def test_an_external_asset_no_one_requested_is_verified_only_when_wanted() -> None:
    html = '<img loading="lazy" src="https://cdn.example/lazy.jpg" alt="Lazy">'
    assert to_verify(html) == {"https://cdn.example/lazy.jpg"}
    assert to_verify(html, wants_external=nothing) == set()


def test_every_srcset_candidate_no_one_requested_is_verified() -> None:
    html = '<img src="/a-400.jpg" srcset="/a-400.jpg 400w, /a-800.jpg 800w" alt="Boots">'
    requested = frozenset({"https://shop.example/a-400.jpg"})
    assert to_verify(html, requested=requested) == {"https://shop.example/a-800.jpg"}


def test_a_css_background_no_one_requested_is_verified() -> None:
    css = Link(
        href="https://shop.example/img/hero.jpg",
        raw="../img/hero.jpg",
        kind="css",
        text="https://shop.example/css/site.css",
        attr="url",
        visible=False,
    )
    assert to_verify("<p>Boots</p>", links=(css,)) == {"https://shop.example/img/hero.jpg"}


def test_fragments_are_dropped() -> None:
    html = (
        '<a href="https://partner.example/boots#sizes">Sizes</a>'
        '<a href="https://partner.example/boots#care">Care</a>'
        '<img src="/img/icons.svg#cart" alt="Cart">'
    )
    assert to_verify(html) == {
        "https://partner.example/boots",
        "https://shop.example/img/icons.svg",
    }


def test_a_requested_asset_named_with_a_fragment_counts_as_requested() -> None:
    html = '<img src="/img/icons.svg#cart" alt="Cart">'
    requested = frozenset({"https://shop.example/img/icons.svg"})
    assert to_verify(html, requested=requested) == set()


def test_links_that_are_not_web_addresses_are_never_verified() -> None:
    html = (
        '<a href="mailto:sales@example.com">Mail us</a>'
        '<a href="tel:+442079460958">Call us</a>'
        '<a href="javascript:void(0)">More</a>'
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="Dot">'
        '<a href="ftp://files.example.com/catalogue.pdf">Catalogue</a>'
    )
    assert to_verify(html) == set()


def test_links_that_are_neither_followed_nor_loaded_are_not_verified() -> None:
    html = (
        '<link rel="canonical" href="https://www.shop.example/boots">'
        '<form action="https://pay.example/checkout"><button>Pay</button></form>'
    )
    assert to_verify(html) == set()


def test_where_the_sites_forms_send_customers_is_verified_but_not_other_sites_forms() -> None:
    html = (
        '<form action="/newsletter/join" method="post"></form>'
        '<form action=""></form>'  # the page itself: the crawl already knows it
        '<form action="https://payments.example/pay"></form>'
    )
    assert to_verify(html) == {"https://shop.example/newsletter/join"}


def test_a_sign_out_form_or_link_is_never_verified() -> None:
    html = (
        '<form action="/account/logout" method="post"><button>Sign out</button></form>'
        '<form action="/newsletter/join" method="post"></form>'
        '<a href="https://other.example/sign-out">Leave the other site</a>'
    )
    page = snapshot_from_html(html, url=SITE)
    verified = urls_to_verify(page, IS_INTERNAL, everything, lambda u: avoided(u, LOGOUT_WORDS))
    assert verified == {"https://shop.example/newsletter/join"}
    assert "https://shop.example/account/logout" in to_verify(html)  # without `avoids`
