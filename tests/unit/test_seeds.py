"""robots.txt and sitemap parsing."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcheck.crawl.seeds import (
    MAX_ROBOTS,
    MAX_SITEMAP_BYTES,
    MAX_SITEMAP_URLS,
    Robots,
    allow_all,
    parse_robots,
    parse_sitemap,
)

SITE = "http://127.0.0.1:8000"
ROBOTS_URL = f"{SITE}/robots.txt"
SITEMAP_URL = f"{SITE}/sitemap.xml"


def test_robots_disallow_applies_to_cxcheck_via_star() -> None:
    robots = parse_robots("User-agent: *\nDisallow: /admin/\n", ROBOTS_URL)
    assert not robots.allows(f"{SITE}/admin/users")
    assert robots.allows(f"{SITE}/shop/")
    assert robots.allows(f"{SITE}/administrators")  # a prefix of a path, not of a word


def test_robots_section_for_cxcheck_wins_over_star() -> None:
    text = "User-agent: cxcheck\nDisallow: /staging/\n\nUser-agent: *\nDisallow: /\n"
    robots = parse_robots(text, ROBOTS_URL)
    assert robots.allows(f"{SITE}/shop/")
    assert not robots.allows(f"{SITE}/staging/x")


def test_robots_user_agent_name_is_case_insensitive() -> None:
    robots = parse_robots("User-agent: CXCheck\nDisallow: /drafts/\n", ROBOTS_URL)
    assert not robots.allows(f"{SITE}/drafts/a")


def test_robots_rules_for_other_crawlers_do_not_apply() -> None:
    robots = parse_robots("User-agent: Googlebot\nDisallow: /\n", ROBOTS_URL)
    assert robots.allows(f"{SITE}/anything")


def test_empty_disallow_allows_everything() -> None:
    robots = parse_robots("User-agent: *\nDisallow:\n", ROBOTS_URL)
    assert robots.allows(f"{SITE}/anything")


def test_robots_with_windows_line_endings() -> None:
    robots = parse_robots("User-agent: *\r\nDisallow: /private/\r\n", ROBOTS_URL)
    assert not robots.allows(f"{SITE}/private/x")


def test_robots_sitemaps_resolve_against_robots_url() -> None:
    text = "Sitemap: /maps/index.xml\nsitemap: https://cdn.example/s.xml\nSitemap:\n"
    robots = parse_robots(text, ROBOTS_URL)
    assert robots.sitemaps == (f"{SITE}/maps/index.xml", "https://cdn.example/s.xml")


def test_no_robots_allows_everything() -> None:
    robots = allow_all()
    assert robots.allows(f"{SITE}/anything")
    assert robots.sitemaps == ()


def test_robots_with_a_byte_order_mark() -> None:
    robots = parse_robots("\ufeffUser-agent: *\nDisallow: /private/\n", ROBOTS_URL)
    assert not robots.allows(f"{SITE}/private/x")


def test_robots_longest_rule_wins() -> None:
    text = "User-agent: *\nDisallow: /shop/\nAllow: /shop/public/\n"
    robots = parse_robots(text, ROBOTS_URL)
    assert robots.allows(f"{SITE}/shop/public/boots")
    assert not robots.allows(f"{SITE}/shop/basket")


@pytest.mark.parametrize(
    ("rule", "path"), [("/*.pdf$", "/files/price-list.pdf"), ("/*/private", "/shop/private")]
)
def test_robots_wildcards(rule: str, path: str) -> None:
    robots = parse_robots(f"User-agent: *\nDisallow: {rule}\n", ROBOTS_URL)
    assert not robots.allows(SITE + path)


def test_robots_sitemap_line_with_a_comment() -> None:
    robots = parse_robots("Sitemap: /sitemap.xml  # all pages\n", ROBOTS_URL)
    assert robots.sitemaps == (f"{SITE}/sitemap.xml",)


def allows(text: str, path: str) -> bool:
    return parse_robots(text, ROBOTS_URL).allows(SITE + path)


@pytest.mark.parametrize(
    ("text", "path", "allowed"),
    [
        ("User-agent: *\nDisallow: /page\nAllow: /page\n", "/page", True),  # tie: Allow
        ("User-agent: *\nDisallow: /\nAllow: /public\n", "/public/a", True),
        ("User-agent: *\nDisallow: /\nAllow: /public\n", "/other", False),
        ("User-agent: *\nDisallow: /*?sort=\n", "/shop?sort=price", False),
        ("User-agent: *\nDisallow: /*?sort=\n", "/shop", True),
        ("User-agent: *\nDisallow: /*.pdf$\n", "/a.pdfx", True),
        ("User-agent: *\nDisallow: /Admin\n", "/admin", True),  # paths are case-sensitive
        ("User-agent: *\nDisallow: /a+b(c)\n", "/a+b(c)/d", False),  # no regex in rules
        ("User-agent: *\nDisallow: /caf%C3%A9\n", "/caf\u00e9", False),
        ("User-agent: *\n\nDisallow: /x\n", "/x", False),
        ("# staging\nUser-agent: * # everyone\nDisallow: /x # not yet\n", "/x", False),
    ],
)
def test_robots_rules(text: str, path: str, allowed: bool) -> None:
    assert allows(text, path) is allowed


def test_robots_agents_listed_together_share_one_group() -> None:
    text = "User-agent: googlebot\nUser-agent: cxcheck\nDisallow: /x\n"
    assert not allows(text, "/x")


def test_robots_a_new_user_agent_after_rules_starts_a_new_group() -> None:
    text = "User-agent: googlebot\nDisallow: /x\nUser-agent: *\nDisallow: /y\n"
    assert allows(text, "/x")
    assert not allows(text, "/y")


def test_robots_own_group_replaces_star_entirely() -> None:
    text = "User-agent: cxcheck\nAllow: /\n\nUser-agent: *\nDisallow: /\n"
    assert allows(text, "/anything")


URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc> http://127.0.0.1:8000/a </loc><lastmod>2024-01-01</lastmod></url>
  <url><loc>/b</loc></url>
  <url><loc>c.html</loc></url>
  <url><loc>  </loc></url>
</urlset>"""


def test_urlset_locations_with_relative_ones_resolved() -> None:
    sitemap = parse_sitemap(URLSET, f"{SITE}/maps/sitemap.xml")
    assert sitemap.pages == (f"{SITE}/a", f"{SITE}/b", f"{SITE}/maps/c.html")
    assert sitemap.sitemaps == ()


def test_urlset_without_namespace() -> None:
    body = b"<urlset><url><loc>/a</loc></url><url><loc>/b</loc></url></urlset>"
    sitemap = parse_sitemap(body, SITEMAP_URL)
    assert sitemap.pages == (f"{SITE}/a", f"{SITE}/b")


def test_sitemap_index_without_namespace_lists_sitemaps() -> None:
    body = b"<sitemapindex><sitemap><loc>/s1.xml</loc></sitemap></sitemapindex>"
    sitemap = parse_sitemap(body, SITEMAP_URL)
    assert sitemap.sitemaps == (f"{SITE}/s1.xml",)
    assert sitemap.pages == ()


def test_sitemap_index_with_namespace_lists_sitemaps() -> None:
    body = b"""<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>http://127.0.0.1:8000/s1.xml</loc></sitemap>
  <sitemap><loc>/s2.xml.gz</loc></sitemap>
</sitemapindex>"""
    sitemap = parse_sitemap(body, SITEMAP_URL)
    assert sitemap.sitemaps == (f"{SITE}/s1.xml", f"{SITE}/s2.xml.gz")
    assert sitemap.pages == ()


def test_gzipped_sitemap() -> None:
    sitemap = parse_sitemap(gzip.compress(URLSET), f"{SITE}/sitemap.xml.gz")
    assert sitemap.pages == parse_sitemap(URLSET, f"{SITE}/sitemap.xml.gz").pages
    assert len(sitemap.pages) == 3


@pytest.mark.parametrize(
    "junk",
    [
        b"<html>not xml",
        b"",
        b"User-agent: *\nDisallow: /",
        b"\x1f\x8bnot gzip",
        gzip.compress(b"<html>not xml"),
        b"<rss><channel><link>http://127.0.0.1:8000/feed</link></channel></rss>",
    ],
)
def test_junk_gives_an_empty_sitemap(junk: bytes) -> None:
    sitemap = parse_sitemap(junk, SITEMAP_URL)
    assert sitemap.pages == () and sitemap.sitemaps == ()


def _corrupt_gzip() -> bytes:
    body = bytearray(gzip.compress(b"<urlset>" + b"<url><loc>/a</loc></url>" * 50 + b"</urlset>"))
    for i in range(12, 30):  # damage the deflate stream, keep the gzip header
        body[i] ^= 0xFF
    return bytes(body)


def test_a_damaged_gzip_sitemap_is_empty_not_a_crash() -> None:
    sitemap = parse_sitemap(_corrupt_gzip(), f"{SITE}/sitemap.xml.gz")
    assert sitemap.pages == () and sitemap.sitemaps == ()


def test_image_sitemap_images_are_not_pages() -> None:
    body = b"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc>/boots.html</loc>
    <image:image><image:loc>/img/boots.jpg</image:loc></image:image></url>
</urlset>"""
    assert parse_sitemap(body, SITEMAP_URL).pages == (f"{SITE}/boots.html",)


# --- bounds ---------------------------------------------------------------------------------


def test_robots_is_read_to_500_kib_and_no_further() -> None:
    filler = "Disallow: /filler/{:07d}\n"
    lines = ["User-agent: *", *(filler.format(n).strip() for n in range(40_000))]
    text = "\n".join(lines) + "\nDisallow: /past-the-limit/\n"
    assert len(text.encode()) > MAX_ROBOTS
    robots = parse_robots(text, ROBOTS_URL)
    assert not robots.allows(f"{SITE}/filler/0000001")
    assert robots.allows(f"{SITE}/past-the-limit/x")  # RFC 9309 2.5: a crawler may stop there


def _naive_allows(robots: Robots, url: str) -> bool:
    """The rule as written, rule by rule: the longest match wins, Allow on a tie."""
    parts = urlsplit(url)
    path = unquote(parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    matching = [r for r in robots.rules if r.pattern and r.matches(path)]
    if not matching:
        return True
    return max(matching, key=lambda r: (len(r.pattern), r.allow)).allow


_PATTERN = st.lists(
    st.sampled_from(["/", "a", "b", "%41", "*", ".", "?", "=", "x/"]), min_size=1, max_size=6
).map(lambda parts: "/" + "".join(parts))


@settings(max_examples=300, deadline=None)
@given(
    rules=st.lists(st.tuples(st.booleans(), _PATTERN, st.booleans()), min_size=0, max_size=12),
    path=st.lists(st.sampled_from(["/", "a", "b", "A", ".", "?", "=", "x"]), max_size=8),
)
def test_robots_matching_by_look_up_agrees_with_trying_every_rule(
    rules: list[tuple[bool, str, bool]], path: list[str]
) -> None:
    text = "User-agent: *\n" + "".join(
        f"{'Allow' if allow else 'Disallow'}: {pattern}{'$' if anchored else ''}\n"
        for allow, pattern, anchored in rules
    )
    robots = parse_robots(text, ROBOTS_URL)
    url = f"{SITE}/{''.join(path)}"
    assert robots.allows(url) == _naive_allows(robots, url)


def _urlset(count: int) -> bytes:
    entries = "".join(f"<url><loc>/p{n}</loc></url>" for n in range(count))
    return (
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()
    )


def test_a_sitemap_gives_the_protocols_50000_urls_at_most() -> None:
    sitemap = parse_sitemap(_urlset(MAX_SITEMAP_URLS + 500), SITEMAP_URL)
    assert len(sitemap.pages) == MAX_SITEMAP_URLS
    assert sitemap.pages[-1] == f"{SITE}/p{MAX_SITEMAP_URLS - 1}"


def test_a_gzip_bomb_is_inflated_to_50_mb_and_no_further() -> None:
    # 200 MB of one repeated entry, compressed to well under a megabyte.
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"<url><loc>/same</loc></url>" * 40_000
    parts = [packer.compress(b"<urlset>")]
    parts += [packer.compress(chunk) for _ in range(200 * 2**20 // len(chunk))]
    bomb = b"".join(parts) + packer.flush()
    assert len(bomb) < 2**20
    tracemalloc.start()
    try:
        sitemap = parse_sitemap(bomb, f"{SITE}/sitemap.xml.gz")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(sitemap.pages) == MAX_SITEMAP_URLS  # the first 50,000 entries, then it stops
    assert peak < MAX_SITEMAP_BYTES * 2, f"{peak / 2**20:.0f} MB at the peak"


def test_a_sitemap_cut_short_keeps_what_came_before_the_cut() -> None:
    body = _urlset(10)
    sitemap = parse_sitemap(body[: body.index(b"<url><loc>/p7")], SITEMAP_URL)
    assert sitemap.pages == tuple(f"{SITE}/p{n}" for n in range(7))
