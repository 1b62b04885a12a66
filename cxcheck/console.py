"""The `cxcheck` console script: signals honoured from the first instant to the last.

Importing the command line (Playwright, Typer, Rich) takes a second or more on a busy CI
runner; a SIGTERM in that time would otherwise end the process without a word or exit 143,
and a Ctrl-C would print a traceback from inside the import. How each signal is handled, at
each moment, is in cxcheck/interrupts.py.
"""

from __future__ import annotations

import os
import signal
import sys

from cxcheck.errors import ExitCode
from cxcheck.interrupts import stop_while_loading, terminate_from_now


def run() -> None:
    """Stop on SIGTERM or Ctrl-C from here on, then load and run the command line."""
    stop_while_loading()
    from cxcheck.cli import main  # the heavy import, once the handlers are in place

    terminate_from_now()
    try:
        code = main()
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # exiting now: nothing left to stop
    except KeyboardInterrupt:  # between the command's end and here: still one line, 130
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        os.write(2, b"interrupted\n")
        code = ExitCode.INTERRUPTED
    sys.exit(code)
