"""`cxcheck check`: crawl a site, run every enabled check on every page, give the verdict."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer

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
from cxcheck.cli.shared import (
    LeaseOption,
    QueueOption,
    RunOption,
    WorkerOption,
    queue_options,
    refuse_for_workers,
    work,
)
from cxcheck.config_sections import BASELINE_FILE
from cxcheck.interrupts import loading


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
            "shards' JSON reports with `cxcheck merge`. Each shard still loads every page: "
            "--queue shares the loading too.",
            metavar="i/n",
        ),
    ] = None,
    queue: QueueOption = None,
    run_id: RunOption = None,
    lease: LeaseOption = None,
    worker: WorkerOption = None,
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
    render: Annotated[
        str | None,
        typer.Option(
            help="always: render every page in the browser. auto: read pages whose HTML "
            "carries no script from that HTML, without the browser (many times faster; no "
            "page timings, CSS-hidden or CSS-styled elements unknown): used only when every "
            "check in the run can work on such pages (dead-navigation, under-construction, "
            "page-health) [default: always].",
            metavar="MODE",
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
    fail_on: FailOnOption = None,
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
    pictures: Annotated[
        bool | None,
        typer.Option(
            "--pictures/--no-pictures",
            help="After the crawl, re-open the pages of findings that block launch (and the "
            "most seen others) for pictures of them in the reports [default: on].",
        ),
    ] = None,
    picture_pages: Annotated[
        int | None,
        typer.Option(
            help="Re-open at most this many pages for pictures [default: 40].", metavar="N"
        ),
    ] = None,
    picture_time: Annotated[
        float | None,
        typer.Option(
            help="Stop taking pictures after this many seconds [default: 60].", metavar="SECONDS"
        ),
    ] = None,
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
    * `cxcheck check URL --queue redis://ci-redis:6379/0 --run $CI_PIPELINE_ID` on many
      runners, then `cxcheck collect` once (docs/scale.md)
    """
    # The run's modules (Playwright, the checks, the reports) load here, not with the command
    # line: --help and usage errors answer without them (bench/startup.py).
    from rich.console import Console

    with loading():  # Ctrl-C while Playwright loads: one line, exit 130
        from cxcheck import app
    from cxcheck.cli.progress import progress_display
    from cxcheck.cli.running import (
        AfterRun,
        baseline_for,
        checks_of,
        finish,
        guard_secrets,
        journey_plan,
        vars_from,
        with_site,
    )
    from cxcheck.config import find_config_file, load_config, with_overrides
    from cxcheck.report import json_report, outputs

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
                "render": render,
                "click_probe": click_probe or None,
            },
            "browser": {"path": browser_path, "endpoint": browser_endpoint},
            "report": {
                "fail_on": fail_on,
                **outputs_asked(
                    json=json_path,
                    html=html_path,
                    junit=junit_path,
                    sarif=sarif_path,
                    markdown=markdown_path,
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
            "pictures": {
                "enabled": pictures,
                "max_pages": picture_pages,
                "time_budget_s": picture_time,
            },
        },
    )
    shared = queue_options(queue, run_id, lease, name=worker)
    if shared is not None:  # a worker of a run many machines share
        refuse_for_workers(
            config, json=json_path, html=html_path, junit=junit_path, sarif=sarif_path,
            markdown=markdown_path, shard=shard, baseline=baseline, compare=compare,
            no_baseline=no_baseline,
        )  # fmt: skip
        return work(with_site(config, ExitStack()), shared, quiet, timings)
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
        after = AfterRun(quiet, mask, known, previous, compare or "", timings)
        return finish(outcome, config, after)
