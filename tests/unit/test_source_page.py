"""Links from the HTML the server sent, for pages the browser could not read: read in one
pass without a tree, so a DOM nested 10,000 levels or 50,000 links cost no more than their
length."""

from __future__ import annotations

from cxcheck.crawl.source_page import read_source

URL = "http://127.0.0.1:8000/shop/index.html"


def test_links_titles_regions_and_the_base_as_the_browser_reads_them() -> None:
    page = read_source(
        """<!doctype html><html><head><base href="/catalog/"><title> Boots
        &amp; shoes </title><meta http-equiv="Refresh" content="5; url=/moved">
        <link rel="Stylesheet" href="/site.css"></head><body>
        <header><a href="/">Home</a></header>
        <div role="navigation"><a href="winter.html">Winter <b>sale</b></a></div>
        <main><a href="boots.html" aria-label="Boots">  </a><a name="top">no href</a>
        <img src="a.png" srcset="a-2x.png 2x, a-3x.png 3x" alt="A boot">
        <form action="/search"></form></main>
        <footer><a href="https://other.test/">Partner</a></footer></body></html>""",
        URL,
    )
    assert page.title == "Boots & shoes"
    found = [(link.kind, link.href, link.text, link.region) for link in page.links]
    base = "http://127.0.0.1:8000/catalog/"
    assert found == [
        ("meta", "http://127.0.0.1:8000/moved", "", ""),
        ("link", "http://127.0.0.1:8000/site.css", "", ""),
        ("a", "http://127.0.0.1:8000/", "Home", "header"),
        ("a", f"{base}winter.html", "Winter sale", "nav"),
        ("a", f"{base}boots.html", "Boots", ""),
        ("img", f"{base}a.png", "A boot", ""),
        ("img", f"{base}a-2x.png", "A boot", ""),
        ("img", f"{base}a-3x.png", "A boot", ""),
        ("form", "http://127.0.0.1:8000/search", "", ""),
        ("a", "https://other.test/", "Partner", "footer"),
    ]
    assert page.links[1].rel == "stylesheet"
    assert not page.links[0].visible and page.links[0].navigable


def test_a_dom_nested_10000_levels_is_read_without_a_tree() -> None:
    deep = "<div>" * 10_000 + "<a href='/inside.html'>Inside</a>" + "</div>" * 10_000
    page = read_source(f"<title>Deep</title>{deep}<a href='/after.html'>After</a>", URL)
    assert [link.href.rsplit("/", 1)[1] for link in page.links] == ["inside.html", "after.html"]


def test_50000_links_are_all_read() -> None:
    html = "".join(f"<a href='/p{n}.html'>Page {n}</a>\n" for n in range(50_000))
    links = read_source(html, URL).links
    assert len(links) == 50_000
    assert links[-1].href == "http://127.0.0.1:8000/p49999.html"
    assert links[-1].text == "Page 49999"


def test_malformed_addresses_and_unclosed_tags_do_not_break_it() -> None:
    page = read_source("<a href='http://[::1'>Broken</a><nav><a href='/x'>X", URL)
    assert [(link.href, link.region) for link in page.links] == [
        ("", ""),
        ("http://127.0.0.1:8000/x", "nav"),
    ]
