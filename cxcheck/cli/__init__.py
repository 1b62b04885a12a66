"""The command line, a package by command; cxcheck/cli/main.py holds the tree and `main`."""

from cxcheck.cli.main import cli, main

__all__ = ["cli", "main"]
