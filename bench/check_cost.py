"""What one check costs: the generated site crawled with page-health only and with
page-health plus the check, same concurrency, side by side in one run.

    python bench/check_cost.py [--check accessibility] [--pages 1000] [--concurrency 4]

Prints wall time, milliseconds per page and pages/second for each run, then the check's
share of the time per page (with --repeat N, of the medians of N alternating runs each).
accessibility: injecting axe's ~500 KB script into every frame plus one axe.run.
dead-navigation: the controls capture (one DevTools evaluate with getEventListeners) plus
checking the files no page loaded, once each. devices: one measuring script per page in the
crawl's window, plus one page per template loaded on every device after the crawl.

Then the check's own parts, from the same run's stopwatch (`--timings`): its captures and its
Python code, summed over the pages and divided by their number. On a shared machine the
wall-time difference is noisy; these sums are not (pages load side by side, so they add up
to more than the wall time, but each is what one page costs).

With --check under-construction it also prints what the page-level decision (the page's
own content, its notices and the rest: checks/construction/notices.py) costs per page,
timed in Python on the generated site's pages and on the construction corpus; --decision-only
prints just that, without a browser.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from construction import decision_cost, load_corpus
from crawl import measure
from sitegen import generate

from checks.under_construction import UnderConstruction
from cxcheck import app
from cxcheck.config import Config, CrawlConfig, SiteConfig
from cxcheck.plugins import load_checks
from cxcheck.serve import serve_folder
from cxcheck.testing import snapshot_from_html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", default="accessibility")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="crawl each way this many times, alternating, and compare the medians",
    )
    parser.add_argument(
        "--decision-only",
        action="store_true",
        help="under-construction's page-level decision only (no browser)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = generate(Path(tmp) / "site", args.pages)
        if args.check == "under-construction" or args.decision_only:
            print_decision_cost(site)
        if args.decision_only:
            return
        with serve_folder(site) as served:
            print(f"generated site: {args.pages} pages, concurrency {args.concurrency}")
            print(f"{'checks':<28} {'pages':>6} {'seconds':>8} {'ms/page':>8} {'pages/s':>8}")
            runs: dict[tuple[str, ...], list[float]] = {}
            for _ in range(args.repeat):  # alternating, so a busy spell hits both ways alike
                for only in (("page-health",), ("page-health", args.check)):
                    count, seconds, _ = measure(served.url, args.pages, args.concurrency, only)
                    runs.setdefault(only, []).append(seconds / count * 1000)
                    label = " + ".join(only)
                    figures = (
                        f"{count:>6} {seconds:>8.1f} {seconds / count * 1000:>8.1f} "
                        f"{count / seconds:>8.1f}"
                    )
                    print(f"{label:<28} {figures}")
            per_page = {only: statistics.median(times) for only, times in runs.items()}
            without, with_check = per_page.values()
            added = with_check - without
            share = f"{added / with_check:.0%} of a page's time, {added / without:+.0%} wall time"
            print(f"\n{args.check} adds {added:.1f} ms per page: {share}")
            print_parts(served.url, args.pages, args.concurrency, args.check)


def print_parts(url: str, pages: int, concurrency: int, check: str) -> None:
    """The check's captures and code per page, from one crawl's stopwatch."""
    config = Config(
        site=SiteConfig(url=url),
        crawl=CrawlConfig(max_pages=pages, concurrency=concurrency, max_depth=1000),
    )
    checks = load_checks("", ("page-health", check), (), {})
    needs = {need for loaded in checks for need in getattr(loaded.check, "needs", ())}
    outcome = app.run(config, checks)
    count = len(outcome.report.pages) or 1
    print(f"{check}'s own parts ({count} pages, summed over pages):")
    for phase in outcome.timings.phases():
        mine = phase.phase == f"check: {check}" or any(n in phase.phase for n in needs)
        scale = phase.phase in ("capture: DOM, text and links", "navigation (until load)")
        if mine or scale:
            each = f"{phase.seconds / count * 1000:.2f} ms per page"
            label = phase.phase + ("" if mine else " (the crawl's, for scale)")
            print(f"  {label:<58} {each} ({phase.runs} runs)")


def print_decision_cost(site: Path) -> None:
    """What under-construction's page-level decision costs per page, in Python."""
    check = UnderConstruction()
    generated = [
        snapshot_from_html(path.read_text(encoding="utf-8"), url=f"http://127.0.0.1/{path.name}")
        for path in sorted(site.rglob("*.html"))[:300]
    ]
    corpus = [page for _, page in load_corpus()]
    for label, pages in (("generated site", generated), ("construction corpus", corpus)):
        cost = decision_cost(check, pages)
        print(f"page-level decision ({label}, {len(pages)} pages): {cost:.2f} ms per page")
    print()


if __name__ == "__main__":
    main()
