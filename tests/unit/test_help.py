"""Every command's --help reads cleanly: no Python types or doubled dots as placeholders.

The commands are found by walking the command tree, so a new command or option is held to
the same standard without being listed here.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer.main

from cxcheck.cli import cli, main


def command_paths(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        found += command_paths(sub, (*path, name))
    return found


COMMANDS = command_paths(typer.main.get_command(cli))
# What Typer writes when nobody chose a placeholder: a Python type, or "..." twice.
JUNK = re.compile(r"<(bool|int|float|str|path|dir|file)>|<list\[|\.\.\.\}|\{[^}]*\.\.\.\}\.\.\.")
OPTION_ROW = re.compile(r"^\W*(--[a-z][\w-]*)(.*)$")


def help_of(path: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> str:
    assert main([*path, "--help"]) == 0
    return capsys.readouterr().out


def test_the_walk_finds_every_command() -> None:
    names = {" ".join(path) for path in COMMANDS}
    assert {"", "check", "journey new", "journey run", "merge", "baseline save"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "cxcheck")
def test_help_has_no_placeholder_junk(
    path: tuple[str, ...], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # one row per option, so a row can be read whole
    text = help_of(path, capsys)
    assert "Usage: cxcheck" in text
    panel = ""
    for line in text.splitlines():
        if title := re.search(r"─ (\w+) ─", line):
            panel = title.group(1)
        if panel == "Arguments":  # Typer before 0.29 puts <str> beside every argument
            line = line.replace("<str>", "")
        assert not JUNK.search(line), f"cxcheck {' '.join(path)} --help: {line.strip()}"
        row = OPTION_ROW.match(line.lstrip("│ "))
        if row:  # an option's placeholder is a word it was given (N, PATH...) or nothing
            assert "<" not in row.group(2), f"{row.group(1)} has no metavar: {line.strip()}"


def test_help_shows_flags_without_a_placeholder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    text = help_of(("check",), capsys)
    rows = {
        row.group(1): row.group(2).split()
        for line in text.splitlines()
        if (row := OPTION_ROW.match(line.lstrip("│ ")))
    }
    assert rows["--max-pages"][0] == "N"
    assert rows["--include"][0] == "GLOB"
    assert rows["--timings"][0] == "Also"  # the help text follows the flag directly
    assert rows["--help"][:2] == ["Show", "this"]


def test_journey_new_help_names_its_argument(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    text = help_of(("journey", "new"), capsys)
    assert re.search(r"Usage: cxcheck journey new \[OPTIONS\] \W?NAME\W?\s", text)
    assert "journeys/NAME.journey" in text  # not swallowed as an HTML tag by Markdown
    assert re.search(r"\*\s+NAME\s.*The journey's name", text)
