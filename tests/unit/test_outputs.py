"""Reports are written onto a regular file or a new path only: never onto a device node, a
pipe, a folder, or a link to one of them (exit 2, one line, before any crawl)."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cxcheck.cli import main
from cxcheck.errors import UsageError
from cxcheck.masking import NO_MASK
from cxcheck.report import outputs
from cxcheck.report.model import Report

DEVICE = Path("/dev/null")  # refused before anything is written: it stays what it is


def _report() -> Report:
    return Report("http://127.0.0.1:8000/", datetime.now(UTC), 1.0, (), ())


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


@pytest.mark.skipif(not DEVICE.exists(), reason="needs /dev/null")
@pytest.mark.parametrize("flag", ["--json", "--html", "--junit", "--sarif", "--markdown"])
def test_a_device_is_refused_before_the_crawl(
    workdir: Path, capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    link = workdir / "report.json"
    link.symlink_to(DEVICE)
    for target in (DEVICE, link):
        assert main(["check", "http://127.0.0.1:9/", flag, str(target)]) == 2
        err = capsys.readouterr().err
        assert f"cannot write {target}: it is a device, not a regular file" in err
        assert len(err.strip().splitlines()) == 1
    assert stat.S_ISCHR(DEVICE.stat().st_mode)


@pytest.mark.parametrize(
    ("make", "words"),
    [(_fifo, "it is a pipe"), (lambda p: (p.mkdir(), p)[1], "it is a folder")],
    ids=["pipe", "folder"],
)
def test_a_pipe_or_a_folder_is_refused(tmp_path: Path, make: object, words: str) -> None:
    target = make(tmp_path / "out")  # type: ignore[operator]
    with pytest.raises(UsageError, match=words):
        outputs.ensure_writable({"json": str(target)})


def test_a_regular_file_or_a_new_path_is_fine(tmp_path: Path) -> None:
    (tmp_path / "old.json").write_text("{}")
    outputs.ensure_writable(
        {"json": str(tmp_path / "old.json"), "html": str(tmp_path / "n/r.html")}
    )
    written = outputs.write_outputs(
        _report(), {"json": str(tmp_path / "old.json")}, tmp_path, NO_MASK
    )
    assert written == [f"JSON report: {tmp_path / 'old.json'}"]
    assert (tmp_path / "old.json").read_text().startswith("{")


def test_a_path_that_became_a_pipe_during_the_run_is_not_replaced(tmp_path: Path) -> None:
    target = _fifo(tmp_path / "report.json")
    with pytest.raises(UsageError, match="it is a pipe"):
        outputs.write_outputs(_report(), {"json": str(target)}, tmp_path)
    assert stat.S_ISFIFO(target.stat().st_mode)


def test_a_step_summary_that_is_no_file_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Appending to a pipe nobody reads would hang the run forever.
    summary = _fifo(tmp_path / "summary")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    written = outputs.write_outputs(_report(), {}, tmp_path)
    assert written == [f"not added to GITHUB_STEP_SUMMARY: {summary} is a pipe"]


def test_every_report_format_has_its_flag() -> None:
    from cxcheck.cli.options import OUTPUT_FLAGS

    assert set(OUTPUT_FLAGS) == set(outputs.RENDERERS)
