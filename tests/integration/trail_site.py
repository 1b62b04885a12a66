"""A generated site of trail guides for tests that split a run across machines (shards,
shared runs): each page links to the next three, planted problems on some pages, and the
facts two reports must agree on."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tests.integration.crawling import path_of

# Problems every check family finds, one per page: a broken link, a missing image, filler
# text, an image without alt, a dead link, a nameless button, a leftover TODO.
PLANTED = {
    5: '<a href="missing-5.html">Old offer</a>',
    8: '<img src="gone.png" alt="A picture that is not there">',
    11: "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>",
    14: '<img src="dot.svg">',
    17: '<a href="#">Details</a>',
    20: '<button class="icon"></button>',
    26: "<p>TODO: write the returns policy</p>",
}


def trail_site(root: Path, pages: int, planted: Mapping[int, str], delay_ms: int = 0) -> Path:
    """The site in `root`; every page answers after `delay_ms` when given (cxcheck-serve.toml)."""
    root.mkdir()
    (root / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>')
    routes = []
    for n in range(pages):
        links = "".join(
            f'<li><a href="p{m}.html">Trail guide {m}</a></li>'
            for m in (n + 1, n + 2, n + 3)
            if m < pages
        )
        name = "index.html" if n == 0 else f"p{n}.html"
        if delay_ms:
            routes.append(f'[[route]]\npath = "/{name}"\ndelay_ms = {delay_ms}\n')
        (root / name).write_text(
            f'<!doctype html><html lang="en"><head><title>Trail guide {n}</title></head><body>'
            '<header><nav><a href="index.html">Home</a> <a href="p1.html">Guides</a></nav>'
            f'</header><main><h1 id="top">Trail guide {n}</h1><p>Routes, maps and weather for '
            f"walk {n}.</p>{planted.get(n, '')}<ul>{links}</ul></main></body></html>"
        )
    if routes:
        (root / "cxcheck-serve.toml").write_text("\n".join(routes))
    return root


def facts(report: Mapping[str, Any]) -> tuple[Any, ...]:
    """What two reports of one site must agree on: the verdict, each finding with its pages,
    and the pages with their status (host and port aside: each run serves on its own port)."""
    findings = sorted(
        (f["check"], f["rule"], f["severity"], tuple(sorted(path_of(u) for u in f["pages"])))
        for f in report["findings"]
    )
    pages = sorted((path_of(p["url"]), p["status"]) for p in report["pages"])
    return report["verdict"], findings, pages
