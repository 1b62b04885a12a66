"""The one door for checks: loading, options, severities and crash containment."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.page_health import PageHealth
from cxcheck.contract import CheckContext
from cxcheck.errors import ConfigError, PluginError, UsageError
from cxcheck.findings import Severity, group_findings
from cxcheck.plugins import discover, load_checks, run_page_checks
from cxcheck.testing import snapshot_from_html

TITLES = """
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
    description = "Finds one thing, then crashes."
    needs = frozenset()
    def check_page(self, page, ctx):
        from cxcheck.findings import Finding, Severity
        yield Finding(self.name, "half-done", Severity.MINOR, page.url, "before the crash")
        raise RuntimeError("oops")
"""


@pytest.fixture
def checks_dir(tmp_path: Path) -> Path:
    (tmp_path / "titles.py").write_text(TITLES)
    (tmp_path / "crashing.py").write_text(CRASHING)
    return tmp_path


def run(checks: list, html: str = "<title>Hi</title>", url: str = "http://127.0.0.1:8000/"):
    page = snapshot_from_html(html, url=url)
    return run_page_checks(checks, page, CheckContext(url))


def test_builtin_page_health_comes_through_the_entry_point() -> None:
    by_name = {c.name: c for c in discover()}
    assert by_name["page-health"].origin == "built-in"
    assert by_name["page-health"].cls is PageHealth


def test_local_checks_are_discovered_with_their_file_as_origin(checks_dir: Path) -> None:
    origins = {c.name: c.origin for c in discover(str(checks_dir))}
    assert origins["titles"] == f"local {checks_dir / 'titles.py'}"
    assert origins["crashing"] == f"local {checks_dir / 'crashing.py'}"
    assert origins["page-health"] == "built-in"


def test_discovered_checks_are_sorted_by_name(checks_dir: Path) -> None:
    names = [c.name for c in discover(str(checks_dir))]
    assert names == sorted(names)


def test_files_starting_with_underscore_and_imported_classes_are_not_checks(
    tmp_path: Path,
) -> None:
    (tmp_path / "_helpers.py").write_text(TITLES)
    (tmp_path / "reuse.py").write_text(
        "from checks.page_health import PageHealth\n\n"
        "class Strict(PageHealth):\n    name = 'strict-health'\n"
    )
    names = [c.name for c in discover(str(tmp_path))]
    assert "titles" not in names
    assert names.count("page-health") == 1
    assert "strict-health" in names


def test_a_local_file_that_defines_no_check_is_an_error_not_ignored(tmp_path: Path) -> None:
    (tmp_path / "notes.py").write_text(
        "class Almost:\n    description = 'no name, no check_page'\n"
    )
    with pytest.raises(PluginError, match="defines no check"):
        discover(str(tmp_path))


def test_a_crashing_check_becomes_one_finding_and_the_others_still_run(checks_dir: Path) -> None:
    checks = load_checks(
        str(checks_dir), ("titles", "crashing"), (), {"titles": {"min_length": 50}}
    )
    findings = run(checks)
    assert sorted((f.check, f.rule) for f in findings) == [
        ("crashing", "check-error"),
        ("titles", "short-title"),
    ]
    crash = next(f for f in findings if f.rule == "check-error")
    assert "RuntimeError: oops" in crash.message
    assert crash.url == "http://127.0.0.1:8000/"
    assert crash.severity is Severity.MAJOR


def test_a_check_crashing_on_many_pages_is_one_grouped_problem(checks_dir: Path) -> None:
    checks = load_checks(str(checks_dir), ("crashing",), (), {})
    findings = [f for i in range(3) for f in run(checks, url=f"http://127.0.0.1:8000/{i}")]
    (group,) = group_findings(findings)
    assert group.finding.rule == "check-error"
    assert len(group.pages) == 3


def test_options_table_sets_the_checks_fields(checks_dir: Path) -> None:
    (titles,) = load_checks(str(checks_dir), ("titles",), (), {"titles": {"min_length": 50}})
    assert titles.check.min_length == 50
    assert titles.description == "Pages have titles."
    assert run([titles], f"<title>{'x' * 50}</title>") == []


def test_severity_override(checks_dir: Path) -> None:
    options = {"titles": {"min_length": 50, "severity": {"short-title": "info"}}}
    checks = load_checks(str(checks_dir), ("titles",), (), options)
    assert checks[0].severity_overrides == {"short-title": Severity.INFO}
    (only,) = run(checks)
    assert only.severity is Severity.INFO


def test_severity_override_of_a_builtin_check() -> None:
    options = {"page-health": {"severity": {"http-error": "blocker"}}}
    checks = load_checks("", ("page-health",), (), options)
    page = snapshot_from_html("<p>gone</p>", status=404)
    (only,) = run_page_checks(checks, page, CheckContext(page.url))
    assert (only.rule, only.severity) == ("http-error", Severity.BLOCKER)


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (
            {"titles": {"min_lenght": 3}},
            '[checks.titles] unknown option "min_lenght"; known: min_length',
        ),
        ({"titles": {"min_length": "three"}}, "min_length: expected a whole number"),
        ({"titles": {"severity": {"short-title": "awful"}}}, '"awful" is not a severity'),
        ({"titles": {"severity": "minor"}}, 'severity: expected a table like { rule = "minor" }'),
        ({"no-such": {}}, "[checks.no-such] names no check; checks: "),
        (
            {"page-health": {"ignore_consol": []}},
            'unknown option "ignore_consol"; known: ignore_console',
        ),
    ],
)
def test_option_mistakes_are_config_errors(checks_dir: Path, options: dict, words: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_checks(str(checks_dir), (), (), options)
    assert words in str(error.value)


def test_option_errors_name_the_config_file(checks_dir: Path) -> None:
    with pytest.raises(ConfigError, match=r"^cxcheck\.toml: \[checks\.titles\] unknown option"):
        load_checks(str(checks_dir), (), (), {"titles": {"x": 1}}, source="cxcheck.toml")


def test_options_for_a_check_that_does_not_exist_list_the_checks(checks_dir: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load_checks(str(checks_dir), (), (), {"title": {"min_length": 2}})
    assert "titles" in str(error.value) and "page-health" in str(error.value)


def test_options_for_a_skipped_check_are_still_checked(checks_dir: Path) -> None:
    with pytest.raises(ConfigError, match="min_lenght"):
        load_checks(str(checks_dir), (), ("titles",), {"titles": {"min_lenght": 3}})


@pytest.mark.parametrize(("only", "skip"), [(("tittles",), ()), ((), ("page-helth",))])
def test_unknown_name_in_only_or_skip_suggests_the_closest(
    checks_dir: Path, only: tuple[str, ...], skip: tuple[str, ...]
) -> None:
    with pytest.raises(UsageError, match="did you mean"):
        load_checks(str(checks_dir), only, skip, {})


def test_unknown_name_in_only_names_the_closest_check(checks_dir: Path) -> None:
    with pytest.raises(UsageError, match='no check named "tittles"; did you mean "titles"'):
        load_checks(str(checks_dir), ("tittles",), (), {})


def test_unknown_name_with_nothing_close_lists_what_is_loaded(checks_dir: Path) -> None:
    with pytest.raises(UsageError, match=r"loaded: .*titles"):
        load_checks(str(checks_dir), ("zzzzzz",), (), {})


def test_only_and_skip_select_checks(checks_dir: Path) -> None:
    assert [c.name for c in load_checks(str(checks_dir), ("titles",), (), {})] == ["titles"]
    names = {c.name for c in load_checks(str(checks_dir), (), ("crashing",), {})}
    assert "crashing" not in names and {"titles", "page-health"} <= names


def test_two_checks_with_one_name_fail_loudly(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(TITLES)
    (tmp_path / "b.py").write_text(TITLES.replace("class Titles", "class Titles2"))
    with pytest.raises(PluginError, match='two checks are named "titles"'):
        discover(str(tmp_path))


def test_a_local_check_cannot_take_a_builtin_name(tmp_path: Path) -> None:
    (tmp_path / "mine.py").write_text(TITLES.replace('"titles"', '"page-health"'))
    with pytest.raises(
        PluginError, match=r'two checks are named "page-health": built-in and local'
    ):
        discover(str(tmp_path))


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("import no_such_module_here\n", "ModuleNotFoundError"),
        ("def broken(:\n", "SyntaxError"),
        ("raise RuntimeError('config missing')\n", "RuntimeError: config missing"),
    ],
)
def test_a_file_that_does_not_import_is_named(tmp_path: Path, source: str, words: str) -> None:
    (tmp_path / "broken.py").write_text(source)
    with pytest.raises(PluginError) as error:
        discover(str(tmp_path))
    assert f"{tmp_path / 'broken.py'}: failed to import" in str(error.value)
    assert words in str(error.value)


def test_a_check_without_a_description_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bare.py").write_text(
        "class Bare:\n    name = 'bare'\n    def check_page(self, page, ctx):\n        return []\n"
    )
    with pytest.raises(PluginError, match="is not a check: it lacks description"):
        discover(str(tmp_path))


def test_a_check_needing_unknown_capture_is_refused(tmp_path: Path) -> None:
    (tmp_path / "needy.py").write_text(TITLES.replace("frozenset()", 'frozenset({"telepathy"})'))
    with pytest.raises(PluginError, match=r"needs unknown capture \['telepathy'\]"):
        discover(str(tmp_path))


def test_missing_checks_dir_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such folder"):
        discover(str(tmp_path / "nope"))
