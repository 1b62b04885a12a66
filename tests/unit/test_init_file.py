"""`cxcheck init`'s file: every option, its default, and it round-trips."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pytest

from cxcheck.config import SECTIONS, Config, parse_config
from cxcheck.findings import Severity
from cxcheck.init_file import render_init_file
from cxcheck.options import build_options, option_fields
from cxcheck.plugins import CheckClass, discover, load_checks

OPTION_LINE = re.compile(r"^# (\w[\w-]* = .*|\[\[ignore\]\])$", re.M)


def uncomment(text: str) -> str:
    """What a user gets by removing the "# " in front of every option."""
    return OPTION_LINE.sub(r"\1", text)


@pytest.fixture(scope="module")
def text() -> str:
    return render_init_file(discover())


def test_file_as_written_parses_and_sets_nothing(text: str) -> None:
    config = parse_config(tomllib.loads(text), "cxcheck.toml", text)
    defaults = Config(source="cxcheck.toml")
    assert dataclasses.replace(config, checks=defaults.checks, ignore=()) == defaults
    assert dataclasses.replace(config.checks, options={}) == defaults.checks
    assert all(table == {} for table in config.checks.options.values())


def test_every_option_of_every_section_is_shown_with_its_help(text: str) -> None:
    for name, cls in SECTIONS.items():
        assert f"\n[{name}]\n" in text
        for f in option_fields(cls):
            if f.name != "options":
                assert f"\n# {f.name} = " in text, f"[{name}] {f.name}"
                assert f"# {f.metadata['help']}\n" in text, f"[{name}] {f.name}"


def test_every_check_has_a_section_with_its_description_and_options(text: str) -> None:
    for item in discover():
        assert f"\n[checks.{item.name}]\n" in text
        assert f"# {item.name}: {item.cls.description}" in text
        for f in option_fields(item.cls):
            assert f"\n# {f.name} = " in text, f"[checks.{item.name}] {f.name}"


def test_uncommenting_every_option_gives_the_default_config(text: str) -> None:
    uncommented = uncomment(text)
    assert uncommented != text
    config = parse_config(tomllib.loads(uncommented), "cxcheck.toml", uncommented)
    defaults = Config(source="cxcheck.toml")
    assert dataclasses.replace(config, checks=defaults.checks, ignore=()) == defaults
    assert dataclasses.replace(config.checks, options={}) == defaults.checks
    assert config.checks.options["page-health"] == {"ignore_console": []}


def test_uncommented_check_options_build_the_default_checks(text: str) -> None:
    uncommented = uncomment(text)
    config = parse_config(tomllib.loads(uncommented), "cxcheck.toml", uncommented)
    loaded = load_checks("", (), (), config.checks.options)
    assert loaded
    assert [rule.reason for rule in config.ignore] == ["Legacy pages are replaced in January"]
    for check in loaded:
        assert check.check == type(check.check)(), check.name
        assert check.severity_overrides == {}


@dataclass(frozen=True)
class EveryType:
    """A check whose options use every type a check may have."""

    name: ClassVar[str] = "every-type"
    description: ClassVar[str] = "Options of every type."
    needs: ClassVar[frozenset[str]] = frozenset()

    count: int = 3
    ratio: float = 0.5
    on: bool = True
    words: tuple[str, ...] = ("a", 'say "hi"')
    path: str = "C:\\reports\\"
    level: Severity = Severity.MINOR
    limits: dict[str, int] = field(default_factory=lambda: {"lcp_ms": 2500})

    def check_page(self, page: Any, ctx: Any) -> list[Any]:
        return []


def round_trip(cls: type) -> Any:
    text = render_init_file([CheckClass(cls.name, "local test", cls)])
    table = tomllib.loads(uncomment(text))["checks"][cls.name]
    return build_options(cls, table)


def test_a_check_with_options_of_every_type_round_trips() -> None:
    assert round_trip(EveryType) == EveryType()


@dataclass(frozen=True)
class OptionalLimit:
    """A check with an option that is off (None) unless set."""

    name: ClassVar[str] = "optional-limit"
    description: ClassVar[str] = "An option that defaults to None."
    needs: ClassVar[frozenset[str]] = frozenset()

    max_kb: int | None = field(default=None, metadata={"help": "Largest page (none: no limit)."})

    def check_page(self, page: Any, ctx: Any) -> list[Any]:
        return []


def test_an_option_defaulting_to_none_round_trips() -> None:
    assert round_trip(OptionalLimit) == OptionalLimit()
