"""Typed options from TOML tables: one validator for config sections and check options alike.

A section or a check is a dataclass; its fields are its options, their types the contract,
`metadata["help"]` the sentence `cxcheck init` writes above each one.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")


class OptionError(ValueError):
    """An option table does not fit its dataclass; `key` names the culprit when there is one."""

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(message)
        self.key = key


def option_fields(cls: type) -> list[dataclasses.Field[Any]]:
    """The fields a user may set: public dataclass fields that take part in __init__."""
    if not dataclasses.is_dataclass(cls):
        return []
    return [f for f in dataclasses.fields(cls) if f.init and not f.name.startswith("_")]


def build_options(cls: type[T], table: Mapping[str, Any]) -> T:
    """`cls(**table)` after checking every key is known and every value has the field's type."""
    fields = {f.name: f for f in option_fields(cls)}
    hints = typing.get_type_hints(cls) if fields else {}
    values: dict[str, Any] = {}
    for key, raw in table.items():
        if key not in fields:
            known = ", ".join(sorted(fields)) or "none"
            raise OptionError(f'unknown option "{key}"; known: {known}', key)
        values[key] = coerce(raw, hints[key], key)
    try:
        return cls(**values)
    except (ValueError, TypeError) as error:
        raise OptionError(str(error), getattr(error, "key", "")) from None


def coerce(value: Any, hint: Any, key: str) -> Any:
    """`value` as the type `hint` names, or OptionError saying what was expected."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        return _coerce_union(value, typing.get_args(hint), key)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple):
            raise OptionError(f"{key}: expected a list, got {_shown(value)}", key)
        return tuple(coerce(v, item, key) for v in value)
    if origin in (dict, Mapping) or hint in (dict, Mapping):
        if not isinstance(value, Mapping):
            raise OptionError(f"{key}: expected a table, got {_shown(value)}", key)
        args = typing.get_args(hint) or (str, Any)
        return {str(k): coerce(v, args[1], f"{key}.{k}") for k, v in value.items()}
    return _coerce_scalar(value, hint, key)


def _coerce_union(value: Any, args: tuple[Any, ...], key: str) -> Any:
    if value is None and type(None) in args:
        return None
    errors = []
    for arg in args:
        if arg is type(None):
            continue
        try:
            return coerce(value, arg, key)
        except OptionError as error:
            errors.append(str(error))
    raise OptionError(errors[0] if errors else f"{key}: unexpected value", key)


_EXPECTED = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}


def _coerce_scalar(value: Any, hint: Any, key: str) -> Any:
    if hint is Any:
        return value
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if hint in (int, str) and isinstance(value, hint) and not isinstance(value, bool):
        return value
    if hint is bool and isinstance(value, bool):
        return value
    if isinstance(hint, type) and issubclass(hint, str) and isinstance(value, str):
        try:
            return hint(value)  # str-valued enums such as Severity
        except ValueError:
            message = f"{key}: {_shown(value)} is not one of: {_choices(hint)}"
            raise OptionError(message, key) from None
    expected = _EXPECTED.get(hint, getattr(hint, "__name__", str(hint)))
    raise OptionError(f"{key}: expected {expected}, got {_shown(value)}", key)


def _choices(enum_type: Any) -> str:
    return ", ".join(str(member.value) for member in enum_type)


def _shown(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)
