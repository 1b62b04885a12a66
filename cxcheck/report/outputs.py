"""Every report format by name, and writing them: checked before a run, written whole
(a temporary file renamed into place) after it, the Markdown summary also appended to
GitHub's job summary when `GITHUB_STEP_SUMMARY` is set. Every text goes through the run's
secret mask on its way to the disk, and only onto a regular file or a new path.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path

from cxcheck.errors import UsageError
from cxcheck.masking import NO_MASK, Mask
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
        if (kind := _not_a_file(target)) or not os.access(target.parent, os.W_OK):
            what = f"it is {kind}, not a regular file" if kind else "not a writable file path"
            raise UsageError(f"cannot write {path}: {what}")


def _not_a_file(path: Path) -> str:
    """ "" for a regular file or a path that does not exist yet; else what is there, in
    words (a report written there would replace a device node, or feed a pipe)."""
    try:
        mode = path.stat().st_mode  # a symbolic link counts as what it points to
    except FileNotFoundError:
        return ""
    except OSError as error:
        return f"unreadable ({error.strerror})"
    if stat.S_ISREG(mode):
        return ""
    kinds = {
        stat.S_ISDIR: "a folder",
        stat.S_ISCHR: "a device",
        stat.S_ISBLK: "a device",
        stat.S_ISFIFO: "a pipe",
        stat.S_ISSOCK: "a socket",
    }
    return next((name for test, name in kinds.items() if test(mode)), "not a regular file")


def write_outputs(
    report: Report, targets: Mapping[str, str], assets_dir: Path, mask: Mask = NO_MASK
) -> list[str]:
    """Write each format to its path, masked; returns lines saying what went where."""
    written = []
    for fmt, path in targets.items():
        _write_whole(Path(path), mask.rendered(fmt, RENDERERS[fmt](report, assets_dir)))
        written.append(f"{LABELS[fmt]} report: {path}")
    summary = os.environ.get(STEP_SUMMARY_VARIABLE, "")
    if summary and (kind := _not_a_file(Path(summary))):
        written.append(f"not added to {STEP_SUMMARY_VARIABLE}: {summary} is {kind}")
    elif summary:
        try:
            with open(summary, "a", encoding="utf-8") as out:
                out.write(mask.rendered("markdown", markdown.render(report)) + "\n")
            written.append("summary added to the GitHub job summary")
        except OSError as error:
            written.append(f"could not add to {STEP_SUMMARY_VARIABLE} ({error.strerror})")
    return written


def _write_whole(path: Path, text: str) -> None:
    """Readers never see half a report: write beside it, then rename over it (never over
    something that is not a regular file: that changed since the run started)."""
    if kind := _not_a_file(path):
        raise UsageError(f"cannot write {path}: it is {kind}, not a regular file")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
