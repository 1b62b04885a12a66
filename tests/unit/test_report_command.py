"""`cxcheck report` and `cxcheck baseline save`: saved JSON reports re-rendered, no browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxcheck.cli import main
from tests.fixtures.reports import SHOP

FORMATS = {
    "--json": "again.json",
    "--html": "out/report.html",
    "--junit": "out/junit.xml",
    "--sarif": "out/cxcheck.sarif",
    "--markdown": "out/summary.md",
}


@pytest.fixture
def here(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return workdir


def flags(formats: dict[str, str]) -> list[str]:
    return [part for flag, path in formats.items() for part in (flag, path)]


def test_report_writes_every_format_from_a_saved_report(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["report", str(SHOP), *flags(FORMATS)])
    out = capsys.readouterr().out
    assert code == 1  # the shop is not ready, and the exit code says so as `check` would
    assert "NOT READY" in out
    for path in FORMATS.values():
        assert (here / path).stat().st_size > 1000, path
    assert (here / "again.json").read_text() == SHOP.read_text()
    assert "<title>" in (here / "out/report.html").read_text()
    assert "SARIF report: out/cxcheck.sarif" in out
    assert not list(here.glob("out/.*.tmp"))


def test_report_judges_again_at_another_threshold(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(SHOP.read_text())
    data["findings"] = [f for f in data["findings"] if f["severity"] != "blocker"]
    Path("majors.json").write_text(json.dumps(data))
    assert main(["report", "majors.json", "-q"]) == 1
    assert main(["report", "majors.json", "-q", "--fail-on", "blocker"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("ready: 0 blocking")
    assert main(["report", "majors.json", "--fail-on", "worst"]) == 2


def test_markdown_summary_goes_to_the_github_job_summary(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = here / "step-summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    main(["report", str(SHOP), "-q"])
    text = summary.read_text()
    assert text.startswith("earlier step\n")  # appended, never replaced
    assert "Not ready" in text
    assert "| Navigation |" in text


@pytest.mark.parametrize(
    ("content", "words"),
    [("{broken", "report.json:1: not a JSON report"), ('{"schema": 1}', "not a cxcheck JSON")],
)
def test_a_bad_report_file_is_one_line_and_exit_2(
    here: Path, capsys: pytest.CaptureFixture[str], content: str, words: str
) -> None:
    Path("report.json").write_text(content)
    assert main(["report", "report.json", "--html", "r.html"]) == 2
    err = capsys.readouterr().err
    assert words in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not Path("r.html").exists()


def test_an_unwritable_output_is_refused_before_anything_is_written(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("blocker").write_text("a file where a folder should be")
    code = main(["report", str(SHOP), "--json", "ok.json", "--html", "blocker/report.html"])
    assert code == 2
    assert "cannot write blocker/report.html" in capsys.readouterr().err
    assert not Path("ok.json").exists()


def test_baseline_save_keeps_every_open_finding(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["baseline", "save", str(SHOP)]) == 0
    data = json.loads(Path("cxcheck-baseline.json").read_text())
    shop = json.loads(SHOP.read_text())
    assert data["kind"] == "cxcheck-baseline"
    assert data["site"] == shop["site"]
    assert [p["fingerprint"] for p in data["problems"]] == [
        f["fingerprint"] for f in shop["findings"]
    ]
    assert all(p["message"] and p["page"] for p in data["problems"])
    assert f"{len(shop['findings'])} known findings" in capsys.readouterr().out
    assert main(["baseline", "save", str(SHOP), "-o", "ci/baseline.json"]) == 0
    assert Path("ci/baseline.json").is_file()


def test_baseline_save_of_a_missing_report_is_exit_2(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["baseline", "save", "nope.json"]) == 2
    assert "nope.json: cannot read" in capsys.readouterr().err
