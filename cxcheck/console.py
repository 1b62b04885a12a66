"""The `cxcheck` console script's door: SIGTERM is honoured from the first instant.

Importing the command line (Playwright, Typer, Rich) takes a second or more on a busy CI
runner; a SIGTERM in that time would otherwise end the process without a word or exit 143.
"""

from __future__ import annotations

import os
import signal
import sys

from cxcheck.errors import ExitCode


def run() -> None:
    """Stop on SIGTERM from here on, then load and run the command line."""
    signal.signal(signal.SIGTERM, _stop_before_start)
    from cxcheck.cli import run_console  # the heavy import, once the handler is in place

    run_console()


def _stop_before_start(signum: int, frame: object) -> None:
    # Not an exception: raised inside an import it can land in importlib's own callbacks,
    # which swallow it, and the command would go on. Nothing is started yet to clean up.
    print("terminated", file=sys.stderr, flush=True)
    os._exit(ExitCode.TERMINATED)
