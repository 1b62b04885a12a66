"""Config files and flags: defaults, validation and the errors people read."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cxcheck.config import (
    Config,
    CrawlConfig,
    find_config_file,
    load_config,
    parse_config,
    validate_site_url,
    with_overrides,
)
from cxcheck.errors import ConfigError, ExitCode, UsageError
from cxcheck.findings import Severity


def parse(text: str) -> Config:
    return parse_config(tomllib.loads(text), "cxcheck.toml", text)


def config_error(text: str) -> str:
    with pytest.raises(ConfigError) as error:
        parse(text)
    assert error.value.exit_code is ExitCode.USAGE
    return str(error.value)


def test_no_file_gives_defaults() -> None:
    config = load_config(None)
    assert config == Config()
    assert config.site.url == ""
    assert config.crawl.max_pages == 500
    assert config.crawl.max_depth == 20
    assert 2 <= config.crawl.concurrency <= 8
    assert config.crawl.respect_robots is True and config.crawl.sitemaps is True
    assert "utm_*" in config.crawl.strip_params
    assert {"logout", "sign-out", "logoff"} <= set(config.crawl.avoid)
    assert config.report.fail_on is Severity.MAJOR
    assert config.checks.only == () and config.checks.skip == () and config.checks.options == {}


def test_an_empty_file_gives_defaults() -> None:
    config = parse("")
    assert config == Config(source="cxcheck.toml")


FULL = """\
[site]
url = "https://staging.example.com"

[crawl]
max_pages = 20
max_depth = 3
concurrency = 4
page_timeout_s = 5
max_time_s = 60.5
settle_ms = 0
include = ["/shop/*"]
exclude = ["/admin/*", "/cart"]
respect_robots = false
sitemaps = false
strip_params = ["ref"]
avoid = ["leave"]
ignore_https_errors = true

[browser]
path = "/usr/bin/chromium"

[report]
fail_on = "blocker"
json = "out/report.json"

[checks]
skip = ["accessibility"]
dir = "my_checks"

[checks.page-health]
ignore_console = ["*analytics*"]
severity = { console-error = "info" }
"""


def test_a_full_file_is_read_into_typed_values() -> None:
    config = parse(FULL)
    assert config.source == "cxcheck.toml"
    assert config.site.url == "https://staging.example.com"
    crawl = config.crawl
    assert (crawl.max_pages, crawl.max_depth, crawl.concurrency) == (20, 3, 4)
    assert crawl.page_timeout_s == 5.0 and isinstance(crawl.page_timeout_s, float)
    assert crawl.max_time_s == 60.5
    assert crawl.settle_ms == 0
    assert crawl.include == ("/shop/*",)
    assert crawl.exclude == ("/admin/*", "/cart")
    assert crawl.respect_robots is False and crawl.sitemaps is False
    assert crawl.strip_params == ("ref",)
    assert crawl.avoid == ("leave",)
    assert crawl.ignore_https_errors is True
    assert config.browser.path == "/usr/bin/chromium"
    assert config.report.fail_on is Severity.BLOCKER
    assert config.report.json == "out/report.json"
    assert config.checks.skip == ("accessibility",)
    assert config.checks.dir == "my_checks"


def test_check_tables_land_in_checks_options() -> None:
    config = parse(FULL + '\n[checks.accessibility]\nstandard = "wcag2a"\n')
    assert config.checks.options == {
        "page-health": {"ignore_console": ["*analytics*"], "severity": {"console-error": "info"}},
        "accessibility": {"standard": "wcag2a"},
    }


def test_a_single_string_is_accepted_for_a_list() -> None:
    assert parse('[crawl]\nexclude = "/admin/*"\n').crawl.exclude == ("/admin/*",)


def test_an_empty_avoid_list_turns_avoiding_off() -> None:
    assert parse("[crawl]\navoid = []\n").crawl.avoid == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[crawler]\n", "cxcheck.toml:1: unknown section [crawler]; known: [site], [crawl]"),
        ('[site]\nurl = "x"\n\n[reports]\n', "cxcheck.toml:4: unknown section [reports]"),
        ("site = 3\n", "site must be a [site] table"),
        ('[crawl]\nmax_pages = "ten"\n', 'max_pages: expected a whole number, got "ten"'),
        ("[crawl]\nmax_pages = 10.0\n", "max_pages: expected a whole number, got 10.0"),
        ("[crawl]\nmax_pages = true\n", "max_pages: expected a whole number, got True"),
        ('[crawl]\npage_timeout_s = "5s"\n', 'page_timeout_s: expected a number, got "5s"'),
        ("[crawl]\nrespect_robots = 1\n", "respect_robots: expected true or false, got 1"),
        ("[crawl]\ninclude = 3\n", "include: expected a list, got 3"),
        ('[crawl]\ninclude = ["/a", 3]\n', "include: expected text, got 3"),
        ("[crawl]\navoid = true\n", "avoid: expected a list, got True"),
        ('[crawl]\navoid = ["logout", 3]\n', "avoid: expected text, got 3"),
        ('[crawl]\navoid = ["logout", " "]\n', "avoid: an empty word would match every link"),
        ("[site]\nurl = 8000\n", "url: expected text, got 8000"),
        ("[crawl]\nconcurrency = 0\n", "concurrency: must be at least 1, got 0"),
        ("[crawl]\nconcurrency = -3\n", "concurrency: must be at least 1, got -3"),
        ("[crawl]\nmax_pages = 0\n", "max_pages: must be at least 1, got 0"),
        ("[crawl]\nmax_depth = -1\n", "max_depth: must be at least 0, got -1"),
        ("[crawl]\npage_timeout_s = 0\n", "page_timeout_s: must be at least 0.1, got 0"),
        ("[crawl]\nmax_time_s = -1\n", "max_time_s: must be at least 0, got -1"),
        ('[report]\nfail_on = "worst"\n', '"worst" is not one of: blocker, major, minor, info'),
        ("[checks]\nonly = 3\n", "only: expected a list, got 3"),
    ],
)
def test_mistakes_name_file_line_key_and_expectation(text: str, message: str) -> None:
    assert message in config_error(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[site]\nurl = "x"\n[crawl]\nmax_pages = "ten"\n',
            'cxcheck.toml:4: [crawl] max_pages: expected a whole number, got "ten"',
        ),
        (
            "[crawl]\nmax_pages = 5\n\nconcurrency = 0\n",
            "cxcheck.toml:4: [crawl] concurrency: must be at least 1, got 0",
        ),
        (
            '[report]\n\nfail_on = "Critical"\n',
            'cxcheck.toml:3: [report] fail_on: "Critical" is not one of: '
            "blocker, major, minor, info",
        ),
    ],
)
def test_whole_message_for_a_bad_value(text: str, message: str) -> None:
    assert config_error(text) == message


def test_unknown_key_names_file_line_key_and_lists_the_known_ones() -> None:
    message = config_error('[site]\nurl = "http://x/"\n\n[crawl]\nmax_pages = 1\nmax_page = 2\n')
    assert message.startswith('cxcheck.toml:6: [crawl] unknown option "max_page"; known: ')
    known = message.split("known: ")[1].split(", ")
    assert "max_pages" in known and "max_depth" in known and "concurrency" in known
    assert known == sorted(known)


def test_the_line_is_the_one_in_the_right_table() -> None:
    message = config_error('[report]\njson = "a.json"\n\n[crawl]\njson = 3\n')
    assert message.startswith('cxcheck.toml:5: [crawl] unknown option "json"')


def test_unknown_key_in_checks_lists_its_options() -> None:
    assert 'unknown option "foo"; known: dir, only, options, skip' in config_error(
        "[checks]\nfoo = 3\n"
    )


def test_config_file_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "cxcheck.toml"
    path.write_text('[crawl]\nmax_pages = 7\n[report]\nfail_on = "minor"\n')
    config = load_config(path)
    assert config.crawl.max_pages == 7
    assert config.report.fail_on is Severity.MINOR
    assert config.source == str(path)


def test_errors_from_a_file_on_disk_name_that_file(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    path.write_text("[crawl]\nbogus = 1\n")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value).startswith(f'{path}:2: [crawl] unknown option "bogus"')


def test_broken_toml_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "cxcheck.toml"
    path.write_text("[crawl\n")
    with pytest.raises(ConfigError, match=r"cxcheck\.toml"):
        load_config(path)


def test_find_config_file(tmp_path: Path) -> None:
    assert find_config_file(None, tmp_path) is None
    (tmp_path / "cxcheck.toml").write_text("")
    assert find_config_file(None, tmp_path) == tmp_path / "cxcheck.toml"
    with pytest.raises(ConfigError, match=r"config file nope\.toml not found"):
        find_config_file("nope.toml", tmp_path)


def test_flags_override_and_none_means_not_given() -> None:
    base = parse("[crawl]\nmax_depth = 3\nmax_pages = 50\n")
    config = with_overrides(
        base, {"crawl": {"max_pages": 7, "max_depth": None}, "report": {"fail_on": None}}
    )
    assert config.crawl.max_pages == 7
    assert config.crawl.max_depth == 3
    assert config.report == base.report
    assert with_overrides(base, {"crawl": {"max_pages": None}}) == base


def test_flag_severity_overrides_the_file() -> None:
    base = parse('[report]\nfail_on = "minor"\n')
    assert with_overrides(base, {"report": {"fail_on": Severity.BLOCKER}}).report.fail_on is (
        Severity.BLOCKER
    )


@pytest.mark.parametrize(
    ("override", "flag"),
    [
        ({"crawl": {"concurrency": -2}}, "--concurrency: must be at least 1, got -2"),
        ({"crawl": {"max_pages": 0}}, "--max-pages: must be at least 1, got 0"),
        ({"crawl": {"page_timeout_s": 0}}, "--page-timeout-s: must be at least 0.1"),
    ],
)
def test_bad_flag_value_is_a_usage_error_naming_the_flag(override: dict, flag: str) -> None:
    with pytest.raises(UsageError) as error:
        with_overrides(Config(), override)
    assert flag in str(error.value)


@pytest.mark.parametrize(
    ("override", "flag"),
    [
        ({"crawl": {"max_pages": "ten"}}, "--max-pages"),
        ({"crawl": {"respect_robots": "no"}}, "--respect-robots"),
    ],
)
def test_wrong_typed_flag_value_is_a_usage_error_naming_the_flag(override: dict, flag: str) -> None:
    with pytest.raises(UsageError) as error:
        with_overrides(Config(), override)
    assert flag in str(error.value)


def test_overrides_leave_the_original_untouched() -> None:
    base = Config()
    with_overrides(base, {"crawl": {"max_pages": 3}})
    assert base.crawl.max_pages == CrawlConfig().max_pages


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/",
        "https://staging.example.com/x?y=1",
        "http://localhost:8080",
        "http://[::1]:8000/",
    ],
)
def test_valid_site_urls(url: str) -> None:
    assert validate_site_url(url) == url


def test_site_url_is_trimmed() -> None:
    assert validate_site_url("  https://staging.example.com/ ") == "https://staging.example.com/"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("staging.example.com", "add the scheme, e.g. https://staging.example.com"),
        ("example.com/shop", "add the scheme, e.g. https://example.com/shop"),
        ("ftp://example.com/", "only http:// and https://"),
        ("file:///var/www/index.html", "only http:// and https://"),
        ("http://host:abc/", "port is not a number"),
        ("http://", "expected something like https://"),
        ("", "expected something like https://"),
    ],
)
def test_invalid_site_urls(url: str, words: str) -> None:
    with pytest.raises(UsageError) as error:
        validate_site_url(url)
    assert words in str(error.value)
    assert repr(url) in str(error.value)


@pytest.mark.parametrize("url", ["localhost:8000", "staging.example.com:8080/shop"])
def test_host_and_port_without_scheme_suggest_adding_it(url: str) -> None:
    with pytest.raises(UsageError, match="add the scheme"):
        validate_site_url(url)


@pytest.mark.parametrize(
    ("text", "severity"),
    [("blocker", Severity.BLOCKER), ("major", Severity.MAJOR), ("info", Severity.INFO)],
)
def test_fail_on_parses_into_a_severity(text: str, severity: Severity) -> None:
    assert parse(f'[report]\nfail_on = "{text}"\n').report.fail_on is severity


def test_fail_on_in_the_file_accepts_any_case_like_the_flag() -> None:
    assert parse('[report]\nfail_on = "Major"\n').report.fail_on is Severity.MAJOR


def test_ignore_entries_are_read_with_their_lines() -> None:
    config = parse(
        '[report]\nfail_on = "minor"\n\n[[ignore]]\ncheck = "accessibility"\n'
        'url = "/legacy/*"\nreason = "replaced in January"\n\n'
        '[[ignore]]\nmessage = "YouTube"\nreason = "their player"\n'
    )
    first, second = config.ignore
    assert (first.check, first.url, first.line) == ("accessibility", "/legacy/*", 4)
    assert (second.message, second.reason, second.line) == ("YouTube", "their player", 9)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[crawl]\nmax_pages = 5\n\n[[ignore]]\ncheck = "accessibility"\n',
            "cxcheck.toml:4: [[ignore]] reason: every ignore needs a reason",
        ),
        (
            '[[ignore]]\nreason = "x"\n\n[[ignore]]\nreason = "y"\n',
            "cxcheck.toml:1: [[ignore]] an ignore needs at least one of check, rule, url",
        ),
        (
            '[[ignore]]\nreason = "x"\npage = "/a"\n',
            'cxcheck.toml:1: [[ignore]] unknown option "page"; known: check, message, reason',
        ),
        ('[ignore]\nreason = "x"\n', "cxcheck.toml:1: ignore must be [[ignore]] tables"),
        (
            '[[ignore]]\nreason = "x"\nline = 3\n',
            'cxcheck.toml:1: [[ignore]] unknown option "line"',
        ),
    ],
)
def test_bad_ignore_entries_say_where(text: str, message: str) -> None:
    assert config_error(text).startswith(message)


def test_journeys_and_auth_sections() -> None:
    config = parse(
        '[journeys]\npaths = ["journeys"]\ndevice = "iPhone 13"\n\n[journeys.vars]\nemail = "a@b.test"\n\n'
        '[auth]\njourney = "journeys/login.journey"\nheaders = { "X-Team" = "qa" }\n'
    )
    assert config.journeys.paths == ("journeys",)
    assert config.journeys.vars == {"email": "a@b.test"}
    assert config.journeys.device == "iPhone 13"
    assert config.auth.journey == "journeys/login.journey"
    assert config.auth.headers == {"X-Team": "qa"}


def test_journey_screenshots_must_be_failed_or_all() -> None:
    assert config_error('[journeys]\nscreenshots = "some"\n').startswith(
        'cxcheck.toml:2: [journeys] screenshots: "some" is not one of: failed, all'
    )


def test_nan_is_not_a_number_a_limit_can_take() -> None:
    assert "page_timeout_s: must be at least 0.1, got nan" in config_error(
        "[crawl]\npage_timeout_s = nan\n"
    )
