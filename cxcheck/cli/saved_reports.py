"""`cxcheck report` (re-render a saved JSON report), `cxcheck merge` (join shard reports) and
`cxcheck baseline save`."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from cxcheck.cli.options import (
    HtmlOption,
    JsonOption,
    JunitOption,
    MarkdownOption,
    SarifOption,
    outputs_asked,
)
from cxcheck.config import ReportConfig
from cxcheck.config_sections import BASELINE_FILE
from cxcheck.errors import ExitCode, UsageError
from cxcheck.findings import Severity

if TYPE_CHECKING:  # the reports' modules load when a command runs, not with --help
    from cxcheck.report.model import Report

JudgeAgainOption = Annotated[
    str | None,
    typer.Option(
        help="Judge again at this threshold: blocker, major, minor, info.", metavar="SEVERITY"
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Only the verdict line and errors.")
]


def rerender(
    report_path: Annotated[
        str, typer.Argument(help="A JSON report cxcheck wrote.", metavar="JSON")
    ],
    json_path: JsonOption = None,
    html_path: HtmlOption = None,
    junit_path: JunitOption = None,
    sarif_path: SarifOption = None,
    markdown_path: MarkdownOption = None,
    fail_on: JudgeAgainOption = None,
    quiet: QuietOption = False,
) -> int:
    """Show a saved JSON report again and write it in other formats, without crawling.

    Exits as `check` would for that report: 0 ready, 1 not ready.

    * `cxcheck report report.json --html report.html --junit junit.xml`
    * `cxcheck report report.json --fail-on minor --markdown summary.md`
    """
    from cxcheck.report import json_report

    targets = _targets(
        outputs_asked(
            json=json_path,
            html=html_path,
            junit=junit_path,
            sarif=sarif_path,
            markdown=markdown_path,
        )
    )
    return _show(json_report.load(report_path), targets, fail_on, quiet)


def merge(
    report_paths: Annotated[
        list[str],
        typer.Argument(help="JSON reports of `cxcheck check --shard i/n`.", metavar="JSON"),
    ],
    json_path: JsonOption = None,
    html_path: HtmlOption = None,
    junit_path: JunitOption = None,
    sarif_path: SarifOption = None,
    markdown_path: MarkdownOption = None,
    fail_on: JudgeAgainOption = None,
    quiet: QuietOption = False,
) -> int:
    """Join shard reports into one report with one verdict.

    Pages and findings are unions (a problem seen in two shards is one finding with both
    pages); a shard missing from the split makes the report incomplete. Exits as `check`
    would: 0 ready, 1 not ready.

    * `cxcheck merge shard-*.json --json all.json --html report.html`
    """
    from cxcheck.report import json_report
    from cxcheck.report.merge import merge as merged

    targets = _targets(
        outputs_asked(
            json=json_path,
            html=html_path,
            junit=junit_path,
            sarif=sarif_path,
            markdown=markdown_path,
        )
    )
    report = merged([json_report.load(path) for path in report_paths], report_paths)
    return _show(report, targets, fail_on, quiet)


def _targets(asked: dict[str, str | None]) -> dict[str, str]:
    """The formats asked for and their paths, checked writable before anything is read."""
    from cxcheck.report import outputs

    given: dict[str, Any] = {k: v for k, v in asked.items() if v}
    targets = ReportConfig(**given).outputs()
    outputs.ensure_writable(targets)
    return targets


def _show(report: Report, targets: dict[str, str], fail_on: str | None, quiet: bool) -> int:
    """Judge at `fail_on` if given, write the asked formats, show it; the exit code."""
    from cxcheck.cli.running import exit_code, show

    if fail_on:
        try:
            report = replace(report, fail_on=Severity.parse(fail_on))
        except ValueError as error:
            raise UsageError(f"--fail-on: {error}") from None
    show(report, targets, quiet, Console())
    return exit_code(report)


baseline_cli = typer.Typer(
    help="Accept today's findings so CI fails only on new ones.", no_args_is_help=True
)


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
    from cxcheck.report import json_report, outputs
    from cxcheck.report.triage import baseline_data

    report = json_report.load(report_path)
    outputs.ensure_writable({"baseline": output})
    data = baseline_data(report)
    Path(output).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    count = len(data["problems"])  # type: ignore[arg-type]
    Console().print(f"wrote {output}: {count} known finding{'s' if count != 1 else ''}")
    return ExitCode.READY
