"""--help that reads cleanly on every Typer cxcheck supports.

Typer prints a column of value placeholders in help. From 0.29 on it fills it with the
Python type of each parameter (`--quiet <bool>`, `PATH <list[str]>`, `--help <bool>`).
Options that take a value name it where they are declared (`metavar="N"`,
tests/unit/test_help.py fails on one that does not); what cannot be declared is done here,
once, on the command tree before it runs: a flag takes no value, so it shows none
(--help included), and an argument's name (NAME, PATH, JSON) already says what it is.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup


class TidyHelpGroup(TyperGroup):
    """The root command group: tidies the placeholders of every command under it, then runs."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        tidy_placeholders(self, None)
        return super().main(*args, **kwargs)


def tidy_placeholders(command: Any, parent: typer.Context | None) -> None:
    """Blank the placeholder of every flag and argument of `command` and its subcommands."""
    context = typer.Context(command, info_name=command.name, parent=parent)
    for param in command.get_params(context):  # with the --help option Click adds
        if param.param_type_name == "argument":
            _hide_type(param)
        elif getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""  # Typer shows a metavar, even an empty one, instead of the type
    for sub in getattr(command, "commands", {}).values():
        tidy_placeholders(sub, context)


def _hide_type(argument: Any) -> None:
    # Typer 0.29+ asks each argument for its type column through this method; before 0.29
    # the column held `<str>` only, which is left as it is.
    if hasattr(argument, "display_type_rich"):
        argument.display_type_rich = _no_type


def _no_type(ctx: Any) -> None:
    return None
