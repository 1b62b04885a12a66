"""The commented cxcheck.toml that `cxcheck init` writes: every option with its default,
generated from the config dataclasses and the checks' option fields so it never drifts."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any

from cxcheck.config import SECTIONS
from cxcheck.options import option_fields
from cxcheck.plugins import CheckClass

_HEADER = """\
# cxcheck.toml: settings for `cxcheck check`. Every option is shown with its default,
# commented out; remove the "#" to change one. Command-line flags override this file.
"""

_IGNORE_EXAMPLE = """\
# Set findings aside: each [[ignore]] needs a reason (shown in the report) and one or more
# of check, rule, url, selector (globs) and message (words in it). One that matches
# nothing is reported as stale.
# [[ignore]]
# check = "accessibility"
# rule = "color-contrast"
# url = "/legacy/*"
# reason = "Legacy pages are replaced in January"
"""


def render_init_file(checks: Iterable[CheckClass]) -> str:
    """The whole file."""
    blocks = [_HEADER]
    for name, cls in SECTIONS.items():
        blocks.append(_section(f"[{name}]", cls.__doc__ or "", option_fields(cls)))
    for item in checks:
        doc = f"{item.name}: {item.cls.description}"
        fields = option_fields(item.cls)
        blocks.append(_section(f"[checks.{item.name}]", doc, fields, severity_hint=True))
    blocks.append(_IGNORE_EXAMPLE)
    return "\n".join(blocks)


def _section(
    header: str, doc: str, fields: list[dataclasses.Field[Any]], severity_hint: bool = False
) -> str:
    lines = [f"# {doc.strip().splitlines()[0]}" if doc.strip() else "", header]
    for f in fields:
        if f.name == "options":  # [checks.<name>] tables follow as their own sections
            continue
        lines.append(f"# {f.metadata.get('help', f.name)}")
        default = _default(f)
        if default is None:  # TOML has no null: say so instead of writing a value
            lines.append(f"# {f.name}: not set by default")
        else:
            lines.append(f"# {f.name} = {toml_value(default)}")
    if severity_hint:
        lines.append('# Change a rule\'s severity: severity = { rule-id = "minor" }')
    return "\n".join(line for line in lines if line) + "\n"


def _default(f: dataclasses.Field[Any]) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return ""


def toml_value(value: Any) -> str:
    """A Python default as TOML."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, Iterable):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(str(value))
