"""How well the devices check tells real layout failures from look-alikes: recall and
precision per kind, on the fixture site tests/sites/devices (each page plants one failure, or
looks like one and must stay silent; expected.toml lists them), every page on every device.

    python bench/devices.py [--frameworks] [--shots DIR] [--verbose]

--frameworks also checks pages built with Bootstrap 5, Tailwind CSS 2 and Foundation 6
(bench/corpus/devices/, after the frameworks' own examples; the frameworks' CSS and scripts
are installed from npm into a temporary folder), and compares what is found with
bench/corpus/devices/judged.toml: the findings judged real by looking at side-by-side
screenshots, which --shots DIR writes for every finding (phone at 320 and 390 px, tablet,
desktop, the element outlined).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cxcheck import app, browser
from cxcheck.config import BrowserConfig, Config, CrawlConfig, SiteConfig
from cxcheck.crawl.device_pictures import side_by_side
from cxcheck.device_list import BUILT_IN
from cxcheck.findings import Finding
from cxcheck.plugins import load_checks
from cxcheck.serve import serve_folder

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "sites" / "devices"
FRAMEWORKS = Path(__file__).resolve().parent / "corpus" / "devices"
KINDS = {
    "wider-than-screen": "wider than the screen",
    "spills-out": "spilling out",
    "overlapping": "overlapping",
    "wrapped": "wrapped",
    "small-tap-target": "too small to use",
    "small-text": "too small to use",
    "viewport-missing": "too small to use",
    "zoom-disabled": "too small to use",
    "missing-on-device": "missing on one device",
    "content-on-one-device": "missing on one device",
    "heavy-image": "heavy on a phone",
}
TARGET_PRECISION = 0.95
PACKAGES = ("bootstrap@5", "tailwindcss@2", "foundation-sites@6")
VENDOR = {  # served path -> file in node_modules
    "bootstrap/bootstrap.min.css": "bootstrap/dist/css/bootstrap.min.css",
    "bootstrap/bootstrap.bundle.min.js": "bootstrap/dist/js/bootstrap.bundle.min.js",
    "tailwind/tailwind.min.css": "tailwindcss/dist/tailwind.min.css",
    "foundation/foundation.min.css": "foundation-sites/dist/css/foundation.min.css",
    "foundation/foundation.min.js": "foundation-sites/dist/js/foundation.min.js",
    "foundation/jquery.min.js": "jquery/dist/jquery.min.js",
    "foundation/what-input.min.js": "what-input/dist/what-input.min.js",
}
Found = tuple[str, str, str]  # page path, rule, selector


def crawl(folder: Path) -> list[Finding]:
    """Every finding of the devices check on the site in `folder`, every page on every device."""
    with serve_folder(folder) as served:
        config = Config(site=SiteConfig(url=served.url), crawl=CrawlConfig(max_pages=500))
        checks = load_checks("", ("devices",), (), {"devices": {"sample": "all"}})
        report = app.run(config, checks).report
    return [replace_url(group.finding, page) for group in report.findings for page in group.pages]


def replace_url(finding: Finding, url: str) -> Finding:
    """The finding on one of its pages, named by its path."""
    parts = urlsplit(url)
    return replace(finding, url=parts.path + (f"?{parts.query}" if parts.query else ""))


def fixtures(verbose: bool) -> None:
    """Recall and precision per kind on the fixture site."""
    expected = {
        (page["path"], rule)
        for page in tomllib.loads((FIXTURES / "expected.toml").read_text())["page"]
        for rule in page["rules"]
    }
    pages = len(tomllib.loads((FIXTURES / "expected.toml").read_text())["page"])
    start = time.perf_counter()
    findings = crawl(FIXTURES)
    seconds = time.perf_counter() - start
    found = {(f.url, f.rule) for f in findings}
    print(f"fixture site: {pages} pages, every page on every device, {seconds:.0f} s")
    print(f"{'kind':<24} {'planted':>7} {'found':>6} {'false':>6} {'recall':>7} {'precision':>9}")
    totals = [0, 0, 0]
    for kind in dict.fromkeys(KINDS.values()):
        rules = {r for r, k in KINDS.items() if k == kind}
        planted = {e for e in expected if e[1] in rules}
        reported = {f for f in found if f[1] in rules}
        hits, false = len(planted & reported), len(reported - planted)
        totals = [totals[0] + len(planted), totals[1] + hits, totals[2] + false]
        print(
            f"{kind:<24} {len(planted):>7} {hits:>6} {false:>6} {_ratio(hits, len(planted))} "
            f"{_ratio(hits, hits + false):>9}"
        )
    planted, hits, false = totals
    print(
        f"{'all':<24} {planted:>7} {hits:>6} {false:>6} {_ratio(hits, planted)} "
        f"{_ratio(hits, hits + false):>9}   (target precision {TARGET_PRECISION:.0%})"
    )
    for page, rule in sorted(expected - found):
        print(f"  missed: {page} {rule}")
    for page, rule in sorted(found - expected):
        print(f"  false alarm: {page} {rule}")
    if verbose:
        for f in sorted(findings, key=lambda f: (f.url, f.rule)):
            print(f"  {f.url} {f.rule}: {f.message}")


def frameworks(shots: Path | None) -> None:
    """The framework pages: what is found, against what was judged real on screenshots."""
    judged = {
        (j["page"], j["rule"], j["selector"])
        for j in tomllib.loads((FRAMEWORKS / "judged.toml").read_text())["finding"]
    }
    with tempfile.TemporaryDirectory() as tmp:
        site = build_framework_site(Path(tmp))
        start = time.perf_counter()
        findings = crawl(site)
        seconds = time.perf_counter() - start
        found: set[Found] = {(f.url, f.rule, f.selector) for f in findings}
        pages = len(list(FRAMEWORKS.glob("*.html")))
        print(
            f"\nframework pages: {pages} (Bootstrap 5, Tailwind 2, Foundation 6), {seconds:.0f} s"
        )
        for f in sorted(findings, key=lambda f: (f.url, f.rule)):
            mark = "real " if (f.url, f.rule, f.selector) in judged else "FALSE"
            print(f"  {mark} {f.url} {f.severity.value} {f.rule}: {f.message}")
        hits = len(found & judged)
        print(
            f"  judged real: {len(judged)}; found {len(found)}, of which real {hits}: recall "
            f"{_ratio(hits, len(judged)).strip()}, precision {_ratio(hits, len(found)).strip()}"
        )
        for page, rule, selector in sorted(judged - found):
            print(f"  missed: {page} {rule} {selector}")
        if shots is not None:
            asyncio.run(take_shots(site, findings, shots))
            print(f"  screenshots: {shots}")


def build_framework_site(tmp: Path) -> Path:
    """The framework pages with the frameworks' files from npm and the fixtures' pictures."""
    modules = tmp / "npm"
    subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(modules),
            "--no-audit",
            "--no-fund",
            "--silent",
            *PACKAGES,
        ],
        check=True,
    )
    site = tmp / "site"
    shutil.copytree(FRAMEWORKS, site, ignore=shutil.ignore_patterns("*.toml"))
    shutil.copytree(FIXTURES / "images", site / "images", ignore=shutil.ignore_patterns("*.py"))
    for served, source in VENDOR.items():
        (site / "vendor" / served).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(modules / "node_modules" / source, site / "vendor" / served)
    return site


async def take_shots(site: Path, findings: list[Finding], folder: Path) -> None:
    """A side-by-side picture of each finding's page, its element outlined."""
    from playwright.async_api import async_playwright

    folder.mkdir(parents=True, exist_ok=True)
    devices = [BUILT_IN["phone"].at(320), *BUILT_IN.values()]
    counts: dict[str, int] = defaultdict(int)
    with serve_folder(site) as served:
        async with async_playwright() as playwright:
            chromium, _ = await browser.launch(playwright, BrowserConfig())
            context = await chromium.new_context()
            for f in findings:
                name = f"{f.url.strip('/').replace('/', '_').removesuffix('.html')}-{f.rule}"
                counts[name] += 1
                png = await side_by_side(
                    context, served.url.rstrip("/") + f.url, devices, [f.selector]
                )
                (folder / f"{name}-{counts[name]}.png").write_bytes(png)
            await chromium.close()


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:>7.0%}" if whole else f"{'-':>7}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frameworks", action="store_true", help="also the framework pages")
    parser.add_argument("--shots", type=Path, help="write a screenshot per framework finding here")
    parser.add_argument("--verbose", action="store_true", help="print every finding")
    args = parser.parse_args()
    fixtures(args.verbose)
    if args.frameworks or args.shots:
        frameworks(args.shots)


if __name__ == "__main__":
    main()
