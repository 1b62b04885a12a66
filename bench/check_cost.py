"""What one check costs: the generated site crawled with page-health only and with
page-health plus the check, same concurrency, side by side in one run.

    python bench/check_cost.py [--check accessibility] [--pages 1000] [--concurrency 4]

Prints wall time, milliseconds per page and pages/second for each run, then the check's
share of the time per page. accessibility: injecting axe's ~500 KB script into every frame
plus one axe.run. dead-navigation: the controls capture (one DevTools evaluate with
getEventListeners) plus checking the files no page loaded, once each.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawl import measure
from sitegen import generate

from cxcheck.serve import serve_folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", default="accessibility")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = generate(Path(tmp) / "site", args.pages)
        with serve_folder(site) as served:
            print(f"generated site: {args.pages} pages, concurrency {args.concurrency}")
            print(f"{'checks':<28} {'pages':>6} {'seconds':>8} {'ms/page':>8} {'pages/s':>8}")
            per_page = {}
            for only in (("page-health",), ("page-health", args.check)):
                count, seconds, _ = measure(served.url, args.pages, args.concurrency, only)
                per_page[only] = seconds / count * 1000
                label = " + ".join(only)
                figures = (
                    f"{count:>6} {seconds:>8.1f} {per_page[only]:>8.1f} {count / seconds:>8.1f}"
                )
                print(f"{label:<28} {figures}")
            without, with_check = per_page.values()
            added = with_check - without
            share = f"{added / with_check:.0%} of a page's time"
            print(f"\n{args.check} adds {added:.1f} ms per page: {share}")


if __name__ == "__main__":
    main()
