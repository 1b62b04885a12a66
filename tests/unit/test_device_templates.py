"""Pages grouped into templates by the shape of their DOM."""

from __future__ import annotations

from cxcheck.crawl.device_templates import Templates, jaccard


def test_pages_of_one_shape_share_a_template_and_the_first_stands_for_them() -> None:
    templates = Templates(0.8)
    product = frozenset(range(100))
    assert templates.place("/boots", product).first == "/boots"
    assert templates.place("/hat", product | {500}).first == "/boots"  # one block more
    assert templates.place("/cart", frozenset(range(50, 200))).first == "/cart"
    assert [(t.first, t.others) for t in templates.groups] == [
        ("/boots", ["/hat"]),
        ("/cart", []),
    ]


def test_jaccard_is_what_two_shapes_share_over_what_either_has() -> None:
    assert jaccard({1, 2, 3}, {2, 3, 4}) == 0.5
    assert jaccard(set(), set()) == 1.0
