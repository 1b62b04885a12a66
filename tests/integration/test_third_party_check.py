"""A third-party check, written against the public API only and installed as an entry point
of its own distribution, is loaded through the one door and runs in a real crawl."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cxcheck.plugins import discover
from cxcheck.serve import serve_folder
from tests.integration.crawling import path_of, run_engine

CHECK_FILE = Path(__file__).resolve().parent.parent / "third_party" / "short_titles.py"
SITE = {
    "index.html": "<title>Outdoor shop – home</title><h1>Home</h1><a href='/a.html'>A</a>"
    "<a href='/b.html'>B</a>",
    "a.html": "<title>Boots</title><h1>Boots</h1>",
    "b.html": "<title>Boots</title><h1>More boots</h1>",
}


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`shop-titles 1.0` installed on sys.path with its entry point, as pip would leave it."""
    shutil.copy(CHECK_FILE, tmp_path / "shop_titles_check.py")
    dist = tmp_path / "shop_titles-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: shop-titles\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[cxcheck.checks]\nshort-titles = shop_titles_check:ShortTitles\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    sys.modules.pop("shop_titles_check", None)


@pytest.mark.usefixtures("chromium", "installed")
def test_a_check_from_another_package_runs_in_a_crawl(tmp_path: Path) -> None:
    (found,) = [c for c in discover() if c.name == "short-titles"]
    assert found.origin == "package shop-titles"
    source = CHECK_FILE.read_text()
    assert "from cxcheck import " in source and "from cxcheck." not in source
    site = tmp_path / "site"
    site.mkdir()
    for name, html in SITE.items():
        (site / name).write_text(html)
    with serve_folder(site) as served:
        report = run_engine(served.url, only=("short-titles",)).report
    found_rules = {(g.finding.rule, path_of(p)) for g in report.findings for p in g.pages}
    assert found_rules == {
        ("short-title", "/a.html"),
        ("short-title", "/b.html"),
        ("same-title", "/a.html"),
        ("same-title", "/b.html"),
    }
