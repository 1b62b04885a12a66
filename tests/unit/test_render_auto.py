"""What `--render auto` decides without a browser: which HTML needs one, what CSS names, and
how its counts add up across a shared run's workers."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import pytest

from cxcheck.config_sections import RenderMode
from cxcheck.crawl.html_pages import HtmlReads, browser_needed_by, reads_html, render_notes
from cxcheck.html_reader import read_html
from cxcheck.html_snapshot import css_urls, needs_browser


def why(html: str) -> str:
    return needs_browser(read_html(html, "http://127.0.0.1/").elements)


@pytest.mark.parametrize(
    "html",
    [
        "<p>Plain</p>",
        '<script type="application/ld+json">{"@type": "Product"}</script>',
        '<script type="text/template"><a href="/x">x</a></script>',
        '<a href="javascript:void(0)">Menu</a> <a href="#">Top</a>',
        '<div data-onclick="x" class="one">Attributes that only start like handlers</div>',
        '<form action="/search"><button>Go</button></form>',
        '<style>body { background: url(a.png) }</style><img src="b.png" loading="lazy">',
    ],
)
def test_html_a_browser_adds_nothing_to_is_read(html: str) -> None:
    assert why(html) == ""


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<script>document.write('x')</script>", "a script"),
        ('<script src="/app.js"></script>', "a script"),
        ('<script type="module" src="/app.js"></script>', "a script"),
        ('<script type="text/javascript; charset=utf-8">1</script>', "a script"),
        ('<body onload="go()"><p>x</p></body>', "an event handler on <body>"),
        ('<button onClick="buy()">Buy</button>', "an event handler on <button>"),
        ('<a href="javascript:openMenu()">Menu</a>', "a javascript: address on <a>"),
        ('<iframe src="/map.html"></iframe>', "a <iframe>"),
        ('<object data="/x.swf"></object>', "a <object>"),
        ("<noscript><a href='/old'>Old shop</a></noscript>", "a <noscript>"),
        ('<template shadowrootmode="open"><p>x</p></template>', "a <template>"),
        ('<meta http-equiv="Refresh" content="0; url=/new">', "a refresh (meta http-equiv)"),
    ],
)
def test_html_only_a_browser_can_judge_is_rendered(html: str, reason: str) -> None:
    assert why(html) == reason


def test_css_urls_as_the_browser_reads_them() -> None:
    css = (
        '@import "base.css";\n@import url(print.css) print;\n'
        "/* background: url(old.png) */\n"
        'a { background: url( "/img/a.png" ) } b { background: url(data:image/png;base64,xx) }\n'
        "@font-face { src: url('/f.woff2') format('woff2'), url(#svg) }\n"
    )
    named, imports = css_urls(css)
    assert imports == ["base.css", "print.css"]
    assert named == ["base.css", "print.css", "/img/a.png", "/f.woff2"]


def test_counts_of_two_workers_add_up() -> None:
    one = HtmlReads(3, Counter({"a script": 1}))
    two = HtmlReads(4, Counter({"a script": 2, "a <noscript>": 1}))
    total = sum((one, two), HtmlReads())
    assert (total.read, dict(total.rendered)) == (7, {"a script": 3, "a <noscript>": 1})
    note = render_notes(RenderMode.AUTO, [], total)[0]
    assert "7 pages read from their HTML" in note
    assert "4 pages rendered in the browser (3 with a script, 1 with a <noscript>)" in note
    assert "--render auto: 1 page read" in render_notes(RenderMode.AUTO, [], HtmlReads(1))[0]


def test_only_checks_that_need_no_rendered_page_allow_it() -> None:
    def check(name: str, *needs: str) -> SimpleNamespace:
        return SimpleNamespace(name=name, check=SimpleNamespace(needs=frozenset(needs)))

    links = check("dead-navigation", "controls", "link-status", "click-probe")
    axe = check("accessibility", "axe")
    assert reads_html(RenderMode.AUTO, [links, check("page-health")])  # type: ignore[list-item]
    assert not reads_html(RenderMode.ALWAYS, [links])  # type: ignore[list-item]
    assert not reads_html(RenderMode.AUTO, [links, axe])  # type: ignore[list-item]
    assert browser_needed_by([links, axe]) == {"accessibility": ["axe"]}  # type: ignore[list-item]
    assert render_notes(RenderMode.ALWAYS, [axe], None) == []  # type: ignore[list-item]
