"""Render a saved JSON report as HTML, print how tall it is on a desktop and a phone, and
(with --shots) save the screenshots the README shows.

    python docs/report_screenshots.py REPORT.json [--assets DIR] [--baseline] [--shots docs/]

`--baseline` renders the report as the next run would see it after `cxcheck baseline save`
on it: every finding accepted, none new. Heights are the page's full scroll height in a real
Chromium at 1280 and 390 CSS pixels wide, with every collapsed list left as it opens.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from cxcheck.browser import LAUNCH_ARGS, choose_browser
from cxcheck.config import BrowserConfig
from cxcheck.report import html, json_report
from cxcheck.report.model import Report
from cxcheck.report.triage import Baseline, problem_of, triage

WIDTHS = {"desktop": 1280, "phone": 390}
FIRST_SCREEN = {"desktop": 1000, "phone": 1400}  # how much of the top the screenshots show


def accepted(report: Report) -> Report:
    """The report as it reads when a baseline holds every finding it has."""
    problems = tuple(problem_of(g) for g in report.findings)
    return triage(report, baseline=Baseline("cxcheck-baseline.json", report.site, problems))


def measure(browser: Browser, page_file: Path, shots: Path | None, stem: str) -> dict[str, int]:
    """Full scroll height per viewport (and screenshots of the first screen when asked)."""
    heights = {}
    for name, width in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(page_file.as_uri())
        heights[name] = page.evaluate("document.documentElement.scrollHeight")
        if shots is not None:
            clip = {"x": 0, "y": 0, "width": width, "height": FIRST_SCREEN[name]}
            page.screenshot(path=shots / f"{stem}-{name}.png", clip=clip, full_page=True)
        context.close()
    return heights


def main(argv: list[str]) -> int:
    """Print the heights and the size of the HTML; 0 on success."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--assets", type=Path, help="folder the journey screenshots are in")
    parser.add_argument("--baseline", action="store_true", help="every finding accepted")
    parser.add_argument("--shots", type=Path, help="folder to save report-*.png in")
    parser.add_argument("--stem", default="report", help="screenshot name before -desktop.png")
    args = parser.parse_args(argv)
    report = json_report.load(args.report)
    if args.baseline:
        report = accepted(report)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_file = Path(folder) / "report.html"
        text = html.render(report, args.assets or args.report.parent)
        page_file.write_text(text, encoding="utf-8")
        location = choose_browser(BrowserConfig(), playwright.chromium.executable_path).location
        browser = playwright.chromium.launch(executable_path=location, args=list(LAUNCH_ARGS))
        heights = measure(browser, page_file, args.shots, args.stem)
        browser.close()
    size = len(text.encode("utf-8"))
    print(f"{args.report}{' (baselined)' if args.baseline else ''}: {size / 1024:,.0f} KB of HTML")
    for name, height in heights.items():
        print(f"  {name} ({WIDTHS[name]} px wide): {height:,} px tall")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
