"""URL normalisation, scope and the frontier's dedupe and limits."""

from __future__ import annotations

import pytest

from cxcheck.crawl.frontier import Frontier, Scope
from cxcheck.urls import LOGOUT_WORDS, avoided, normalize_url, page_key

SITE = "http://127.0.0.1:8000"
STRIP = ("utm_*", "fbclid")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.COM/a#top", "http://example.com/a"),
        ("http://example.com/a#", "http://example.com/a"),
        ("http://example.com/Shop/Boots", "http://example.com/Shop/Boots"),  # path case kept
        ("https://example.com:443/x", "https://example.com/x"),
        ("http://example.com:80", "http://example.com/"),
        ("https://example.com:80/x", "https://example.com:80/x"),  # 80 is not https' default
        ("http://example.com:8080/x?b=2&a=1", "http://example.com:8080/x?b=2&a=1"),
        ("http://example.com?x=1", "http://example.com/?x=1"),
        ("  http://example.com/x  ", "http://example.com/x"),
        ("http://example.com/p?utm_source=mail&id=3&fbclid=z", "http://example.com/p?id=3"),
        ("http://example.com/p?utm_source=mail&utm_medium=x", "http://example.com/p"),
        ("http://[::1]:9000/a", "http://[::1]:9000/a"),
        ("http://[::1]:80/a", "http://[::1]/a"),
        ("mailto:shop@example.com", None),
        ("javascript:void(0)", None),
        ("tel:+441234", None),
        ("ftp://example.com/file", None),
        ("/relative/path", None),
        ("http://", None),
        ("http://example.com:notaport/", None),
        ("http://example.com:99999/", None),
        ("http://[::1/", None),
    ],
)
def test_normalize_url(url: str, expected: str | None) -> None:
    assert normalize_url(url, STRIP) == expected


def test_query_without_stripped_params_is_kept_verbatim() -> None:
    assert normalize_url("http://e.com/?q=a%20b&x=", STRIP) == "http://e.com/?q=a%20b&x="


@pytest.mark.parametrize(
    ("with_tracking", "without"),
    [
        ("http://e.com/p?q=a%20b&utm_source=x", "http://e.com/p?q=a%20b"),
        ("http://e.com/p?flag&utm_source=x", "http://e.com/p?flag"),
    ],
)
def test_stripping_a_param_leaves_the_rest_of_the_query_alone(
    with_tracking: str, without: str
) -> None:
    assert normalize_url(with_tracking, STRIP) == normalize_url(without, STRIP)


@pytest.mark.parametrize(
    "twin",
    [
        "http://e.com/a/",
        "http://e.com/a",
        "http://e.com/a/index.html",
        "http://e.com/a/index.htm",
        "http://e.com/a/INDEX.HTML",
    ],
)
def test_index_and_trailing_slash_twins_share_a_key(twin: str) -> None:
    assert page_key(twin) == "http://e.com/a"


def test_root_keeps_its_slash_and_queries_stay_distinct() -> None:
    assert page_key("http://e.com/") == "http://e.com/"
    assert page_key("http://e.com/index.html") == "http://e.com/"
    assert page_key("http://e.com/a/index.html?page=2") == "http://e.com/a?page=2"
    assert page_key("http://e.com/a?page=2") != page_key("http://e.com/a?page=3")
    assert page_key("http://e.com/a") != page_key("http://e.com/b")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        (f"{SITE}/shop/boots", ""),
        (f"{SITE}/shop/boots?colour=red", ""),
        ("http://127.0.0.1:9000/shop/boots", "out-of-scope"),
        ("https://127.0.0.1:8000/shop/boots", "out-of-scope"),
        ("http://localhost:8000/shop/boots", "out-of-scope"),
        (f"{SITE}/about", "not-included"),
        (f"{SITE}/shop/admin/", "excluded"),  # "dir/" covers the folder itself...
        (f"{SITE}/shop/admin/users", "excluded"),  # ...and everything below it
        (f"{SITE}/shop/admin/users/7/edit", "excluded"),
        (f"{SITE}/shop/administrators", ""),  # but not a sibling that shares the prefix
    ],
)
def test_scope(url: str, reason: str) -> None:
    scope = Scope(SITE, include=("/shop/*",), exclude=("/shop/admin/",))
    assert scope.why_out(url) == reason


def test_everything_on_the_origin_is_in_scope_without_globs() -> None:
    scope = Scope(SITE)
    assert scope.why_out(f"{SITE}/") == ""
    assert scope.why_out(f"{SITE}/deep/down/page.html?x=1") == ""


def test_a_folder_glob_also_covers_the_folder_without_its_slash() -> None:
    scope = Scope(SITE, exclude=("/admin/",))
    assert scope.why_out(f"{SITE}/admin") == "excluded"


def test_exclude_matches_the_path_whatever_the_query() -> None:
    scope = Scope(SITE, exclude=("/cart",))
    assert scope.why_out(f"{SITE}/cart?add=3") == "excluded"


def test_the_root_folder_glob_covers_the_whole_site() -> None:
    scope = Scope(SITE, include=("/",))
    assert scope.why_out(f"{SITE}/") == ""
    assert scope.why_out(f"{SITE}/shop/boots") == ""


def frontier(max_pages: int = 100, max_depth: int = 5) -> Frontier:
    return Frontier(Scope(SITE), max_pages, max_depth, STRIP)


def test_each_url_is_queued_once_including_twins_fragments_and_tracking() -> None:
    f = frontier()
    assert f.offer(f"{SITE}/a/", 0)
    twins = (
        f"{SITE}/a",
        f"{SITE}/a/index.html",
        f"{SITE}/a/#part",
        f"{SITE}/a/?utm_source=mail",
        "HTTP://127.0.0.1:8000/a/",
    )
    for twin in twins:
        assert f.offer(twin, 1) is None, twin
    assert f.pending == 1
    assert not f.skipped  # a duplicate is not a refusal


def test_offer_returns_the_normalised_url_with_depth_and_referrer() -> None:
    queued = frontier().offer(f"{SITE}/a#x", 2, referrer=f"{SITE}/")
    assert queued is not None
    assert (queued.url, queued.depth, queued.referrer) == (f"{SITE}/a", 2, f"{SITE}/")


def test_urls_that_are_not_web_pages_are_ignored_without_counting() -> None:
    f = frontier()
    assert f.offer("mailto:shop@example.com", 1) is None
    assert f.offer("not a url at all", 1) is None
    assert f.pending == 0 and not f.skipped


def test_breadth_first_order() -> None:
    f = frontier()
    for path in ("/1", "/2", "/3"):
        f.offer(SITE + path, 1)
    f.offer(f"{SITE}/1/child", 2)
    taken = [f.take().url for _ in range(4)]
    assert taken == [f"{SITE}/1", f"{SITE}/2", f"{SITE}/3", f"{SITE}/1/child"]
    assert f.take() is None


def test_max_pages_and_max_depth_refuse_and_count_once_per_url() -> None:
    f = frontier(max_pages=2, max_depth=1)
    assert f.offer(f"{SITE}/a", 0) and f.offer(f"{SITE}/b", 1)
    assert f.offer(f"{SITE}/c", 1) is None
    assert f.offer(f"{SITE}/c", 1) is None
    assert f.offer(f"{SITE}/c/", 1) is None  # a twin of a refused URL is the same URL
    assert f.offer(f"{SITE}/d", 2) is None
    assert f.skipped == {"max-pages": 1, "too-deep": 1}
    assert f.pending == 2


def test_the_forced_start_page_counts_towards_max_pages() -> None:
    f = frontier(max_pages=1)
    assert f.offer(f"{SITE}/", 0, force=True)
    assert f.offer(f"{SITE}/a", 1) is None
    assert f.skipped == {"max-pages": 1}


def test_depth_equal_to_max_depth_is_allowed() -> None:
    f = frontier(max_depth=2)
    assert f.offer(f"{SITE}/two", 2)
    assert f.offer(f"{SITE}/three", 3) is None


def test_max_depth_zero_is_the_start_page_only() -> None:
    f = frontier(max_depth=0)
    assert f.offer(f"{SITE}/", 0)
    assert f.offer(f"{SITE}/a", 1) is None
    assert f.skipped == {"too-deep": 1}


def test_a_url_refused_once_but_queued_later_is_not_counted_as_skipped() -> None:
    f = frontier(max_depth=2)
    assert f.offer(f"{SITE}/x", 3) is None  # a fast deep page got there first
    assert f.offer(f"{SITE}/x", 1)  # then a shallow page links to it
    assert f.skipped == {}


def test_robots_refusal_and_force() -> None:
    f = frontier()
    f.allowed_by_robots = lambda url: "/private" not in url
    assert f.offer(f"{SITE}/private/x", 1) is None
    assert f.offer(f"{SITE}/public", 1)
    assert f.skipped == {"robots-disallowed": 1}
    assert f.offer(f"{SITE}/private/y", 0, force=True)


def test_robots_callback_sees_the_normalised_url() -> None:
    seen: list[str] = []
    f = frontier()
    f.allowed_by_robots = lambda url: seen.append(url) or True
    f.offer("HTTP://127.0.0.1:8000/a?utm_source=x#frag", 1)
    assert seen == [f"{SITE}/a"]


def test_force_bypasses_scope_too() -> None:
    f = frontier()
    assert f.offer("http://elsewhere.example/", 0, force=True)
    assert not f.skipped


def test_out_of_scope_is_refused_and_counted_per_url() -> None:
    f = frontier()
    assert f.offer("http://elsewhere.example/", 1) is None
    assert f.offer("http://elsewhere.example/#again", 1) is None
    assert f.offer("http://elsewhere.example/other", 1) is None
    assert f.skipped == {"out-of-scope": 2}


def test_include_and_exclude_refusals_are_counted_by_reason() -> None:
    f = Frontier(Scope(SITE, include=("/shop/*",), exclude=("/shop/admin/",)), 100, 5)
    assert f.offer(f"{SITE}/about", 1) is None
    assert f.offer(f"{SITE}/shop/admin/users", 1) is None
    assert f.offer(f"{SITE}/shop/boots", 1)
    assert f.skipped == {"not-included": 1, "excluded": 1}


def test_a_page_landed_on_by_redirect_is_not_visited_again() -> None:
    f = frontier()
    f.offer(f"{SITE}/old", 1)
    f.offer(f"{SITE}/new", 1)
    f.offer(f"{SITE}/other", 1)
    assert f.take().url == f"{SITE}/old"
    assert f.claim(f"{SITE}/new")  # /old redirected to /new
    assert f.take().url == f"{SITE}/other"  # /new is passed over
    assert f.take() is None
    assert not f.claim(f"{SITE}/new/")


def test_a_claimed_page_is_not_queued_later() -> None:
    f = frontier()
    assert f.claim(f"{SITE}/landed")
    assert f.offer(f"{SITE}/landed/index.html", 1) is None
    assert f.pending == 0


def test_claiming_the_page_you_took_succeeds_once() -> None:
    f = frontier()
    f.offer(f"{SITE}/a", 0)
    queued = f.take()
    assert f.claim(queued.url)
    assert not f.claim(f"{SITE}/a#again")


@pytest.mark.parametrize(
    "path",
    [
        "/logout",
        "/logout/",
        "/Account/LogOff",
        "/account/sign-out?next=/",
        "/logout.php",
        "/auth/signout/all",
        "/log_out2",
        "/log%6Fut",
        "/wp-login.php?action=logout",
        "/index.php?route=account/logout",
        "/home?logout",
        "/home?Sign_Out=1",
        "/blog/logout-tips",  # the price of a simple rule: see avoided()
    ],
)
def test_logout_like_urls_are_avoided(path: str) -> None:
    assert avoided(f"{SITE}{path}", LOGOUT_WORDS)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/catalogue",
        "/blog/log-cabin.html",
        "/blogout",
        "/logouts",
        "/signoutstanding",
        "/dialog/off",
        "/search?q=sign+out",
        "/search?q=how+to+logout",
    ],
)
def test_pages_that_only_contain_the_letters_are_not_avoided(path: str) -> None:
    assert not avoided(f"{SITE}{path}", LOGOUT_WORDS)


def test_no_words_avoid_nothing_and_words_match_in_any_case() -> None:
    assert not avoided(f"{SITE}/logout", ())
    assert avoided(f"{SITE}/Leave-Now", ("leave-now",))
    assert avoided(f"{SITE}/leave-now", ("LEAVE-NOW",))


def test_the_frontier_counts_avoided_urls_once_and_still_takes_a_forced_start() -> None:
    f = frontier()
    assert f.offer(f"{SITE}/logout", 1) is None
    assert f.offer(f"{SITE}/logout#again", 2) is None
    assert f.offer(f"{SITE}/blog/log-cabin.html", 1)
    assert f.skipped == {"avoided": 1}
    assert f.offer(f"{SITE}/account/sign-out", 0, force=True)


def test_an_empty_avoid_list_follows_logout_links() -> None:
    f = Frontier(Scope(SITE), 100, 5, avoid=())
    assert f.offer(f"{SITE}/logout", 1)
    assert f.skipped == {}


def test_query_variants_of_one_path_stop_at_the_limit_and_are_counted() -> None:
    trap = Frontier(Scope(SITE), 1000, 50, max_query_variants=3)
    months = [f"{SITE}/calendar?month=2026-{m:02}" for m in range(1, 8)]
    queued = [trap.offer(url, 1) for url in months]
    assert [q is not None for q in queued] == [True, True, True, False, False, False, False]
    assert trap.skipped["query-variants"] == 4
    # Other paths, and the path without a query, are not held back by the calendar.
    assert trap.offer(f"{SITE}/calendar", 1) is not None
    assert trap.offer(f"{SITE}/search?q=boots", 1) is not None


def test_a_url_over_2048_characters_is_refused() -> None:
    trap = frontier()
    assert trap.offer(f"{SITE}/s?q={'a' * 2100}", 1) is None
    assert trap.skipped["url-too-long"] == 1


@pytest.mark.parametrize(
    "url",
    [
        f"{SITE}/basket.html;jsessionid=A1B2C3",
        f"{SITE}/basket.html;JSESSIONID=zz9",
        f"{SITE}/basket.html?PHPSESSID=9f8e7d",
        f"{SITE}/basket.html?sessionid=1&utm_source=x",
    ],
)
def test_session_ids_in_urls_make_no_new_page(url: str) -> None:
    strip = ("utm_*", "jsessionid", "phpsessid", "sessionid")
    assert normalize_url(url, strip) == f"{SITE}/basket.html"
