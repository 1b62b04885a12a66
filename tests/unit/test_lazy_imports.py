"""The commands that start no browser load none of its code: --help, usage errors, `init`
and `journey check` answer from the command line's own modules (bench/startup.py times
them). Each runs in a fresh interpreter, since this test process has loaded everything."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JOURNEY = ROOT / "sample_sites" / "shop" / "journeys" / "login.journey"
# Modules only a run needs: the browser, axe, the HTML parser, the crawl, the checks.
HEAVY = ("playwright", "axe_playwright_python", "bs4", "cxcheck.crawl", "cxcheck.app", "checks")


def loaded_after(argv: list[str], cwd: Path) -> tuple[int, list[str]]:
    """(exit code of `cxcheck argv`, the heavy modules loaded by then)."""
    probe = (
        "import sys\n"
        "from cxcheck.cli import main\n"
        f"code = main({argv!r})\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r} "
        f"or m.startswith({HEAVY!r}))\n"
        "print(code, ' '.join(heavy), file=sys.__stderr__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=cwd, check=True
    )
    code, _, heavy = done.stderr.strip().splitlines()[-1].partition(" ")
    return int(code), heavy.split()


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["--help"], 0),
        (["check", "--help"], 0),
        (["journey", "run", "--help"], 0),
        (["check", "--no-such-flag"], 2),
        (["--version"], 0),
        (["journey", "check", str(JOURNEY)], 0),
        (["journey", "steps"], 0),
    ],
)
def test_a_command_that_starts_no_browser_loads_none_of_it(
    argv: list[str], code: int, tmp_path: Path
) -> None:
    assert loaded_after(argv, tmp_path) == (code, [])


def test_init_loads_the_checks_for_their_options_but_no_browser(tmp_path: Path) -> None:
    code, heavy = loaded_after(["init"], tmp_path)
    assert code == 0 and (tmp_path / "cxcheck.toml").is_file()
    # (axe-playwright-python's package is read for the axe-core version it ships, a data file)
    assert not [m for m in heavy if m.startswith(("playwright", "cxcheck.crawl", "cxcheck.app"))]


def test_a_run_still_finds_its_modules(tmp_path: Path) -> None:
    # The other side: a command that runs imports what it deferred (a usage error after the
    # imports: no URL given), rather than failing on a name never imported.
    code, heavy = loaded_after(["check"], tmp_path)
    assert code == 2
    assert "cxcheck.app" in heavy and "playwright" in heavy
