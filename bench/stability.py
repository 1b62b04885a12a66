"""Do the same pages get the same slow-pages findings every run? Prints the agreement.

python bench/stability.py [--runs 10] [--busy] [--site sample_sites/shop]

Crawls the site `--runs` times with the slow-pages check alone, one run after another, and
prints each run's findings (rule, page, severity), then how many runs agree with the most
common answer. `--busy` keeps every core busy with another process during the runs (the
judgement should then re-measure rather than misjudge). A benchmark, not a test: timing
noise is what it measures.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cxcheck.serve import serve_folder  # noqa: E402
from tests.integration.crawling import path_of, run_engine  # noqa: E402

Answer = frozenset[tuple[str, str, str]]


def _burn() -> None:
    while True:
        pass


def one_run(url: str, self_signed: bool) -> tuple[Answer, float]:
    """The slow-pages findings of one crawl, and how long it took."""
    started = time.monotonic()
    report = run_engine(url, only=("slow-pages",), ignore_https_errors=self_signed).report
    answer = frozenset(
        (g.finding.rule, path_of(page), g.finding.severity.value)
        for g in report.findings
        for page in g.pages
    )
    return answer, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--busy", action="store_true", help="keep every core busy meanwhile")
    parser.add_argument("--site", type=Path, default=ROOT / "sample_sites" / "shop")
    args = parser.parse_args()
    burners = []
    if args.busy:
        burners = [
            multiprocessing.Process(target=_burn, daemon=True) for _ in range(os.cpu_count() or 2)
        ]
        for burner in burners:
            burner.start()
    answers: list[Answer] = []
    try:
        with serve_folder(args.site) as served:
            for run in range(1, args.runs + 1):
                answer, seconds = one_run(served.url, served.self_signed)
                answers.append(answer)
                found = ", ".join(f"{rule} {page} ({sev})" for rule, page, sev in sorted(answer))
                print(
                    f"run {run:2}: {seconds:5.1f} s · {len(answer)} findings: {found}", flush=True
                )
    finally:
        for burner in burners:
            burner.kill()
    common, agreeing = Counter(answers).most_common(1)[0]
    load = "busy (every core burning)" if args.busy else "unloaded"
    print(f"\n{args.site.name}, {load} machine: {agreeing} of {len(answers)} runs agree")
    for run, answer in enumerate(answers, 1):
        if answer != common:
            print(f"  run {run} differs: +{sorted(answer - common)} -{sorted(common - answer)}")


if __name__ == "__main__":
    main()
