"""What a command needs around a run: the config's site (serving a folder), the checks, the
journeys parsed before a browser starts, the secrets' mask, writing the reports and turning
the verdict into an exit code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from cxcheck.config import Config, validate_site_url, with_overrides
from cxcheck.config_sections import BASELINE_FILE
from cxcheck.errors import ExitCode, UsageError
from cxcheck.journeys.devices import device_problem, playwright_device_names
from cxcheck.journeys.language.model import Journey
from cxcheck.journeys.language.parser import Checks, load_journeys
from cxcheck.masking import NO_MASK, Mask, masked_console, run_secrets
from cxcheck.run.signin import environment

if TYPE_CHECKING:  # what a run loads (Playwright among it) loads when a command runs
    from cxcheck import app
    from cxcheck.plugins import LoadedCheck
    from cxcheck.report.model import Report
    from cxcheck.report.triage import Baseline


def checks_of(config: Config) -> list[LoadedCheck]:
    """The checks the config enables, built with their options."""
    from cxcheck.plugins import load_checks

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


@dataclass(frozen=True)
class AfterRun:
    """What a command asks of the end of its run: the findings to set aside or compare with,
    and what the terminal shows."""

    quiet: bool = False  # only the verdict line
    mask: Mask = NO_MASK
    baseline: Baseline | None = None  # known findings that do not fail the run
    previous: Report | None = None  # --compare's earlier report...
    previous_label: str = ""  # ...and its path
    timings: bool = False  # --timings: where the time went, after the summary
    journeys_first: bool = False  # `journey run`: the journeys lead the summary
    findings_decide: bool = True  # False: only the journeys decide the verdict


def finish(outcome: app.Outcome, config: Config, after: AfterRun) -> int:
    """After a run: set findings aside (ignores, baseline, --compare), write the reports,
    show the summary (and --timings), and say how the run ended as an exit code."""
    from cxcheck.cli.progress import show_timings
    from cxcheck.report.triage import triage

    report = triage(
        outcome.report, config.ignore, after.baseline, after.previous, after.previous_label
    )
    if not after.findings_decide:
        report = replace(report, findings_decide=False)
    code = _ended(outcome, report, config.report.outputs(), after)
    if after.timings:
        run = outcome.report
        show_timings(outcome.timings, len(run.pages), run.duration_s, Console())
    return code


def _ended(outcome: app.Outcome, report: Report, targets: dict[str, str], after: AfterRun) -> int:
    """Write the reports, show the summary, and say how the run ended as an exit code."""
    how = "terminated" if outcome.terminated else "interrupted"
    if outcome.interrupted and not (report.pages or report.journeys):
        # Stopped before a page was read: a report of nothing would say "ready".
        Console(stderr=True).print(f"{how} before any page was checked: no report written")
    else:
        mask = after.mask
        show(mask.data(report), targets, after.quiet, Console(), mask, after.journeys_first)
    if outcome.interrupted and (report.pages or report.journeys):
        Console(stderr=True).print(f"{how}: the report covers what was done so far")
    if outcome.terminated:  # SIGTERM, even if it came once the pages were all done
        return ExitCode.TERMINATED
    if outcome.interrupted:
        return ExitCode.INTERRUPTED
    return exit_code(report)


def journey_plan(config: Config, paths: Sequence[str], crawl: bool) -> app.JourneyPlan:
    """Every journey of the run, parsed and validated now, before a browser starts: their
    sentences, secrets (set in the environment) and screens (`Viewport:`, `--device`)."""
    from cxcheck import app

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


def parse_journeys(
    config: Config, paths: Sequence[str], environ: Mapping[str, str], checks: Checks | None = None
) -> list[Journey]:
    """Every journey in `paths`, validated before any browser starts (JourneyParseError)."""
    return load_journeys(paths, variables=set(config.journeys.vars), environ=environ, checks=checks)


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
    from cxcheck.report.triage import load_baseline

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
    from cxcheck.report import outputs, terminal
    from cxcheck.report.model import plural

    written = outputs.write_outputs(report, targets, Path.cwd(), mask)
    if quiet:
        counts = f"{len(report.blocking)} blocking, {plural(len(report.findings), 'finding')}"
        out.print(f"{report.verdict}: {counts}, {plural(len(report.pages), 'page')}")
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
        from cxcheck.serve import serve_folder

        served = stack.enter_context(serve_folder(site.serve))
        # A folder served with tls = true uses our own self-signed certificate.
        trust = {"ignore_https_errors": True} if served.self_signed else {}
        return with_overrides(config, {"site": {"url": served.url, "serve": ""}, "crawl": trust})
    if not site.url:
        raise UsageError(no_site)
    return with_overrides(config, {"site": {"url": validate_site_url(site.url)}})
