"""Page templates: pages grouped by the structure of their DOM, one page standing for each.

A page's shape is the set of its element paths (tag and class names from the body down, with
numbered classes left out), hashed. Two pages share a template when their shapes overlap by
`similarity` (Jaccard: what they share over what either has): product pages with three or
thirty reviews share one, a product page and the cart do not. The first page of a template
stands for the others on every device.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field


@dataclass
class Template:
    """One group of pages and the page that stands for them."""

    shape: frozenset[int]
    first: str
    others: list[str] = field(default_factory=list)


@dataclass
class Templates:
    """Pages placed into templates as the crawl delivers them."""

    similarity: float = 0.8
    groups: list[Template] = field(default_factory=list)

    def place(self, url: str, shape: frozenset[int]) -> Template:
        """The template `url` belongs to (a new one, with `url` first, when none fits)."""
        best, score = None, 0.0
        for group in self.groups:
            overlap = jaccard(shape, group.shape)
            if overlap > score:
                best, score = group, overlap
        if best is not None and score >= self.similarity:
            best.others.append(url)
            return best
        group = Template(shape, url)
        self.groups.append(group)
        return group


def jaccard(a: Set[int], b: Set[int]) -> float:
    """What two shapes share over what either has (1.0 for two empty shapes)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)
