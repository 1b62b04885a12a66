"""The command line: check, init, checks, doctor here; `report` and `baseline` come from
cli_report.py, `journey` from cli_journey.py, what they share from cli_common.py.

`main(argv) -> int` returns the exit code and is what tests call; only the console script
(console.py) exits. Every CxError is caught here, once, and shown as one line.
"""

from __future__ import annotations

import asyncio
import contextlib
import platform
import signal
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Any

import typer
from playwright.async_api import Error as PlaywrightError
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer.exceptions import Abort, Exit, TyperException

from cxcheck import __version__, app, browser
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
    baseline_for,
    checks_of,
    finish,
    guard_secrets,
    journey_plan,
    progress_display,
    report_flags,
    show_timings,
    split_flags,
    vars_from,
    with_site,
)
from cxcheck.cli_help import TidyHelpGroup
from cxcheck.cli_journey import journey_cli
from cxcheck.cli_report import baseline_cli, merge, rerender
from cxcheck.config import (
    CONFIG_FILE,
    find_config_file,
    load_config,
    with_overrides,
)
from cxcheck.errors import CxError, ExitCode, UsageError
from cxcheck.init_file import render_init_file
from cxcheck.plugins import discover
from cxcheck.report import json_report, outputs
from cxcheck.report.triage import BASELINE_FILE, triage

cli = typer.Typer(
    name="cxcheck",
    cls=TidyHelpGroup,
    help="Is the site ready for customers? cxcheck crawls a staging site in a real Chromium, "
    "runs its checks on every page and answers ready / not ready.\n\n"
    "Exit codes: 0 ready, 1 not ready, 2 usage or config error, 3 site could not be checked.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


@cli.command()
def check(
    url: Annotated[
        str | None,
        typer.Argument(help="Start URL, e.g. https://staging.example.com", metavar="URL"),
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
        int | None, typer.Option(help="Visit at most this many pages [default: 500].", metavar="N")
    ] = None,
    max_depth: Annotated[
        int | None,
        typer.Option(help="Follow links at most this many clicks deep [default: 20].", metavar="N"),
    ] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(help="Pages loaded in parallel [default: 2 per core].", metavar="N"),
    ] = None,
    page_timeout: Annotated[
        float | None,
        typer.Option(
            help="Seconds before a page counts as failed [default: 30].", metavar="SECONDS"
        ),
    ] = None,
    max_time: Annotated[
        float | None,
        typer.Option(help="Stop starting pages after this many seconds.", metavar="SECONDS"),
    ] = None,
    rate: Annotated[
        float | None,
        typer.Option(
            help="At most this many page loads a second [default: no limit].", metavar="N"
        ),
    ] = None,
    shard: Annotated[
        str | None,
        typer.Option(
            help='Check only share i of n of the pages ("2/4"), for a CI matrix; join the '
            "shards' JSON reports with `cxcheck merge`.",
            metavar="i/n",
        ),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option(
            help='Only crawl paths matching this glob ("/shop/*"); repeatable.', metavar="GLOB"
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(help="Never crawl paths matching this glob; repeatable.", metavar="GLOB"),
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
            "(as Lighthouse's mobile throttling) [default: desktop].",
            metavar="PROFILE",
        ),
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option(help="Run only these checks (comma list or repeat).", metavar="CHECKS"),
    ] = None,
    skip: Annotated[
        list[str] | None,
        typer.Option(help="Do not run these checks (comma list or repeat).", metavar="CHECKS"),
    ] = None,
    checks_dir: Annotated[
        str | None,
        typer.Option(help="Also load checks from *.py files in this folder.", metavar="DIR"),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            help="Not ready at this severity or worse: blocker, major, minor, info "
            "[default: major].",
            metavar="SEVERITY",
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
    timings: Annotated[
        bool,
        typer.Option(
            "--timings",
            help="Also show where the time went: navigation, each capture (axe, DOM and "
            "links, performance), each check, the work after the crawl.",
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
                "shard": shard,
                "rate": rate,
                "include": split_flags(include),
                "exclude": split_flags(exclude),
                "respect_robots": robots,
                "sitemaps": sitemaps,
                "ignore_https_errors": ignore_https_errors,
                "profile": profile,
                "click_probe": click_probe or None,
            },
            "browser": {"path": browser_path, "endpoint": browser_endpoint},
            "report": {
                **report_flags(
                    fail_on, json_path, html_path, junit_path, sarif_path, markdown_path
                ),
                "baseline": baseline,
            },
            "checks": {"only": split_flags(only), "skip": split_flags(skip), "dir": checks_dir},
            "journeys": {
                "paths": tuple(journeys) if journeys else None,
                "device": device,
                "screenshots": screenshots,
                "vars": vars_from(config.journeys.vars, var),
            },
        },
    )
    with ExitStack() as stack:
        guard_secrets(stack, config)  # from here on, nothing shows a secret value
        checks = checks_of(config)
        outputs.ensure_writable(config.report.outputs())
        previous = json_report.load(compare) if compare else None
        plan = journey_plan(config, config.journeys.paths, crawl=True)
        mask = guard_secrets(stack, config, plan)
        err = Console(stderr=True)
        config = with_site(config, stack)
        known = None if no_baseline else baseline_for(config.report.baseline, config.site.url)
        with progress_display(err, quiet, mask) as progress:
            outcome = app.run(config, checks, progress, plan)
        report = triage(outcome.report, config.ignore, known, previous, compare or "")
        code = finish(outcome, report, config.report.outputs(), quiet, mask)
        if timings:
            show_timings(outcome, Console())
    return code


@cli.command()
def init(
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    path: Annotated[
        str, typer.Option("--path", help="Where to write it.", metavar="PATH")
    ] = CONFIG_FILE,
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


# After `check`, so `cxcheck --help` lists the main command first.
cli.add_typer(journey_cli, name="journey")
cli.command("report")(rerender)
cli.command("merge")(merge)
cli.add_typer(baseline_cli, name="baseline")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv`; return the exit code (never raises for user errors)."""
    # Ctrl-C is heard here, so that it is said once whichever layer stops on it (Typer turns
    # it into exit 130 without a word). A run takes it over meanwhile (interrupts.py) and
    # says itself what it wrote; the handler found here is put back when the command ends.
    sigint = signal.getsignal(signal.SIGINT) or signal.default_int_handler
    pressed: list[bool] = []

    def on_sigint(signum: int, frame: object) -> None:
        pressed.append(True)
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # not the main thread: Ctrl-C is not ours to hear
        signal.signal(signal.SIGINT, on_sigint)
    try:
        code = _main(argv)
        if pressed and code == ExitCode.INTERRUPTED:
            Console(stderr=True).print("interrupted")
        return code
    finally:
        with contextlib.suppress(ValueError):
            signal.signal(signal.SIGINT, sigint)


def _main(argv: Sequence[str] | None) -> int:
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
    except app.Terminated:  # SIGTERM where there was no partial report to write
        err.print("terminated")
        return ExitCode.TERMINATED
    except (KeyboardInterrupt, Abort):  # main() says so
        return ExitCode.INTERRUPTED
    return int(result) if isinstance(result, int) else ExitCode.READY
