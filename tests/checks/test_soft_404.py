"""soft-404 detection from a page's title and headings: error pages in eleven languages, and
the ordinary titles and headings that mention 404 or "found" and must stay silent."""

from __future__ import annotations

from importlib.resources import files

import pytest

from checks.navigation.soft_404 import load_not_found_phrases, soft_404_evidence

PHRASES = load_not_found_phrases()
LANGUAGES = ("en", "zh", "es", "pt", "fr", "de", "it", "nl", "ja", "ko", "ru")


@pytest.mark.parametrize(
    ("title", "headings", "evidence"),
    [
        ("Page not found – Northwind", [], 'title "Page not found – Northwind"'),
        ("404", [], 'title "404"'),
        ("Northwind", [(1, "404")], 'heading "404"'),
        (
            "Error 404 – Page not found | Northwind",
            [],
            'title "Error 404 – Page not found | Northwind"',
        ),
        (
            "Northwind",
            [(1, "Oops! That page can’t be found.")],
            'heading "Oops! That page can’t be found."',
        ),
        ("Northwind", [(1, "Oops! Page not found")], 'heading "Oops! Page not found"'),
        ("404 - Not Found", [], 'title "404 - Not Found"'),
        ("Northwind", [(1, "404 - Not Found")], 'heading "404 - Not Found"'),
        ("Northwind", [(1, "Error: 404")], 'heading "Error: 404"'),
        ("HTTP 404 :: Northwind", [], 'title "HTTP 404 :: Northwind"'),
        ("Not Found", [], 'title "Not Found"'),
        ("Northwind Schuhe", [(1, "Seite nicht gefunden")], 'heading "Seite nicht gefunden"'),
        ("Page introuvable – Boutique", [], 'title "Page introuvable – Boutique"'),
        ("Tienda", [(1, "Página no encontrada")], 'heading "Página no encontrada"'),
        ("Loja", [(1, "Página não encontrada")], 'heading "Página não encontrada"'),
        ("Negozio", [(1, "Pagina non trovata")], 'heading "Pagina non trovata"'),
        ("Winkel", [(1, "Pagina niet gevonden")], 'heading "Pagina niet gevonden"'),
        (
            "ページが見つかりません | ノースウィンド",
            [],
            'title "ページが見つかりません | ノースウィンド"',
        ),
        (
            "ノースウィンド",
            [(1, "お探しのページは見つかりませんでした。")],
            'heading "お探しのページは見つかりませんでした。"',
        ),
        ("商店", [(1, "页面未找到")], 'heading "页面未找到"'),
        ("商店", [(1, "抱歉，您访问的页面不存在！")], 'heading "抱歉，您访问的页面不存在！"'),
        ("Магазин", [(1, "Страница не найдена")], 'heading "Страница не найдена"'),
        ("Ошибка 404 — Магазин", [], 'title "Ошибка 404 — Магазин"'),
        ("상점", [(1, "페이지를 찾을 수 없습니다")], 'heading "페이지를 찾을 수 없습니다"'),
        (
            "Northwind",
            [(1, "Sorry, this page doesn't exist")],
            'heading "Sorry, this page doesn\'t exist"',
        ),
        (
            "Northwind",
            [(1, "Sorry, this page doesn’t exist 😢")],
            'heading "Sorry, this page doesn’t exist 😢"',
        ),
        (
            "Northwind",
            [(2, "Page not found"), (3, "Try these instead")],
            'heading "Page not found"',
        ),
        ("Northwind", [(1, "Boots"), (1, "Page   not found")], 'heading "Page not found"'),
    ],
)
def test_error_pages_are_found(title: str, headings: list[tuple[int, str]], evidence: str) -> None:
    assert soft_404_evidence(title, headings, PHRASES) == evidence


@pytest.mark.parametrize(
    ("title", "headings"),
    [
        (
            "How to fix 404 errors on your site | Northwind Blog",
            [(1, "How to fix 404 errors on your site")],
        ),
        ("The 404 page: a design guide", [(1, "The 404 page: a design guide")]),
        ("Lost and found – Northwind", [(1, "Lost and found")]),
        ("Contact – Northwind", [(1, "Contact"), (2, "Not found what you need? Contact us")]),
        ("Contact – Northwind", [(1, "Not found what you need? Contact us and we will help you")]),
        ("Error handling in Python", [(1, "Error handling in Python")]),
        ("Search – Northwind", [(1, "Found: 3 results")]),
        ("Boots – Northwind", [(1, "We found the perfect boots")]),
        ("Catalogue – Northwind", [(1, "Page 404 of our catalogue")]),
        ("Help – Northwind", [(2, "Not found what you need? Contact us")]),
        ("Shop – Northwind", [(1, "Not Found Records T-shirt")]),
        ("Shop – Northwind", [(1, "Not Found Records T-shirt, black, organic cotton")]),
        ("Findings – Northwind", [(1, "Findings")]),
        ("Help centre", [(2, "Can't find what you're looking for?")]),
        ("Help centre", [(1, "Help centre"), (2, "Page not found? Here is what to do")]),
        ("Northwind", [(1, "Welcome"), (2, "Page not found")]),
        ("Northwind", [(1, "Sorry!")]),
        ("Northwind", []),
        ("", []),
    ],
)
def test_ordinary_pages_are_not(title: str, headings: list[tuple[int, str]]) -> None:
    assert soft_404_evidence(title, headings, PHRASES) == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_phrases_file_has_every_language(language: str) -> None:
    text = files("checks.navigation").joinpath("not_found.txt").read_text(encoding="utf-8")
    assert any(line.startswith(f"# {language}:") for line in text.splitlines())


def test_phrases_are_lower_cased_without_comments_or_duplicates() -> None:
    assert "page not found" in PHRASES
    assert "seite nicht gefunden" in PHRASES
    assert "страница не найдена" in PHRASES
    assert all(p == p.lower() and p and not p.startswith("#") for p in PHRASES)
    assert len(set(PHRASES)) == len(PHRASES)


def test_extra_phrases_are_added() -> None:
    extra = load_not_found_phrases(["Sivua ei löydy", "  "])
    assert extra[-1] == "sivua ei löydy"
    assert soft_404_evidence("Kauppa", [(1, "Sivua ei löydy")], PHRASES) == ""
    assert soft_404_evidence("Kauppa", [(1, "Sivua ei löydy")], extra) == 'heading "Sivua ei löydy"'


def test_no_phrases_leaves_only_a_bare_404() -> None:
    assert soft_404_evidence("Page not found", [], ()) == ""
    assert soft_404_evidence("404", [], ()) == 'title "404"'
