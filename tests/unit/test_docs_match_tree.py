"""docs/architecture.md and docs/json-report.md match the code, and the code's own pointers
point somewhere: every module is named in the architecture page, every path that page names
exists, every field the JSON report writes is documented, every file a docstring names exists,
and no module is over 400 lines."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARCHITECTURE = ROOT / "docs" / "architecture.md"
JOURNEYS_CODE = ROOT / "docs" / "journeys-code.md"
JSON_DOC = ROOT / "docs" / "json-report.md"
PACKAGES = (ROOT / "cxcheck", ROOT / "checks")
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(p for package in PACKAGES for p in package.rglob("*.py"))


def _documented_names(text: str) -> set[str]:
    """Module names as the page writes them: `cxcheck/crawl/tab.py`, or `tab.py`, `axe.py`
    in a table row that names their folder (`checks/navigation/`) or a full path in it."""
    names = set(re.findall(r"`((?:cxcheck|checks)/[\w/]+\.(?:py|js))`", text))
    rows = [line.split("|")[1:-1] for line in text.splitlines() if line.startswith("|")]
    for row in (" ".join(cells) for cells in rows):
        folders = re.findall(r"`((?:cxcheck|checks)/[\w/]+/)`", row)
        full = re.findall(r"`((?:cxcheck|checks)/[\w/]+/)[\w]+\.(?:py|js)`", row)
        folder = (folders or full or [""])[0]
        for short in re.findall(r"`([\w]+\.(?:py|js))`", row):
            names.add(folder + short)
    return names


def test_every_module_is_named_in_the_architecture_page() -> None:
    named = _documented_names(ARCHITECTURE.read_text(encoding="utf-8"))
    journeys = JOURNEYS_CODE.read_text(encoding="utf-8")
    missing = []
    for path in _modules():
        relative = path.relative_to(ROOT).as_posix()
        if path.name == "__init__.py" and relative not in ("cxcheck/__init__.py",):
            continue  # a package is named by its modules
        if relative.startswith("cxcheck/journeys/"):
            if path.name not in journeys and relative not in named:
                missing.append(relative)
            continue
        if relative not in named:
            missing.append(relative)
    assert missing == [], "add these to docs/architecture.md"


def test_every_path_the_architecture_page_names_exists() -> None:
    named = _documented_names(ARCHITECTURE.read_text(encoding="utf-8"))
    assert named, "the page names modules"
    assert sorted(n for n in named if not (ROOT / n).is_file()) == []


def _json_keys() -> set[str]:
    """Every field name json_report.py writes: the string keys of its dict literals."""
    tree = ast.parse((ROOT / "cxcheck" / "report" / "json_report.py").read_text("utf-8"))
    return {
        key.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict)
        for key in node.keys
        if isinstance(key, ast.Constant) and isinstance(key.value, str)
    }


def test_every_json_field_is_documented() -> None:
    text = JSON_DOC.read_text(encoding="utf-8")
    keys = _json_keys()
    assert len(keys) > 50
    assert sorted(k for k in keys if f"`{k}`" not in text) == []


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_module_is_over_the_limit(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def _named_files(text: str) -> list[str]:
    """The .py, .md and .js files a module's text names: not URLs, not globs, and not an
    example's output (`--markdown summary.md`)."""
    found = re.finditer(r"(?<![\w./*-])((?:[\w-]+/)*[\w-]+\.(?:py|js|md))\b", text)
    return [m.group(1) for m in found if not re.search(r"--[\w-]+ $", text[: m.start()])]


def _exists(name: str, places: list[Path]) -> bool:
    """A path found from one of `places`; a bare file name anywhere in the packages."""
    if any((place / name).is_file() for place in places):
        return True
    return "/" not in name and any(any(p.rglob(name)) for p in (*PACKAGES, ROOT / "docs"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_file_a_module_names_exists(path: Path) -> None:
    """A docstring that says "see DESIGN.md" sends a newcomer nowhere."""
    places = [path.parent, ROOT, ROOT / "docs", *path.parents]
    text = path.read_text(encoding="utf-8")
    missing = [name for name in _named_files(text) if not _exists(name, places)]
    assert missing == []
