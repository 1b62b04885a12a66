"""The `cxcheck` command tree and its one door, `main(argv) -> int`.

Each command lives in a module of its own in this package (check.py, journey.py,
journey_capture.py, saved_reports.py, init.py, checks_list.py, doctor.py); options more than one
command takes are declared once in options.py; what a run needs around it (the config, the
secrets' mask, writing reports, the exit code) is in running.py, what it shows while it goes in
progress.py. `main` returns the exit code and is what tests call; only the console script
(cxcheck/console.py) exits. Every CxError is caught here, once, and shown as one line.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Sequence
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from typer.exceptions import Abort, Exit, TyperException

import cxcheck
from cxcheck.cli.check import check
from cxcheck.cli.checks_list import list_checks
from cxcheck.cli.doctor import doctor
from cxcheck.cli.help import TidyHelpGroup
from cxcheck.cli.init import init
from cxcheck.cli.journey import journey_cli
from cxcheck.cli.saved_reports import baseline_cli, merge, rerender
from cxcheck.cli.shared import collect
from cxcheck.errors import CxError, ExitCode
from cxcheck.interrupts import Terminated

cli = typer.Typer(
    name="cxcheck",
    cls=TidyHelpGroup,
    help="Is the site ready for customers? cxcheck crawls a staging site in a real Chromium, "
    "runs its checks on every page and answers ready / not ready.\n\n"
    "Exit codes: 0 ready, 1 not ready, 2 usage or config error, 3 site could not be checked.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


def _show_version(value: bool) -> None:
    if value:
        Console().print(f"cxcheck {cxcheck.__version__}", highlight=False)
        raise Exit(ExitCode.READY)


@cli.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Is the site ready for customers?"""


# In the order `cxcheck --help` lists them: the main command first.
cli.command()(check)
cli.command()(init)
cli.command("checks")(list_checks)
cli.command()(doctor)
cli.add_typer(journey_cli, name="journey")
cli.command("report")(rerender)
cli.command("merge")(merge)
cli.command("collect")(collect)
cli.add_typer(baseline_cli, name="baseline")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv`; return the exit code (never raises for user errors)."""
    # Ctrl-C is heard here, so that it is said once whichever layer stops on it (Typer turns
    # it into exit 130 without a word). A run takes it over meanwhile (interrupts.py) and
    # says itself what it wrote; the handler found here is put back when the command ends.
    sigint = signal.getsignal(signal.SIGINT) or signal.default_int_handler
    pressed: list[bool] = []

    def on_sigint(signum: int, frame: object) -> None:
        pressed.append(True)
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # not the main thread: Ctrl-C is not ours to hear
        signal.signal(signal.SIGINT, on_sigint)
    try:
        code = _main(argv)
        if pressed and code == ExitCode.INTERRUPTED:
            Console(stderr=True).print("interrupted")
        return code
    finally:
        with contextlib.suppress(ValueError):
            signal.signal(signal.SIGINT, sigint)


def _main(argv: Sequence[str] | None) -> int:
    err = Console(stderr=True)
    try:
        result = cli(
            args=list(argv) if argv is not None else None,
            prog_name="cxcheck",
            standalone_mode=False,
        )
    except CxError as error:
        err.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        return error.exit_code
    except Exit as done:
        return done.exit_code
    except TyperException as error:
        if error.format_message():  # empty when help was shown for a bare command
            message = escape(error.format_message())
            err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
        return ExitCode.USAGE
    except Exception as error:
        if not _is_browser_error(error):
            raise
        # the browser went away under us (crash, killed, OOM)
        first = str(error).strip().splitlines()[0] if str(error).strip() else "unknown error"
        err.print(f"[bold red]error:[/] the browser failed: {escape(first)}", soft_wrap=True)
        return ExitCode.SITE_UNCHECKABLE
    except Terminated:  # SIGTERM where there was no partial report to write
        err.print("terminated")
        return ExitCode.TERMINATED
    except (KeyboardInterrupt, Abort):  # main() says so
        return ExitCode.INTERRUPTED
    return int(result) if isinstance(result, int) else ExitCode.READY


def _is_browser_error(error: Exception) -> bool:
    """Whether `error` is Playwright's: asked of the module a command loaded, so that the
    commands that never start a browser (--help, init, journey check) never import it."""
    apis = (sys.modules.get(name) for name in ("playwright.async_api", "playwright.sync_api"))
    return any(isinstance(error, api.Error) for api in apis if api is not None)
