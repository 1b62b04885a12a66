"""Journeys through the command line on the sample shop, in real Chromium: the shop's
journeys pass or fail as planted, secrets never leak into any output, a journey runs on a
phone, and a sign-in journey lets the crawl reach pages behind a session."""

from __future__ import annotations

import json
import shlex
import tomllib
import zipfile
from pathlib import Path

import pytest

from cxcheck.cli import main
from tests.conftest import SAMPLE_SITES

SHOP = SAMPLE_SITES / "shop"
JOURNEYS = SHOP / "journeys"
# The shop's test account (sample_sites/shop/cxcheck-serve.toml); journeys read it from here.
PASSWORD = "wild-weather-2026"
OUTPUTS = {
    "--json": "out/report.json",
    "--html": "out/report.html",
    "--junit": "out/junit.xml",
    "--sarif": "out/cxcheck.sarif",
    "--markdown": "out/summary.md",
}


@pytest.fixture
def signed(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SHOP_PASSWORD", PASSWORD)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return workdir


def flags(outputs: dict[str, str]) -> list[str]:
    return [part for flag, path in outputs.items() for part in (flag, path)]


def journeys_of(path: str) -> dict[str, dict]:
    data = json.loads(Path(path).read_text())
    return {Path(j["file"]).name: j for j in data["journeys"]}


@pytest.mark.usefixtures("chromium")
def test_shop_journeys_pass_and_the_planted_one_fails_in_words(
    signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["journey", "run", str(JOURNEYS), "--serve", str(SHOP), "--json", "r.json"])
    out = capsys.readouterr().out
    assert code == 1
    results = journeys_of("r.json")
    expected = tomllib.loads((SHOP / "expected.toml").read_text())["journey"]
    assert {name: j["passed"] for name, j in results.items()} == {
        Path(e["file"]).name: e["passed"] for e in expected
    }
    (planted,) = [e for e in expected if not e["passed"]]
    broken = results[Path(planted["file"]).name]
    failed = [s for s in broken["steps"] if s["status"] == "failed"]
    assert len(failed) == 1
    (step,) = failed
    number = broken["steps"].index(step) + 1
    assert (number, step["line"], step["text"], step["kind"]) == (
        planted["step"],
        planted["line"],
        planted["text"],
        planted["kind"],
    )
    assert 'I could not find a button called "Checkout"' in step["error"]
    assert '"Check out now"' in step["error"]
    assert step["looked_for"] == {"role": "button", "name": "Checkout"}
    assert Path(step["screenshot"]).is_file()
    after = broken["steps"][broken["steps"].index(step) + 1 :]
    assert after and all(s["status"] == "skipped" for s in after)
    assert zipfile.is_zipfile(broken["trace"])  # for engineers: playwright show-trace
    assert f"playwrightshow-trace{broken['trace']}" in "".join(out.split())  # however it wraps
    assert results["guest-checkout.journey"]["trace"] == ""  # kept only when a run fails
    included = [s["file"] for s in results["account.journey"]["steps"]]
    assert "login.journey" in included[0]  # steps a Run brought in name their own file
    assert included[-1] == ""
    run_line = next(
        n
        for n, line in enumerate((JOURNEYS / "account.journey").read_text().splitlines(), 1)
        if line.startswith("Run ")
    )
    from_account = results["account.journey"]["steps"][0]["run_from"]
    assert from_account == [f"{JOURNEYS / 'account.journey'}:{run_line}"]  # and the Run line
    assert step["kind_label"] == "not found"
    assert 'line 11: Click the "Checkout" button' in out
    assert "Screenshot:" in out


@pytest.mark.usefixtures("chromium")
def test_secrets_never_appear_in_any_output(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "Sn0wy-Ridge-9931-secret"
    monkeypatch.setenv("SHOP_PASSWORD", secret)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(workdir / "step-summary.md"))
    code = main(
        [
            "journey",
            "run",
            str(JOURNEYS / "login.journey"),
            "--serve",
            str(SHOP),
            "--screenshots",
            "all",
            *flags(OUTPUTS),
        ]
    )
    captured = capsys.readouterr()
    assert code == 1  # a wrong password: the shop refuses it, so the journey fails
    step = next(
        s
        for s in journeys_of(OUTPUTS["--json"])["login.journey"]["steps"]
        if "Password" in s["text"]
    )
    assert step["text"] == 'Fill "Password" with "{secret:SHOP_PASSWORD}"'
    texts = {"stdout": captured.out, "stderr": captured.err}
    for path in [*workdir.rglob("*")]:
        if path.is_file() and path.suffix in (".json", ".html", ".xml", ".sarif", ".md", ".txt"):
            texts[str(path)] = path.read_text(errors="replace")
        elif path.suffix == ".zip":  # a trace, if one was kept
            with zipfile.ZipFile(path) as trace:
                for name in trace.namelist():
                    texts[f"{path}:{name}"] = trace.read(name).decode("utf-8", "replace")
    assert len(texts) >= 7
    leaks = [where for where, text in texts.items() if secret in text]
    assert leaks == []
    assert list(workdir.rglob("*.png")), "screenshots of every step were asked for"


@pytest.mark.usefixtures("chromium")
def test_a_journey_runs_on_a_phone(signed: Path) -> None:
    code = main(
        [
            "journey",
            "run",
            str(JOURNEYS / "search.journey"),
            "--serve",
            str(SHOP),
            "--device",
            "iPhone 13",
            "--json",
            "r.json",
            "--only",
            "page-health",
        ]
    )
    result = journeys_of("r.json")["search.journey"]
    assert code == 0, result
    assert result["passed"]
    assert result["device"] == "iPhone 13"


@pytest.mark.usefixtures("chromium")
def test_an_unknown_device_is_a_usage_error_with_a_suggestion(
    signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "journey",
            "run",
            str(JOURNEYS / "search.journey"),
            "--serve",
            str(SHOP),
            "--device",
            "iPhone 13 Pro Maxx",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "iPhone 13 Pro Max" in err
    assert "Traceback" not in err


@pytest.mark.usefixtures("chromium")
def test_sign_in_journey_lets_the_crawl_reach_pages_behind_the_session(signed: Path) -> None:
    base = ["check", "--serve", str(SHOP), "--only", "page-health", "--max-pages", "60"]
    assert main([*base, "--json", "anonymous.json"]) == 1
    Path("cxcheck.toml").write_text(f'[auth]\njourney = "{JOURNEYS / "login.journey"}"\n')
    assert main([*base, "--json", "signed-in.json"]) == 1  # the shop's planted problems remain

    def account_pages(report: str) -> dict[str, str]:
        pages = json.loads(Path(report).read_text())["pages"]
        return {
            p["final_url"].split("/", 3)[-1]: p["title"] for p in pages if "/account/" in p["url"]
        }

    anonymous, signed_in = account_pages("anonymous.json"), account_pages("signed-in.json")
    assert "account/index.html" not in anonymous
    assert any(title.startswith("Your orders") for title in signed_in.values()), signed_in
    assert len(signed_in) > len(anonymous)
    report = json.loads(Path("signed-in.json").read_text())
    assert [j["passed"] for j in report["journeys"]] == [True]


@pytest.mark.usefixtures("chromium")
def test_a_failing_sign_in_stops_before_the_crawl(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SHOP_PASSWORD", "not-the-password")
    Path("cxcheck.toml").write_text(f'[auth]\njourney = "{JOURNEYS / "login.journey"}"\n')
    code = main(["check", "--serve", str(SHOP), "--only", "page-health"])
    err = capsys.readouterr().err
    assert code == 3
    assert "could not sign in with" in err
    assert "not-the-password" not in err


@pytest.mark.usefixtures("chromium")
def test_check_with_journeys_checks_the_pages_they_reach(signed: Path) -> None:
    code = main(
        [
            "check",
            "--serve",
            str(SHOP),
            "--only",
            "accessibility",
            "--max-pages",
            "1",
            "--journeys",
            str(JOURNEYS / "guest-checkout.journey"),
            "--json",
            "r.json",
        ]
    )
    report = json.loads(Path("r.json").read_text())
    assert code == 1
    assert [j["passed"] for j in report["journeys"]] == [True]
    urls = {p["url"].split("/", 3)[-1] for p in report["pages"]}
    assert "order/confirmation.html" in urls  # only a journey gets there: it is behind a form
    reached = [f for f in report["findings"] if "Reached by the journey" in f["message"]]
    for finding in reached:
        assert "guest-checkout.journey:" in finding["message"]


def test_missing_secret_is_reported_before_any_browser_starts(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SHOP_PASSWORD", raising=False)
    code = main(
        ["journey", "run", str(JOURNEYS / "login.journey"), "--base-url", "http://127.0.0.1:9/"]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "login.journey:" in err
    assert "uses {secret:SHOP_PASSWORD}, but no environment variable SHOP_PASSWORD is set" in err


def test_journey_check_lists_every_problem_with_its_line(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("j").mkdir()
    Path("j/good.journey").write_text('Open "/"\nExpect to see "Welcome"\n')
    Path("j/bad.journey").write_text('Open "/"\nKlick "Checkout"\nFill "Email"\n')
    assert main(["journey", "check", "j"]) == 2
    err = capsys.readouterr().err
    assert (
        'bad.journey:2: I don\'t understand \'Klick "Checkout"\'. Did you mean: Click "Checkout"?'
        in err
    )
    assert "bad.journey:3:" in err
    assert "2 problems" in err
    Path("j/bad.journey").unlink()
    assert main(["journey", "check", "j"]) == 0
    assert "1 journey, 2 steps" in capsys.readouterr().out


def test_journey_new_writes_a_starter_that_checks_clean(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["journey", "new", "Guest checkout"]) == 0
    assert Path("journeys/guest-checkout.journey").is_file()
    assert main(["journey", "new", "Guest checkout"]) == 2  # never overwrites by surprise
    assert main(["journey", "check", "journeys"]) == 0


@pytest.mark.usefixtures("chromium")
def test_the_starters_own_command_runs_it_and_it_passes_on_the_shop(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SHOP_PASSWORD", raising=False)  # the starter needs no secret
    (workdir / "sample_sites").symlink_to(SAMPLE_SITES)  # as in a checkout of cxcheck
    assert main(["journey", "new", "First steps"]) == 0
    text = Path("journeys/first-steps.journey").read_text()
    commands = [line.strip("# ") for line in text.splitlines() if "cxcheck journey" in line]
    check, _, on_the_shop = (shlex.split(c) for c in commands)
    assert check == ["cxcheck", "journey", "check", "journeys/first-steps.journey"]
    assert main(check[1:]) == 0
    assert main([*on_the_shop[1:], "--only", "page-health", "--json", "r.json"]) == 0
    (result,) = json.loads(Path("r.json").read_text())["journeys"]
    assert result["passed"], [s["error"] for s in result["steps"] if s["error"]]
    assert result["steps"][-2]["text"] == 'Expect to see "Thank you for your order"'


def test_journey_check_needs_no_secrets_and_run_does(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SHOP_PASSWORD", raising=False)
    monkeypatch.setenv("SHOP_PASWORD", "not-shown")
    assert main(["journey", "check", str(JOURNEYS)]) == 0
    captured = capsys.readouterr()
    assert "5 journeys" in captured.out
    assert "login.journey:10 uses {secret:SHOP_PASSWORD}: set the environment variable " in (
        " ".join(captured.err.split())
    )
    assert "did you mean {secret:SHOP_PASWORD}?" in " ".join(captured.err.split())
    assert "not-shown" not in captured.err + captured.out
    run = ["journey", "run", str(JOURNEYS / "login.journey"), "--base-url", "http://127.0.0.1:9/"]
    assert main(run) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "login.journey:10 uses {secret:SHOP_PASSWORD}, but no environment variable" in err
    assert "SHOP_PASWORD is. Did you mean:" in err


def test_journey_check_writes_its_problems_and_notes_as_json(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SHOP_PASSWORD", raising=False)
    Path("bad.journey").write_text('Open "/"\nKlick "Checkout"\n')
    assert main(["journey", "check", "bad.journey", "--json", "out/check.json"]) == 2
    data = json.loads(Path("out/check.json").read_text())
    (problem,) = data["problems"]
    assert (problem["file"], problem["line"], problem["kind"], problem["kind_label"]) == (
        "bad.journey",
        2,
        "parse",
        "parse",
    )
    assert problem["suggestion"] == 'Click "Checkout"'
    assert main(["journey", "check", str(JOURNEYS), "--json", "out/check.json"]) == 0
    data = json.loads(Path("out/check.json").read_text())
    assert (data["journeys"], data["problems"]) == (5, [])
    assert [n["kind"] for n in data["notes"]] == ["missing_secret"]
    assert "login.journey:10 uses {secret:SHOP_PASSWORD}" in data["notes"][0]["message"]


def test_check_and_run_agree_on_viewports(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("phone.journey").write_text('Journey: On a phone\nViewport: galaxy\nOpen "/"\n')
    assert main(["journey", "check", "phone.journey"]) == 2
    checked = " ".join(capsys.readouterr().err.split())
    assert 'phone.journey:2: Viewport: Unknown device "galaxy"' in checked
    assert "Did you mean: Viewport: Galaxy" in checked
    assert main(["journey", "run", "phone.journey", "--base-url", "http://127.0.0.1:9/"]) == 2
    assert 'phone.journey:2: Viewport: Unknown device "galaxy"' in capsys.readouterr().err
    Path("phone.journey").write_text('Viewport: Galaxy S9+\nOpen "/"\n')
    assert main(["journey", "check", "phone.journey"]) == 0


@pytest.mark.usefixtures("chromium")
def test_journey_run_leads_with_the_journeys_and_they_decide_the_exit_code(
    signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = ["journey", "run", str(JOURNEYS / "guest-checkout.journey"), "--serve", str(SHOP)]
    run += ["--only", "accessibility", "--json", "r.json"]
    assert main(run) == 0  # the journey passed; the pages it reached have blockers
    out = " ".join(capsys.readouterr().out.split())
    report = json.loads(Path("r.json").read_text())
    assert report["verdict"] == "ready" and report["findings_decide"] is False
    blockers = [f for f in report["findings"] if f["severity"] == "blocker"]
    assert blockers, "the cart's unnamed button is on a page the journey reaches"
    assert out.index("Journeys: 1 of 1 passed") < out.index("✓ READY")
    assert out.index("✓ READY") < out.index("Found on the pages visited (listed only")
    assert out.index("Found on the pages visited") < out.index("button-name")

    assert main([*run, "--fail-on-page-checks"]) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert out.index("Journeys: 1 of 1 passed") < out.index("✗ NOT READY")
    assert out.index("✗ NOT READY") < out.index("Blocks launch")
    report = json.loads(Path("r.json").read_text())
    assert report["verdict"] == "not ready" and "findings_decide" not in report


def test_journey_steps_lists_every_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journey", "steps"]) == 0
    out = capsys.readouterr().out
    for words in (
        "Open",
        "Double-click",
        "Switch to the new tab",
        "Remember",
        "Expect the URL",
        "Run",
    ):
        assert words in out, words


@pytest.mark.usefixtures("signed")
def test_journey_run_without_a_site_says_what_to_give(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journey", "run", str(JOURNEYS / "search.journey")]) == 2
    assert "Give --base-url URL (or [site] url in cxcheck.toml) or --serve DIR" in (
        capsys.readouterr().err
    )


@pytest.mark.usefixtures("signed")
def test_a_var_flag_must_be_name_equals_value(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["journey", "run", str(JOURNEYS / "search.journey"), "--var", "email"])
    assert code == 2
    assert "--var 'email': expected name=value" in capsys.readouterr().err
