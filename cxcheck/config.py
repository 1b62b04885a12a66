"""cxcheck.toml + command-line flags -> one validated, frozen Config (its sections are
cxcheck/config_sections.py, re-exported here: `cxcheck.config` is where callers find them).

Errors name the file, the line where it can be found, the key, and what was expected:
`cxcheck.toml:7: [crawl] max_pages: expected a whole number, got "ten"`.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cxcheck.config_sections import (
    CONFIG_FILE,
    SECTIONS,
    AuthConfig,
    BrowserConfig,
    ChecksConfig,
    Config,
    CrawlConfig,
    IgnoreRule,
    JourneysConfig,
    ProfileName,
    ReportConfig,
    SiteConfig,
    default_concurrency,
)
from cxcheck.errors import ConfigError, UsageError
from cxcheck.masking import Mask, raw_values
from cxcheck.options import OptionError, build_options, coerce


def find_config_file(explicit: str | None, cwd: Path) -> Path | None:
    """The config to read: the one named, else cxcheck.toml in `cwd` if there is one."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"config file {explicit} not found")
        return path
    default = cwd / CONFIG_FILE
    return default if default.is_file() else None


def load_config(path: Path | None) -> Config:
    """Read and validate a config file; no file gives the defaults."""
    if path is None:
        return Config()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read ({error})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}") from None
    return parse_config(data, str(path), text)


def parse_config(data: Mapping[str, Any], source: str, text: str = "") -> Config:
    """A Config from parsed TOML; `text` lets errors point at a line."""
    sections: dict[str, Any] = {}
    for name, table in data.items():
        if name == "ignore":
            sections["ignore"] = _ignore_rules(table, source, text)
            continue
        if name not in SECTIONS:
            known = ", ".join([*(f"[{s}]" for s in SECTIONS), "[[ignore]]"])
            raise ConfigError(
                f"{_where(source, text, name, '')}unknown section [{name}]; known: {known}"
            )
        if not isinstance(table, Mapping):
            raise ConfigError(f"{_where(source, text, '', name)}{name} must be a [{name}] table")
        sections[name] = _build_section(name, table, source, text)
    return Config(source=source, **sections)


def _ignore_rules(entries: Any, source: str, text: str) -> tuple[IgnoreRule, ...]:
    """`[[ignore]]` entries, each knowing its line so the report can point at it."""
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        raise ConfigError(
            f"{_where(source, text, 'ignore', '')}ignore must be [[ignore]] tables "
            "(each with a reason and one of check, rule, url, selector, message)"
        )
    starts = [i + 1 for i, line in enumerate(text.splitlines()) if _IGNORE_HEADER.match(line)]
    rules = []
    for index, entry in enumerate(entries):
        line = starts[index] if index < len(starts) else 0
        where = f"{source}:{line}: " if line else f"{source}: "
        try:
            rule = build_options(IgnoreRule, entry)
        except OptionError as error:
            raise ConfigError(f"{where}[[ignore]] {error}") from None
        object.__setattr__(rule, "line", line)
        rules.append(rule)
    return tuple(rules)


_IGNORE_HEADER = re.compile(r"^\s*\[\[\s*ignore\s*\]\]")


def _build_section(name: str, table: Mapping[str, Any], source: str, text: str) -> Any:
    cls = SECTIONS[name]
    plain = dict(table)
    check_tables: dict[str, Mapping[str, Any]] = {}
    if cls is ChecksConfig:
        check_tables = {k: v for k, v in table.items() if isinstance(v, Mapping)}
        plain = {k: v for k, v in table.items() if k not in check_tables}
    try:
        section: Any = build_options(cls, plain)
    except OptionError as error:
        message = str(error)
        if cls is AuthConfig:  # the error quotes what it got: a password, a token
            message = Mask(tuple(raw_values(table)), min_length=1).text(message)
        raise ConfigError(f"{_where(source, text, name, error.key)}[{name}] {message}") from None
    if check_tables:
        section = dataclasses.replace(section, options=check_tables)
    return section


def _where(source: str, text: str, table: str, key: str) -> str:
    """`file:line: ` for the key in the table, as close as a text search can tell."""
    line = _line_of(text, table, key) if text else 0
    return f"{source}:{line}: " if line else f"{source}: "


def _line_of(text: str, table: str, key: str) -> int:
    lines = text.splitlines()
    start = 0
    if table:
        header = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]")
        start = next((i for i, line in enumerate(lines) if header.match(line)), -1)
        if start < 0:
            return 0
        if not key:
            return start + 1
    if key:
        pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=')
        for i in range(start, len(lines)):
            if pattern.match(lines[i]):
                return i + 1
    return 0


def with_overrides(config: Config, overrides: Mapping[str, Mapping[str, Any]]) -> Config:
    """Flags win over the file: {"crawl": {"max_pages": 10}} replaces just that value."""
    changes: dict[str, Any] = {}
    for section_name, values in overrides.items():
        section = getattr(config, section_name)
        hints = typing.get_type_hints(type(section))
        try:
            present = {k: coerce(v, hints[k], k) for k, v in values.items() if v is not None}
            if present:
                changes[section_name] = dataclasses.replace(section, **present)
        except (ValueError, TypeError) as error:
            raise UsageError(f"--{str(error).replace('_', '-')}") from None
    return dataclasses.replace(config, **changes)


def validate_site_url(url: str) -> str:
    """The start URL if it is an http(s) URL with a host; else a UsageError that says why."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as error:  # "http://[::1": an unclosed IPv6 bracket
        raise UsageError(f"invalid URL {url!r}: {error}") from None
    if parts.scheme in ("http", "https") and parts.hostname:
        try:
            parts.port  # noqa: B018 - raises on a port that is not a number
        except ValueError:
            raise UsageError(
                f"invalid URL {url!r}: the port is not a number from 1 to 65535"
            ) from None
        return url.strip()
    if re.match(r"^[\w.-]+:\d+(/|$)", url.strip()):  # host:port, which urlsplit calls a scheme
        raise UsageError(f"invalid URL {url!r}: add the scheme, e.g. http://{url.strip()}")
    if not parts.scheme and url and "." in url.split("/")[0]:
        raise UsageError(f"invalid URL {url!r}: add the scheme, e.g. https://{url}")
    if parts.scheme and parts.scheme not in ("http", "https"):
        raise UsageError(f"invalid URL {url!r}: only http:// and https:// sites can be checked")
    raise UsageError(f"invalid URL {url!r}: expected something like https://staging.example.com")


__all__ = [
    "CONFIG_FILE",
    "SECTIONS",
    "AuthConfig",
    "BrowserConfig",
    "ChecksConfig",
    "Config",
    "CrawlConfig",
    "IgnoreRule",
    "JourneysConfig",
    "ProfileName",
    "ReportConfig",
    "SiteConfig",
    "default_concurrency",
    "find_config_file",
    "load_config",
    "parse_config",
    "validate_site_url",
    "with_overrides",
]
