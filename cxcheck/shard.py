"""Which pages a shard checks when `--shard i/n` splits a site across CI runners.

Every shard crawls the whole site (links are only known once a page is rendered), but runs
the checks only on its own pages: those whose page key (the URL as the crawl tells pages
apart, host and port aside) hashes to it. The hash is stable across machines and runs, so
the n shards together check every page exactly once and `cxcheck merge` joins their reports.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from cxcheck.urls import normalize_url, page_key, path_and_query

_SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


@dataclass(frozen=True)
class Shard:
    """Shard `index` of `total` (1-based); 1/1 is the whole site."""

    index: int = 1
    total: int = 1

    @classmethod
    def parse(cls, text: str) -> Shard:
        """ "2/4" -> Shard(2, 4); "" is the whole site. A ValueError says what is wrong."""
        if not text.strip():
            return cls()
        match = _SHARD.fullmatch(text)
        if match is None:
            raise ValueError(f'shard: expected "i/n" such as "1/4", got {text!r}')
        index, total = int(match.group(1)), int(match.group(2))
        if not 1 <= index <= total:
            raise ValueError(f"shard: i must be between 1 and n, got {index}/{total}")
        return cls(index, total)

    @property
    def whole(self) -> bool:
        """No split: every page is this shard's."""
        return self.total == 1

    def owns(self, url: str, strip_params: tuple[str, ...] = ()) -> bool:
        """`url` is a page this shard checks."""
        if self.whole:
            return True
        normalized = normalize_url(url, strip_params)
        # Host and port aside: `--serve` picks a new port every run.
        key = path_and_query(page_key(normalized)) if normalized else url
        digest = hashlib.sha1(key.encode(), usedforsecurity=False).digest()
        return int.from_bytes(digest[:8], "big") % self.total == self.index - 1

    def __str__(self) -> str:
        return f"{self.index}/{self.total}"
