"""Does a site get the same findings at any concurrency? Prints the differences per site.

python bench/same_answer.py [--concurrency 1 4] [SITE ...]

Crawls each site (default: every test site and sample site) once per concurrency with every
check but slow-pages (whose findings follow the machine's load: bench/stability.py measures
those) and compares what a user and a baseline see of each finding: check, rule, page,
target, severity and fingerprint. A site whose findings differ is listed with what only one
run found. A benchmark, not a test: a difference is a lead to follow, as the crawl's order
(and the tabs' race) must never decide a finding.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cxcheck.serve import serve_folder  # noqa: E402
from tests.integration.crawling import path_of, run_engine  # noqa: E402

Fact = tuple[str, str, str, str, str, str]
CHECKS = (
    "under-construction",
    "dead-navigation",
    "accessibility",
    "page-health",
    "devices",
    "data-safety",
)


def facts(url: str, concurrency: int, self_signed: bool) -> tuple[set[Fact], int]:
    """What one crawl found, and how many pages it listed."""
    report = run_engine(
        url, only=CHECKS, concurrency=concurrency, ignore_https_errors=self_signed
    ).report
    found = {
        (f.check, f.rule, path_of(page), path_of(f.target), f.severity.value, g.fingerprint)
        for g in report.findings
        for f in (g.finding,)
        for page in g.pages
    }
    return found, len(report.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, nargs=2, default=(1, 4))
    parser.add_argument("sites", type=Path, nargs="*")
    args = parser.parse_args()
    sites = args.sites or sorted(
        p.parent
        for p in [*ROOT.glob("tests/sites/*/index.html"), *ROOT.glob("sample_sites/*/index.html")]
    )
    differing = 0
    for site in sites:
        started = time.monotonic()
        with serve_folder(site) as served:
            (a, pages_a), (b, pages_b) = (
                facts(served.url, n, served.self_signed) for n in args.concurrency
            )
        same = a == b and pages_a == pages_b
        differing += not same
        print(
            f"{site.name:16} {len(a):4} / {len(b):4} findings, {pages_a} / {pages_b} pages: "
            f"{'same' if same else 'DIFFERENT'} ({time.monotonic() - started:.0f} s)",
            flush=True,
        )
        for fact in sorted(a - b):
            print(f"    only at {args.concurrency[0]}: {fact}")
        for fact in sorted(b - a):
            print(f"    only at {args.concurrency[1]}: {fact}")
    print(
        f"\n{len(sites) - differing} of {len(sites)} sites: the same findings at concurrency "
        f"{args.concurrency[0]} and {args.concurrency[1]}"
    )


if __name__ == "__main__":
    main()
