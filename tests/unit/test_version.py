"""`cxcheck --version` says the version and exits 0, before and without any command."""

from __future__ import annotations

import pytest

from cxcheck import __version__
from cxcheck.cli import main


def test_version_is_one_line_and_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"cxcheck {__version__}\n"


def test_version_wins_over_a_command_after_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version", "check", "http://127.0.0.1:9/"]) == 0
    assert capsys.readouterr().out.startswith("cxcheck ")
