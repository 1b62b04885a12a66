"""--shard i/n: every page belongs to exactly one shard, the same one on every machine."""

from __future__ import annotations

import pytest

from cxcheck.shard import Shard

URLS = [f"https://shop.example/p{n}.html" for n in range(400)]


def test_each_page_belongs_to_exactly_one_shard_and_the_shares_are_even() -> None:
    shards = [Shard(i, 4) for i in range(1, 5)]
    owners = [[s for s in shards if s.owns(url)] for url in URLS]
    assert all(len(found) == 1 for found in owners)
    sizes = [sum(1 for found in owners if found[0] == s) for s in shards]
    assert all(70 <= size <= 130 for size in sizes), sizes  # 100 each, give or take


def test_twins_of_a_page_go_to_the_same_shard() -> None:
    shard = next(Shard(i, 3) for i in (1, 2, 3) if Shard(i, 3).owns("https://a.example/shop/"))
    for twin in (
        "https://a.example/shop",
        "https://a.example/shop/index.html",
        "https://A.example:443/shop/#top",
        "https://a.example/shop/?utm_source=mail",
    ):
        assert shard.owns(twin, ("utm_*",)), twin


def test_the_split_is_stable() -> None:
    # sha1 of the page key, not Python's hash(): the same on every runner and every run.
    # Known answers: a change here would split shards of two cxcheck versions differently.
    assert [i for i in (1, 2, 3) if Shard(i, 3).owns("https://shop.example/")] == [3]
    assert [i for i in (1, 2, 3, 4) if Shard(i, 4).owns("https://shop.example/about.html")] == [4]
    assert str(Shard.parse(" 2 / 3 ")) == "2/3"


def test_the_split_ignores_the_host_and_port_the_site_is_served_on() -> None:
    for url in URLS[:50]:
        moved = url.replace("https://shop.example", "http://127.0.0.1:43817")
        assert [Shard(i, 4).owns(url) for i in range(1, 5)] == [
            Shard(i, 4).owns(moved) for i in range(1, 5)
        ]


def test_no_shard_is_the_whole_site() -> None:
    assert Shard.parse("") == Shard(1, 1)
    assert all(Shard().owns(url) for url in URLS)


@pytest.mark.parametrize(
    ("text", "words"),
    [("0/4", "between 1 and n"), ("5/4", "between 1 and n"), ("1-4", 'expected "i/n"')],
)
def test_a_bad_shard_says_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        Shard.parse(text)
