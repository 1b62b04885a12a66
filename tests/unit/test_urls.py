"""One URL vocabulary: a page's identity, its path as reports show it, and the one glob."""

from __future__ import annotations

import pytest

from cxcheck.urls import key_of, matches, page_label, path_and_query, same_origin

SITE = "https://shop.test/"


@pytest.mark.parametrize(
    ("url", "pattern", "expected"),
    [
        ("https://shop.test/shop/boots.html", "/shop/*", True),
        ("https://shop.test/shop", "/shop/", True),  # a folder: itself and below
        ("https://shop.test/shop/a/b.html", "/shop/", True),
        ("https://shop.test/shopping.html", "/shop/", False),
        ("https://shop.test/search?q=boots", "/search", True),  # no "?": the path alone
        ("https://shop.test/search?q=boots", "/search?q=*", True),  # a "?": path and query
        ("https://shop.test/search?q=boots", "/search?page=*", False),
        ("https://shop.test/a.pdf", "*.pdf", True),  # no "/" first: the whole URL
        ("https://www.linkedin.com/in/x", "*linkedin.com*", True),
        ("https://shop.test/Shop/boots.html", "/shop/*", False),  # case counts
        ("https://shop.test/", "/", True),
    ],
)
def test_one_glob_with_one_meaning(url: str, pattern: str, expected: bool) -> None:
    assert matches(url, pattern) is expected


def test_a_page_is_its_key_whatever_the_twin() -> None:
    twins = ["https://Shop.test:443/a/", "https://shop.test/a", "https://shop.test/a/index.html#x"]
    assert len({key_of(url) for url in twins}) == 1
    assert key_of("https://shop.test/a?utm_source=mail", ("utm_*",)) == key_of(twins[0])


def test_reports_name_pages_by_path_on_the_site_and_whole_elsewhere() -> None:
    assert path_and_query("https://shop.test:8443/shop?page=2") == "/shop?page=2"
    assert path_and_query("not a url") == "not a url"
    assert page_label("https://shop.test/shop?page=2", SITE) == "/shop?page=2"
    assert page_label("https://other.test/x", SITE) == "https://other.test/x"


def test_same_origin_is_scheme_host_and_port() -> None:
    assert same_origin("https://SHOP.test/x", "https://shop.test")
    assert not same_origin("http://shop.test/x", "https://shop.test")
    assert not same_origin("mailto:a@shop.test", "https://shop.test")
