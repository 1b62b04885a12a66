"""What the commands share: option types, building the config and checks, serving a
folder, the progress display, writing reports and turning a verdict into an exit code.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from cxcheck import app
from cxcheck.config import CONFIG_FILE, Config, validate_site_url, with_overrides
from cxcheck.errors import ExitCode, UsageError
from cxcheck.journeys.devices import device_problem, playwright_device_names
from cxcheck.journeys.language.parser import Checks
from cxcheck.masking import NO_MASK, Mask, masked_console, run_secrets
from cxcheck.plugins import LoadedCheck, load_checks
from cxcheck.report import outputs, terminal
from cxcheck.report.model import JourneyResult, Report
from cxcheck.report.triage import BASELINE_FILE, Baseline, load_baseline
from cxcheck.run.journeys import parse_journeys
from cxcheck.run.signin import environment
from cxcheck.serve import serve_folder


def split_flags(values: list[str] | None) -> tuple[str, ...] | None:
    """Repeatable flags that also take comma lists: --only a,b --only c."""
    if not values:
        return None
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def path_option(flag: str, help_text: str) -> Any:
    return Annotated[str | None, typer.Option(flag, help=help_text, metavar="PATH")]


ConfigOption = Annotated[
    str | None,
    typer.Option(
        "--config", help=f"Config file (default: ./{CONFIG_FILE} if present).", metavar="PATH"
    ),
]
# Output flags shared by `check`, `journey run` and `report`: one spelling, one help text.
JsonOption = path_option("--json", "Write the JSON report here.")
HtmlOption = path_option("--html", "Write the HTML report (one self-contained page) here.")
JunitOption = path_option("--junit", "Write JUnit XML here.")
SarifOption = path_option("--sarif", "Write SARIF 2.1.0 here.")
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
    typer.Option(
        help="A {name} value for journeys: --var email=a@b.test; repeatable.",
        metavar="NAME=VALUE",
    ),
]
ScreenshotsOption = Annotated[
    str | None,
    typer.Option(
        help="Journey screenshots: failed (failed and too-slow steps) or all.", metavar="WHICH"
    ),
]
MarkdownOption = path_option(
    "--markdown", "Write a Markdown summary here (also added to $GITHUB_STEP_SUMMARY when set)."
)


def report_flags(fail_on: str | None, *paths: str | None) -> dict[str, str | None]:
    """The `[report]` overrides the output flags make (json, html, junit, sarif, markdown)."""
    return {"fail_on": fail_on, **dict(zip(FORMATS, paths, strict=True))}


FORMATS = tuple(outputs.RENDERERS)  # json, html, junit, sarif, markdown: the flags' order


def checks_of(config: Config) -> list[LoadedCheck]:
    """The checks the config enables, built with their options."""
    checks = config.checks
    return load_checks(checks.dir, checks.only, checks.skip, checks.options, config.source)


def guard_secrets(stack: ExitStack, config: Config, plan: app.JourneyPlan | None = None) -> Mask:
    """The mask of every secret the run knows, put over the console for the rest of
    `stack` (errors leaving it too); with the `plan`, its journeys' secrets as well, and a
    warning for values too short to mask."""
    journeys = [*plan.journeys, *([plan.sign_in] if plan.sign_in else [])] if plan else []
    mask = Mask(tuple(run_secrets(config, journeys, environment())))
    stack.enter_context(masked_console(mask))
    for secret in mask.too_short if plan is not None else ():
        Console(stderr=True).print(
            f"warning: {escape(secret.source)} is shorter than {mask.min_length} characters, "
            "too short to tell apart from other text: cxcheck cannot mask it if the site "
            "shows it",
            style="yellow",
            highlight=False,
        )
    return mask


def finish(
    outcome: app.Outcome,
    report: Report,
    targets: dict[str, str],
    quiet: bool,
    mask: Mask = NO_MASK,
    journeys_first: bool = False,
) -> int:
    """Write the reports, show the summary, and say how the run ended as an exit code."""
    how = "terminated" if outcome.terminated else "interrupted"
    if outcome.interrupted and not (report.pages or report.journeys):
        # Stopped before a page was read: a report of nothing would say "ready".
        Console(stderr=True).print(f"{how} before any page was checked: no report written")
    else:
        show(mask.data(report), targets, quiet, Console(), mask, journeys_first)
    if outcome.interrupted and (report.pages or report.journeys):
        Console(stderr=True).print(f"{how}: the report covers what was done so far")
    if outcome.terminated:  # SIGTERM, even if it came once the pages were all done
        return ExitCode.TERMINATED
    if outcome.interrupted:
        return ExitCode.INTERRUPTED
    return exit_code(report)


def show_timings(outcome: app.Outcome, console: Console) -> None:
    """The `--timings` table: each phase's time summed over pages, per page, and its share."""
    report = outcome.report
    pages = max(len(report.pages), 1)
    rate = len(report.pages) / report.duration_s if report.duration_s else 0.0
    table = Table(
        title=f"Where the time went: {len(report.pages)} pages in {report.duration_s:.1f} s "
        f"({rate:.1f} pages/s)",
        caption="Summed over pages; pages load side by side, so the sums exceed the wall time.",
    )
    for column in ("phase", "seconds", "ms per page", "share"):
        table.add_column(column, justify="left" if column == "phase" else "right")
    for phase in outcome.timings.phases():
        table.add_row(
            escape(phase.phase),
            f"{phase.seconds:.1f}",
            f"{phase.seconds / pages * 1000:.0f}",
            f"{phase.share:.0%}",
        )
    console.print(table)


def journey_plan(config: Config, paths: Sequence[str], crawl: bool) -> app.JourneyPlan:
    """Every journey of the run, parsed and validated now, before a browser starts: their
    sentences, secrets (set in the environment) and screens (`Viewport:`, `--device`)."""
    environ = environment()
    checks = Checks(secrets=True, devices=playwright_device_names())
    if config.journeys.device and checks.devices is not None:
        problem = device_problem(config.journeys.device, checks.devices())
        if problem:
            raise UsageError(f"--device: {problem}")
    sign_in = None
    if config.auth.journey:
        (sign_in,) = parse_journeys(config, [config.auth.journey], environ, checks)
    journeys = parse_journeys(config, paths, environ, checks) if paths else []
    return app.JourneyPlan(tuple(journeys), sign_in, crawl)


def vars_from(configured: Mapping[str, str], flags: list[str] | None) -> dict[str, str] | None:
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


def baseline_for(path: str, site: str) -> Baseline | None:
    """The baseline named, else ./cxcheck-baseline.json when there is one."""
    if path:
        return load_baseline(path, site)
    return load_baseline(BASELINE_FILE, site) if Path(BASELINE_FILE).is_file() else None


def show(
    report: Report,
    targets: dict[str, str],
    quiet: bool,
    out: Console,
    mask: Mask = NO_MASK,
    journeys_first: bool = False,
) -> None:
    """Write the report files, then the summary (or the one verdict line with --quiet)."""
    written = outputs.write_outputs(report, targets, Path.cwd(), mask)
    if quiet:
        counts = f"{len(report.blocking)} blocking, {len(report.findings)} findings"
        out.print(f"{report.verdict}: {counts}, {len(report.pages)} pages")
        return
    out.print(terminal.render(report, journeys_first))
    for line in written:
        out.print(line, style="dim", highlight=False)


def exit_code(report: Report) -> int:
    return ExitCode.READY if report.verdict == "ready" else ExitCode.NOT_READY


_NO_SITE = "what should I check? Give a URL (cxcheck check https://...) or --serve DIR"


def with_site(config: Config, stack: ExitStack, no_site: str = _NO_SITE) -> Config:
    """The config with a checked start URL, serving the folder first when asked to;
    `no_site` is the error when neither is given."""
    site = config.site
    if site.url and site.serve:
        raise UsageError("give a URL or --serve DIR, not both")
    if site.serve:
        served = stack.enter_context(serve_folder(site.serve))
        # A folder served with tls = true uses our own self-signed certificate.
        trust = {"ignore_https_errors": True} if served.self_signed else {}
        return with_overrides(config, {"site": {"url": served.url, "serve": ""}, "crawl": trust})
    if not site.url:
        raise UsageError(no_site)
    return with_overrides(config, {"site": {"url": validate_site_url(site.url)}})


@contextmanager
def progress_display(console: Console, quiet: bool, mask: Mask = NO_MASK) -> Iterator[app.Progress]:
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
        console.print(Text(f"Checking {mask.text(url)} with {chosen}", style="dim"))

    def page_done(done: int, queued: int, url: str) -> None:
        # Masked before it is cut: half a secret is no longer recognisable as one.
        shown = mask.text(url)[-60:]
        bar.update(task, completed=done, total=done + queued, description=shown)

    def finishing() -> None:
        bar.update(task, description="links to other sites, files no page loaded, click probe")

    with bar:
        yield app.Progress(started, page_done, finishing, journey_line(console, quiet))


def journey_line(console: Console, quiet: bool) -> Any:
    def done(result: JourneyResult) -> None:
        if quiet:
            return
        mark = {"passed": "[green]✓[/]", "too_slow": "[yellow]⚠ too slow[/]"}.get(
            result.status, "[red]✗[/]"
        )
        seconds = result.duration_ms / 1000
        console.print(f"{mark} {escape(result.name)} ({escape(result.file)}, {seconds:.1f} s)")

    return done
