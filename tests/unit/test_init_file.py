"""`cxcheck init`'s file: every option, its default, and it round-trips."""

from __future__ import annotations

import dataclasses
import re
import tomllib

from cxcheck.config import SECTIONS, Config, parse_config
from cxcheck.init_file import render_init_file
from cxcheck.options import option_fields
from cxcheck.plugins import discover


def test_file_parses_as_written() -> None:
    assert tomllib.loads(render_init_file(discover()))


def test_every_option_is_shown() -> None:
    text = render_init_file(discover())
    for cls in SECTIONS.values():
        for f in option_fields(cls):
            if f.name != "options":
                assert f"# {f.name} = " in text, f.name


def test_uncommenting_every_option_gives_the_defaults() -> None:
    text = render_init_file(discover())
    uncommented = re.sub(r"^# (\w[\w-]* = .*)$", r"\1", text, flags=re.M)
    config = parse_config(tomllib.loads(uncommented), "cxcheck.toml", uncommented)
    defaults = Config(source="cxcheck.toml")
    for name in ("site", "crawl", "browser", "report"):
        assert getattr(config, name) == getattr(defaults, name)
    assert dataclasses.replace(config.checks, options={}) == defaults.checks
    assert config.checks.options["page-health"] == {"ignore_console": []}
