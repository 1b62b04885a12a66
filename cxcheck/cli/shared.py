"""A run shared by many machines through a queue: `cxcheck check URL --queue ... --run ID` on
each worker (the worker side of `check` is here), and `cxcheck collect`, which joins as the
last worker and writes the one report (cxcheck/queue/, docs/scale.md)."""

from __future__ import annotations

import asyncio
from contextlib import ExitStack
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from cxcheck.cli.options import (
    FailOnOption,
    HtmlOption,
    JsonOption,
    JunitOption,
    MarkdownOption,
    SarifOption,
    outputs_asked,
)
from cxcheck.config import Config, with_overrides
from cxcheck.errors import ExitCode, UsageError
from cxcheck.interrupts import loading
from cxcheck.queue import DEFAULT_LEASE_S, DEFAULT_WAIT_S

if TYPE_CHECKING:  # a run's modules load when a command runs, not with --help (bench/startup.py)
    from cxcheck.queue.worker import QueueOptions

QueueOption = Annotated[
    str | None,
    typer.Option(
        help="Share the run with other workers through this Redis (or Valkey) server, e.g. "
        "redis://ci-redis:6379/0; every worker gives the same --run, and `cxcheck collect` "
        "writes the report.",
        metavar="URL",
    ),
]
RunOption = Annotated[
    str | None,
    typer.Option("--run", help="The shared run's name, e.g. the CI pipeline's id.", metavar="ID"),
]
LeaseOption = Annotated[
    float | None,
    typer.Option(
        help="With --queue: seconds a worker may go silent before the pages it took go to "
        f"the others [default: {DEFAULT_LEASE_S:g}].",
        metavar="SECONDS",
    ),
]

WorkerOption = Annotated[
    str | None,
    typer.Option(
        "--worker",
        help="With --queue: this worker's name in the report's notes, e.g. the CI job's "
        "[default: host-pid-random].",
        metavar="NAME",
    ),
]


def queue_options(
    queue: str | None,
    run_id: str | None,
    lease: float | None,
    wait: float | None = None,
    name: str | None = None,
) -> QueueOptions | None:
    """`--queue` and `--run` together (or neither)."""
    if queue is None and run_id is None:
        if lease is not None or name is not None:
            raise UsageError("--lease and --worker go with --queue URL --run ID")
        return None
    if not queue or not run_id:
        raise UsageError("a shared run needs both --queue URL and --run ID")
    from cxcheck.queue.worker import QueueOptions

    return QueueOptions(
        queue,
        run_id,
        DEFAULT_LEASE_S if lease is None else lease,
        DEFAULT_WAIT_S if wait is None else wait,
        **({"worker": name} if name else {}),
    )


def refuse_for_workers(config: Config, **flags: object) -> None:
    """Flags a worker of a shared run cannot take: its findings are reported by collect
    (report files named in cxcheck.toml are left to collect, which reads the same config)."""
    given = [f"--{name.replace('_', '-')}" for name, value in flags.items() if value]
    if config.site.serve:
        given.append("--serve (serve the site once and give every worker its URL)")
    if given:
        raise UsageError(
            f"with --queue, {', '.join(given)} belong to `cxcheck collect`, which writes the "
            "one report of the run"
        )


def work(config: Config, options: QueueOptions, quiet: bool, timings: bool) -> int:
    """This machine's share of the run; the report is `cxcheck collect`'s."""
    with loading():  # Ctrl-C while Playwright loads: one line, exit 130
        from cxcheck import app
    from cxcheck.cli.progress import progress_display, show_timings
    from cxcheck.cli.running import checks_of, guard_secrets, journey_plan
    from cxcheck.queue.store import shown
    from cxcheck.report.model import plural

    with ExitStack() as stack:
        guard_secrets(stack, config)
        checks = checks_of(config)
        plan = journey_plan(config, config.journeys.paths, crawl=True)  # checked here, run once
        mask = guard_secrets(stack, config, plan)
        err = Console(stderr=True)
        worker_plan = app.JourneyPlan((), plan.sign_in, crawl=True)
        with progress_display(err, quiet, mask) as progress:
            outcome = app.run_worker(config, checks, progress, worker_plan, options)
        pages = plural(outcome.pages, "page")
        where = f"run {options.run_id!r} on {shown(options.url)}"
        if outcome.interrupted:
            how = "terminated" if outcome.terminated else "interrupted"
            err.print(f"{how}: the pages this worker took went back to the queue of {where}")
            return ExitCode.TERMINATED if outcome.terminated else ExitCode.INTERRUPTED
        if not outcome.handed_over:
            err.print(f"this worker was counted lost by {where}: other workers checked its pages")
        else:
            Console().print(
                f"worker {options.worker}: {pages} checked for {where}; "
                f"`cxcheck collect --queue URL --run {options.run_id}` writes the report",
                highlight=False,
            )
        if timings:
            show_timings(outcome.timings, outcome.pages, outcome.duration_s, Console())
    return ExitCode.READY


def collect(
    queue: QueueOption = None,
    run_id: RunOption = None,
    json_path: JsonOption = None,
    html_path: HtmlOption = None,
    junit_path: JunitOption = None,
    sarif_path: SarifOption = None,
    markdown_path: MarkdownOption = None,
    fail_on: FailOnOption = None,
    wait: Annotated[
        float | None,
        typer.Option(
            help="Wait at most this long for workers still checking pages; the report then "
            f"says whose pages are missing [default: {DEFAULT_WAIT_S:g}].",
            metavar="SECONDS",
        ),
    ] = None,
    lease: LeaseOption = None,
    baseline: Annotated[
        str | None, typer.Option(help="Known findings that do not fail the run.", metavar="PATH")
    ] = None,
    compare: Annotated[
        str | None,
        typer.Option(
            help="An earlier JSON report: what is new, fixed, still open.", metavar="PATH"
        ),
    ] = None,
    pictures: Annotated[
        bool | None,
        typer.Option("--pictures/--no-pictures", help="Pictures of findings [default: on]."),
    ] = None,
    timings: Annotated[bool, typer.Option("--timings", help="Where the time went.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only the verdict line and errors (for CI logs).")
    ] = False,
) -> int:
    """Finish a shared run and write its one report: checks what is left, waits for the
    workers, runs the site-wide checks and journeys once, gives the verdict.

    Examples:

    * on each of N runners: `cxcheck check https://staging.example.com --queue redis://ci-redis:6379/0 --run $CI_PIPELINE_ID`
    * then once: `cxcheck collect --queue redis://ci-redis:6379/0 --run $CI_PIPELINE_ID --json report.json --html report.html`
    """  # noqa: E501
    with loading():  # Ctrl-C while Playwright loads: one line, exit 130
        from cxcheck import app
    from cxcheck.cli import running
    from cxcheck.cli.progress import progress_display
    from cxcheck.cli.running import baseline_for, checks_of, guard_secrets, journey_plan
    from cxcheck.queue.worker import QueueOptions, stored_config
    from cxcheck.report import json_report, outputs

    options = queue_options(queue, run_id, lease, wait)
    if options is None:
        raise UsageError("collect needs --queue URL and --run ID: the run to collect")
    options = QueueOptions(options.url, options.run_id, options.lease_s, options.wait_s,
                           worker=f"collect-{options.worker}")  # fmt: skip
    config = asyncio.run(stored_config(options))
    config = with_overrides(
        config,
        {
            "report": {
                "fail_on": fail_on,
                "baseline": baseline,
                **outputs_asked(
                    json=json_path,
                    html=html_path,
                    junit=junit_path,
                    sarif=sarif_path,
                    markdown=markdown_path,
                ),
            },
            "pictures": {"enabled": pictures},
        },
    )
    with ExitStack() as stack:
        guard_secrets(stack, config)
        checks = checks_of(config)
        outputs.ensure_writable(config.report.outputs())
        previous = json_report.load(compare) if compare else None
        plan = journey_plan(config, config.journeys.paths, crawl=True)
        mask = guard_secrets(stack, config, plan)
        known = baseline_for(config.report.baseline, config.site.url)
        with progress_display(Console(stderr=True), quiet, mask) as progress:
            outcome = app.run_collect(config, checks, progress, plan, options)
        after = running.AfterRun(quiet, mask, known, previous, compare or "", timings)
        return running.finish(outcome, config, after)
