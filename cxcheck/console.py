"""The `cxcheck` console script's door: SIGTERM is honoured from the first instant.

Importing the command line (Playwright, Typer, Rich) takes a second or more on a busy CI
runner; a SIGTERM in that time would otherwise end the process without a word or exit 143.
"""

from __future__ import annotations

import signal
import sys

from cxcheck.errors import ExitCode


def run() -> None:
    """Stop on SIGTERM from here on, then load and run the command line."""
    signal.signal(signal.SIGTERM, _stop_before_start)
    from cxcheck.cli import run_console  # the heavy import, once the handler is in place

    run_console()


def _stop_before_start(signum: int, frame: object) -> None:
    print("terminated", file=sys.stderr)
    raise SystemExit(ExitCode.TERMINATED)
