"""snapshot_from_html: the check author's stand-in for a browser capture."""

from __future__ import annotations

from cxcheck.testing import snapshot_from_html

HTML = """<html lang="fr"><head><title> Accueil </title><base href="/shop/">
<script>var hidden = "not text";</script><style>p{}</style></head>
<body><header><a href="/">Home</a></header>
<nav><ul><li><a href="boots.html">Boots</a></li></ul></nav>
<main><p>Visible words</p><img src="a.png" srcset="b.png 1x, c.png 2x" alt="Pic">
<a href="#top" aria-label="Top"></a></main>
<footer role="contentinfo"><a href="https://other.example/">Out</a></footer></body></html>"""


def test_title_lang_and_visible_text() -> None:
    page = snapshot_from_html(HTML)
    assert page.title == "Accueil"
    assert page.lang == "fr"
    assert "Visible words" in page.text
    assert "not text" not in page.text


def test_links_are_absolute_with_kind_region_and_text() -> None:
    page = snapshot_from_html(HTML, url="http://127.0.0.1:8000/index.html")
    by_href = {link.href: link for link in page.links}
    boots = by_href["http://127.0.0.1:8000/shop/boots.html"]  # <base href> respected
    assert (boots.kind, boots.region, boots.text) == ("a", "nav", "Boots")
    assert boots.in_navigation
    assert by_href["http://127.0.0.1:8000/"].region == "header"
    assert by_href["https://other.example/"].region == "footer"
    assert by_href["http://127.0.0.1:8000/shop/#top"].text == "Top"
    images = [link.href.rsplit("/", 1)[1] for link in page.links if link.kind == "img"]
    assert images == ["a.png", "b.png", "c.png"]
    assert by_href["http://127.0.0.1:8000/shop/a.png"].region == ""


def test_fields_can_be_overridden() -> None:
    page = snapshot_from_html("<p>x</p>", status=503, page_errors=("Error: x",))
    assert page.status == 503
    assert page.page_errors == ("Error: x",)
