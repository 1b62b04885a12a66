"""robots.txt and sitemap parsing."""

from __future__ import annotations

import gzip

from cxcheck.crawl.seeds import allow_all, parse_robots, parse_sitemap

ROBOTS_URL = "http://127.0.0.1:8000/robots.txt"


def test_robots_disallow_applies_to_cxcheck_via_star() -> None:
    robots = parse_robots("User-agent: *\nDisallow: /admin/\n", ROBOTS_URL)
    assert not robots.allows("http://127.0.0.1:8000/admin/users")
    assert robots.allows("http://127.0.0.1:8000/shop/")


def test_robots_section_for_cxcheck_wins_over_star() -> None:
    text = "User-agent: cxcheck\nDisallow: /staging/\n\nUser-agent: *\nDisallow: /\n"
    robots = parse_robots(text, ROBOTS_URL)
    assert robots.allows("http://127.0.0.1:8000/shop/")
    assert not robots.allows("http://127.0.0.1:8000/staging/x")


def test_robots_sitemaps_resolve_against_robots_url() -> None:
    text = "Sitemap: /maps/index.xml\nsitemap: https://cdn.example/s.xml\n"
    robots = parse_robots(text, ROBOTS_URL)
    assert robots.sitemaps == ("http://127.0.0.1:8000/maps/index.xml", "https://cdn.example/s.xml")


def test_no_robots_allows_everything() -> None:
    assert allow_all().allows("http://127.0.0.1:8000/anything")


URLSET = b"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc> http://127.0.0.1:8000/a </loc></url>
  <url><loc>/b</loc></url>
</urlset>"""


def test_urlset_locations_with_root_relative_resolved() -> None:
    sitemap = parse_sitemap(URLSET, "http://127.0.0.1:8000/sitemap.xml")
    assert sitemap.pages == ("http://127.0.0.1:8000/a", "http://127.0.0.1:8000/b")
    assert sitemap.sitemaps == ()


def test_sitemap_index_without_namespace_lists_sitemaps() -> None:
    body = b"<sitemapindex><sitemap><loc>/s1.xml</loc></sitemap></sitemapindex>"
    sitemap = parse_sitemap(body, "http://127.0.0.1:8000/sitemap.xml")
    assert sitemap.sitemaps == ("http://127.0.0.1:8000/s1.xml",)
    assert sitemap.pages == ()


def test_gzipped_sitemap() -> None:
    sitemap = parse_sitemap(gzip.compress(URLSET), "http://127.0.0.1:8000/sitemap.xml.gz")
    assert len(sitemap.pages) == 2


def test_junk_gives_an_empty_sitemap() -> None:
    for junk in (b"<html>not xml", b"", b"\x1f\x8bnot gzip"):
        sitemap = parse_sitemap(junk, "http://127.0.0.1:8000/sitemap.xml")
        assert sitemap.pages == () and sitemap.sitemaps == ()
