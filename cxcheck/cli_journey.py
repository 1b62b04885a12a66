"""`cxcheck journey run | check | steps | new`: journeys from the command line."""

from __future__ import annotations

import re
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.text import Text

from cxcheck import app
from cxcheck.cli_common import (
    ConfigOption,
    DeviceOption,
    HtmlOption,
    JsonOption,
    JunitOption,
    MarkdownOption,
    SarifOption,
    ScreenshotsOption,
    VarOption,
    checks_of,
    finish,
    guard_secrets,
    journey_line,
    journey_plan,
    report_flags,
    split_flags,
    vars_from,
    with_site,
)
from cxcheck.config import find_config_file, load_config, with_overrides
from cxcheck.errors import ExitCode, UsageError
from cxcheck.journeys.language import JourneyParseError
from cxcheck.journeys.suite import environment, parse_journeys
from cxcheck.journeys.vocabulary import HEADERS, MODIFIERS, STEPS, starter
from cxcheck.report import outputs
from cxcheck.report.triage import triage

journey_cli = typer.Typer(
    help="Journeys: task walkthroughs testers write in plain language (docs/journeys.md).",
    no_args_is_help=True,
)


@journey_cli.command("run")
def journey_run(
    paths: Annotated[
        list[str], typer.Argument(help="Journey files or folders of them.", metavar="PATH...")
    ],
    base_url: Annotated[
        str | None,
        typer.Option(help='Where relative paths (Open "/cart") lead.', metavar="URL"),
    ] = None,
    serve: Annotated[
        str | None, typer.Option(help="Serve this folder on 127.0.0.1 and use it.", metavar="DIR")
    ] = None,
    config_path: ConfigOption = None,
    device: DeviceOption = None,
    var: VarOption = None,
    screenshots: ScreenshotsOption = None,
    json_path: JsonOption = None,
    html_path: HtmlOption = None,
    junit_path: JunitOption = None,
    sarif_path: SarifOption = None,
    markdown_path: MarkdownOption = None,
    ignore_https_errors: Annotated[
        bool | None, typer.Option("--ignore-https-errors", help="Accept invalid TLS certificates.")
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option(help="Run only these checks on the pages journeys reach."),
    ] = None,
    skip: Annotated[
        list[str] | None, typer.Option(help="Do not run these checks on the pages reached.")
    ] = None,
    fail_on: Annotated[
        str | None, typer.Option(help="Not ready at this severity or worse [default: major].")
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only the verdict line and errors.")
    ] = False,
) -> int:
    """Run journeys in a real browser, step by step, and report each one.

    Every file is checked before the browser starts. Exit codes: 0 every journey passed
    (and no finding on the pages they reached blocks launch), 1 not, 2 a journey or flag is
    wrong, 3 the site could not be reached.

    * `cxcheck journey run journeys/ --base-url http://127.0.0.1:8000`
    * `cxcheck journey run journeys/ --serve sample_sites/shop --json out.json`
    * `cxcheck journey run journeys/checkout.journey --device "iPhone 13"`
    """
    config = load_config(find_config_file(config_path, Path()))
    config = with_overrides(
        config,
        {
            "site": {"url": base_url, "serve": serve},
            "crawl": {"ignore_https_errors": ignore_https_errors},
            "report": report_flags(
                fail_on, json_path, html_path, junit_path, sarif_path, markdown_path
            ),
            "checks": {"only": split_flags(only), "skip": split_flags(skip)},
            "journeys": {
                "device": device,
                "screenshots": screenshots,
                "vars": vars_from(config.journeys.vars, var),
            },
        },
    )
    with ExitStack() as stack:
        guard_secrets(stack, config)  # from here on, nothing shows a secret value
        checks = checks_of(config)
        plan = journey_plan(config, paths, crawl=False)
        mask = guard_secrets(stack, config, plan)
        outputs.ensure_writable(config.report.outputs())
        err = Console(stderr=True)
        config = with_site(config, stack, _NO_SITE)
        progress = app.Progress(journey_done=journey_line(err, quiet))
        outcome = app.run(config, checks, progress, plan)
        report = triage(outcome.report, config.ignore)
        return finish(outcome, report, config.report.outputs(), quiet, mask)


@journey_cli.command("check")
def journey_check(
    paths: Annotated[
        list[str], typer.Argument(help="Journey files or folders of them.", metavar="PATH...")
    ],
    config_path: ConfigOption = None,
    var: VarOption = None,
) -> int:
    """Read and validate journeys without a browser (for CI lint and editors).

    Prints every problem as file:line: message, with a "Did you mean". Exit 0 when all are
    fine, 2 when any is not.
    """
    config = load_config(find_config_file(config_path, Path()))
    config = with_overrides(config, {"journeys": {"vars": vars_from(config.journeys.vars, var)}})
    try:
        journeys = parse_journeys(config, paths, environment())
    except JourneyParseError as error:
        err = Console(stderr=True)
        for problem in error.problems:
            err.print(escape(str(problem)), highlight=False, soft_wrap=True)
        n = len(error.problems)
        err.print(f"[bold red]{n} problem{'s' if n != 1 else ''}[/]", highlight=False)
        return ExitCode.USAGE
    steps = sum(len(j.steps) for j in journeys)
    Console().print(f"{len(journeys)} journeys, {steps} steps: all understood")
    return ExitCode.READY


@journey_cli.command("steps")
def journey_steps() -> int:
    """Every sentence a journey can use, with one example each (for testers)."""
    console = Console(highlight=False)
    sections = (
        ("Headers (at the top of the file)", HEADERS),
        ("Steps (one per line)", STEPS),
        ("Endings any step can have", MODIFIERS),
    )
    for title, entries in sections:
        console.print(f"\n[bold underline]{title}[/]")
        for entry in entries:
            console.print(Text(entry.pattern, style="bold"))
            body = Text(entry.does, style="dim").append(f"\ne.g.  {entry.example}", style="")
            console.print(Padding(body, (0, 0, 0, 4)))
    console.print("\nThe whole guide: docs/journeys.md", style="dim")
    return ExitCode.READY


@journey_cli.command("new")
def journey_new(
    name: Annotated[str, typer.Argument(help='The journey\'s name, e.g. "Guest checkout".')],
    folder: Annotated[str, typer.Option(help="Where to write it.", metavar="DIR")] = "journeys",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> int:
    """Write a commented starter journey: journeys/<name>.journey."""
    slug = "-".join(re.findall(r"[a-z0-9]+", name.lower())) or "journey"
    target = Path(folder) / f"{slug}.journey"
    if target.exists() and not force:
        raise UsageError(f"{target} already exists; use --force to overwrite it")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(starter(name), encoding="utf-8")
    Console().print(f"wrote {target}: edit it, then run: cxcheck journey check {target}")
    return ExitCode.READY


_NO_SITE = (
    "which site do the journeys run on? Give --base-url URL (or [site] url in cxcheck.toml) "
    "or --serve DIR"
)
