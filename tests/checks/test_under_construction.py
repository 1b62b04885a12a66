"""under-construction on snapshots from HTML strings: true cases in many languages, and
the ordinary sentences that must stay silent."""

from __future__ import annotations

from typing import Any

import pytest

from checks.under_construction import UnderConstruction
from cxcheck.errors import ConfigError
from cxcheck.findings import Finding, group_findings
from cxcheck.plugins import load_checks
from cxcheck.snapshot import PageRecord, SiteSnapshot
from cxcheck.testing import context_for, snapshot_from_html

REAL_TEXT = (
    "<p>Our waterproof boots are made in Northampton from full-grain leather and "
    "stitched by hand, with a Vibram sole that grips on wet rock and mud.</p>"
)


def page_html(body: str, title: str = "Boots – Northwind", lang: str = "en") -> str:
    return f"<html lang='{lang}'><head><title>{title}</title></head><body><main>{body}</main></body></html>"


def findings(
    html: str, check: UnderConstruction | None = None, url: str = "http://127.0.0.1:8000/p"
) -> list[Finding]:
    page = snapshot_from_html(html, url=url)
    return list((check or UnderConstruction()).check_page(page, context_for(page)))


def rules(html: str, **kwargs: Any) -> list[str]:
    return [f.rule for f in findings(html, **kwargs)]


@pytest.mark.parametrize(
    ("lang", "heading", "text"),
    [
        ("en", "Gift cards", "Coming soon! Check back soon."),
        ("zh", "礼品卡", "网站建设中，敬请期待"),
        ("es", "Tarjetas regalo", "Próximamente. Vuelve pronto."),
        ("pt", "Cartões-presente", "Em breve! Página em construção."),
        ("fr", "Cartes cadeaux", "Page en construction. Revenez bientôt."),
        ("de", "Geschenkkarten", "Seite im Aufbau. Demnächst verfügbar."),
        ("it", "Carte regalo", "Pagina in costruzione. Torna presto."),
        ("nl", "Cadeaubonnen", "Pagina in aanbouw. Kom snel terug."),
        ("ja", "ギフトカード", "ただいま準備中です。近日公開予定。"),
        ("ko", "기프트 카드", "페이지 준비 중. 곧 공개"),
        ("ru", "Подарочные карты", "Страница в разработке. Скоро появится."),
    ],
)
def test_placeholder_pages_in_many_languages(lang: str, heading: str, text: str) -> None:
    assert rules(page_html(f"<h1>{heading}</h1><p>{text}</p>", title=heading, lang=lang)) == [
        "placeholder-page"
    ]


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Under construction – Shop", "<h1>Under construction</h1>" + REAL_TEXT),
        (
            "Welcome to nginx!",
            "<h1>Welcome to nginx!</h1><p>If you see this page, the nginx web server is working.</p>",
        ),
        ("React App", "<div id='root'></div>"),
        ("Django", "<h2>The install worked successfully! Congratulations!</h2>"),
        ("Blog", "<h1>Hello world!</h1><p>Welcome to WordPress. This is your first post.</p>"),
    ],
)
def test_default_and_placeholder_headed_pages(title: str, body: str) -> None:
    assert "placeholder-page" in rules(page_html(body, title=title))


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (
            "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>",
            "lorem ipsum",
        ),
        ("<p>Price: {{ product.price }}</p>", "{{ product.price }}"),
        ("<p>Hello {% user.name %}, welcome back</p>", "{% user.name %}"),
        ("<p>Total: ${order.total}</p>", "${order.total}"),
        ("<p>Colour: [object Object]</p>", "[object Object]"),
        ("<p>Now only £NaN</p>", "£NaN"),
        ("<p>Price: undefined</p>", "undefined"),
        ("<h2>[Product name]</h2>", "[Product name]"),
        ("<p>TODO: write the returns policy</p>", "TODO"),
        ("<div><p>Image coming soon</p></div>", "Image coming soon"),
        ("<img src='https://placehold.co/600x400' alt='Boots'>", "placehold.co"),
        ("<img src='/img/placeholder.png' alt='Boots'>", "placeholder.png"),
        ("<img src='/img/boots.jpg' alt='Image coming soon'>", "boots.jpg"),
    ],
)
def test_placeholder_content_on_a_real_page(body: str, words: str) -> None:
    found = findings(page_html(f"<h1>Ridge boots</h1>{REAL_TEXT}{body}"))
    assert [f.rule for f in found] == ["placeholder-content"]
    assert words.split()[0] in found[0].message + found[0].evidence


@pytest.mark.parametrize(
    "body",
    [
        "<h1>Our construction projects</h1><p>We build bridges, schools and homes across the region "
        "and have done so for forty years, on time and on budget.</p>",
        "<h1>Cinema news</h1><ul><li>The new Bond film is coming soon to theatres across the country, "
        "with previews starting next Friday in London.</li></ul>" + REAL_TEXT,
        "<h1>Help with forms</h1><p>What is placeholder text in forms? It is the grey hint inside an "
        "empty field, such as an example email address, that disappears as you type.</p>",
        "<h1>Typography</h1><p>Designers have used lorem ipsum since the 1500s, when a printer "
        "scrambled a passage of Cicero to make a type specimen book.</p>" + REAL_TEXT,
        "<h1>Ridge boots</h1><form><label>Email <input placeholder='you@example.com'></label></form>"
        + REAL_TEXT,
        "<h1>Ridge boots</h1><script>var x = '{{ not.visible }} coming soon TODO';</script>"
        "<template><p>Coming soon</p></template><p hidden>Lorem ipsum dolor sit amet consectetur "
        "adipiscing elit sed do</p>" + REAL_TEXT,
        "<h1>Ridge boots</h1><p style='display:none'>Under construction</p>" + REAL_TEXT,
        "<h1>Calendar</h1><p>The winter sale starts soon: check back on Monday for prices on "
        "every boot in the range, from trail runners to mountaineering boots.</p>",
        "<h1>Lake District walks</h1><p>The path is null and void after heavy rain, our guides say; "
        "the TODOS SANTOS tour is in Spanish.</p>" + REAL_TEXT,
    ],
)
def test_ordinary_sentences_and_hidden_text_stay_silent(body: str) -> None:
    assert findings(page_html(body)) == []


def test_input_placeholders_are_not_content() -> None:
    html = page_html("<h1>Search</h1><input placeholder='Coming soon'>" + REAL_TEXT)
    assert findings(html) == []


def test_thin_pages_but_not_hubs_or_pictures() -> None:
    assert rules(page_html("<h1>Shop all</h1><p>No products.</p>")) == ["thin-page"]
    hub = "<h1>Help</h1><ul><li><a href='a'>Shipping</a></li><li><a href='b'>Returns</a></li><li><a href='c'>Sizes</a></li></ul>"
    assert rules(page_html(hub)) == []
    assert rules(page_html("<h1>Gallery</h1><img src='a.jpg' alt='Our shop front'>")) == []


def test_a_thin_page_is_one_problem_however_its_few_words_change() -> None:
    # A page of a few words that change (a date, a counter, a feed) is the same thin page on
    # every run: the count is in the message, not in what a baseline matches on.
    found = [
        list(UnderConstruction().check_page(page, context_for(page)))
        for page in (
            snapshot_from_html(page_html(f"<h1>News</h1><p>Updated {day} May.</p>"))
            for day in ("1", "12 and 13")
        )
    ]
    (monday,), (later,) = found
    assert monday.rule == later.rule == "thin-page"
    assert monday.fingerprint == later.fingerprint
    assert "(4 words" in monday.message and "(6 words" in later.message


@pytest.mark.parametrize("title", ["", "Untitled", "Document", "Page title"])
def test_default_titles(title: str) -> None:
    assert rules(page_html("<h1>Ridge boots</h1>" + REAL_TEXT, title=title)) == ["default-title"]


def test_error_pages_are_left_to_page_health() -> None:
    page = snapshot_from_html(page_html("<h1>Coming soon</h1>"), status=404)
    assert list(UnderConstruction().check_page(page, context_for(page))) == []


def test_users_add_phrases_and_silence_one_per_url() -> None:
    html = page_html("<h1>Boots</h1><p>Nog even geduld</p>" + REAL_TEXT)
    assert findings(html) == []
    assert rules(html, check=UnderConstruction(extra_phrases=("nog even geduld",))) == [
        "placeholder-content"
    ]
    news = page_html("<h1>Coming soon</h1>" + REAL_TEXT)
    quiet = UnderConstruction(silence={"coming soon": ("/news/*",)})
    assert findings(news, check=quiet, url="http://127.0.0.1:8000/news/films") == []
    assert rules(news, check=quiet, url="http://127.0.0.1:8000/shop/boots") == ["placeholder-page"]


def test_a_placeholder_page_in_the_menu_is_a_blocker_naming_the_entry() -> None:
    check = UnderConstruction()
    page = snapshot_from_html(
        page_html("<h1>Gift cards</h1><p>Coming soon!</p>"), url="http://h/gift-cards.html"
    )
    (page_finding,) = check.check_page(page, context_for(page))
    home = snapshot_from_html(
        "<header><nav><a href='/gift-cards.html'>Gift cards</a></nav></header>", url="http://h/"
    )
    site = SiteSnapshot("http://h/", (PageRecord.of(home), PageRecord.of(page)), (page_finding,))
    site_findings = list(check.check_site(site, context_for(home)))
    (group,) = group_findings([page_finding, *site_findings])
    assert group.finding.severity.value == "blocker"
    assert "“Gift cards” in the site's menu" in group.finding.message


def test_a_placeholder_page_only_linked_from_content_stays_major() -> None:
    check = UnderConstruction()
    page = snapshot_from_html(
        page_html("<h1>Gift cards</h1><p>Coming soon!</p>"), url="http://h/g.html"
    )
    (page_finding,) = check.check_page(page, context_for(page))
    home = snapshot_from_html("<main><a href='/g.html'>Gift cards</a></main>", url="http://h/")
    site = SiteSnapshot("http://h/", (PageRecord.of(home), PageRecord.of(page)), (page_finding,))
    assert list(check.check_site(site, context_for(home))) == []
    assert page_finding.severity.value == "major"


def test_one_title_on_most_pages_is_a_default_title() -> None:
    pages = [
        snapshot_from_html(page_html(REAL_TEXT, title="Home"), url=f"http://h/{i}")
        for i in range(4)
    ]
    site = SiteSnapshot("http://h/", tuple(PageRecord.of(p) for p in pages))
    found = list(UnderConstruction().check_site(site, context_for(pages[0])))
    assert [f.rule for f in found] == ["default-title"] * 4
    assert len(group_findings(found)) == 1


def test_unknown_language_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no phrase list for"):
        load_checks("", ("under-construction",), (), {"under-construction": {"languages": ["xx"]}})


def test_text_hidden_from_assistive_technology_does_not_count() -> None:
    html = page_html("<h1>Ridge boots</h1><span aria-hidden='true'>TODO</span>" + REAL_TEXT)
    assert findings(html) == []
