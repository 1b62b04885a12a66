"""The check loader: one door (the `cxcheck.checks` entry-point group) for built-in and
third-party checks, plus local files from --checks-dir; and running them, a check that
raises becoming a finding of its own. The contract they follow is cxcheck/contract.py.
"""

from __future__ import annotations

import difflib
import importlib.util
import inspect
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any, cast

from cxcheck.captures import PAGE_CAPTURES, REQUEST_TYPES, CaptureRequest, RemeasureRequest
from cxcheck.contract import CheckContext, Remeasures
from cxcheck.errors import ConfigError, PluginError, UsageError
from cxcheck.findings import Finding, Severity
from cxcheck.options import OptionError, build_options
from cxcheck.snapshot import PageSnapshot, SiteSnapshot

ENTRY_POINT_GROUP = "cxcheck.checks"
CHECK_ERROR_RULE = "check-error"


@dataclass(frozen=True)
class CheckClass:
    """A check class as found, before it is built with options."""

    name: str
    origin: str  # "built-in", "package <dist>", "local <file>"
    cls: type[Any]


@dataclass(frozen=True)
class LoadedCheck:
    """A built check, ready to run, with the severities the config overrides."""

    name: str
    origin: str
    description: str
    check: Any
    severity_overrides: Mapping[str, Severity] = field(default_factory=dict)


def discover(checks_dir: str = "") -> list[CheckClass]:
    """Every check class: entry points first, then local files; a clash or a bad file fails."""
    found: dict[str, CheckClass] = {}
    for item in [*_from_entry_points(), *_from_folder(checks_dir)]:
        if item.name in found:
            raise PluginError(
                f'two checks are named "{item.name}": {found[item.name].origin} and {item.origin}'
            )
        found[item.name] = item
    return sorted(found.values(), key=lambda c: c.name)


def _from_entry_points() -> Iterable[CheckClass]:
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        cls = _load_entry_point(entry)
        _validate_class(cls, f'entry point "{entry.name}"')
        if cls.name != entry.name:
            raise PluginError(f'entry point "{entry.name}" loads a check named "{cls.name}"')
        yield CheckClass(cls.name, _origin_of(entry), cls)


def _load_entry_point(entry: EntryPoint) -> type[Any]:
    try:
        return entry.load()
    except Exception as error:
        raise PluginError(f'check "{entry.name}" ({entry.value}) failed to load: {error}') from None


def _origin_of(entry: EntryPoint) -> str:
    dist = entry.dist.name if entry.dist else "?"
    return "built-in" if dist == "cxcheck" else f"package {dist}"


def _from_folder(folder: str) -> Iterable[CheckClass]:
    if not folder:
        return
    path = Path(folder)
    if not path.is_dir():
        raise UsageError(f"--checks-dir {folder}: no such folder")
    for file in sorted(path.glob("*.py")):
        if file.name.startswith("_"):
            continue
        module = _import_file(file)
        found: list[type[Any]] = [
            cls
            for cls in vars(module).values()
            if inspect.isclass(cls) and cls.__module__ == module.__name__ and _looks_like_check(cls)
        ]
        if not found:
            raise PluginError(
                f"{file} defines no check: a check is a class with name, description and "
                "check_page (name files that are not checks with a leading _)"
            )
        for cls in found:
            _validate_class(cls, str(file))
            yield CheckClass(cls.name, f"local {file}", cls)


def _import_file(file: Path) -> Any:
    module_name = f"cxcheck_local_checks.{file.stem}"
    spec = importlib.util.spec_from_file_location(module_name, file)
    if spec is None or spec.loader is None:
        raise PluginError(f"{file}: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:
        raise PluginError(f"{file}: failed to import: {type(error).__name__}: {error}") from None
    return module


def _looks_like_check(cls: type) -> bool:
    """Looks meant as a check; _validate_class then says what it lacks."""
    return hasattr(cls, "check_page") or isinstance(getattr(cls, "name", None), str)


def _validate_class(cls: Any, where: str) -> None:
    missing = [a for a in ("name", "description", "check_page") if not hasattr(cls, a)]
    if missing:
        raise PluginError(f"{where} is not a check: it lacks {', '.join(missing)}")
    unknown = set(getattr(cls, "needs", frozenset())) - set(REQUEST_TYPES)
    if unknown:
        known = ", ".join(sorted(REQUEST_TYPES))
        raise PluginError(
            f'check "{cls.name}" needs unknown capture {sorted(unknown)}; known: {known}'
        )


def select(
    classes: Sequence[CheckClass], only: Sequence[str], skip: Sequence[str]
) -> list[CheckClass]:
    """The checks this run uses; unknown names in --only/--skip are usage errors."""
    names = [c.name for c in classes]
    for name in [*only, *skip]:
        if name not in names:
            close = difflib.get_close_matches(name, names, n=1)
            hint = f'; did you mean "{close[0]}"?' if close else f"; loaded: {', '.join(names)}"
            raise UsageError(f'no check named "{name}"{hint}')
    chosen = [c for c in classes if (not only or c.name in only) and c.name not in skip]
    if not chosen and (only or skip):  # a run that checks nothing would say "ready"
        asked = [
            f"only {', '.join(only)}" if only else "",
            f"skip {', '.join(skip)}" if skip else "",
        ]
        raise UsageError(
            f"no check is left to run ({'; '.join(filter(None, asked))}: --only/--skip and "
            f"[checks] in the config together); checks: {', '.join(names)}"
        )
    return chosen


def load_checks(
    checks_dir: str,
    only: Sequence[str],
    skip: Sequence[str],
    options: Mapping[str, Mapping[str, Any]],
    source: str = "",
) -> list[LoadedCheck]:
    """Discover, select and build the checks of a run; every options table must name a check."""
    classes = discover(checks_dir)
    names = [c.name for c in classes]
    where = f"{source}: " if source else ""
    for name in options:
        if name not in names:
            raise ConfigError(f"{where}[checks.{name}] names no check; checks: {', '.join(names)}")
    # Every check's options are checked, also those of checks this run leaves out, so a
    # config that is wrong fails in every CI job, not only in the ones that run that check.
    built = {c.name: _build_one(c, options.get(c.name, {}), where) for c in classes}
    return [built[c.name] for c in select(classes, only, skip)]


def _build_one(item: CheckClass, table: Mapping[str, Any], where: str) -> LoadedCheck:
    table = dict(table)
    overrides = _severities(table.pop("severity", {}), item.name, where)
    known_rules: frozenset[str] = frozenset(getattr(item.cls, "rule_ids", None) or ())
    unknown = sorted(set(overrides) - set(known_rules)) if known_rules else []
    if unknown:
        raise ConfigError(
            f'{where}[checks.{item.name}] severity: unknown rule "{unknown[0]}"; '
            f"known: {', '.join(sorted(known_rules))}"
        )
    try:
        check = build_options(item.cls, table)
    except OptionError as error:
        raise ConfigError(f"{where}[checks.{item.name}] {error}") from None
    return LoadedCheck(item.name, item.origin, item.cls.description, check, overrides)


def _severities(table: Any, name: str, where: str) -> dict[str, Severity]:
    if not isinstance(table, Mapping):
        raise ConfigError(
            f'{where}[checks.{name}] severity: expected a table like {{ rule = "minor" }}'
        )
    try:
        return {rule: Severity.parse(str(value)) for rule, value in table.items()}
    except ValueError as error:
        raise ConfigError(f"{where}[checks.{name}] severity: {error}") from None


@dataclass(frozen=True)
class Captures:
    """What the run's checks ask the browser for, each capture once, as typed requests."""

    requests: Mapping[str, CaptureRequest] = field(default_factory=dict)
    remeasure_judge: Remeasures | None = None  # the check whose pages are measured again

    def __contains__(self, name: object) -> bool:
        return name in self.requests

    def switched_on(self, name: str) -> Captures:
        """These captures with `name` (when asked for) switched on for the run."""
        request = self.requests.get(name)
        if request is None or not hasattr(request, "enabled"):
            return self
        on = replace(cast(Any, request), enabled=True)  # any request with an `enabled` switch
        return replace(self, requests={**self.requests, name: on})

    def page(self) -> dict[str, CaptureRequest]:
        """The captures that run inside each loaded page, in the order they run."""
        return {n: r for n, r in self.requests.items() if n in PAGE_CAPTURES}


def capture_requests(checks: Iterable[LoadedCheck]) -> Captures:
    """Each capture the selected checks need, with the request they configure it with (the
    defaults of cxcheck/captures.py otherwise); two different requests for one capture fail."""
    requests: dict[str, CaptureRequest] = {}
    judge: Remeasures | None = None
    for loaded in checks:
        for request in _requests_of(loaded):
            if request.name in requests and requests[request.name] != request:
                raise PluginError(
                    f'two checks ask for the "{request.name}" capture with different options'
                )
            requests[request.name] = request
            if isinstance(request, RemeasureRequest):
                judge = _judge(loaded)
    ordered = {name: requests[name] for name in REQUEST_TYPES if name in requests}
    return Captures(ordered, judge)


def _requests_of(loaded: LoadedCheck) -> list[CaptureRequest]:
    check = loaded.check
    needs = sorted(getattr(check, "needs", frozenset()))
    asked = getattr(check, "capture_requests", None)
    configured = {r.name: r for r in asked()} if asked else {}
    legacy = getattr(check, "capture_options", None)  # before typed requests: a dict per need
    requests = []
    for need in needs:
        if need in configured:
            requests.append(configured[need])
        elif legacy is not None:
            requests.append(build_options(REQUEST_TYPES[need], legacy(need)))
        else:
            requests.append(REQUEST_TYPES[need]())
    unasked = set(configured) - set(needs)
    if unasked:
        raise PluginError(
            f'check "{loaded.name}" configures {sorted(unasked)} but does not list it in needs'
        )
    return requests


def _judge(loaded: LoadedCheck) -> Remeasures:
    if not isinstance(loaded.check, Remeasures):
        raise PluginError(
            f'check "{loaded.name}" needs "remeasure" but does not say which pages to measure '
            "again (worth_measuring and close_call, cxcheck/contract.py)"
        )
    return loaded.check


def run_page_checks(
    checks: Iterable[LoadedCheck], page: PageSnapshot, ctx: CheckContext
) -> list[Finding]:
    """Every check on one page; a check that raises becomes a finding and the rest go on."""
    findings: list[Finding] = []
    for loaded in checks:
        findings.extend(_guarded(loaded, page.url, lambda c=loaded.check: c.check_page(page, ctx)))
    return findings


def run_site_checks(
    checks: Iterable[LoadedCheck], site: SiteSnapshot, ctx: CheckContext
) -> list[Finding]:
    """The cross-page part of every check that has one."""
    findings: list[Finding] = []
    for loaded in checks:
        check_site = getattr(loaded.check, "check_site", None)
        if check_site is not None:
            findings.extend(_guarded(loaded, site.start_url, lambda f=check_site: f(site, ctx)))
    return findings


def _guarded(loaded: LoadedCheck, url: str, call: Any) -> list[Finding]:
    try:
        findings = list(call())
    except Exception as error:
        return [_check_error(loaded.name, url, error)]
    return [_with_override(f, loaded.severity_overrides) for f in findings]


def _check_error(name: str, url: str, error: Exception) -> Finding:
    return Finding(
        check=name,
        rule=CHECK_ERROR_RULE,
        severity=Severity.MAJOR,
        url=url,
        message=f'The "{name}" check crashed, so this page was not fully checked: '
        f"{type(error).__name__}: {error}",
        help="This is a bug in the check, not in the site; report it to the check's authors.",
        evidence=type(error).__name__,
    )


def _with_override(finding: Finding, overrides: Mapping[str, Severity]) -> Finding:
    severity = overrides.get(finding.rule)
    return replace(finding, severity=severity) if severity else finding
