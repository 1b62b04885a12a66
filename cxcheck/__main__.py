"""`python -m cxcheck` runs the command line."""

from cxcheck.cli import run_console

run_console()
