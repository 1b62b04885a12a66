"""Config files and flags: defaults, validation and the errors people read."""

from __future__ import annotations

import tomllib

import pytest

from cxcheck.config import (
    Config,
    CrawlConfig,
    load_config,
    parse_config,
    validate_site_url,
    with_overrides,
)
from cxcheck.errors import ConfigError, UsageError
from cxcheck.findings import Severity


def parse(text: str) -> Config:
    return parse_config(tomllib.loads(text), "cxcheck.toml", text)


def test_no_file_gives_defaults() -> None:
    config = load_config(None)
    assert config == Config()
    assert config.crawl.max_pages == 500
    assert config.crawl.concurrency >= 2
    assert config.report.fail_on is Severity.MAJOR


def test_a_full_file_is_read_into_typed_values() -> None:
    config = parse(
        '[site]\nurl = "https://staging.example.com"\n'
        '[crawl]\nmax_pages = 20\npage_timeout_s = 5\nexclude = ["/admin/*"]\n'
        'respect_robots = false\n[report]\nfail_on = "blocker"\n'
        '[checks]\nskip = ["page-health"]\n[checks.page-health]\nignore_console = ["x*"]\n'
    )
    assert config.site.url == "https://staging.example.com"
    assert config.crawl.max_pages == 20
    assert config.crawl.page_timeout_s == 5.0
    assert config.crawl.exclude == ("/admin/*",)
    assert config.crawl.respect_robots is False
    assert config.report.fail_on is Severity.BLOCKER
    assert config.checks.skip == ("page-health",)
    assert config.checks.options == {"page-health": {"ignore_console": ["x*"]}}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[crawl]\nmax_pages = 1\nmax_page = 2\n",
            'cxcheck.toml:3: [crawl] unknown option "max_page"',
        ),
        ("[crawler]\n", "cxcheck.toml:1: unknown section [crawler]"),
        ('[crawl]\nmax_pages = "ten"\n', 'max_pages: expected a whole number, got "ten"'),
        ("[crawl]\nrespect_robots = 1\n", "respect_robots: expected true or false, got 1"),
        ("[crawl]\ninclude = 3\n", "include: expected a list, got 3"),
        ("[crawl]\nconcurrency = 0\n", "concurrency: must be at least 1, got 0"),
        ("[crawl]\nmax_time_s = -1\n", "max_time_s: must be at least 0, got -1"),
        ('[report]\nfail_on = "worst"\n', '"worst" is not one of: blocker, major, minor, info'),
        ("site = 3\n", "site must be a [site] table"),
    ],
)
def test_mistakes_name_file_line_key_and_expectation(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse(text)
    assert message in str(error.value)


def test_unknown_key_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="known: concurrency, exclude, ignore_https_errors"):
        parse("[crawl]\nbogus = 1\n")


def test_broken_toml_is_a_config_error(tmp_path) -> None:
    path = tmp_path / "cxcheck.toml"
    path.write_text("[crawl\n")
    with pytest.raises(ConfigError, match=r"cxcheck\.toml"):
        load_config(path)


def test_flags_override_and_none_means_not_given() -> None:
    config = with_overrides(Config(), {"crawl": {"max_pages": 7, "max_depth": None}})
    assert config.crawl.max_pages == 7
    assert config.crawl.max_depth == CrawlConfig().max_depth


def test_bad_flag_value_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="concurrency"):
        with_overrides(Config(), {"crawl": {"concurrency": -2}})


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "https://staging.example.com/x?y=1"])
def test_valid_site_urls(url: str) -> None:
    assert validate_site_url(url) == url


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("staging.example.com", "add the scheme, e.g. https://staging.example.com"),
        ("ftp://example.com/", "only http:// and https://"),
        ("http://host:abc/", "port is not a number"),
        ("", "expected something like"),
    ],
)
def test_invalid_site_urls(url: str, words: str) -> None:
    with pytest.raises(UsageError, match=words.replace("?", r"\?")):
        validate_site_url(url)
