"""snapshot_from_html: the check author's stand-in for a browser capture."""

from __future__ import annotations

import pytest

from cxcheck.snapshot import Link
from cxcheck.testing import context_for, snapshot_from_html

HTML = """<html lang="fr"><head><title> Accueil </title><base href="/shop/">
<script>var hidden = "not text";</script><style>p { color: red }</style></head>
<body><header><a href="/">Home</a></header>
<nav><ul><li><a href="boots.html">Boots</a></li></ul></nav>
<main><p>Visible words</p><img src="a.png" srcset="b.png 1x, c.png 2x" alt="Pic">
<a href="#top" aria-label="Top"></a>
<template><p>template words</p></template><noscript>noscript words</noscript></main>
<footer role="contentinfo"><a href="https://other.example/">Out</a></footer></body></html>"""

URL = "http://127.0.0.1:8000/index.html"


def links_by_href(html: str, url: str = URL) -> dict[str, Link]:
    return {link.href: link for link in snapshot_from_html(html, url=url).links}


def test_title_lang_status_and_urls() -> None:
    page = snapshot_from_html(HTML, url=URL)
    assert page.title == "Accueil"
    assert page.lang == "fr"
    assert page.status == 200
    assert page.url == page.final_url == URL
    assert page.is_html and page.loaded


def test_visible_text_excludes_script_style_and_template() -> None:
    text = snapshot_from_html(HTML).text
    assert "Visible words" in text and "Boots" in text
    for hidden in ("not text", "color: red", "template words", "noscript words", "Accueil"):
        assert hidden not in text


def test_title_is_not_visible_text_in_a_fragment() -> None:
    assert snapshot_from_html("<title>Shop</title><p>Hi</p>").text == "Hi"


def test_links_are_absolute_and_respect_base_href() -> None:
    by_href = links_by_href(HTML)
    assert "http://127.0.0.1:8000/shop/boots.html" in by_href  # <base href="/shop/">
    assert "http://127.0.0.1:8000/shop/#top" in by_href
    assert "http://127.0.0.1:8000/" in by_href
    assert "https://other.example/" in by_href
    assert by_href["http://127.0.0.1:8000/shop/boots.html"].raw == "boots.html"


def test_without_base_links_resolve_against_the_page_url() -> None:
    by_href = links_by_href(
        '<a href="b.html">B</a><a href="../up.html">Up</a>', "http://h/d/p.html"
    )
    assert set(by_href) == {"http://h/d/b.html", "http://h/up.html"}


def test_links_carry_kind_region_and_text() -> None:
    by_href = links_by_href(HTML)
    boots = by_href["http://127.0.0.1:8000/shop/boots.html"]
    assert (boots.kind, boots.region, boots.text, boots.attr) == ("a", "nav", "Boots", "href")
    assert boots.in_navigation and boots.navigable
    assert by_href["http://127.0.0.1:8000/"].region == "header"
    assert by_href["https://other.example/"].region == "footer"
    assert by_href["http://127.0.0.1:8000/shop/#top"].text == "Top"  # aria-label
    picture = by_href["http://127.0.0.1:8000/shop/a.png"]
    assert (picture.kind, picture.region, picture.text) == ("img", "", "Pic")
    assert not picture.in_navigation and not picture.navigable


def test_srcset_is_split_into_one_link_per_candidate() -> None:
    page = snapshot_from_html(HTML)
    images = [(link.href.rsplit("/", 1)[1], link.attr) for link in page.links if link.kind == "img"]
    assert images == [("a.png", "src"), ("b.png", "srcset"), ("c.png", "srcset")]


def test_srcset_with_width_descriptors_on_picture_sources() -> None:
    html = '<picture><source srcset="s-480.webp 480w,  s-800.webp 800w"></picture>'
    hrefs = [link.href for link in snapshot_from_html(html, url="http://h/").links]
    assert hrefs == ["http://h/s-480.webp", "http://h/s-800.webp"]


def test_srcset_urls_may_contain_commas() -> None:
    html = '<img srcset="https://cdn.example/w_400,h_300/boots.jpg 1x">'
    hrefs = [link.href for link in snapshot_from_html(html, url="http://h/").links]
    assert hrefs == ["https://cdn.example/w_400,h_300/boots.jpg"]


@pytest.mark.parametrize(
    ("html", "kind", "attr", "href"),
    [
        ('<script src="/app.js"></script>', "script", "src", "http://h/app.js"),
        ('<link rel="stylesheet" href="/s.css">', "link", "href", "http://h/s.css"),
        ('<iframe src="/map.html"></iframe>', "iframe", "src", "http://h/map.html"),
        ('<form action="/search"></form>', "form", "action", "http://h/search"),
        ('<video poster="/p.jpg"></video>', "video", "poster", "http://h/p.jpg"),
        ('<object data="/doc.pdf"></object>', "object", "data", "http://h/doc.pdf"),
        ('<map><area href="/zone.html"></map>', "area", "href", "http://h/zone.html"),
    ],
)
def test_every_kind_of_url_is_a_link(html: str, kind: str, attr: str, href: str) -> None:
    (link,) = snapshot_from_html(html, url="http://h/").links
    assert (link.kind, link.attr, link.href) == (kind, attr, href)


def test_an_anchor_without_href_is_not_a_link() -> None:
    assert snapshot_from_html("<a name='top'>Top</a><a>Nothing</a>").links == ()


def test_role_regions() -> None:
    html = (
        '<div role="navigation"><a href="/n">N</a></div>'
        '<div role="banner"><a href="/b">B</a></div>'
        '<div role="contentinfo"><a href="/c">C</a></div>'
        '<div><a href="/m">M</a></div>'
    )
    regions = {link.href: link.region for link in snapshot_from_html(html, url="http://h/").links}
    assert regions == {
        "http://h/n": "nav",
        "http://h/b": "header",
        "http://h/c": "footer",
        "http://h/m": "",
    }


def test_rel_is_kept() -> None:
    (link,) = snapshot_from_html('<a href="/x" rel="nofollow noopener">x</a>').links
    assert link.rel == "nofollow noopener"


def test_meta_refresh_is_a_link_like_in_the_browser() -> None:
    html = '<meta http-equiv="refresh" content="0; url=/new.html">'
    (link,) = snapshot_from_html(html, url="http://h/old.html").links
    assert (link.kind, link.href) == ("meta", "http://h/new.html")


def test_link_text_falls_back_to_the_title_attribute_like_in_the_browser() -> None:
    (link,) = snapshot_from_html('<a href="/cart" title="Cart"></a>').links
    assert link.text == "Cart"


def test_fields_can_be_overridden() -> None:
    page = snapshot_from_html("<p>x</p>", status=503, page_errors=("Error: x",), error="")
    assert page.status == 503
    assert page.page_errors == ("Error: x",)


def test_context_is_the_site_of_the_page() -> None:
    page = snapshot_from_html("<p>x</p>", url="http://127.0.0.1:8000/a/b.html")
    ctx = context_for(page)
    assert ctx.origin == "http://127.0.0.1:8000"
    assert ctx.is_internal("http://127.0.0.1:8000/other")
    assert not ctx.is_internal("http://127.0.0.1:9000/other")
    assert not ctx.is_internal("mailto:a@b.c")
