"""`cxcheck checks`: the checks cxcheck loads, where each comes from, what it does."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from cxcheck.errors import ExitCode


def list_checks(
    checks_dir: Annotated[
        str | None, typer.Option(help="Also list checks from this folder.", metavar="DIR")
    ] = None,
) -> int:
    """List the loaded checks: name, origin (built-in / package / local) and description."""
    from rich.table import Table

    from cxcheck.plugins import discover

    table = Table("check", "origin", "description", show_edge=False)
    for item in discover(checks_dir or ""):
        table.add_row(item.name, item.origin, item.cls.description)
    Console().print(table)
    return ExitCode.READY
