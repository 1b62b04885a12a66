"""The axe-core script cxcheck runs inside pages, and its version. axe-playwright-python ships
it as a data file (`axe.min.js`); it is read from there, so neither the check that reports
the version nor anything else has to import the package's Python API (or Playwright).
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

PACKAGE, SCRIPT_FILE = "axe_playwright_python", "axe.min.js"
_VERSION = re.compile(r"axe v([\d.]+)")


@cache
def axe_script() -> str:
    """axe-core's source, as shipped by axe-playwright-python (a clear error if it moved)."""
    try:
        return files(PACKAGE).joinpath(SCRIPT_FILE).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise RuntimeError(
            f"axe-core not found: {PACKAGE} no longer ships {SCRIPT_FILE} ({error}); "
            "pin axe-playwright-python to a version that does"
        ) from None


@cache
def axe_version() -> str:
    """axe-core's version from the script's banner ("4.12.1"), or "unknown"."""
    found = _VERSION.search(axe_script()[:200])
    return found.group(1) if found else "unknown"
