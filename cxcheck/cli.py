"""The command line: check, init, checks, doctor.

`main(argv) -> int` returns the exit code and is what tests call; only `run_console`
exits. Every CxError is caught here, once, and shown as one line.
"""

from __future__ import annotations

import asyncio
import json
import platform
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
from playwright.async_api import Error as PlaywrightError
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text
from typer.exceptions import Abort, Exit, TyperException

from cxcheck import __version__, app, browser
from cxcheck.config import (
    CONFIG_FILE,
    Config,
    ReportConfig,
    find_config_file,
    load_config,
    validate_site_url,
    with_check_option,
    with_overrides,
)
from cxcheck.errors import CxError, ExitCode, UsageError
from cxcheck.findings import Severity
from cxcheck.init_file import render_init_file
from cxcheck.journeys.language import JourneyParseError
from cxcheck.journeys.suite import environment, parse_journeys
from cxcheck.journeys.vocabulary import HEADERS, MODIFIERS, STEPS, starter
from cxcheck.plugins import LoadedCheck, discover, load_checks
from cxcheck.report import json_report, outputs, terminal
from cxcheck.report.model import JourneyResult, Report
from cxcheck.report.triage import (
    BASELINE_FILE,
    Baseline,
    baseline_data,
    load_baseline,
    triage,
)
from cxcheck.serve import serve_folder

cli = typer.Typer(
    name="cxcheck",
    help="Is the site ready for customers? cxcheck crawls a staging site in a real Chromium, "
    "runs its checks on every page and answers ready / not ready.\n\n"
    "Exit codes: 0 ready, 1 not ready, 2 usage or config error, 3 site could not be checked.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    """Repeatable flags that also take comma lists: --only a,b --only c."""
    if not values:
        return None
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _path_option(flag: str, help_text: str) -> Any:
    return Annotated[str | None, typer.Option(flag, help=help_text, metavar="PATH")]


ConfigOption = Annotated[
    str | None,
    typer.Option(
        "--config", help=f"Config file (default: ./{CONFIG_FILE} if present).", metavar="PATH"
    ),
]
# Output flags shared by `check`, `journey run` and `report`: one spelling, one help text.
JsonOption = _path_option("--json", "Write the JSON report here.")
HtmlOption = _path_option("--html", "Write the HTML report (one self-contained page) here.")
JunitOption = _path_option("--junit", "Write JUnit XML here.")
SarifOption = _path_option("--sarif", "Write SARIF 2.1.0 here.")
DeviceOption = Annotated[
    str | None,
    typer.Option(
        help='Run journeys on this device, e.g. "iPhone 13" or "390x844" (Playwright\'s list) '
        "[default: the journey's Viewport, else desktop].",
        metavar="NAME",
    ),
]
VarOption = Annotated[
    list[str] | None,
    typer.Option(help="A {name} value for journeys: --var email=a@b.test; repeatable."),
]
ScreenshotsOption = Annotated[
    str | None,
    typer.Option(help="Journey screenshots: failed (failed and too-slow steps) or all."),
]
MarkdownOption = _path_option(
    "--markdown", "Write a Markdown summary here (also added to $GITHUB_STEP_SUMMARY when set)."
)


@cli.command()
def check(
    url: Annotated[
        str | None, typer.Argument(help="Start URL, e.g. https://staging.example.com")
    ] = None,
    serve: Annotated[
        str | None, typer.Option(help="Serve this folder on 127.0.0.1 and check it.", metavar="DIR")
    ] = None,
    config_path: ConfigOption = None,
    json_path: JsonOption = None,
    html_path: HtmlOption = None,
    junit_path: JunitOption = None,
    sarif_path: SarifOption = None,
    markdown_path: MarkdownOption = None,
    baseline: Annotated[
        str | None,
        typer.Option(
            help=f"Known findings that do not fail the run [default: ./{BASELINE_FILE} if "
            "present]. Make one with: cxcheck baseline save report.json",
            metavar="PATH",
        ),
    ] = None,
    no_baseline: Annotated[
        bool, typer.Option("--no-baseline", help="Ignore any baseline: every finding counts.")
    ] = False,
    compare: Annotated[
        str | None,
        typer.Option(
            help="An earlier JSON report: the report says what is new, fixed, still open.",
            metavar="PATH",
        ),
    ] = None,
    max_pages: Annotated[
        int | None, typer.Option(help="Visit at most this many pages [default: 500].")
    ] = None,
    max_depth: Annotated[
        int | None, typer.Option(help="Follow links at most this many clicks deep [default: 20].")
    ] = None,
    concurrency: Annotated[
        int | None, typer.Option(help="Pages loaded in parallel [default: 2 per core].")
    ] = None,
    page_timeout: Annotated[
        float | None, typer.Option(help="Seconds before a page counts as failed [default: 30].")
    ] = None,
    max_time: Annotated[
        float | None, typer.Option(help="Stop starting pages after this many seconds.")
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option(help='Only crawl paths matching this glob ("/shop/*"); repeatable.'),
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(help="Never crawl paths matching this glob; repeatable.")
    ] = None,
    robots: Annotated[
        bool | None,
        typer.Option("--robots/--no-robots", help="Honour robots.txt Disallow [default: on]."),
    ] = None,
    sitemaps: Annotated[
        bool | None,
        typer.Option("--sitemaps/--no-sitemaps", help="Seed from sitemap.xml [default: on]."),
    ] = None,
    ignore_https_errors: Annotated[
        bool | None, typer.Option("--ignore-https-errors", help="Accept invalid TLS certificates.")
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option(
            help="desktop, or mobile: a phone screen, slow 4G and a 4x slower CPU "
            "(as Lighthouse's mobile throttling) [default: desktop]."
        ),
    ] = None,
    only: Annotated[
        list[str] | None, typer.Option(help="Run only these checks (comma list or repeat).")
    ] = None,
    skip: Annotated[
        list[str] | None, typer.Option(help="Do not run these checks (comma list or repeat).")
    ] = None,
    checks_dir: Annotated[
        str | None,
        typer.Option(help="Also load checks from *.py files in this folder.", metavar="DIR"),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            help="Not ready at this severity or worse: blocker, major, minor, info "
            "[default: major]."
        ),
    ] = None,
    browser_path: Annotated[
        str | None, typer.Option(help="Chromium/Chrome executable to use.", metavar="PATH")
    ] = None,
    browser_endpoint: Annotated[
        str | None,
        typer.Option(help="ws:// endpoint of a running Playwright browser server.", metavar="URL"),
    ] = None,
    click_probe: Annotated[
        bool,
        typer.Option(
            "--click-probe",
            help="dead-navigation: also click controls that have a listener, in a throwaway "
            "tab, and report those that do nothing (never ones that say delete, pay, log out...).",
        ),
    ] = False,
    journeys: Annotated[
        list[str] | None,
        typer.Option(
            help="Also run these journey files or folders after the crawl; repeatable.",
            metavar="PATH",
        ),
    ] = None,
    device: DeviceOption = None,
    var: VarOption = None,
    screenshots: ScreenshotsOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only the verdict line and errors (for CI logs).")
    ] = False,
) -> int:
    """Crawl a site, run every enabled check on every page, report the verdict.

    Examples:

    * `cxcheck check https://staging.example.com`
    * `cxcheck check --serve sample_sites/shop`
    * `cxcheck check URL --json report.json --max-pages 500 --concurrency 4`
    * `cxcheck check URL --only page-health` or `--skip accessibility`
    * `cxcheck check URL --html report.html --junit junit.xml --sarif cxcheck.sarif`
    """
    config = load_config(find_config_file(config_path, Path()))
    config = with_overrides(
        config,
        {
            "site": {"url": url, "serve": serve},
            "crawl": {
                "max_pages": max_pages,
                "max_depth": max_depth,
                "concurrency": concurrency,
                "page_timeout_s": page_timeout,
                "max_time_s": max_time,
                "include": _split(include),
                "exclude": _split(exclude),
                "respect_robots": robots,
                "sitemaps": sitemaps,
                "ignore_https_errors": ignore_https_errors,
                "profile": profile,
            },
            "browser": {"path": browser_path, "endpoint": browser_endpoint},
            "report": {
                **_report_flags(
                    fail_on, json_path, html_path, junit_path, sarif_path, markdown_path
                ),
                "baseline": baseline,
            },
            "checks": {"only": _split(only), "skip": _split(skip), "dir": checks_dir},
            "journeys": {
                "paths": tuple(journeys) if journeys else None,
                "device": device,
                "screenshots": screenshots,
                "vars": _vars(config.journeys.vars, var),
            },
        },
    )
    if click_probe:
        config = with_check_option(config, "dead-navigation", "click_probe", True)
    checks = _checks_of(config)
    outputs.ensure_writable(config.report.outputs())
    previous = json_report.load(compare) if compare else None
    plan = _journey_plan(config, config.journeys.paths, crawl=True)
    err = Console(stderr=True)
    with ExitStack() as stack:
        config = _with_site(config, stack)
        known = None if no_baseline else _baseline(config.report.baseline, config.site.url)
        with _progress_display(err, quiet) as progress:
            outcome = app.run(config, checks, progress, plan)
    report = triage(outcome.report, config.ignore, known, previous, compare or "")
    return _finish(outcome, report, config.report.outputs(), quiet)


def _report_flags(fail_on: str | None, *paths: str | None) -> dict[str, str | None]:
    """The `[report]` overrides the output flags make (json, html, junit, sarif, markdown)."""
    return {"fail_on": fail_on, **dict(zip(_FORMATS, paths, strict=True))}


_FORMATS = ("json", "html", "junit", "sarif", "markdown")


def _checks_of(config: Config) -> list[LoadedCheck]:
    """The checks the config enables, built with their options."""
    checks = config.checks
    return load_checks(checks.dir, checks.only, checks.skip, checks.options, config.source)


def _finish(outcome: app.Outcome, report: Report, targets: dict[str, str], quiet: bool) -> int:
    """Write the reports, show the summary, and say how the run ended as an exit code."""
    _show(report, targets, quiet, Console())
    if outcome.interrupted:
        Console(stderr=True).print("interrupted: the report covers what was done so far")
        return ExitCode.INTERRUPTED
    return _exit_code(report)


def _journey_plan(config: Config, paths: Sequence[str], crawl: bool) -> app.JourneyPlan:
    """Every journey of the run, parsed and validated now, before a browser starts."""
    environ = environment()
    sign_in = None
    if config.auth.journey:
        (sign_in,) = parse_journeys(config, [config.auth.journey], environ)
    journeys = parse_journeys(config, paths, environ) if paths else []
    return app.JourneyPlan(tuple(journeys), sign_in, crawl)


def _vars(configured: Mapping[str, str], flags: list[str] | None) -> dict[str, str] | None:
    """`--var name=value` flags over `[journeys.vars]`."""
    if not flags:
        return None
    values = dict(configured)
    for flag in flags:
        name, sep, value = flag.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--var {flag!r}: expected name=value, e.g. --var email=a@b.test")
        values[name.strip()] = value
    return values


def _baseline(path: str, site: str) -> Baseline | None:
    """The baseline named, else ./cxcheck-baseline.json when there is one."""
    if path:
        return load_baseline(path, site)
    return load_baseline(BASELINE_FILE, site) if Path(BASELINE_FILE).is_file() else None


def _show(report: Report, targets: dict[str, str], quiet: bool, out: Console) -> None:
    """Write the report files, then the summary (or the one verdict line with --quiet)."""
    written = outputs.write_outputs(report, targets, Path.cwd())
    if quiet:
        counts = f"{len(report.blocking)} blocking, {len(report.findings)} findings"
        out.print(f"{report.verdict}: {counts}, {len(report.pages)} pages")
        return
    out.print(terminal.render(report))
    for line in written:
        out.print(line, style="dim", highlight=False)


def _exit_code(report: Report) -> int:
    return ExitCode.READY if report.verdict == "ready" else ExitCode.NOT_READY


def _with_site(config: Config, stack: ExitStack) -> Config:
    """The config with a checked start URL, serving the folder first when asked to."""
    site = config.site
    if site.url and site.serve:
        raise UsageError("give a URL or --serve DIR, not both")
    if site.serve:
        served = stack.enter_context(serve_folder(site.serve))
        # A folder served with tls = true uses our own self-signed certificate.
        trust = {"ignore_https_errors": True} if served.self_signed else {}
        return with_overrides(config, {"site": {"url": served.url, "serve": ""}, "crawl": trust})
    if not site.url:
        raise UsageError(
            "what should I check? Give a URL (cxcheck check https://...) or --serve DIR"
        )
    return with_overrides(config, {"site": {"url": validate_site_url(site.url)}})


@contextmanager
def _progress_display(console: Console, quiet: bool) -> Iterator[app.Progress]:
    """A live bar (pages done of done + queued, current URL) on stderr."""
    if quiet:
        yield app.Progress()
        return
    bar = Progress(
        TextColumn("[bold]crawling"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}", style="dim", markup=False),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task("", total=None)

    def started(url: str, chosen: str) -> None:
        console.print(Text(f"Checking {url} with {chosen}", style="dim"))

    def page_done(done: int, queued: int, url: str) -> None:
        bar.update(task, completed=done, total=done + queued, description=url[-60:])

    def finishing() -> None:
        bar.update(task, description="links to other sites, files no page loaded, click probe")

    with bar:
        yield app.Progress(started, page_done, finishing, _journey_line(console, quiet))


@cli.command("report")
def rerender(
    report_path: Annotated[
        str, typer.Argument(help="A JSON report cxcheck wrote.", metavar="JSON")
    ],
    json_path: JsonOption = None,
    html_path: HtmlOption = None,
    junit_path: JunitOption = None,
    sarif_path: SarifOption = None,
    markdown_path: MarkdownOption = None,
    fail_on: Annotated[
        str | None,
        typer.Option(help="Judge again at this threshold: blocker, major, minor, info."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only the verdict line and errors.")
    ] = False,
) -> int:
    """Show a saved JSON report again and write it in other formats, without crawling.

    Exits as `check` would for that report: 0 ready, 1 not ready.

    * `cxcheck report report.json --html report.html --junit junit.xml`
    * `cxcheck report report.json --fail-on minor --markdown summary.md`
    """
    report = json_report.load(report_path)
    if fail_on:
        try:
            report = replace(report, fail_on=Severity.parse(fail_on))
        except ValueError as error:
            raise UsageError(f"--fail-on: {error}") from None
    flags = _report_flags(None, json_path, html_path, junit_path, sarif_path, markdown_path)
    targets = ReportConfig(**{k: v for k, v in flags.items() if v}).outputs()
    outputs.ensure_writable(targets)
    _show(report, targets, quiet, Console())
    return _exit_code(report)


baseline_cli = typer.Typer(
    help="Accept today's findings so CI fails only on new ones.", no_args_is_help=True
)
cli.add_typer(baseline_cli, name="baseline")


@baseline_cli.command("save")
def baseline_save(
    report_path: Annotated[
        str, typer.Argument(help="A JSON report cxcheck wrote.", metavar="JSON")
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Where to write the baseline.", metavar="PATH")
    ] = BASELINE_FILE,
) -> int:
    """Write the report's open findings to cxcheck-baseline.json.

    Later runs that find it (or get `--baseline PATH`) list those findings as known and fail
    only on new ones; the report says which known ones are fixed. Commit the file.
    """
    report = json_report.load(report_path)
    outputs.ensure_writable({"baseline": output})
    data = baseline_data(report)
    Path(output).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    count = len(data["problems"])  # type: ignore[arg-type]
    Console().print(f"wrote {output}: {count} known finding{'s' if count != 1 else ''}")
    return ExitCode.READY


journey_cli = typer.Typer(
    help="Journeys: task walkthroughs testers write in plain language (docs/journeys.md).",
    no_args_is_help=True,
)
cli.add_typer(journey_cli, name="journey")


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
            "report": _report_flags(
                fail_on, json_path, html_path, junit_path, sarif_path, markdown_path
            ),
            "checks": {"only": _split(only), "skip": _split(skip)},
            "journeys": {
                "device": device,
                "screenshots": screenshots,
                "vars": _vars(config.journeys.vars, var),
            },
        },
    )
    checks = _checks_of(config)
    plan = _journey_plan(config, paths, crawl=False)
    outputs.ensure_writable(config.report.outputs())
    err = Console(stderr=True)
    with ExitStack() as stack:
        config = _with_site(config, stack)
        progress = app.Progress(journey_done=_journey_line(err, quiet))
        outcome = app.run(config, checks, progress, plan)
    report = triage(outcome.report, config.ignore)
    return _finish(outcome, report, config.report.outputs(), quiet)


def _journey_line(console: Console, quiet: bool) -> Any:
    def done(result: JourneyResult) -> None:
        if quiet:
            return
        mark = {"passed": "[green]✓[/]", "too_slow": "[yellow]⚠ too slow[/]"}.get(
            result.status, "[red]✗[/]"
        )
        seconds = result.duration_ms / 1000
        console.print(f"{mark} {escape(result.name)} ({escape(result.file)}, {seconds:.1f} s)")

    return done


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
    config = with_overrides(config, {"journeys": {"vars": _vars(config.journeys.vars, var)}})
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


@cli.command()
def init(
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    path: Annotated[str, typer.Option("--path", help="Where to write it.")] = CONFIG_FILE,
) -> int:
    """Write a commented cxcheck.toml with every option and its default."""
    target = Path(path)
    if target.exists() and not force:
        raise UsageError(f"{path} already exists; use --force to overwrite it")
    target.write_text(render_init_file(discover()), encoding="utf-8")
    Console().print(f"wrote {path}: uncomment an option to change it")
    return ExitCode.READY


@cli.command("checks")
def list_checks(
    checks_dir: Annotated[
        str | None, typer.Option(help="Also list checks from this folder.", metavar="DIR")
    ] = None,
) -> int:
    """List the loaded checks: name, origin (built-in / package / local) and description."""
    table = Table("check", "origin", "description", show_edge=False)
    for item in discover(checks_dir or ""):
        table.add_row(item.name, item.origin, item.cls.description)
    Console().print(table)
    return ExitCode.READY


@cli.command()
def doctor(
    browser_path: Annotated[
        str | None, typer.Option(help="Check this browser executable.", metavar="PATH")
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="No output; exit 0 when a browser works, 3 when not."),
    ] = False,
) -> int:
    """Show which browser cxcheck will use and whether it starts; say what to do if none."""
    from cxcheck.config import BrowserConfig

    facts = asyncio.run(_browser_facts(BrowserConfig(path=browser_path or "")))
    if not quiet:
        console = Console()
        python = platform.python_version()
        console.print(f"cxcheck {__version__} · Python {python} · Playwright {facts['playwright']}")
        console.print(f"browser: {facts['choice']}")
        console.print(f"version: {facts['version']}", style="green")
    return ExitCode.READY


async def _browser_facts(config: Any) -> dict[str, str]:
    from importlib.metadata import version

    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium, choice = await browser.launch(playwright, config)
        facts = {"choice": choice.describe(), "version": chromium.version}
        await chromium.close()
    facts["playwright"] = version("playwright")
    return facts


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv`; return the exit code (never raises for user errors)."""
    err = Console(stderr=True)
    try:
        result = cli(
            args=list(argv) if argv is not None else None,
            prog_name="cxcheck",
            standalone_mode=False,
        )
    except CxError as error:
        err.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        return error.exit_code
    except Exit as done:
        return done.exit_code
    except TyperException as error:
        if error.format_message():  # empty when help was shown for a bare command
            message = escape(error.format_message())
            err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
        return ExitCode.USAGE
    except PlaywrightError as error:  # the browser went away under us (crash, killed, OOM)
        first = str(error).strip().splitlines()[0] if str(error).strip() else "unknown error"
        err.print(f"[bold red]error:[/] the browser failed: {escape(first)}", soft_wrap=True)
        return ExitCode.SITE_UNCHECKABLE
    except (KeyboardInterrupt, Abort):
        err.print("interrupted")
        return ExitCode.INTERRUPTED
    return int(result) if isinstance(result, int) else ExitCode.READY


def run_console() -> None:
    """The `cxcheck` console script."""
    sys.exit(main())
