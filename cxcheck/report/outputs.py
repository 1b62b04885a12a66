"""Every report format by name, and writing them: checked before a run, written whole
(a temporary file renamed into place) after it, the Markdown summary also appended to
GitHub's job summary when `GITHUB_STEP_SUMMARY` is set.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from cxcheck.errors import UsageError
from cxcheck.report import html, json_report, junit, markdown, sarif
from cxcheck.report.model import Report

# Format name -> renderer; `assets_dir` is where relative screenshot paths are found.
RENDERERS: dict[str, Callable[[Report, Path], str]] = {
    "json": lambda report, _: json_report.render(report),
    "html": html.render,
    "junit": lambda report, _: junit.render(report),
    "sarif": lambda report, _: sarif.render(report),
    "markdown": lambda report, _: markdown.render(report),
}
LABELS = {
    "json": "JSON",
    "html": "HTML",
    "junit": "JUnit",
    "sarif": "SARIF",
    "markdown": "Markdown",
}
STEP_SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"


def ensure_writable(targets: Mapping[str, str]) -> None:
    """Fail before the crawl, not after it, when a report cannot be written; make folders."""
    for path in targets.values():
        target = Path(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"cannot write {path}: {error.strerror or error}") from None
        if target.is_dir() or not os.access(target.parent, os.W_OK):
            raise UsageError(f"cannot write {path}: not a writable file path")


def write_outputs(report: Report, targets: Mapping[str, str], assets_dir: Path) -> list[str]:
    """Write each format to its path; returns lines saying what went where."""
    written = []
    for fmt, path in targets.items():
        _write_whole(Path(path), RENDERERS[fmt](report, assets_dir))
        written.append(f"{LABELS[fmt]} report: {path}")
    summary = os.environ.get(STEP_SUMMARY_VARIABLE, "")
    if summary:
        try:
            with open(summary, "a", encoding="utf-8") as out:
                out.write(markdown.render(report) + "\n")
            written.append("summary added to the GitHub job summary")
        except OSError as error:
            written.append(f"could not add to {STEP_SUMMARY_VARIABLE} ({error.strerror})")
    return written


def _write_whole(path: Path, text: str) -> None:
    """Readers never see half a report: write beside it, then rename over it."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
