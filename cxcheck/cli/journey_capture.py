"""`cxcheck journey record | import`: journeys made by doing the task once, in a browser
(`recorder.py`) or in Chrome's Recorder panel (`chrome_recording.py`), rather than written."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlsplit

import typer
from rich.console import Console

from cxcheck.config import BrowserConfig, find_config_file, load_config, validate_site_url
from cxcheck.errors import BrowserNotFound, ExitCode, SiteUnreachable, UsageError

if TYPE_CHECKING:  # the browser's modules load when a recording starts, not with --help
    from playwright.async_api import Error as PlaywrightError

    from cxcheck.journeys.language.model import Journey, ParseProblem
    from cxcheck.journeys.recording.recorded_steps import Recording

OutOption = Annotated[
    str | None,
    typer.Option(
        "--out",
        help="Where to write the journey (- for the terminal) "
        "[default: journeys/NAME.journey, NAME from its title].",
        metavar="FILE",
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]


def journey_import(
    recording: Annotated[
        str, typer.Argument(help="A Chrome DevTools Recorder export (JSON).", metavar="FILE")
    ],
    out: OutOption = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            help="The site the recording's addresses are relative to [default: where it "
            "first went].",
            metavar="URL",
        ),
    ] = None,
    force: ForceOption = False,
) -> int:
    """Turn a recording from Chrome's Recorder panel into a journey.

    In Chrome: DevTools (F12) > Recorder > record the task > Export > JSON. Each recorded
    step becomes a sentence naming what a person sees; a step a journey cannot express is
    kept as a comment that says why; typing into a password field becomes {secret:NAME}.

    * `cxcheck journey import checkout.json`
    * `cxcheck journey import checkout.json --out journeys/checkout.journey`
    """
    from cxcheck.journeys.recording.chrome_recording import NotARecording, import_recording
    from cxcheck.report.model import plural

    path = Path(recording)
    try:
        imported = import_recording(_read_json(path), base_url=base_url or "")
    except NotARecording as error:
        raise UsageError(f"{path}: not a Chrome DevTools Recorder export: {error}") from None
    title = re.search(r"^Journey: (.*)$", imported.text, re.M)
    target = out_path(out, title[1] if title else path.stem)
    _check_parses(imported.text, target)
    written = write_file(target, imported.text, force)
    if written is None:
        return ExitCode.READY
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    kept = f"; {imported.kept} kept as notes (# Recorded step ...)" if imported.kept else ""
    err.print(f"wrote {written}: {plural(imported.steps, 'step')} from {path.name}{kept}")
    for name in imported.secrets:
        err.print(f"It uses {{secret:{name}}}: set the environment variable {name} to run it.")
    site = f" --base-url {imported.origin}" if imported.origin else " --base-url URL"
    err.print(f"Run it: cxcheck journey run {written}{site}")
    return ExitCode.READY


def _read_json(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: there is no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot be read ({error})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(f"{path}:{error.lineno}: not JSON ({error.msg})") from None


def out_path(out: str | None, name: str) -> str:
    """Where a made journey goes: `out` as given ("-" is the terminal), else
    journeys/<name>.journey."""
    if out:
        return out
    slug = "-".join(re.findall(r"[a-z0-9]+", name.lower())) or "journey"
    return str(Path("journeys") / f"{slug[:60]}.journey")


def _check_parses(text: str, where: str) -> None:
    """A made journey must pass `journey check` (secrets need not be set for that)."""
    from cxcheck.journeys.language.parser import Checks, parse_text

    parse_text(text, where, environ={}, checks=Checks(secrets=False), base_dir=Path())


def write_file(target: str, text: str, force: bool) -> Path | None:
    """Write `text` to `target` whole, through a temporary file (None: it went to the
    terminal)."""
    if target == "-":
        Console(highlight=False, soft_wrap=True).out(text, end="")
        return None
    path = Path(target)
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; use --force to overwrite it, or --out FILE")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
    return path


def journey_record(
    url: Annotated[str, typer.Argument(help="The page to start on.", metavar="URL")],
    out: OutOption = None,
    name: Annotated[
        str | None, typer.Option(help='The journey\'s name, e.g. "Guest checkout".', metavar="NAME")
    ] = None,
    force: ForceOption = False,
    config_path: Annotated[
        str | None, typer.Option("--config", help="Config file ([browser] path).", metavar="PATH")
    ] = None,
    ignore_https_errors: Annotated[
        bool, typer.Option("--ignore-https-errors", help="Accept invalid TLS certificates.")
    ] = False,
) -> int:
    """Record a journey: do the task once in a browser window, get the steps written.

    Every click, typing, choice and navigation becomes a sentence naming what you see;
    typing into a password field becomes {secret:NAME}. To add a check, select words on
    the page and press "Expect to see selected text" in the toolbar (or Alt+Shift+E).
    Stop with the toolbar's "Stop recording", by closing the window, or with Ctrl-C: the
    file is saved after every step. Needs a display (a desktop, ssh -X or xvfb-run).

    * `cxcheck journey record https://staging.example.com/`
    * `cxcheck journey record http://127.0.0.1:8000/shop/ --name "Buy socks"`
    """
    from cxcheck.journeys.recording.recorded_steps import Recording
    from cxcheck.journeys.recording.recorder import display_problem

    start = validate_site_url(url)
    if out == "-":
        raise UsageError("journey record writes a file as it goes: give --out FILE, not -")
    problem = display_problem(os.environ)
    if problem:
        raise BrowserNotFound(problem)
    config = load_config(find_config_file(config_path, Path()))
    recording = Recording(start, name=name or f"Recorded on {urlsplit(start).hostname}")
    target = Path(out) if out else _free(out_path(None, name or "recorded"))
    saved = _saver(target, force)
    saved(recording)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    err.print(f"Recording into {target}. Do the task in the browser window; {_HOW_TO_STOP}")
    trust = ignore_https_errors or config.crawl.ignore_https_errors
    try:
        stopped_by = asyncio.run(_record(config.browser, recording, saved, trust))
    except SiteUnreachable:
        if recording.steps <= 1:  # nothing was recorded: leave no empty journey behind
            target.unlink(missing_ok=True)
        raise
    steps = f"{recording.steps} step" + ("s" if recording.steps != 1 else "")
    err.print(f"wrote {target}: {steps}")
    err.print(f"Check it: cxcheck journey check {target}")
    err.print(f"Run it:   cxcheck journey run {target} --base-url {recording.origin}")
    # Ctrl-C is one of the ways to stop recording; SIGTERM (a supervisor) is reported as such.
    return ExitCode.TERMINATED if stopped_by == signal.SIGTERM else ExitCode.READY


_HOW_TO_STOP = (
    'to check for words, select them and press "Expect to see selected text" (or Alt+Shift+E). '
    'Stop with "Stop recording", by closing the window, or with Ctrl-C.'
)


def _free(path: str) -> Path:
    """`path`, or the first of path-2, path-3... that does not exist yet."""
    first = Path(path)
    candidate, n = first, 1
    while candidate.exists():
        n += 1
        candidate = first.with_name(f"{first.stem}-{n}{first.suffix}")
    return candidate


def _saver(target: Path, force: bool) -> Callable[[Recording], None]:
    if target.exists() and not force:
        raise UsageError(f"{target} already exists; use --force to overwrite it, or --out FILE")

    def save(recording: Recording) -> None:
        write_file(str(target), recording.text(str(target)), force=True)

    return save


async def _record(
    browser_config: BrowserConfig,
    recording: Recording,
    saved: Callable[[Recording], None],
    ignore_https_errors: bool,
) -> int:
    """Record until the tester stops; the signal that stopped it (0: none)."""
    from playwright.async_api import Error as PlaywrightError

    from cxcheck.browser import driver, launch
    from cxcheck.interrupts import signals_set
    from cxcheck.journeys.recording.recorder import Recorder

    async with driver() as playwright:
        browser, _ = await launch(playwright, browser_config, headless=False)
        try:
            context = await browser.new_context(
                no_viewport=True, ignore_https_errors=ignore_https_errors
            )
            recorder = Recorder(recording, saved)
            await recorder.attach(context)
            browser.on("disconnected", lambda _: recorder.done.set())
            page = await context.new_page()
            try:
                await page.goto(recording.start_url, wait_until="domcontentloaded")
            except PlaywrightError as error:
                raise _unreachable(recording.start_url, error) from None
            with signals_set(recorder.done) as signalled:
                await recorder.done.wait()
            return signalled[0] if signalled else 0
        finally:
            if browser.is_connected():
                await browser.close()


def _unreachable(url: str, error: PlaywrightError) -> SiteUnreachable:
    from cxcheck.journeys.runner.phrases import plain

    why = plain(str(error), "the browser could not load it")
    hint = " (a self-signed certificate? add --ignore-https-errors)" if "CERT" in why else ""
    return SiteUnreachable(f"could not open {url}: {why}{hint}")


def write_check_json(
    path: str, journeys: Sequence[Journey], problems: Sequence[ParseProblem], notes: Sequence[str]
) -> None:
    """`journey check --json`: what was understood, every problem and every note, each with
    its failure kind (`parse`, `missing_secret`) as the report's JSON spells kinds."""
    from cxcheck.report.model import FailureKind

    data = {
        "journeys": len(journeys),
        "steps": sum(len(j.steps) for j in journeys),
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "text": p.text,
                "message": str(p),
                "suggestion": p.suggestion,
                "kind": p.kind,
                "kind_label": FailureKind(p.kind).label,
            }
            for p in problems
        ],
        "notes": [
            {"message": n, "kind": "missing_secret", "kind_label": "missing secret"} for n in notes
        ],
    }
    write_file(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n", force=True)
