"""The one door for checks: loading, options, severities and crash containment."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxcheck.errors import ConfigError, PluginError, UsageError
from cxcheck.plugins import CheckContext, discover, load_checks, run_page_checks
from cxcheck.testing import snapshot_from_html

GOOD = """
from dataclasses import dataclass
from typing import ClassVar
from cxcheck.findings import Finding, Severity

@dataclass(frozen=True)
class Titles:
    name: ClassVar[str] = "titles"
    description: ClassVar[str] = "Pages have titles."
    needs: ClassVar[frozenset[str]] = frozenset()
    min_length: int = 1

    def check_page(self, page, ctx):
        if len(page.title) < self.min_length:
            yield Finding(self.name, "short-title", Severity.MAJOR, page.url, "Title too short")
"""

CRASHING = """
class Crashing:
    name = "crashing"
    description = "Always crashes."
    needs = frozenset()
    def check_page(self, page, ctx):
        raise RuntimeError("oops")
"""


@pytest.fixture
def checks_dir(tmp_path: Path) -> Path:
    (tmp_path / "titles.py").write_text(GOOD)
    (tmp_path / "crashing.py").write_text(CRASHING)
    return tmp_path


def test_builtin_and_local_checks_are_discovered_with_their_origin(checks_dir: Path) -> None:
    origins = {c.name: c.origin for c in discover(str(checks_dir))}
    assert origins["page-health"] == "built-in"
    assert origins["titles"] == f"local {checks_dir / 'titles.py'}"


def test_a_crashing_check_becomes_one_finding_and_the_others_still_run(checks_dir: Path) -> None:
    checks = load_checks(
        str(checks_dir), ("titles", "crashing"), (), {"titles": {"min_length": 50}}
    )
    page = snapshot_from_html("<title>Hi</title>")
    findings = run_page_checks(checks, page, CheckContext(page.url))
    assert sorted((f.check, f.rule) for f in findings) == [
        ("crashing", "check-error"),
        ("titles", "short-title"),
    ]
    crash = next(f for f in findings if f.rule == "check-error")
    assert "RuntimeError: oops" in crash.message


def test_severity_override(checks_dir: Path) -> None:
    options = {"titles": {"min_length": 50, "severity": {"short-title": "info"}}}
    checks = load_checks(str(checks_dir), ("titles",), (), options)
    page = snapshot_from_html("<title>Hi</title>")
    (only,) = run_page_checks(checks, page, CheckContext(page.url))
    assert only.severity.value == "info"


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"titles": {"min_lenght": 3}}, 'unknown option "min_lenght"; known: min_length'),
        ({"titles": {"min_length": "three"}}, "min_length: expected a whole number"),
        ({"titles": {"severity": {"short-title": "awful"}}}, '"awful" is not a severity'),
        ({"no-such": {}}, "[checks.no-such] names no check"),
    ],
)
def test_option_mistakes_are_config_errors(checks_dir: Path, options: dict, words: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_checks(str(checks_dir), (), (), options)
    assert words in str(error.value)


def test_unknown_name_in_only_suggests_the_closest(checks_dir: Path) -> None:
    with pytest.raises(UsageError, match='did you mean "titles"'):
        load_checks(str(checks_dir), ("tittles",), (), {})


def test_skip_removes_a_check(checks_dir: Path) -> None:
    names = {c.name for c in load_checks(str(checks_dir), (), ("crashing",), {})}
    assert "crashing" not in names and {"titles", "page-health"} <= names


def test_two_checks_with_one_name_fail_loudly(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(GOOD)
    (tmp_path / "b.py").write_text(GOOD.replace("class Titles", "class Titles2"))
    with pytest.raises(PluginError, match='two checks are named "titles"'):
        discover(str(tmp_path))


def test_a_file_that_does_not_import_is_named(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("import no_such_module_here\n")
    with pytest.raises(PluginError, match=r"broken\.py: failed to import"):
        discover(str(tmp_path))


def test_a_check_needing_unknown_capture_is_refused(tmp_path: Path) -> None:
    (tmp_path / "needy.py").write_text(GOOD.replace("frozenset()", 'frozenset({"telepathy"})'))
    with pytest.raises(PluginError, match="needs unknown capture"):
        discover(str(tmp_path))


def test_missing_checks_dir_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such folder"):
        discover(str(tmp_path / "nope"))
