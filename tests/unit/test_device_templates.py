"""Pages grouped into templates by the shape of their DOM."""

from __future__ import annotations

from cxcheck.crawl.device_templates import Templates, jaccard


def test_pages_of_one_shape_share_a_template_and_the_shallowest_stands_for_them() -> None:
    templates = Templates(0.8)
    product = frozenset(range(100))
    templates.place("/shop/boots.html", product, depth=2)
    templates.place("/hat.html", product | {500}, depth=1)  # one block more
    templates.place("/cart.html", frozenset(range(50, 200)), depth=1)
    assert [(t.first, t.others) for t in templates.groups] == [
        ("/hat.html", ["/shop/boots.html"]),
        ("/cart.html", []),
    ]


def test_the_page_that_stands_for_a_template_does_not_depend_on_the_crawl_order() -> None:
    pages = [("/b.html", 1), ("/a.html", 1), ("/long-name.html", 1), ("/deep/x.html", 2)]
    firsts = set()
    for order in (pages, pages[::-1], pages[1:] + pages[:1]):
        templates = Templates()
        for url, depth in order:
            templates.place(url, frozenset({1, 2, 3}), depth)
        (template,) = templates.groups
        firsts.add((template.first, tuple(template.others)))
    assert firsts == {("/a.html", ("/b.html", "/long-name.html", "/deep/x.html"))}


def test_jaccard_is_what_two_shapes_share_over_what_either_has() -> None:
    assert jaccard({1, 2, 3}, {2, 3, 4}) == 0.5
    assert jaccard(set(), set()) == 1.0
