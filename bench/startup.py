"""How fast the command line answers when there is no site to check: the median wall time of
each command below over N runs (5 by default), each a fresh `cxcheck` process.

    python bench/startup.py [--runs 5]

`--help`, `check --help`, a usage error (an unknown flag) and `journey check` of a sample
journey file: none of them loads a browser, so what they cost is Python's start and the imports
the command needs. The target (issue 24) is `cxcheck --help` under 0.5 s on an idle 2-core
machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JOURNEY = ROOT / "sample_sites" / "shop" / "journeys" / "login.journey"
COMMANDS: dict[str, list[str]] = {
    "cxcheck --help": ["--help"],
    "cxcheck check --help": ["check", "--help"],
    "cxcheck check --bad-flag (usage error)": ["check", "--bad-flag"],
    f"cxcheck journey check {JOURNEY.relative_to(ROOT)}": ["journey", "check", str(JOURNEY)],
}


def cxcheck_command() -> list[str]:
    """The console script next to this Python (the venv's), else `python -m cxcheck`."""
    script = Path(sys.executable).parent / "cxcheck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cxcheck"]


def wall_time(argv: list[str]) -> tuple[float, int]:
    """(seconds, exit code) of one run, its output thrown away."""
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    base = cxcheck_command()
    width = max(len(label) for label in COMMANDS)
    print(f"{'command':<{width}} {'median s':>8} {'min s':>6} {'exit':>4}")
    for label, argv in COMMANDS.items():
        wall_time(base + argv)  # warm the file cache: the figure is the import, not the disk
        runs = [wall_time(base + argv) for _ in range(args.runs)]
        seconds = [s for s, _ in runs]
        median, fastest, code = statistics.median(seconds), min(seconds), runs[0][1]
        print(f"{label:<{width}} {median:>8.3f} {fastest:>6.3f} {code:>4}")


if __name__ == "__main__":
    main()
