"""Page templates: pages grouped by the structure of their DOM, one page standing for each.

A page's shape is the set of its element paths (tag and class names from the body down, with
numbered classes left out), hashed. Two pages share a template when their shapes overlap by
`similarity` (Jaccard: what they share over what either has): product pages with three or
thirty reviews share one, a product page and the cart do not.

Pages are grouped once the crawl is over, in a fixed order (the shallowest page first, then
the shortest address), each joining the first template whose first page it resembles enough;
so the grouping, and the page that stands for each template (its first), do not depend on the
order the crawl delivered pages in, and a run judges the same pages as the run before.
"""

from __future__ import annotations

from array import array
from collections.abc import Set
from dataclasses import dataclass, field

# Past this many templates, a page joins the template it resembles most: a site whose every
# page has its own structure would otherwise be compared page against page.
MAX_TEMPLATES = 200


@dataclass
class Template:
    """One group of pages; the first stands for the others."""

    shape: frozenset[int]
    first: str
    others: list[str] = field(default_factory=list)


@dataclass
class Templates:
    """Pages noted as the crawl delivers them, grouped into templates when asked."""

    similarity: float = 0.8
    _pages: list[tuple[int, str, array[int]]] = field(default_factory=list)
    _groups: list[Template] | None = None

    def add(self, url: str, shape: Set[int], depth: int = 0) -> None:
        """Note a page and its shape (kept compact: four bytes a path)."""
        self._pages.append((depth, url, array("I", sorted(shape))))
        self._groups = None

    @property
    def groups(self) -> list[Template]:
        """The templates, in the order their first pages stand."""
        if self._groups is None:
            self._groups = self._grouped()
        return self._groups

    def _grouped(self) -> list[Template]:
        groups: list[Template] = []
        for _depth, url, packed in sorted(self._pages, key=lambda p: (p[0], len(p[1]), p[1])):
            shape = frozenset(packed)
            best, score = None, -1.0
            for group in groups:
                overlap = jaccard(shape, group.shape)
                if overlap > score:
                    best, score = group, overlap
            if best is not None and (score >= self.similarity or len(groups) >= MAX_TEMPLATES):
                best.others.append(url)
            else:
                groups.append(Template(shape, url))
        return groups


def jaccard(a: Set[int], b: Set[int]) -> float:
    """What two shapes share over what either has (1.0 for two empty shapes)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)
