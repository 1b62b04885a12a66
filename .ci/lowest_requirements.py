"""Print `name==version` for each direct dependency at the lowest version pyproject.toml allows.

`make test` installs these (as pip constraints) in a second environment, .venv-min, and runs
the unit tests there: a lower bound in pyproject.toml is a version cxcheck is tested with,
not a guess, and the two cannot drift apart. Usage: python .ci/lowest_requirements.py
[pyproject.toml] > constraints.txt
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

# name, optional [extras], version specifiers, optional ; environment marker
_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([^;]*?)\s*(;.*)?")
_LOWER = re.compile(r"(>=|==|~=)\s*([^,\s]+)")


def lowest_pins(pyproject_text: str) -> list[str]:
    """`name==lowest` for every entry of [project] dependencies; a SystemExit naming the
    entry when one has no lower bound, or more than one."""
    pins = []
    for requirement in tomllib.loads(pyproject_text)["project"]["dependencies"]:
        match = _REQUIREMENT.fullmatch(requirement)
        bounds = _LOWER.findall(match.group(3)) if match else []
        if not match or len(bounds) != 1:
            raise SystemExit(
                f'pyproject.toml: dependency "{requirement}" needs exactly one lower bound '
                "(>=, ~= or ==) for the lowest-versions test environment"
            )
        pins.append(f"{match.group(1)}=={bounds[0][1]}")
    return pins


def main(argv: list[str]) -> int:
    path = Path(argv[1] if len(argv) > 1 else "pyproject.toml")
    print("\n".join(lowest_pins(path.read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
