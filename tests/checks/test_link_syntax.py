"""malformed_reason: mailto:/tel: links that cannot work and mistyped web addresses, and the
ordinary addresses that must stay silent."""

from __future__ import annotations

import pytest

from checks.navigation.link_syntax import malformed_reason


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("mailto:", "the email link has no address"),
        ("mailto:?subject=Hello", "the email link has no address"),
        ("mailto:bob", '"bob" is not an email address'),
        ("mailto:bob@example", '"bob@example" is not an email address'),
        ("mailto:bob@@example.com", "is not an email address"),
        ("mailto:bob@example.c", '"bob@example.c" is not an email address'),
        ("mailto:john%20doe@example.com", '"john doe@example.com" is not an email address'),
        ("mailto:sales@example.com,bob", '"bob" is not an email address'),
        ("tel:", "the phone link has no number"),
        ("tel:call-us", '"call-us" is not a phone number'),
        ("tel:0800 FLOWERS", '"0800 FLOWERS" is not a phone number'),
        ("tel:12", '"12" is not a phone number'),
        ("tel:+", '"+" is not a phone number'),
    ],
)
def test_mailto_and_tel_links_without_a_valid_address_say_why(raw: str, words: str) -> None:
    assert words in malformed_reason(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "htp://example.com",
        "htps://example.com",
        "ttps://example.com",
        "htt://example.com",
        "hhttp://example.com",
        "htttp://example.com",
        "http:/example.com",
        "https:/example.com",
        "http//example.com",
        "https//example.com/shoes",
        "HTP://EXAMPLE.COM",
    ],
)
def test_mistyped_schemes_are_mistyped_web_addresses(raw: str) -> None:
    assert malformed_reason(raw) == (
        "the web address is mistyped (it should start with http:// or https://)"
    )


@pytest.mark.parametrize("raw", ["www.example.com", "WWW.example.com/shoes", " www.example.com"])
def test_www_without_a_scheme_leads_to_a_page_on_this_site(raw: str) -> None:
    assert malformed_reason(raw) == (
        "the web address lacks http:// or https://, so it leads to a page on this site"
    )


@pytest.mark.parametrize(
    "raw",
    [
        "mailto:a@b.co",
        "mailto:a@b.co?subject=x",
        "mailto:?to=a@b.co",
        "MAILTO:Sales@Example.CO.UK",
        "mailto:first.last+boots@example.com",
        "mailto:a@b.co,c@d.org",
        "mailto:a@b.co, c@d.org",
        "mailto:a%40b.co",
        "  mailto:a@b.co  ",
        "tel:+44 (0)20 7946-0958",
        "tel:+1.800.555.0100",
        "tel:+1-800-555-0100;ext=123",
        "tel:+18005550100,,123",
        "tel:%2B44%2020%207946%200958",
        "tel:+44\u00a020\u00a07946\u00a00958",
        "tel:112",
        "TEL:+442079460958",
        "https://example.com",
        "http://example.com/shoes?size=9#reviews",
        "HTTPS://EXAMPLE.COM",
        "//example.com/boots",
        "/boots",
        "boots.html",
        "#reviews",
        "",
        "ftp://files.example.com/catalogue.pdf",
        "sms:+447700900123",
        "javascript:void(0)",  # a placeholder, which placeholder-link judges with its listeners
    ],
)
def test_ordinary_addresses_are_fine(raw: str) -> None:
    assert malformed_reason(raw) == ""


@pytest.mark.parametrize("raw", ["http;//example.com", "https;//example.com"])
def test_a_semicolon_for_the_colon_is_a_mistyped_web_address(raw: str) -> None:
    assert "mistyped" in malformed_reason(raw)


@pytest.mark.parametrize(
    "raw",
    ["mailto:?to=", "mailto:?to=bob", "mailto:?subject=tomato=red"],
)
def test_a_to_field_without_a_valid_address_is_no_address(raw: str) -> None:
    assert malformed_reason(raw) != ""
