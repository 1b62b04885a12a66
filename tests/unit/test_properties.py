"""Property tests: bad input gives a result or a clean error, never a crash (issue 10).

Each property feeds one entry point arbitrary and structured input and accepts only the
documented outcomes: a value, or the function's own clean error (a `CxError` subclass).
Any other exception is a bug. Runs are derandomized so CI sees the same examples each time.
"""

from __future__ import annotations

import copy
import json
import math
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cxcheck.config import SECTIONS, Config, load_config, parse_config, validate_site_url
from cxcheck.errors import ConfigError, UsageError
from cxcheck.journeys.language.headers import HEADERS
from cxcheck.journeys.language.model import Journey
from cxcheck.journeys.language.modifiers import MODIFIERS
from cxcheck.journeys.language.parser import JourneyParseError, parse_text
from cxcheck.journeys.language.verbs import STEPS, VERBS
from cxcheck.options import option_fields
from cxcheck.report import json_report
from cxcheck.report.model import Report
from cxcheck.report.triage import Baseline, load_baseline
from cxcheck.urls import normalize_url

FAST = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
SOME = settings(FAST, max_examples=60)

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "shop-report.json"
REPORT_DATA: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
# One folder for the whole module: `Run "..."` in generated journeys resolves here, where
# there is nothing to read, and each example writes its bytes to a file here.
SCRATCH = Path(tempfile.mkdtemp(prefix="cxcheck-properties-"))


def _write(name: str, content: bytes) -> Path:
    path = SCRATCH / name
    path.write_bytes(content)
    return path


# ---------------------------------------------------------------- journeys

FILE = "x.journey"
ENVIRON = {"SHOP_TEST_CARD": "4242", "PASSWORD": "secret"}


def _words_of(pattern: str) -> list[str]:
    return [w for w in re.split(r"[\s\"<>\[\]{}()]+", pattern) if w]


SENTENCES = [*STEPS, *MODIFIERS]
EXAMPLES = [s.example for s in SENTENCES] + [h.example for h in HEADERS]
WORDS = sorted(
    {w for s in SENTENCES for w in _words_of(s.pattern) + _words_of(s.example)}
    | {h.key for h in HEADERS}
    | {"Given", "When", "Then", "And", "But", "Run", "Remember", "as", "in", "within"}
)
PUNCTUATION = ['"', "“", "”", "„", "'", "‘", "’", "(", ")", "{", "}", "{{", "}}", "#", ":", ","]
ODD = ["{secret:SHOP_TEST_CARD}", "{secret:}", "{secret:NOPE}", "{email}", "{random email}"]
ODD += ["seconds", "3", "0", "-1", "1e309", "nan", "∞", "é", "日本語", "🙂", "\u200b", "\ufeff"]
ODD += ["\t", "\x00", "\u2028", 'Run "x.journey"', 'Run "../nope.journey"', "Timeout:"]

token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(ODD),
    st.text(max_size=8),
)
structured_line = st.one_of(
    st.sampled_from(EXAMPLES),
    st.lists(token, max_size=12).map(" ".join),
    st.lists(token, max_size=12).map("".join),
    st.tuples(st.sampled_from(EXAMPLES), token, st.sampled_from(EXAMPLES)).map(" ".join),
    st.builds(lambda word, n: f"{word} " + "x" * n, st.sampled_from(WORDS), st.integers(0, 5000)),
)
structured_text = st.lists(structured_line, max_size=15).map("\n".join)


def _check_journey(text: str) -> None:
    try:
        journey = parse_text(text, FILE, environ=ENVIRON, base_dir=SCRATCH)
    except JourneyParseError as error:
        assert error.problems
        line_count = len(text.removeprefix("\ufeff").splitlines())
        for problem in error.problems:
            assert problem.line >= 0
            if problem.file == FILE:
                assert problem.line <= line_count, (problem, line_count)
            assert problem.file in str(problem)
        assert any(p.file == FILE for p in error.problems)
        assert FILE in str(error)
    else:
        assert isinstance(journey, Journey)
        assert journey.steps


@FAST
@given(st.text(max_size=400))
@example('Open "/"\n\u2028Click')  # a line separator splitlines() counts
def test_any_text_is_a_journey_or_a_parse_error(text: str) -> None:
    _check_journey(text)


@FAST
@given(structured_text)
@example('Open "/"\nRun "x.journey"')  # a journey that runs itself
@example('Timeout: 1e309 seconds\nOpen "/" (within 1e309 seconds)')
def test_vocabulary_text_is_a_journey_or_a_parse_error(text: str) -> None:
    _check_journey(text)


def test_every_example_in_the_vocabulary_still_parses_in_context() -> None:
    # The structured strategy leans on these: they must be meaningful input.
    for sentence in (form for entry in VERBS for form in entry.forms):
        if "{" not in sentence.example:
            parse_text(f'Open "/"\n{sentence.example}', FILE, environ=ENVIRON, base_dir=SCRATCH)


# ---------------------------------------------------------------- config

OPTION_NAMES = sorted({f.name for cls in SECTIONS.values() for f in option_fields(cls)})
IGNORE_KEYS = ["reason", "check", "rule", "url", "selector", "message", "line"]
key = st.one_of(
    st.sampled_from(OPTION_NAMES),
    st.sampled_from(IGNORE_KEYS),
    st.sampled_from([*SECTIONS, "ignore"]),
    st.text(max_size=6),
)
scalar = st.one_of(
    st.text(max_size=10),
    st.sampled_from(["desktop", "mobile", "major", "blocker", "failed", "all", "/shop/*"]),
    st.integers(),
    st.integers(-3, 3),
    st.floats(),
    st.booleans(),
)
value = st.recursive(
    scalar,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(key, children, max_size=4),
    max_leaves=12,
)
section_table = st.dictionaries(key, value, max_size=5)
config_data = st.dictionaries(
    st.one_of(st.sampled_from(list(SECTIONS)), st.just("ignore"), st.text(max_size=6)),
    st.one_of(section_table, st.lists(section_table, max_size=3), value),
    max_size=4,
)


def _toml_text(data: dict[str, Any]) -> str:
    """Section headers and `key = ` lines, enough for the error's line search."""
    lines: list[str] = []
    for name, table in data.items():
        lines.append(f"[[{name}]]" if isinstance(table, list) else f"[{name}]")
        if isinstance(table, dict):
            lines.extend(f"{k} = {v!r}" for k, v in table.items())
    return "\n".join(lines)


@FAST
@given(config_data)
@example({"crawl": {"max_pages": float("nan")}})
@example({"crawl": {"page_timeout_s": float("nan")}})
@example({"ignore": [{"reason": "x", "url": "/a"}, {"check": "c"}]})
@example({"checks": {"accessibility": {"x": 1}, "only": "a"}})
def test_any_config_data_is_a_config_or_a_config_error(data: dict[str, Any]) -> None:
    try:
        config = parse_config(data, "cxcheck.toml", _toml_text(data))
    except ConfigError as error:
        assert str(error).startswith("cxcheck.toml")
    else:
        assert isinstance(config, Config)


toml_like = st.lists(
    st.one_of(
        st.sampled_from([f"[{s}]" for s in SECTIONS] + ["[[ignore]]", "[checks.accessibility]"]),
        st.builds(
            lambda k, v: f"{k} = {v}",
            st.sampled_from(OPTION_NAMES),
            st.sampled_from(
                ['"x"', "1", "-1", "0.5", "true", "[]", '["a", 1]', "{}", "inf", "nan"]
            ),
        ),
        st.text(max_size=20),
    ),
    max_size=10,
).map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass"))


@FAST
@given(st.one_of(st.binary(max_size=300), toml_like))
@example(b"\xff\xfe")
@example(b"[crawl]\nmax_pages = 1e400\n")
def test_any_config_file_is_a_config_or_a_config_error(content: bytes) -> None:
    path = _write("cxcheck.toml", content)
    try:
        assert isinstance(load_config(path), Config)
    except ConfigError as error:
        assert str(path) in str(error)


# ---------------------------------------------------------------- URLs

url_part = st.text(
    alphabet=st.sampled_from([*"abcXYZ019-._~:/?#[]@!$&'()*+,;=% ", "é", "\t", "\n"]),
    max_size=12,
)
url_like = st.builds(
    lambda scheme, user, host, port, path, query, fragment: (
        f"{scheme}{user}{host}{port}{path}{query}{fragment}"
    ),
    st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "", "//", "http:", "mailto:"]),
    st.sampled_from(["", "user@", "u:p@", ":@", "@"]),
    st.one_of(
        st.sampled_from(["example.com", "EXAMPLE.com", "127.0.0.1", "[::1]", "[::1", "[v1.x]"]),
        url_part,
    ),
    st.one_of(st.sampled_from(["", ":80", ":443", ":0", ":65536", ":-1", ":x", ":"]), url_part),
    st.one_of(st.sampled_from(["", "/", "/a/../b", "/%zz", "/é"]), url_part),
    st.one_of(st.sampled_from(["", "?", "?utm_source=x&a=1", "?a&&b=", "?%75tm_x=1"]), url_part),
    st.sampled_from(["", "#", "#top"]),
)
any_url = st.one_of(st.text(max_size=60), url_like)
strip_params = st.sampled_from([(), ("utm_*", "fbclid"), ("*",), ("[",)])


@FAST
@given(any_url, strip_params)
@example("http://[::1]:8080/a?b#c", ("utm_*",))
@example("http://u:p@Example.COM:80", ())
@example("http://@example.com/", ())
@example("http://:@example.com/", ())
@example("HTTP://0/ #", ())  # was "http://0/ ", then "http://0/": space before a fragment
def test_normalize_url_never_raises_and_is_idempotent(url: str, strip: tuple[str, ...]) -> None:
    normal = normalize_url(url, strip)
    assert normal is None or isinstance(normal, str)
    if normal is not None:
        assert normalize_url(normal, strip) == normal


@FAST
@given(any_url)
@example("http://[::1")
@example("http://example.com:99999")
@example("example.com:8080")
def test_validate_site_url_is_a_url_or_a_usage_error(url: str) -> None:
    try:
        assert isinstance(validate_site_url(url), str)
    except UsageError as error:
        assert "invalid URL" in str(error)


# ---------------------------------------------------------------- JSON reports and baselines

leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # inf and nan too: json writes Infinity and NaN, and reads them back
    st.text(max_size=10),
    st.sampled_from(["", "major", "blocker", "2026-11-30T00:32:06+00:00", "http://h/"]),
    st.just([]),
    st.just({}),
    st.lists(st.integers(), max_size=2),
)


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in `node` (dict keys and list indexes)."""
    found = [here]
    if isinstance(node, dict):
        for k, v in node.items():
            found.extend(_paths(v, (*here, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node[:3]):  # the first few items of a list are enough
            found.extend(_paths(v, (*here, i)))
    return found


REPORT_PATHS = _paths(REPORT_DATA)[1:]


def _mutate(data: Any, draw: Any, paths: list[tuple[Any, ...]]) -> Any:
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(paths))
        parent = data
        try:
            for step in path[:-1]:
                parent = parent[step]
            last = path[-1]
            if draw(st.booleans()) and isinstance(parent, dict):
                del parent[last]
            else:
                parent[last] = draw(leaf)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation changed the way there
    return data


def _dump(data: Any) -> bytes:
    return json.dumps(data, allow_nan=True).encode()


@st.composite
def mutated_report(draw: Any) -> bytes:
    return _dump(_mutate(REPORT_DATA, draw, REPORT_PATHS))


def _check_report(content: bytes) -> None:
    path = _write("report.json", content)
    try:
        assert isinstance(json_report.load(path), Report)
    except UsageError as error:
        assert str(path) in str(error)


@SOME
@given(st.binary(max_size=300))
@example(b"[" * 100_000)
@example(b"\xef\xbb\xbf{}")
def test_any_bytes_are_a_report_or_a_usage_error(content: bytes) -> None:
    _check_report(content)


@SOME
@given(mutated_report())
@example(_dump({**REPORT_DATA, "pages": [{"url": "http://h/", "status": 200, "depth": math.inf}]}))
@example(_dump({**REPORT_DATA, "skipped": {"x": math.nan}}))
@example(_dump({**REPORT_DATA, "started": 12}))
def test_mutated_reports_are_a_report_or_a_usage_error(content: bytes) -> None:
    _check_report(content)


BASELINE_DATA: dict[str, Any] = {
    "kind": "cxcheck-baseline",
    "schema": 1,
    "site": "http://h/",
    "saved": "2026-11-30T00:40:00+00:00",
    "from_report_started": "2026-11-30T00:32:06+00:00",
    "problems": [
        {"fingerprint": "ab12", "check": "page-health", "rule": "http-error"},
        {"fingerprint": "cd34", "check": "accessibility", "rule": "x", "severity": "major"},
    ],
}
BASELINE_PATHS = _paths(BASELINE_DATA)[1:]


@st.composite
def mutated_baseline(draw: Any) -> bytes:
    return _dump(_mutate(BASELINE_DATA, draw, BASELINE_PATHS))


@SOME
@given(st.one_of(st.binary(max_size=200), mutated_baseline()), st.sampled_from(["http://h/", ""]))
@example(_dump({**BASELINE_DATA, "site": "http://[::1"}), "http://h/")
@example(_dump(BASELINE_DATA), "http://[::1")
@example(b"[" * 100_000, "http://h/")
def test_any_baseline_is_a_baseline_or_a_usage_error(content: bytes, site: str) -> None:
    path = _write("baseline.json", content)
    try:
        assert isinstance(load_baseline(str(path), site), Baseline)
    except UsageError as error:
        assert str(path) in str(error)
