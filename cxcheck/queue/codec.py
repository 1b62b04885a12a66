"""What workers store in Redis and collect reads back: pickled cxcheck data.

Pickle carries the run's own dataclasses (page records, findings, site captures' results)
without a second schema to keep in step with them; every worker and the collector run the
same cxcheck version (the run refuses others). Reading is restricted: only cxcheck's own
types and a few plain builtins may be rebuilt, so a value planted in the Redis cannot make
the collector call arbitrary code.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

_OWN = ("cxcheck.", "checks.")
_PLAIN = {
    "builtins": {"set", "frozenset", "list", "dict", "tuple", "str", "bytes", "int", "float",
                 "bool", "complex", "bytearray", "range", "slice"},
    "datetime": {"datetime", "date", "time", "timedelta", "timezone"},
    "collections": {"Counter", "OrderedDict", "deque", "defaultdict"},
    "copyreg": {"_reconstructor"},
    "types": {"MappingProxyType"},
    "pathlib": {"Path", "PosixPath", "PurePosixPath"},
}  # fmt: skip


class UnsafeValue(pickle.UnpicklingError):
    """A stored value names a type that is not cxcheck's own."""


class _Restricted(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module.startswith(_OWN) or name in _PLAIN.get(module, ()):
            return super().find_class(module, name)
        raise UnsafeValue(f"a stored value names {module}.{name}, which cxcheck never stores")


def dumps(value: object) -> bytes:
    """`value` as bytes to store."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> Any:
    """A stored value back (UnsafeValue when it names a type cxcheck never stores)."""
    return _Restricted(io.BytesIO(data)).load()
