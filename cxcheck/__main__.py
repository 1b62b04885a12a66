"""`python -m cxcheck` runs the command line."""

from cxcheck.console import run

run()
