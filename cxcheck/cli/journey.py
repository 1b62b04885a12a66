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

from cxcheck.cli.journey_capture import journey_import, journey_record, write_check_json
from cxcheck.cli.options import (
    ConfigOption,
    DeviceOption,
    FailOnOption,
    HtmlOption,
    JsonOption,
    JunitOption,
    MarkdownOption,
    SarifOption,
    ScreenshotsOption,
    VarOption,
    outputs_asked,
    split_flags,
)
from cxcheck.config import find_config_file, load_config, with_overrides
from cxcheck.errors import ExitCode, UsageError
from cxcheck.interrupts import loading

journey_cli = typer.Typer(
    help="Journeys: task walkthroughs testers write in plain language (docs/journeys.md).",
    no_args_is_help=True,
)


@journey_cli.command("run")
def journey_run(
    paths: Annotated[
        list[str], typer.Argument(help="Journey files or folders of them.", metavar="PATH")
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
        typer.Option(help="Run only these checks on the pages journeys reach.", metavar="CHECKS"),
    ] = None,
    skip: Annotated[
        list[str] | None,
        typer.Option(help="Do not run these checks on the pages reached.", metavar="CHECKS"),
    ] = None,
    fail_on: FailOnOption = None,
    fail_on_page_checks: Annotated[
        bool,
        typer.Option(
            "--fail-on-page-checks",
            help="Also fail when the page checks find a problem at --fail-on or worse on a "
            "page the journeys reached (by default they are reported, and only the journeys "
            "decide).",
        ),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only the verdict line and errors.")
    ] = False,
) -> int:
    """Run journeys in a real browser, step by step, and report each one.

    Every file is checked before the browser starts. The journeys' results come first, then
    what the page checks found on the pages they reached. Exit codes: 0 every journey
    passed, 1 not (or, with --fail-on-page-checks, a page they reached has a problem at
    --fail-on or worse), 2 a journey or flag is wrong, 3 the site could not be reached.

    * `cxcheck journey run journeys/ --base-url http://127.0.0.1:8000`
    * `cxcheck journey run journeys/ --serve sample_sites/shop --json out.json`
    * `cxcheck journey run journeys/checkout.journey --device "iPhone 13"`
    """
    # A run's modules (Playwright, the checks, the reports) load here: `journey check`,
    # --help and usage errors answer without them (bench/startup.py).
    with loading():  # Ctrl-C while Playwright loads: one line, exit 130
        from cxcheck import app
    from cxcheck.cli.progress import journey_line
    from cxcheck.cli.running import (
        AfterRun,
        checks_of,
        finish,
        guard_secrets,
        journey_plan,
        vars_from,
        with_site,
    )
    from cxcheck.report import outputs

    config = load_config(find_config_file(config_path, Path()))
    config = with_overrides(
        config,
        {
            "site": {"url": base_url, "serve": serve},
            "crawl": {"ignore_https_errors": ignore_https_errors},
            "report": {
                "fail_on": fail_on,
                **outputs_asked(
                    json=json_path,
                    html=html_path,
                    junit=junit_path,
                    sarif=sarif_path,
                    markdown=markdown_path,
                ),
            },
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
        after = AfterRun(quiet, mask, journeys_first=True, findings_decide=fail_on_page_checks)
        return finish(outcome, config, after)


@journey_cli.command("check")
def journey_check(
    paths: Annotated[
        list[str], typer.Argument(help="Journey files or folders of them.", metavar="PATH")
    ],
    config_path: ConfigOption = None,
    var: VarOption = None,
    json_path: Annotated[
        str | None,
        typer.Option(
            "--json",
            help="Also write the problems and notes as JSON here (for editors and CI), each "
            "with its kind: parse or missing_secret.",
            metavar="PATH",
        ),
    ] = None,
) -> int:
    """Read and validate journeys without a browser (for CI lint and editors).

    Prints every problem as file:line: message, with a "Did you mean". Secrets need not be
    set here: a {secret:NAME} whose variable is missing is noted (`journey run` needs it).
    Exit 0 when all are fine, 2 when any is not.
    """
    # The journey language loads here, without the browser: this command starts none.
    from cxcheck.cli.running import parse_journeys, vars_from
    from cxcheck.journeys.devices import playwright_device_names
    from cxcheck.journeys.language.parser import Checks, JourneyParseError
    from cxcheck.journeys.language.variables import unset_secrets
    from cxcheck.report.model import plural
    from cxcheck.run.signin import environment

    config = load_config(find_config_file(config_path, Path()))
    config = with_overrides(config, {"journeys": {"vars": vars_from(config.journeys.vars, var)}})
    environ = environment()
    checks = Checks(secrets=False, devices=playwright_device_names())
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if json_path:
        from cxcheck.report import outputs  # the renderers, only when a file is asked for

        outputs.ensure_writable({"json": json_path})
    try:
        journeys = parse_journeys(config, paths, environ, checks)
    except JourneyParseError as error:
        for problem in error.problems:
            err.print(escape(str(problem)))
        n = len(error.problems)
        err.print(f"[bold red]{n} problem{'s' if n != 1 else ''}[/]")
        if json_path:
            write_check_json(json_path, [], error.problems, [])
        return ExitCode.USAGE
    notes = unset_secrets(journeys, environ)
    for note in notes:
        err.print(escape(f"note: {note}"), style="yellow")
    steps = sum(len(j.steps) for j in journeys)
    Console().print(f"{plural(len(journeys), 'journey')}, {plural(steps, 'step')}: all understood")
    if json_path:
        write_check_json(json_path, journeys, [], notes)
    return ExitCode.READY


@journey_cli.command("steps")
def journey_steps() -> int:
    """Every sentence a journey can use, with one example each (for testers)."""
    from cxcheck.journeys.language.headers import HEADERS
    from cxcheck.journeys.language.modifiers import MODIFIERS
    from cxcheck.journeys.language.verbs import STEPS

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
    name: Annotated[
        str, typer.Argument(help='The journey\'s name, e.g. "Guest checkout".', metavar="NAME")
    ],
    folder: Annotated[str, typer.Option(help="Where to write it.", metavar="DIR")] = "journeys",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> int:
    """Write a commented starter journey: journeys/NAME.journey.

    NAME "Guest checkout" writes journeys/guest-checkout.journey (--folder for another one).
    """
    from cxcheck.journeys.language.starter import starter

    slug = "-".join(re.findall(r"[a-z0-9]+", name.lower())) or "journey"
    target = Path(folder) / f"{slug}.journey"
    if target.exists() and not force:
        raise UsageError(f"{target} already exists; use --force to overwrite it")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(starter(name, target.as_posix()), encoding="utf-8")
    Console().print(f"wrote {target}: edit it, then run: cxcheck journey check {target}")
    return ExitCode.READY


journey_cli.command("record")(journey_record)
journey_cli.command("import")(journey_import)

_NO_SITE = (
    "which site do the journeys run on? Give --base-url URL (or [site] url in cxcheck.toml) "
    "or --serve DIR"
)
