"""The `cxcheck` console script: signals honoured from the first instant to the last.

Importing the command line (Playwright, Typer, Rich) takes a second or more on a busy CI
runner; a SIGTERM in that time would otherwise end the process without a word or exit 143,
and a Ctrl-C would print a traceback from inside the import. Once it is loaded, SIGTERM
stops a command as Ctrl-C does but exits 143: during a run, app.run_async cancels the crawl
and the partial report is written; before or after one, the command stops where it is.
"""

from __future__ import annotations

import os
import signal
import sys

from cxcheck.errors import ExitCode


def run() -> None:
    """Stop on SIGTERM or Ctrl-C from here on, then load and run the command line."""
    signal.signal(signal.SIGTERM, _stop_before_start)
    signal.signal(signal.SIGINT, _stop_before_start)
    from cxcheck.app import Terminated
    from cxcheck.cli import main  # the heavy import, once the handlers are in place

    def terminate(signum: int, frame: object) -> None:
        raise Terminated

    signal.signal(signal.SIGTERM, terminate)
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        code = main()
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # exiting now: nothing left to stop
    except KeyboardInterrupt:  # between the command's end and here: still one line, 130
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        os.write(2, b"interrupted\n")
        code = ExitCode.INTERRUPTED
    sys.exit(code)


def _stop_before_start(signum: int, frame: object) -> None:
    # Not an exception: raised inside an import it can land in importlib's own callbacks,
    # which swallow it, and the command would go on (or print a traceback from deep inside
    # the import). Nothing is started yet to clean up.
    if signum == signal.SIGINT:
        os.write(2, b"interrupted\n")
        os._exit(ExitCode.INTERRUPTED)
    os.write(2, b"terminated\n")
    os._exit(ExitCode.TERMINATED)
