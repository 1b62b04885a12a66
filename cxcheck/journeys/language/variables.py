"""`{name}` variables and `{secret:NAME}` secrets in a journey's texts (docs/journey-language.md
section 5): the placeholders, the built-ins, and the checks made before a browser starts that
every variable is set and every secret's environment variable exists. Only names are read
here: a secret's value never leaves the environment."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from cxcheck.journeys.language.model import Journey, ParseProblem, Step, secret_names
from cxcheck.journeys.language.scanner import Line
from cxcheck.report.model import FailureKind as Kind

# Built-in {variables}: what each one is filled with when the journey runs.
BUILT_INS: dict[str, str] = {
    "random email": "a new email address, different on every run",
    "timestamp": "the date and time the journey started, as digits",
    "start url": "the address of the site being checked",
}

PLACEHOLDER = re.compile(r"(?<!\{)\{(\s*[A-Za-z_][\w .:-]*)\}(?!\})")  # {name}, not {{ template }}


def placeholders(text: str) -> list[str]:
    """The names inside `{...}` placeholders in `text`, as written ('secret:NAME' included).

    Text in double braces (`{{ product.price }}`, a template left on a page) is not a
    placeholder: testers check for exactly that text."""
    return [name.strip() for name in PLACEHOLDER.findall(text)]


def check_variables(
    line: Line,
    quoted: Sequence[str],
    known: Collection[str],
    environ: Mapping[str, str],
    secrets: bool = True,
) -> list[ParseProblem]:
    """A problem for each `{name}` neither given nor remembered (`known`) nor built in, and,
    when `secrets` are checked, each `{secret:NAME}` not in the environment."""
    problems: list[ParseProblem] = []
    for name in dict.fromkeys(n for text in quoted for n in placeholders(text)):
        if name.lower().startswith("secret:"):
            problems.extend(_check_secret(line, name.split(":", 1)[1].strip(), environ, secrets))
        elif " ".join(name.lower().split()) not in BUILT_INS and name not in known:
            problems.append(_unknown_variable(line, name, known))
    return problems


def _check_secret(
    line: Line, env_name: str, environ: Mapping[str, str], secrets: bool
) -> list[ParseProblem]:
    if not env_name:
        return [
            line.problem("{secret:} needs the name of an environment variable after the colon.")
        ]
    if env_name in environ or not secrets:
        return []
    return [missing_secret(line, env_name, environ)]


def unset_secrets(journeys: Sequence[Journey], environ: Mapping[str, str]) -> list[str]:
    """A note for each `{secret:NAME}` the journeys use whose variable is not set, said
    once per line that uses it (`journey check` lists them; `journey run` refuses them)."""
    notes: dict[str, None] = {}
    for journey in journeys:
        for step in journey.steps:
            texts = (step.value, step.region, step.target.name if step.target else "")
            for name in dict.fromkeys(n for text in texts for n in secret_names(text)):
                if name and name not in environ:
                    notes[_unset_note(step, name, environ)] = None
    return list(notes)


def _unset_note(step: Step, name: str, environ: Mapping[str, str]) -> str:
    note = f"{step.where} uses {{secret:{name}}}: set the environment variable {name} "
    note += "before journey run."
    close = difflib.get_close_matches(name, [n for n in environ if n.isupper()], n=1)
    if close:
        note += f" {close[0]} is set: did you mean {{secret:{close[0]}}}?"
    return note


def missing_secret(line: Line, env_name: str, environ: Mapping[str, str]) -> ParseProblem:
    """The problem for a `{secret:NAME}` whose variable is not set, with a "did you mean"
    when a variable of a close name is (names only: a value is never read)."""
    message = f"uses {{secret:{env_name}}}, but no environment variable {env_name} is set."
    close = difflib.get_close_matches(env_name, [n for n in environ if n.isupper()], n=1)
    suggestion = ""
    if close:
        message = message.removesuffix(".") + f"; {close[0]} is."
        suggestion = line.normal.replace(f"{{secret:{env_name}}}", f"{{secret:{close[0]}}}")
    problem = line.problem(message, suggestion)
    return replace(problem, place_is_subject=True, kind=Kind.MISSING_SECRET)


def _unknown_variable(line: Line, name: str, known: Collection[str]) -> ParseProblem:
    message = (
        f"uses {{{name}}}, but no variable called {name} is set. Set it under "
        f"[journeys.vars] in cxcheck.toml or with --var {name}=..., or note it first with "
        f"Remember ... as {{{name}}}."
    )
    close = difflib.get_close_matches(name, [*known, *BUILT_INS], n=1)
    suggestion = line.normal.replace(f"{{{name}}}", f"{{{close[0]}}}") if close else ""
    return line.problem(message, suggestion)
