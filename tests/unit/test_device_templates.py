"""Pages grouped into templates by the shape of their DOM."""

from __future__ import annotations

import pytest

from cxcheck.crawl import device_templates
from cxcheck.crawl.device_templates import Templates, jaccard


def test_pages_of_one_shape_share_a_template_and_the_shallowest_stands_for_them() -> None:
    templates = Templates(0.8)
    product = frozenset(range(100))
    templates.add("/shop/boots.html", product, depth=2)
    templates.add("/hat.html", product | {500}, depth=1)  # one block more
    templates.add("/cart.html", frozenset(range(50, 200)), depth=1)
    assert [(t.first, t.others) for t in templates.groups] == [
        ("/hat.html", ["/shop/boots.html"]),
        ("/cart.html", []),
    ]


def test_the_grouping_does_not_depend_on_the_order_pages_arrived_in() -> None:
    # Three shapes in a chain: a resembles b, b resembles c, a does not resemble c. Grouped
    # as they arrive, the order would decide; grouped afterwards, it does not.
    a, b, c = frozenset(range(0, 100)), frozenset(range(10, 110)), frozenset(range(20, 120))
    pages = [("/a.html", a), ("/bb.html", b), ("/ccc.html", c), ("/dd/x.html", a)]
    seen = set()
    for order in (pages, pages[::-1], pages[1:] + pages[:1]):
        templates = Templates(0.8)
        for url, shape in order:
            templates.add(url, shape, depth=url.count("/"))
        seen.add(tuple((t.first, tuple(t.others)) for t in templates.groups))
    assert seen == {(("/a.html", ("/bb.html", "/dd/x.html")), ("/ccc.html", ()))}


def test_past_the_most_templates_a_page_joins_the_one_it_resembles_most(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(device_templates, "MAX_TEMPLATES", 2)
    templates = Templates(0.8)
    for n, shape in enumerate((range(0, 50), range(100, 150), range(110, 160))):
        templates.add(f"/p{n}.html", frozenset(shape))
    assert [(t.first, t.others) for t in templates.groups] == [
        ("/p0.html", []),
        ("/p1.html", ["/p2.html"]),
    ]


def test_jaccard_is_what_two_shapes_share_over_what_either_has() -> None:
    assert jaccard({1, 2, 3}, {2, 3, 4}) == 0.5
    assert jaccard(set(), set()) == 1.0
