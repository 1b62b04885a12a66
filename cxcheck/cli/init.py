"""`cxcheck init`: a commented cxcheck.toml with every option and its default."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cxcheck.config_sections import CONFIG_FILE
from cxcheck.errors import ExitCode, UsageError


def init(
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    path: Annotated[
        str, typer.Option("--path", help="Where to write it.", metavar="PATH")
    ] = CONFIG_FILE,
) -> int:
    """Write a commented cxcheck.toml with every option and its default."""
    from cxcheck.init_file import render_init_file
    from cxcheck.plugins import discover

    target = Path(path)
    if target.exists() and not force:
        raise UsageError(f"{path} already exists; use --force to overwrite it")
    target.write_text(render_init_file(discover()), encoding="utf-8")
    Console().print(f"wrote {path}: uncomment an option to change it")
    return ExitCode.READY
