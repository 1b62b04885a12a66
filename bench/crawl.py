"""Crawl throughput and memory: a generated site on 127.0.0.1, concurrency 1, 2, 4, 8.

    python bench/crawl.py [--pages 1000] [--concurrency 1 2 4 8]

Prints pages/second and peak memory (PSS of Python + Chromium) per concurrency, then peak
memory at growing page counts, to show it stays flat.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from memory import PeakMemory
from sitegen import generate

from cxcheck import app
from cxcheck.config import Config, CrawlConfig, SiteConfig
from cxcheck.plugins import load_checks
from cxcheck.serve import serve_folder


def measure(
    url: str, pages: int, concurrency: int, only: tuple[str, ...] = ("page-health",)
) -> tuple[int, float, float]:
    """(pages crawled, seconds, peak MiB) for one crawl with the checks named.

    page-health alone by default, so the figures are the crawl's own.
    """
    config = Config(
        site=SiteConfig(url=url),
        crawl=CrawlConfig(max_pages=pages, concurrency=concurrency, max_depth=1000),
    )
    checks = load_checks("", only, (), {})
    with PeakMemory() as memory:
        start = time.perf_counter()
        report = app.run(config, checks).report
        seconds = time.perf_counter() - start
    return len(report.pages), seconds, memory.peak_mib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--growth", type=int, default=4, help="concurrency for the memory run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = generate(Path(tmp) / "site", args.pages)
        with serve_folder(site) as served:
            print(f"generated site: {args.pages} pages, seed 7, served at {served.url}")
            print(f"{'concurrency':>11} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'peak MiB':>9}")
            for n in args.concurrency:
                count, seconds, peak = measure(served.url, args.pages, n)
                print(f"{n:>11} {count:>6} {seconds:>8.1f} {count / seconds:>8.1f} {peak:>9.0f}")
            print(f"\nmemory as pages grow (concurrency {args.growth}):")
            print(f"{'pages':>6} {'seconds':>8} {'peak MiB':>9}")
            for size in sorted({max(1, args.pages // 4), max(1, args.pages // 2), args.pages}):
                count, seconds, peak = measure(served.url, size, args.growth)
                print(f"{count:>6} {seconds:>8.1f} {peak:>9.0f}")


if __name__ == "__main__":
    main()
