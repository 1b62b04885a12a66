"""Breakpoints read from media queries: the first width past each layout change."""

from __future__ import annotations

import pytest

from cxcheck.crawl.breakpoints import boundaries


@pytest.mark.parametrize(
    ("media", "first"),
    [
        ("(min-width: 768px)", 768),
        ("(max-width: 767.98px)", 768),  # Bootstrap 5
        ("(max-width: 767px)", 768),
        ("screen and (min-width: 40em)", 640),  # Foundation: em are 16 px in media queries
        ("(min-width: 48rem)", 768),
        ("(width >= 600px)", 600),
        ("(width > 600px)", 601),
        ("(width < 600px)", 600),
        ("(600px <= width)", 600),
        ("only screen and (min-width:1024px) and (max-width:1199px)", 1024),
    ],
)
def test_each_way_of_writing_a_breakpoint(media: str, first: int) -> None:
    assert first in boundaries([media])


def test_ranges_give_both_ends_and_each_width_once() -> None:
    assert boundaries(["(400px <= width < 900px)", "(min-width: 900px)"]) == [400, 900]


def test_print_orientation_and_unknown_queries_give_nothing() -> None:
    assert boundaries(["print and (min-width: 100px)", "(orientation: landscape)", "", "x"]) == []
    assert boundaries(["not all and (min-width: 500px)"]) == []
