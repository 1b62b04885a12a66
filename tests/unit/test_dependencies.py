"""pyproject.toml's dependencies: every package cxcheck imports is declared, and every
declared one has the lower bound the lowest-versions environment of `make test` installs."""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lowest", ROOT / ".ci/lowest_requirements.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


lowest = _script()


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    requirements = tomllib.loads(PYPROJECT)["project"]["dependencies"]
    return {_normal(re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0]) for r in requirements}


def imported_top_level_modules() -> set[str]:
    found = set()
    for package in ("cxcheck", "checks"):
        for file in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"cxcheck", "checks", "__future__"}


def test_every_imported_package_is_a_declared_dependency() -> None:
    distributions = packages_distributions()
    modules = imported_top_level_modules()
    assert {"typer", "playwright", "markupsafe"} <= modules  # the scan sees imports
    for module in sorted(modules):
        names = {_normal(d) for d in distributions.get(module, [module])}
        assert names & declared(), f"cxcheck imports {module} ({names}): declare it in pyproject"


def test_the_lowest_pins_name_every_dependency_at_its_lower_bound() -> None:
    pins = lowest.lowest_pins(PYPROJECT)
    assert {_normal(pin.split("==")[0]) for pin in pins} == declared()
    assert all(re.fullmatch(r"[\w.-]+==\d[\w.]*", pin) for pin in pins), pins


@pytest.mark.parametrize(
    ("requirement", "pin"),
    [
        ("typer>=0.27.2", "typer==0.27.2"),
        ("rich >= 13.8, <16", "rich==13.8"),
        ("Foo.Bar[extra]~=1.4; python_version < '3.13'", "Foo.Bar==1.4"),
    ],
)
def test_a_lower_bound_becomes_a_pin(requirement: str, pin: str) -> None:
    text = f'[project]\ndependencies = ["""{requirement}"""]\n'
    assert lowest.lowest_pins(text) == [pin]


@pytest.mark.parametrize("requirement", ["jinja2", "jinja2<4", "jinja2>=3,>=3.1"])
def test_a_dependency_without_one_lower_bound_is_refused_by_name(requirement: str) -> None:
    with pytest.raises(SystemExit, match=re.escape(f'"{requirement}" needs exactly one lower')):
        lowest.lowest_pins(f'[project]\ndependencies = ["{requirement}"]\n')
