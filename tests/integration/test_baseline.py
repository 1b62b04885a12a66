"""Baselines and ignores through the command line, on a real crawl: a team accepts today's
problems, CI then fails only on new ones, and every set-aside finding stays visible."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cxcheck.cli import main
from tests.conftest import TEST_SITES

ONLY = ["--only", "dead-navigation,page-health"]


@pytest.fixture
def site(workdir: Path) -> Path:
    """A copy of tests/sites/release that a test may change."""
    return Path(shutil.copytree(TEST_SITES / "release", workdir / "site"))


def run(site: Path, *flags: str) -> tuple[int, dict]:
    code = main(["check", "--serve", str(site), *ONLY, "--json", "report.json", *flags])
    return code, json.loads(Path("report.json").read_text())


def rules(findings: list[dict]) -> set[tuple[str, str]]:
    return {(f["rule"], f["target"].rsplit("/", 1)[-1]) for f in findings}


@pytest.mark.usefixtures("chromium")
def test_baseline_round_trip(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, first = run(site)
    assert code == 1
    # One problem, one finding: the 404 page behind the link is the link's problem.
    assert rules(first["findings"]) == {("broken-link", "old-notes.html")}

    assert main(["baseline", "save", "report.json"]) == 0
    saved = json.loads(Path("cxcheck-baseline.json").read_text())
    assert len(saved["problems"]) == 1

    code, second = run(site)  # ./cxcheck-baseline.json is found without a flag
    assert code == 0
    assert second["verdict"] == "ready"
    assert second["findings"] == []
    assert rules(second["known_findings"]) == rules(first["findings"])
    out = capsys.readouterr().out
    assert "READY  no new finding at or above major" in out
    assert "— 1 known problem accepted in the baseline, a blocker." in out

    notes = site / "notes.html"
    notes.write_text(notes.read_text().replace("</main>", '<a href="gone.html">Gone</a></main>'))
    code, third = run(site)
    assert code == 1
    assert rules(third["findings"]) == {("broken-link", "gone.html")}
    assert len(third["known_findings"]) == 1
    assert sorted(third["comparison"]["new"]) == sorted(f["fingerprint"] for f in third["findings"])

    index = site / "index.html"
    index.write_text(index.read_text().replace('<a href="old-notes.html">Old notes</a>', ""))
    code, fourth = run(site)
    assert code == 1  # gone.html still blocks
    fixed = {(p["rule"], p["check"]) for p in fourth["comparison"]["fixed"]}
    assert fixed == {("broken-link", "dead-navigation")}
    assert fourth["known_findings"] == []
    out = capsys.readouterr().out
    assert "1 new, 1 fixed, 0 still open" in out

    code, _ = run(site, "--no-baseline")
    assert code == 1


@pytest.mark.usefixtures("chromium")
def test_ignores_set_findings_aside_and_stale_ones_are_reported(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("cxcheck.toml").write_text(
        "[[ignore]]\n"
        'url = "/old-notes.html"\n'
        'reason = "the old notes move to the wiki next week"\n'
        "\n"
        "[[ignore]]\n"
        'check = "accessibility"\n'
        'selector = "#chat-widget"\n'
        'reason = "vendor widget"\n'
    )
    code, report = run(site)
    out = capsys.readouterr().out
    assert code == 0
    assert report["findings"] == []
    assert {f["reason"] for f in report["ignored_findings"]} == {
        "the old notes move to the wiki next week"
    }
    assert len(report["ignored_findings"]) == 1  # the broken link; its 404 page is the same problem
    (stale,) = report["stale_ignores"]
    assert stale.startswith("line 5: ")
    assert 'selector = "#chat-widget"' in stale
    assert "matched nothing" in out
    assert "1 ignored: the old notes move to the wiki next week" in out


@pytest.mark.usefixtures("chromium")
def test_a_baseline_from_another_site_is_a_usage_error(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("other.json").write_text(
        json.dumps({"kind": "cxcheck-baseline", "site": "https://shop.example/", "problems": []})
    )
    code = main(["check", "--serve", str(site), *ONLY, "--baseline", "other.json"])
    err = capsys.readouterr().err
    assert code == 2
    assert "saved for https://shop.example/" in err
    assert not Path("report.json").exists()
