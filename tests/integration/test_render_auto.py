"""`--render auto`: pages whose HTML carries no script are read from that HTML, and the report
says the same as when every page is rendered.

The site mixes what real sites mix: plain pages with menus, a <base>, srcset, a stylesheet that
@imports another and names missing backgrounds and fonts, inline styles, JSON-LD (data, not a
script), a latin-1 page, a soft 404, placeholder text, placeholder links and a dead button;
and pages only a browser can judge (a script that adds links, an onclick, a <noscript>).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from cxcheck.report.model import Report
from cxcheck.serve import serve_folder
from tests.integration.crawling import path_of, run_engine

LINK_CHECKS = ("dead-navigation", "under-construction", "page-health")
MENU = (
    '<header><nav><a href="/index.html">Home</a> <a href="/shop/">Shop</a> '
    '<a href="/about.html">About</a> <a href="/gone.html">Offers</a></nav></header>'
)


def page(title: str, body: str, head: str = "") -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="stylesheet" href="/css/site.css">{head}</head>'
        f"<body>{MENU}<main><h1>{title}</h1>{body}</main>"
        '<footer><a href="/contact.html">Contact</a></footer></body></html>'
    )


SITE = {
    "index.html": page(
        "Trail gear",
        '<p>Boots and tents for every trail.</p><a href="/shop/#featured">Featured</a> '
        '<a href="/about.html#team">Team</a> <a href="/about.html#nowhere">History</a> '
        '<a href="/files/catalogue.pdf">Catalogue</a> <a href="/files/old.pdf">Old list</a> '
        '<a href="/app.html">App</a> <a href="/clicks.html">Clicks</a> '
        '<a href="/fallback.html">Fallback</a> <a href="/latin.html">Café</a> '
        '<a href="/lost.html">Lost</a> <a href="/soon.html">Soon</a>',
        head='<script type="application/ld+json">{"@type": "Organization"}</script>',
    ),
    "shop/index.html": page(
        "Shop",
        '<section id="featured"><img src="boots.png" alt="Boots" '
        'srcset="boots.png 1x, boots-2x.png 2x"> <img src="/img/tent.png" alt="Tent"></section>'
        '<p style="background: url(/img/missing-inline.png)">Sale</p>'
        '<a href="#">Wishlist</a> <button type="button">Compare</button>'
        '<form action="/shop/"><button>Search</button></form>',
        head='<base href="/shop/"><style>.hero { background: url("/img/missing-hero.jpg") }'
        "</style>",
    ),
    "shop/boots.png": "png",
    "img/tent.png": "png",
    "about.html": page(
        "About us",
        '<h2 id="team">Team</h2><p>Founded on the trail.</p>',
        head='<style>@import url("/css/print.css");</style>',
    ),
    "css/print.css": ".print-logo { background: url(/img/print-logo-missing.png) }\n",
    "contact.html": page("Contact", "<p>Write to us.</p>"),
    "latin.html": None,  # written as latin-1 bytes below
    "lost.html": page("Page not found", "<p>Sorry, we could not find that page.</p>"),
    "soon.html": page(
        "Tents",
        "<h2>Coming soon</h2><p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
        "eiusmod tempor incididunt ut labore et dolore magna aliqua.</p><p>Price: {{ price }}</p>",
    ),
    "files/catalogue.pdf": "%PDF-1.4",
    "app.html": page(
        "App",
        '<div id="out"></div><script>document.getElementById("out").innerHTML = '
        '\'<a href="/from-script.html">New</a> <a href="/gone-script.html">Gone</a>\';</script>',
    ),
    "from-script.html": page("From a script", "<p>Added by a script.</p>"),
    "clicks.html": page("Clicks", '<div onclick="void 0" style="cursor:pointer">Open</div>'),
    "fallback.html": page(
        "Fallback", '<noscript><a href="/noscript-gone.html">No-JS shop</a></noscript>'
    ),
    "css/site.css": '@import "more.css";\nbody { background: url(../img/missing-bg.png) }\n'
    "/* url(/img/commented-out.png) */\n",
    "css/more.css": '@font-face { font-family: T; src: url("/fonts/missing.woff2") }\n'
    "h1 { font-family: T }\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("render-auto")
    for name, text in SITE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is not None:
            path.write_text(text)
    latin = page("Café Düne", "<p>Crème brûlée for the trail.</p>").replace("utf-8", "iso-8859-1")
    (root / "latin.html").write_bytes(latin.encode("latin-1"))
    with serve_folder(root) as served:
        yield served.url


# Files only a stylesheet names: rendered, the browser says which ones a rule applies to (a
# missing background in use is a broken "image", major); read from HTML, that is unknown, and
# each is a missing "file" (minor), as rendered for one no rule uses. The one difference.
CSS_NAMED = ("/img/missing-bg.png", "/img/missing-inline.png", "/fonts/missing.woff2")


def findings(report: Report, css_as_named: bool = False) -> set[tuple[Any, ...]]:
    found = set()
    for g in report.findings:
        target = path_of(g.finding.target or "")
        judged = (g.finding.severity, g.finding.message)
        if css_as_named and target in CSS_NAMED:
            judged = ("as named in CSS", "")
        found.add(
            (
                g.finding.check,
                g.finding.rule,
                *judged,
                target,
                tuple(sorted(path_of(p) for p in g.pages)),
            )
        )
    return found


@pytest.fixture(scope="module")
def both(site: str) -> tuple[Report, Report]:
    rendered = run_engine(site, only=LINK_CHECKS).report
    auto = run_engine(site, only=LINK_CHECKS, render="auto").report
    return rendered, auto


@pytest.mark.usefixtures("chromium")
def test_auto_finds_what_rendering_every_page_finds(both: tuple[Report, Report]) -> None:
    rendered, auto = both
    assert findings(auto, css_as_named=True) == findings(rendered, css_as_named=True)
    rules = {(f[1], f[4]) for f in findings(auto)}
    # The planted problems are all there, in both modes (not two equally blind runs).
    for expected in (
        ("broken-link", "/gone.html"),
        ("broken-link", "/gone-script.html"),  # added by a script: that page was rendered
        ("broken-link", "/files/old.pdf"),
        ("broken-anchor", "/about.html"),
        ("broken-asset", "/shop/boots-2x.png"),
        ("broken-asset", "/img/missing-bg.png"),  # named in the stylesheet
        ("broken-asset", "/fonts/missing.woff2"),  # in the sheet it @imports
        ("broken-asset", "/img/missing-inline.png"),
        ("broken-asset", "/img/missing-hero.jpg"),
        ("broken-asset", "/img/print-logo-missing.png"),  # in a sheet a <style> @imports
        ("placeholder-link", ""),  # href="#"
        ("dead-control", ""),  # a button outside any form, on a page without scripts
        ("soft-404", "/lost.html"),
    ):
        assert expected in rules, expected
    assert not any("commented-out" in f[4] for f in findings(auto))
    placeholders = {f[1] for f in findings(auto) if f[0] == "under-construction"} - {"thin-page"}
    assert placeholders, "the placeholder page was not reported"


@pytest.mark.usefixtures("chromium")
def test_pages_without_script_are_read_and_the_others_rendered(
    both: tuple[Report, Report],
) -> None:
    rendered, auto = both
    read_by = {path_of(p.url): p.read_by for p in auto.pages}
    assert {path_of(p.url) for p in auto.pages} == {path_of(p.url) for p in rendered.pages}
    assert all(p.read_by == "browser" for p in rendered.pages)
    for path in ("/", "/shop/", "/about.html", "/latin.html", "/lost.html", "/soon.html"):
        assert read_by[path] == "html", path
    for path in ("/app.html", "/clicks.html", "/fallback.html"):
        assert read_by[path] == "browser", path
    titles = {path_of(p.url): p.title for p in auto.pages}
    assert titles["/latin.html"] == "Café Düne"  # decoded as its <meta charset> says
    note = next(n for n in auto.notes if n.startswith("--render auto"))
    read = sum(1 for v in read_by.values() if v == "html")
    assert f"{read} pages read from their HTML" in note
    assert "1 with a script" in note and "<noscript>" in note and "event handler" in note


@pytest.mark.usefixtures("chromium")
def test_a_check_that_needs_the_browser_keeps_every_page_rendered(site: str) -> None:
    report = run_engine(site, only=("dead-navigation", "accessibility"), render="auto").report
    assert all(p.read_by == "browser" for p in report.pages)
    note = next(n for n in report.notes if n.startswith("--render auto"))
    assert "accessibility needs axe" in note
