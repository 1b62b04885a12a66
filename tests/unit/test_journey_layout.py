"""How the journeys code is laid out (docs/journeys-code.md), held to what that page says: the
language never needs the runner, one table of verbs drives the parser and the runner, modules
stay small, and every file a docstring names is there."""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cxcheck.journeys.language.grammar import _GRAMMAR
from cxcheck.journeys.language.modifiers import split_options, split_region
from cxcheck.journeys.language.scanner import mask, scan, split_prefix
from cxcheck.journeys.language.verbs import RUN, VERBS, Verb, VerbEntry
from cxcheck.journeys.runner.run import _Run

ROOT = Path(__file__).resolve().parents[2]
JOURNEYS = ROOT / "cxcheck" / "journeys"
PACKAGE = "cxcheck.journeys."


def _imports(folder: Path) -> dict[str, set[str]]:
    """Module file -> the cxcheck.journeys modules it imports."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        found[str(path.relative_to(ROOT))] = {n for n in names if n.startswith(PACKAGE)}
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("language", ("runner", "recording", "suite", "page_scripts")),
        ("runner", ("recording", "suite")),
        ("recording", ("runner", "suite")),
    ],
)
def test_each_part_imports_only_what_lies_below_it(
    package: str, forbidden: tuple[str, ...]
) -> None:
    wrong = {
        module: sorted(n for n in names if n.split(".")[2] in forbidden)
        for module, names in _imports(JOURNEYS / package).items()
    }
    assert {module: names for module, names in wrong.items() if names} == {}


def test_reading_journeys_loads_no_browser_code() -> None:
    probe = (
        "import sys\n"
        "import cxcheck.journeys.language.parser, cxcheck.journeys.language.suggest\n"
        "import cxcheck.journeys.language.starter\n"
        "loaded = [m for m in sys.modules if m.startswith(('playwright', "
        "'cxcheck.journeys.runner', 'cxcheck.journeys.recording'))]\n"
        "print(loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_journeys_module_is_over_400_lines() -> None:
    sizes = {
        str(p.relative_to(JOURNEYS)): len(p.read_text(encoding="utf-8").splitlines())
        for p in [*JOURNEYS.rglob("*.py"), *JOURNEYS.rglob("*.js")]
    }
    assert {name: n for name, n in sizes.items() if n > 400} == {}


# ---------------------------------------------------------------- the table of verbs


def test_every_verb_has_one_entry() -> None:
    assert [entry.verb for entry in VERBS] == list(Verb)
    assert all(entry.forms and all(form.rules for form in entry.forms) for entry in VERBS)


@pytest.mark.parametrize("entry", VERBS, ids=[entry.verb.name for entry in VERBS])
def test_every_verb_names_a_runner_method_that_does_it(entry: VerbEntry) -> None:
    method = getattr(_Run, entry.action, None)
    assert inspect.iscoroutinefunction(method), entry
    assert list(inspect.signature(method).parameters) == ["self", "step", "deadline"]


def _sentences() -> list[str]:
    """Every example of the table, and every step of every journey file in the repository."""
    texts = [form.example for entry in VERBS for form in entry.forms] + [RUN.example]
    texts += ['Press "Send message"', 'Press on "Go"', 'Press the "Enter" key', 'Type "x"']
    for path in ROOT.glob("[st]*/**/*.journey"):
        texts += path.read_text(encoding="utf-8").splitlines()
    return texts


def test_no_two_rules_match_one_sentence() -> None:
    """The order of the table is the order of the help, not a precedence: a sentence matches
    at most one rule, so moving an entry cannot change what a journey means."""
    clashes = {}
    for text in _sentences():
        line = scan(text, "", 0)
        core = split_prefix(line.normal)[1]
        if not line.balanced or not core or re.match(r"[A-Za-z ]+:", core):  # headers
            continue
        masked = mask(core)
        words, _ = split_region(split_options(masked.words)[0], masked.quoted)
        matched = [p.pattern[:40] for p, _ in _GRAMMAR if p.fullmatch(words)]
        if len(matched) > 1:
            clashes[text] = matched
    assert clashes == {}


# ---------------------------------------------------------------- docstrings


def _named_files(path: Path) -> list[str]:
    """The .py, .js and .md files a module's text names."""
    text = path.read_text(encoding="utf-8")
    return re.findall(r"(?<![\w./-])((?:[\w-]+/)*[\w-]+\.(?:py|js|md))\b", text)


@pytest.mark.parametrize(
    "path",
    sorted([*JOURNEYS.rglob("*.py"), *JOURNEYS.rglob("*.js")]),
    ids=lambda p: str(p.relative_to(JOURNEYS)),
)
def test_every_file_a_docstring_names_exists(path: Path) -> None:
    places = (path.parent, JOURNEYS, ROOT)
    missing = [n for n in _named_files(path) if not any((p / n).is_file() for p in places)]
    assert missing == []
