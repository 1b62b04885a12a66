"""cxcheck's page figures next to Lighthouse's, on the same pages, in one run.

    python bench/lighthouse.py [--runs 3] [--profile desktop|mobile|both]

Installs Lighthouse 12 from npm into bench/out/node (once), serves the sample shop on
127.0.0.1 (plain http), and measures each page with both tools, `runs` times each,
one after the other (never side by side), on the same Chromium:

- desktop: cxcheck's desktop profile against Lighthouse's observed mode
  (`--preset=desktop --throttling-method=provided`), both at 1350 x 940;
- mobile: cxcheck's mobile profile against Lighthouse's DevTools throttling
  (`--throttling-method=devtools`, its default mobile screen and slow 4G).

Prints the medians of LCP, CLS and TBT side by side with their ratio (CLS: difference),
and whether each is within the targets: LCP and TBT within 20 %, CLS within 0.02.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.async_api import async_playwright

from cxcheck.browser import LAUNCH_ARGS, SYSTEM_BROWSERS
from cxcheck.captures import PageMetrics
from cxcheck.config import ProfileName
from cxcheck.crawl.performance import PERFORMANCE_INIT_JS, capture_performance, median_of
from cxcheck.crawl.profiles import PROFILES
from cxcheck.crawl.tab import Tab
from cxcheck.serve import serve_folder

ROOT = Path(__file__).resolve().parent.parent
NODE_DIR = ROOT / "bench" / "out" / "node"
LIGHTHOUSE = NODE_DIR / "node_modules" / ".bin" / "lighthouse"
PAGES = (
    "index.html",
    "shop/index.html",
    "products/socks.html",
    "products/jacket.html",
    "help/shipping.html",
    "about.html",
)
DESKTOP_SCREEN = {"width": 1350, "height": 940}  # Lighthouse's desktop preset
WAIT = {"quiet_ms": 1000, "max_wait_ms": 5000}


def install_lighthouse() -> None:
    """Lighthouse 12 (13 needs Node 22) into bench/out/node, once."""
    if LIGHTHOUSE.exists():
        return
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    print("installing Lighthouse 12 from npm into bench/out/node ...", flush=True)
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(NODE_DIR), "lighthouse@12"],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def chromium_path() -> str:
    found = next((shutil.which(name) for name in SYSTEM_BROWSERS if shutil.which(name)), None)
    if not found:
        sys.exit("no Chromium on the PATH: apt-get install -y chromium")
    return found


def lighthouse(url: str, profile: ProfileName, chrome: str) -> dict[str, float]:
    """One Lighthouse run: LCP, CLS and TBT as it reports them."""
    flags = " ".join(["--headless=new", *LAUNCH_ARGS])
    if profile is ProfileName.DESKTOP:
        mode = ["--preset=desktop", "--throttling-method=provided"]
    else:
        mode = ["--throttling-method=devtools"]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "lh.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                "--only-categories=performance",
                f"--chrome-flags={flags}",
                *mode,
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": chrome},
            timeout=180,
        )
        audits = json.loads(out.read_text())["audits"]
    return {
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
    }


async def cxcheck_runs(urls: list[str], profile: ProfileName, runs: int, chrome: str):
    """cxcheck's figures: the page loaded cold in a fresh tab, as its re-measure does."""
    chosen = PROFILES[profile]
    options = dict(chosen.context_options) or {"viewport": DESKTOP_SCREEN}
    results: dict[str, PageMetrics] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chrome, args=list(LAUNCH_ARGS))
        context = await browser.new_context(**options)
        await context.add_init_script(PERFORMANCE_INIT_JS)
        for url in urls:
            samples = []
            for _ in range(runs):
                tab = await Tab.open(context, lambda _: True, chosen, cold=True)
                await tab.page.goto(url, wait_until="load", timeout=60_000)
                samples.append(await capture_performance(tab.page, WAIT))
                await tab.close()
            results[url] = median_of(samples)
        await browser.close()
    return results


def ratio(ours: float, theirs: float) -> str:
    if theirs < 1 and ours < 1:
        return "both 0"
    return f"{ours / theirs:.2f}" if theirs else "-"


def within(ours: float, theirs: float, tolerance: float) -> bool:
    if theirs < 1 and ours < 1:
        return True
    return theirs > 0 and abs(ours / theirs - 1) <= tolerance


def report(profile: ProfileName, rows: list[tuple[str, PageMetrics, dict[str, float]]]) -> None:
    print(f"\n{profile.value} profile (medians)")
    head = (
        f"{'page':<22} {'LCP cx':>7} {'LCP LH':>7} {'ratio':>6}  {'CLS cx':>6} {'CLS LH':>6} "
        f"{'diff':>5}  {'TBT cx':>6} {'TBT LH':>6} {'ratio':>6}"
    )
    print(head)
    met = {"lcp": 0, "cls": 0, "tbt": 0}
    for page, ours, theirs in rows:
        lcp, tbt = ours.lcp_ms or 0.0, ours.tbt_ms
        diff = abs(ours.cls - theirs["cls"])
        met["lcp"] += within(lcp, theirs["lcp"], 0.2)
        met["tbt"] += within(tbt, theirs["tbt"], 0.2)
        met["cls"] += diff <= 0.02
        print(
            f"{page:<22} {lcp:>7.0f} {theirs['lcp']:>7.0f} {ratio(lcp, theirs['lcp']):>6}  "
            f"{ours.cls:>6.3f} {theirs['cls']:>6.3f} {diff:>5.3f}  "
            f"{tbt:>6.0f} {theirs['tbt']:>6.0f} {ratio(tbt, theirs['tbt']):>6}"
        )
    n = len(rows)
    print(
        f"targets: LCP within 20 % on {met['lcp']}/{n} pages, TBT within 20 % on "
        f"{met['tbt']}/{n}, CLS within 0.02 on {met['cls']}/{n}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", choices=("desktop", "mobile", "both"), default="both")
    args = parser.parse_args()
    install_lighthouse()
    chrome = chromium_path()
    profiles = [ProfileName.DESKTOP, ProfileName.MOBILE]
    if args.profile != "both":
        profiles = [ProfileName(args.profile)]
    with serve_folder(ROOT / "sample_sites" / "shop") as served:
        base = served.url.replace("https://", "http://")  # the server answers both
        urls = [base + page for page in PAGES]
        print(f"sample shop at {base}; {args.runs} runs per page and tool; Chromium {chrome}")
        for profile in profiles:
            ours = asyncio.run(cxcheck_runs(urls, profile, args.runs, chrome))
            rows = []
            for page, url in zip(PAGES, urls, strict=True):
                runs = [lighthouse(url, profile, chrome) for _ in range(args.runs)]
                theirs = {k: statistics.median(r[k] for r in runs) for k in ("lcp", "cls", "tbt")}
                rows.append((page, ours[url], theirs))
            report(profile, rows)


if __name__ == "__main__":
    main()
