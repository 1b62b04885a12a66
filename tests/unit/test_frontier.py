"""URL normalisation, scope and the frontier's dedupe and limits."""

from __future__ import annotations

import pytest

from cxcheck.crawl.frontier import Frontier, Scope, normalize_url, page_key

SITE = "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.COM/a#top", "http://example.com/a"),
        ("https://example.com:443/x", "https://example.com/x"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/x?b=2&a=1", "http://example.com:8080/x?b=2&a=1"),
        ("http://example.com/p?utm_source=mail&id=3&fbclid=z", "http://example.com/p?id=3"),
        ("http://[::1]:9000/a", "http://[::1]:9000/a"),
        ("mailto:shop@example.com", None),
        ("javascript:void(0)", None),
        ("ftp://example.com/file", None),
        ("http://", None),
        ("http://example.com:notaport/", None),
    ],
)
def test_normalize_url(url: str, expected: str | None) -> None:
    assert normalize_url(url, ("utm_*", "fbclid")) == expected


def test_query_without_stripped_params_is_kept_verbatim() -> None:
    assert normalize_url("http://e.com/?q=a%20b&x=", ("utm_*",)) == "http://e.com/?q=a%20b&x="


@pytest.mark.parametrize(
    "twin",
    ["http://e.com/a/", "http://e.com/a", "http://e.com/a/index.html", "http://e.com/a/index.htm"],
)
def test_index_and_trailing_slash_twins_share_a_key(twin: str) -> None:
    assert page_key(twin) == "http://e.com/a"


def test_root_keeps_its_slash_and_queries_stay_distinct() -> None:
    assert page_key("http://e.com/index.html") == "http://e.com/"
    assert page_key("http://e.com/a?page=2") != page_key("http://e.com/a?page=3")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        (f"{SITE}/shop/boots", ""),
        ("http://127.0.0.1:9000/shop/boots", "out-of-scope"),
        ("https://127.0.0.1:8000/shop/boots", "out-of-scope"),
        (f"{SITE}/about", "not-included"),
        (f"{SITE}/shop/admin/users", "excluded"),
    ],
)
def test_scope(url: str, reason: str) -> None:
    scope = Scope(SITE, include=("/shop/*",), exclude=("/shop/admin/",))
    assert scope.why_out(url) == reason


def frontier(**limits: int) -> Frontier:
    return Frontier(Scope(SITE), limits.get("max_pages", 100), limits.get("max_depth", 5))


def test_each_url_is_queued_once_including_twins_and_fragments() -> None:
    f = frontier()
    assert f.offer(f"{SITE}/a/", 0)
    for twin in (f"{SITE}/a", f"{SITE}/a/index.html", f"{SITE}/a/#part"):
        assert f.offer(twin, 1) is None
    assert f.pending == 1


def test_breadth_first_order() -> None:
    f = frontier()
    for path in ("/1", "/2", "/3"):
        f.offer(SITE + path, 1)
    assert [f.take().url for _ in range(3)] == [f"{SITE}/1", f"{SITE}/2", f"{SITE}/3"]
    assert f.take() is None


def test_max_pages_and_max_depth_refuse_and_count_once_per_url() -> None:
    f = frontier(max_pages=2, max_depth=1)
    assert f.offer(f"{SITE}/a", 0) and f.offer(f"{SITE}/b", 1)
    assert f.offer(f"{SITE}/c", 1) is None
    assert f.offer(f"{SITE}/c", 1) is None
    assert f.offer(f"{SITE}/d", 2) is None
    assert f.skipped == {"max-pages": 1, "too-deep": 1}


def test_robots_refusal_and_force() -> None:
    f = frontier()
    f.allowed_by_robots = lambda url: "/private" not in url
    assert f.offer(f"{SITE}/private/x", 1) is None
    assert f.skipped["robots-disallowed"] == 1
    assert f.offer(f"{SITE}/private/y", 0, force=True)


def test_out_of_scope_is_refused() -> None:
    f = frontier()
    assert f.offer("http://elsewhere.example/", 1) is None
    assert f.skipped["out-of-scope"] == 1


def test_a_page_landed_on_by_redirect_is_not_visited_again() -> None:
    f = frontier()
    f.offer(f"{SITE}/old", 1)
    f.offer(f"{SITE}/new", 1)
    assert f.take().url == f"{SITE}/old"
    assert f.claim(f"{SITE}/new")  # /old redirected to /new
    assert f.take() is None
    assert not f.claim(f"{SITE}/new/")
