"""What the picture pass costs: the sample shop and a generated site with planted problems
(bench/sitegen.py --plant), each checked once with a JSON report (so pictures are taken),
with the pass's own figures read from the report and the stopwatch.

    python bench/pictures.py [--pages 1000] [--only page-health,dead-navigation,...]
                             [--max-pages 40] [--time-budget 60] [--skip-shop]

Prints, per site: pages crawled, the whole run's seconds, the picture pass's seconds and its
share of the run, pages re-opened, pictures taken and left out, seconds per re-opened page,
the pictures' bytes on disk and the HTML report's size with them embedded.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitegen import generate_planted

from cxcheck import app
from cxcheck.config import Config, CrawlConfig, PicturesConfig, ReportConfig, SiteConfig
from cxcheck.plugins import load_checks
from cxcheck.report import html
from cxcheck.serve import serve_folder

SHOP = Path(__file__).resolve().parent.parent / "sample_sites" / "shop"


def measure(
    name: str, folder: Path, out: Path, only: tuple[str, ...], pictures: PicturesConfig
) -> None:
    """Check the site served from `folder` once and print the picture pass's figures."""
    with serve_folder(folder) as served:
        config = Config(
            site=SiteConfig(url=served.url),
            crawl=CrawlConfig(max_pages=5000, ignore_https_errors=served.self_signed),
            report=ReportConfig(json=str(out / f"{name}.json")),
            pictures=pictures,
        )
        started = time.monotonic()
        outcome = app.run(config, load_checks("", only, (), {}))
        wall = time.monotonic() - started
    report, facts = outcome.report, outcome.report.picture_pass
    if facts is None:
        print(f"{name}: no picture pass ran ({len(report.findings)} findings)")
        return
    on_disk = sum(p.stat().st_size for p in Path(facts.folder).glob("*.jpg"))
    page = html.render(report, out)  # the pictures' paths are under `out`
    per_page = facts.seconds / facts.pages if facts.pages else 0.0
    print(
        f"{name:<10} {len(report.pages):>6} {wall:>8.1f} {facts.seconds:>8.1f} "
        f"{facts.seconds / wall:>6.0%} {facts.pages:>6} {facts.taken:>6} {facts.left_out:>5} "
        f"{per_page:>7.2f} {on_disk / 1e6:>7.2f} {len(page.encode()) / 1e6:>7.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--only", default="", help="comma list of checks (default: all)")
    parser.add_argument("--max-pages", type=int, default=PicturesConfig.max_pages)
    parser.add_argument("--time-budget", type=float, default=PicturesConfig.time_budget_s)
    parser.add_argument("--skip-shop", action="store_true")
    args = parser.parse_args()
    only = tuple(c for c in args.only.split(",") if c)
    pictures = PicturesConfig(max_pages=args.max_pages, time_budget_s=args.time_budget)
    print(
        f"bounds: {pictures.time_budget_s:g} s, {pictures.max_pages} pages; "
        f"checks: {', '.join(only) or 'all built-in'}"
    )
    print(
        f"{'site':<10} {'pages':>6} {'run s':>8} {'pass s':>8} {'share':>6} {'opened':>6} "
        f"{'taken':>6} {'left':>5} {'s/page':>7} {'MB jpg':>7} {'MB html':>7}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        if not args.skip_shop:
            measure("shop", SHOP, out, only, pictures)
        site = out / "site"
        planted = generate_planted(site, args.pages)
        measure(f"gen-{args.pages}", site, out, only, pictures)
        print(f"(gen-{args.pages}: {len(planted)} planted problems)")


if __name__ == "__main__":
    main()
