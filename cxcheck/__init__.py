"""cxcheck: is the site ready for customers?"""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # Looked up when first asked for, not on import: the console script must be able to
    # take Ctrl-C and SIGTERM over in the first instant (console.py), and reading the
    # installed packages' metadata is what importing this package would otherwise cost.
    if name != "__version__":
        raise AttributeError(f"module 'cxcheck' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cxcheck")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+source"
