"""Page templates: pages grouped by the structure of their DOM, one page standing for each.

A page's shape is the set of its element paths (tag and class names from the body down, with
numbered classes left out), hashed. Two pages share a template when their shapes overlap by
`similarity` (Jaccard: what they share over what either has): product pages with three or
thirty reviews share one, a product page and the cart do not. The first page of a template
stands for the others on every device: the shallowest page, then the shortest address, so the
choice does not depend on the order pages arrived in.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field


@dataclass
class Template:
    """One group of pages, and which of them stands for the others."""

    shape: frozenset[int]
    pages: list[tuple[int, str]] = field(default_factory=list)  # (depth, url)
    standing_for: str = ""  # the page whose details the device pass keeps (the first so far)
    _best: tuple[int, str] | None = None

    def add(self, url: str, depth: int) -> None:
        """One more page of this template."""
        self.pages.append((depth, url))
        if self._best is None or _standing((depth, url)) < _standing(self._best):
            self._best = (depth, url)

    @property
    def first(self) -> str:
        """The page that stands for the template: the shallowest, then the shortest address,
        whatever order the crawl delivered them in (so a run and the next agree)."""
        return self._best[1] if self._best else ""

    @property
    def others(self) -> list[str]:
        """The pages `first` stands for, in the same order."""
        first = self.first
        return [url for _, url in sorted(self.pages, key=_standing) if url != first]


def _standing(page: tuple[int, str]) -> tuple[int, int, str]:
    depth, url = page
    return (depth, len(url), url)


@dataclass
class Templates:
    """Pages placed into templates as the crawl delivers them."""

    similarity: float = 0.8
    groups: list[Template] = field(default_factory=list)

    def place(self, url: str, shape: frozenset[int], depth: int = 0) -> Template:
        """The template `url` belongs to (a new one when none fits); the first shape seen
        stands for the template's shape."""
        best, score = None, 0.0
        for group in self.groups:
            overlap = jaccard(shape, group.shape)
            if overlap > score:
                best, score = group, overlap
        if best is None or score < self.similarity:
            best = Template(shape)
            self.groups.append(best)
        best.add(url, depth)
        return best


def jaccard(a: Set[int], b: Set[int]) -> float:
    """What two shapes share over what either has (1.0 for two empty shapes)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)
