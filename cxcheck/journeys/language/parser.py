"""Journey files -> `Journey` objects, every line checked before a browser starts.

The language is docs/journey-language.md sections 1, 2, 3 and 5: headers, then one sentence
per line with an optional Gherkin prefix, an optional `in "<region>"` and optional
`(options)`. A line goes through four small steps: scan (comments off, quotes made straight),
mask (each quoted text becomes `"<n>"` so no keyword inside it can confuse the patterns),
split (options, region) and match against the grammar. Problems are collected for the whole
file (and the files it runs) and raised together; "Did you mean" suggestions are corrected
sentences that themselves parse.

This module reads the files (and the files they `Run`); `scanner.py` scans and masks a line,
`headers.py` reads headers, `grammar.py` says what a sentence means (from the table of verbs
in `verbs.py`), `variables.py` checks its variables and secrets, and `suggest.py` says what
to say when it means nothing.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from cxcheck.errors import CxError, ExitCode
from cxcheck.journeys.devices import DeviceNames
from cxcheck.journeys.language.grammar import Include, Trouble, understand
from cxcheck.journeys.language.headers import Headers, apply_header, header_shape, is_header
from cxcheck.journeys.language.model import Journey, ParseProblem, Step
from cxcheck.journeys.language.scanner import Line, mask, scan, split_prefix
from cxcheck.journeys.language.suggest import not_understood, unbalanced
from cxcheck.journeys.language.variables import check_variables
from cxcheck.journeys.language.verbs import Verb


class JourneyParseError(CxError):
    """One or more journey lines cannot run; `problems` lists every one of them."""

    exit_code = ExitCode.USAGE

    def __init__(self, problems: Sequence[ParseProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


# ---------------------------------------------------------------- public API


def parse_text(
    text: str,
    file: str,
    *,
    variables: Collection[str] = (),
    environ: Mapping[str, str] | None = None,
    base_dir: Path | None = None,
    checks: Checks | None = None,
) -> Journey:
    """The journey `text` describes; `file` names it in messages, `base_dir` anchors `Run`."""
    base = Path(file).parent if base_dir is None else base_dir
    reader = _Reader(
        known={name.strip() for name in variables},
        environ=os.environ if environ is None else environ,
        chain=[(base / Path(file).name).resolve()],
        checks=checks or Checks(),
    )
    headers, steps = _read(text.removeprefix("\ufeff"), file, base, reader)
    if reader.problems:
        raise JourneyParseError(reader.problems)
    return Journey(
        name=headers.name or headers.scenario or headers.feature or _name_from_file(file),
        file=file,
        steps=tuple(steps),
        start_at=headers.start_at,
        tags=headers.tags,
        timeout_s=headers.timeout_s,
        budget_s=headers.budget_s,
        viewport=headers.viewport,
    )


def parse_file(
    path: Path,
    *,
    variables: Collection[str] = (),
    environ: Mapping[str, str] | None = None,
    checks: Checks | None = None,
) -> Journey:
    """The journey in the file at `path` (messages cite the path as given)."""
    text = _read_file(path)
    if isinstance(text, ParseProblem):
        raise JourneyParseError([text])
    return parse_text(
        text, str(path), variables=variables, environ=environ, base_dir=path.parent, checks=checks
    )


def load_journeys(
    paths: Sequence[str | Path],
    *,
    variables: Collection[str] = (),
    environ: Mapping[str, str] | None = None,
    checks: Checks | None = None,
) -> list[Journey]:
    """Every journey in `paths` (files, or folders searched for *.journey), or one
    JourneyParseError listing the problems of all of them."""
    journeys: list[Journey] = []
    problems: list[ParseProblem] = []
    seen: set[Path] = set()
    for given in paths:
        files = _journey_files(Path(given))
        if isinstance(files, ParseProblem):
            problems.append(files)
            continue
        for file in files:
            if file.resolve() in seen:
                continue
            seen.add(file.resolve())
            try:
                journeys.append(
                    parse_file(file, variables=variables, environ=environ, checks=checks)
                )
            except JourneyParseError as error:
                problems.extend(error.problems)
    if problems:
        # A part that other journeys Run is also read on its own: say each problem once.
        raise JourneyParseError(list(dict.fromkeys(problems)))
    return journeys


def _journey_files(path: Path) -> list[Path] | ParseProblem:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.journey") if p.is_file())
        return files or ParseProblem(str(path), 0, "", "This folder has no .journey files.")
    if path.is_file():
        return [path]
    return ParseProblem(str(path), 0, "", "There is no file or folder with this name.")


def _read_file(path: Path) -> str | ParseProblem:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        message = "This file is not plain text (UTF-8). Save it as plain text and try again."
    except OSError as error:
        message = f"This file cannot be read ({error.strerror or error})."
    return ParseProblem(str(path), 0, "", message)


def _name_from_file(file: str) -> str:
    """'journeys/guest-checkout.journey' -> 'Guest checkout'."""
    words = " ".join(re.split(r"[-_\s]+", Path(file).stem)).strip() or "Journey"
    return words[0].upper() + words[1:]


# ---------------------------------------------------------------- reading files


@dataclass(frozen=True)
class Checks:
    """What parsing checks beyond the words: that each `{secret:NAME}` is set in the
    environment (`journey run` needs them; `journey check` does not), and the device names
    a `Viewport:` header may use (None: not checked)."""

    secrets: bool = True
    devices: DeviceNames | None = None


@dataclass
class _Reader:
    """What one parse shares across the files it reads: names known so far (they grow with
    Remember), the environment, the files being read (to spot Run cycles) and problems."""

    known: set[str]
    environ: Mapping[str, str]
    chain: list[Path]
    checks: Checks = field(default_factory=Checks)
    problems: list[ParseProblem] = field(default_factory=list)


def _read(text: str, file: str, base: Path, reader: _Reader) -> tuple[Headers, list[Step]]:
    """Headers and steps of one file; its problems go to `reader`."""
    headers = Headers()
    steps: list[Step] = []
    any_step = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = scan(raw, file, number)
        if not line.text:
            continue
        head = header_shape(line.text)
        if head and is_header(head[0].lower(), any_step):
            apply_header(headers, head, line, any_step, reader.problems, reader.checks.devices)
            continue
        any_step = True
        steps.extend(_read_step(line, base, reader))
    if not any_step:
        reader.problems.append(
            ParseProblem(file, 0, "", 'This journey has no steps. Add one, such as: Open "/".')
        )
    return headers, steps


def _read_step(line: Line, base: Path, reader: _Reader) -> list[Step]:
    """The steps one line stands for (several for `Run`); problems go to `reader`."""
    if not line.balanced:
        reader.problems.append(unbalanced(line))
        return []
    prefix, core = split_prefix(line.normal)
    understood = understand(core)
    if isinstance(understood, Trouble):
        reader.problems.append(not_understood(line, prefix, core, understood))
        return []
    checks = reader.checks
    quoted = mask(core).quoted
    problems = check_variables(line, quoted, reader.known, reader.environ, checks.secrets)
    reader.problems.extend(problems)
    if isinstance(understood, Include):
        return _include(understood.name, line, base, reader)
    step = replace(understood, file=line.file, line=line.number, text=line.text)
    if step.verb is Verb.REMEMBER:
        reader.known.add(step.value)
    return [step]


def _include(name: str, line: Line, base: Path, reader: _Reader) -> list[Step]:
    """The steps of the file `Run "<name>"` names, read with the same rules."""
    path = base / name
    if path.resolve() in reader.chain:
        circle = " → ".join([*(p.name for p in reader.chain), path.name])
        message = f'Run "{name}" goes round in a circle ({circle}): a journey cannot run itself.'
        reader.problems.append(line.problem(message))
        return []
    if not path.is_file():
        reader.problems.append(_missing_include(name, path, line))
        return []
    text = _read_file(path)
    if isinstance(text, ParseProblem):
        reader.problems.append(text)
        return []
    reader.chain.append(path.resolve())
    _, steps = _read(text.removeprefix("\ufeff"), str(path), path.parent, reader)
    reader.chain.pop()
    here = f"{line.file}:{line.number}"
    return [replace(step, run_from=(here, *step.run_from)) for step in steps]


def _missing_include(name: str, path: Path, line: Line) -> ParseProblem:
    others = {p.stem: p.name for p in path.parent.glob("*.journey")} if path.parent.is_dir() else {}
    close = difflib.get_close_matches(path.stem, others, n=1)
    suggestion = f'Run "{Path(name).parent / others[close[0]]}"' if close else ""
    return line.problem(f'Run "{name}": there is no file {path}.', suggestion)
