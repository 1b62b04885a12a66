"""What hostile inputs cost now, against what they cost before (issue 18): a 10 MB
robots.txt, a sitemap of 60,000 URLs and a 200 MB gzip bomb, a page of 50,000 links read in
the browser, and links read from HTML source (50,000 links; a DOM 10,000 levels deep).

    python bench/bounds.py [--before REV]

"Before" runs the code of REV (default 66be81a, the last commit before these bounds) where
it can be loaded beside today's; each figure is one run, on whatever else the machine does.
Times with a peak beside them are taken under tracemalloc, which slows Python 2-3x.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
import types
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cxcheck.crawl import seeds  # noqa: E402
from cxcheck.crawl.scripts import page_function  # noqa: E402
from cxcheck.crawl.source_page import read_source  # noqa: E402

SITE = "http://127.0.0.1:8000"


def timed(work: Callable[[], Any], trace: bool = True) -> tuple[Any, float, float]:
    """The result, seconds, and peak MB of Python memory (when `trace`) of `work()`."""
    if not trace:
        started = time.perf_counter()
        return work(), time.perf_counter() - started, 0.0
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = work()
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, seconds, peak / 2**20


def old_module(rev: str, path: str) -> types.ModuleType | None:
    """A module as it was at `rev`, loaded under another name (None if git cannot say)."""
    try:
        text = subprocess.run(
            ["git", "show", f"{rev}:{path}"], cwd=ROOT, capture_output=True, check=True, text=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    module = types.ModuleType(f"old_{Path(path).stem}")
    sys.modules[module.__name__] = module  # dataclasses look their module up there
    exec(compile(text, f"{rev}:{path}", "exec"), module.__dict__)
    return module


def robots(old: types.ModuleType | None) -> None:
    lines = ["User-agent: *", *(f"Disallow: /private/section-{n:06d}/" for n in range(400_000))]
    text = "\n".join(lines) + "\n"
    urls = [f"{SITE}/shop/item-{n}.html" for n in range(1_000)]
    print(f"robots.txt: {len(text) / 2**20:.1f} MB, {len(lines):,} lines; 1,000 URLs asked")
    for name, module in (("now", seeds), ("before", old)):
        if module is None:
            continue
        parsed, parse_s, peak = timed(lambda m=module: m.parse_robots(text, f"{SITE}/robots.txt"))
        asked = urls if name == "now" else urls[:2]  # before: many seconds per URL
        _, match_s, _ = timed(lambda p=parsed, a=asked: [p.allows(u) for u in a], trace=False)
        per_url = match_s / len(asked)
        print(
            f"  {name:<7} parse {parse_s:6.2f} s (peak {peak:5.0f} MB), "
            f"{per_url * 1000:9.3f} ms per URL checked"
            f" ({len(parsed.rules):,} rules kept)"
        )


def sitemaps(old: types.ModuleType | None) -> None:
    entries = "".join(f"<url><loc>/p{n}</loc></url>" for n in range(60_000))
    body = f"<urlset>{entries}</urlset>".encode()
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"<url><loc>/same</loc></url>" * 40_000
    bomb = packer.compress(b"<urlset>")
    bomb += b"".join(packer.compress(chunk) for _ in range(200 * 2**20 // len(chunk)))
    bomb += packer.flush()
    size = f"{len(body) / 2**20:.1f} MB"
    print(f"sitemap: 60,000 URLs ({size}); gzip bomb {len(bomb) / 2**10:.0f} KB -> 200 MB")
    for name, module in (("now", seeds), ("before", old)):
        if module is None:
            continue
        got, seconds, peak = timed(lambda m=module: m.parse_sitemap(body, f"{SITE}/s.xml"))
        print(
            f"  {name:<7} 60,000 URLs: {len(got.pages):,} kept, {seconds:.2f} s, peak {peak:.0f} MB"
        )
        got, seconds, peak = timed(lambda m=module: m.parse_sitemap(bomb, f"{SITE}/s.xml.gz"))
        print(
            f"  {name:<7} gzip bomb:   {len(got.pages):,} kept, {seconds:.2f} s, peak {peak:.0f} MB"
        )


def source() -> None:
    many = "".join(f"<a href='/p{n}.html'>Page {n}</a>\n" for n in range(50_000))
    deep = "<div>" * 10_000 + "<a href='/c.html'>c</a>" + "</div>" * 10_000
    print("links from HTML source (a crashed or frozen tab's page):")
    for label, html in (("50,000 links", many), ("10,000 levels", deep)):
        page, seconds, peak = timed(lambda h=html: read_source(h, SITE + "/"))
        print(f"  {label:<14} {len(page.links):>6,} links in {seconds:.2f} s, peak {peak:.0f} MB")


async def browser_capture() -> None:
    from playwright.async_api import async_playwright

    from cxcheck.browser import launch
    from cxcheck.config import BrowserConfig
    from cxcheck.serve import serve_folder

    links = "".join(f"<a href='/p{n}.html'>Page {n}</a>\n" for n in range(50_000))
    now = page_function("capture").replace("const MAX_LINKS = 100000", "const MAX_LINKS = 1e9")
    # Before: the same reading, handed back as objects for Playwright to encode.
    before = now.replace("return JSON.stringify({", "return ({")
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "index.html").write_text(f"<!doctype html><title>Links</title>{links}")
        with serve_folder(folder) as served:
            async with async_playwright() as playwright:
                chromium, _ = await launch(playwright, BrowserConfig())
                page = await chromium.new_page()
                await page.goto(served.url)
                print("a script-free page with 50,000 links, read in the browser:")
                for name, script in (("now", now), ("before", before)):
                    started = time.perf_counter()
                    data = await page.evaluate(script, 5_000_000)
                    data = json.loads(data) if isinstance(data, str) else data
                    seconds = time.perf_counter() - started
                    print(f"  {name:<7} {len(data['links']):,} links in {seconds:.1f} s")
                await chromium.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="66be81a", help="the revision to compare with")
    args = parser.parse_args()
    old = old_module(args.before, "cxcheck/crawl/seeds.py")
    robots(old)
    sitemaps(old)
    source()
    asyncio.run(browser_capture())


if __name__ == "__main__":
    main()
