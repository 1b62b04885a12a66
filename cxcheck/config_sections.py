"""The sections of cxcheck.toml as frozen dataclasses: each field is an option, with its
default and its help (which `cxcheck init` prints). Reading the file and the flags into them
is cxcheck/config.py.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cxcheck.findings import Severity
from cxcheck.shard import Shard
from cxcheck.urls import LOGOUT_WORDS

CONFIG_FILE = "cxcheck.toml"
# Known findings that do not fail a run (`cxcheck baseline save`), looked for next to it.
BASELINE_FILE = "cxcheck-baseline.json"


def _help(text: str) -> dict[str, str]:
    return {"help": text}


def default_concurrency() -> int:
    """Two pages per core keeps the CPU busy while pages wait on the network."""
    return max(2, min(8, 2 * (os.cpu_count() or 1)))


class ProfileName(StrEnum):
    """The profiles a run can use (how each loads pages: crawl/profiles.py)."""

    DESKTOP = "desktop"
    MOBILE = "mobile"


class RenderMode(StrEnum):
    """How pages are read: every one rendered in a tab, or (auto) those whose HTML carries
    no script read from that HTML when every check in the run can work on it
    (crawl/html_pages.py)."""

    ALWAYS = "always"
    AUTO = "auto"


@dataclass(frozen=True)
class SiteConfig:
    """What to check."""

    url: str = field(default="", metadata=_help("Start URL of the site (or use serve)."))
    serve: str = field(
        default="", metadata=_help("A folder to serve on 127.0.0.1 and check instead of url.")
    )


@dataclass(frozen=True)
class CrawlConfig:
    """How far and how fast to crawl."""

    max_pages: int = field(default=500, metadata=_help("Render and check at most this many pages."))
    max_unrendered_pages: int = field(
        default=10_000,
        metadata=_help(
            "Past max_pages, read this many more pages without rendering them, for their "
            "status and links only, so no broken link is missed (0: status of links only)."
        ),
    )
    max_depth: int = field(default=20, metadata=_help("Clicks away from the start page."))
    concurrency: int = field(
        default_factory=default_concurrency,
        metadata=_help("Pages loaded in parallel (default: 2 per CPU core, 2 to 8)."),
    )
    page_timeout_s: float = field(default=30.0, metadata=_help("Give up on a page after this."))
    max_time_s: float = field(
        default=0.0, metadata=_help("Stop starting pages after this many seconds (0: no limit).")
    )
    settle_ms: int = field(
        default=2000,
        metadata=_help("After load, wait up to this long for in-flight requests (late links)."),
    )
    include: tuple[str, ...] = field(
        default=(), metadata=_help('Only crawl URL paths matching one of these globs ("/shop/*").')
    )
    exclude: tuple[str, ...] = field(
        default=(), metadata=_help('Never crawl URL paths matching these globs ("/admin/*").')
    )
    avoid: tuple[str, ...] = field(
        default=LOGOUT_WORDS,
        metadata=_help(
            'Never follow links naming one of these words ("/logout", "/logout.php", '
            '"?action=logout"; not "/catalogue"), so a signed-in crawl stays signed in. '
            "[] follows every link."
        ),
    )
    respect_robots: bool = field(default=True, metadata=_help("Honour robots.txt Disallow."))
    sitemaps: bool = field(
        default=True, metadata=_help("Seed from sitemap.xml and sitemaps named in robots.txt.")
    )
    strip_params: tuple[str, ...] = field(
        default=(
            *("utm_*", "fbclid", "gclid", "msclkid", "mc_cid", "mc_eid", "_ga"),
            *("jsessionid", "phpsessid", "aspsessionid*", "sessionid", "session_id"),
        ),
        metadata=_help(
            "Query parameters that never make a page different (globs, any case): "
            "tracking and session ids."
        ),
    )
    ignore_https_errors: bool = field(
        default=False, metadata=_help("Accept invalid TLS certificates (self-signed staging).")
    )
    profile: ProfileName = field(
        default=ProfileName.DESKTOP,
        metadata=_help("desktop, or mobile: a phone screen, slow 4G and a 4x slower CPU."),
    )
    rate: float = field(
        default=0.0,
        metadata=_help("At most this many page loads a second (0: no limit); be gentle."),
    )
    max_query_variants: int = field(
        default=50,
        metadata=_help(
            "At most this many URLs with a query string per path (endless calendars, "
            "filter combinations); the rest are counted as skipped."
        ),
    )
    render: RenderMode = field(
        default=RenderMode.ALWAYS,
        metadata=_help(
            "always: render every page in the browser. auto: read pages whose HTML carries no "
            "script from that HTML instead (much faster; what it gives up: README)."
        ),
    )
    click_probe: bool = field(
        default=False,
        metadata=_help(
            "Also click controls that have a listener, in a guarded tab, to find ones that do "
            "nothing (for the checks that ask for the click probe: dead-navigation)."
        ),
    )
    shard: str = field(
        default="",
        metadata=_help('"i/n": check only this share of the pages (CI matrix; cxcheck merge).'),
    )

    def __post_init__(self) -> None:
        for name in (
            "max_pages",
            "max_unrendered_pages",
            "max_depth",
            "concurrency",
            "settle_ms",
            "max_query_variants",
        ):
            zero_ok = name in ("max_depth", "settle_ms", "max_unrendered_pages")
            _at_least(name, getattr(self, name), 0 if zero_ok else 1)
        _at_least("page_timeout_s", self.page_timeout_s, 0.1)
        _at_least("max_time_s", self.max_time_s, 0)
        _at_least("rate", self.rate, 0)
        if any(not word.strip() for word in self.avoid):
            error = ValueError('avoid: an empty word would match every link; remove the ""')
            error.key = "avoid"  # type: ignore[attr-defined]
            raise error
        try:
            Shard.parse(self.shard)
        except ValueError as error:
            error.key = "shard"  # type: ignore[attr-defined]
            raise
        # Code that builds a CrawlConfig directly may name the profile as plain text.
        object.__setattr__(self, "profile", ProfileName(self.profile))
        object.__setattr__(self, "render", RenderMode(self.render))


@dataclass(frozen=True)
class BrowserConfig:
    """Which Chromium drives the pages."""

    path: str = field(default="", metadata=_help("Chromium/Chrome executable (default: found)."))
    endpoint: str = field(
        default="", metadata=_help("ws:// endpoint of a running Playwright browser server.")
    )


@dataclass(frozen=True)
class ReportConfig:
    """What makes the verdict, and where reports go."""

    fail_on: Severity = field(
        default=Severity.MAJOR,
        metadata=_help("Not ready when a finding is at least this bad: blocker|major|minor|info."),
    )
    json: str = field(default="", metadata=_help("Write the JSON report to this path."))
    html: str = field(
        default="", metadata=_help("Write the HTML report (one self-contained page) here.")
    )
    junit: str = field(default="", metadata=_help("Write JUnit XML for CI servers here."))
    sarif: str = field(default="", metadata=_help("Write SARIF 2.1.0 (code scanning) here."))
    markdown: str = field(
        default="", metadata=_help("Write a Markdown summary (for pull-request comments) here.")
    )
    baseline: str = field(
        default="",
        metadata=_help(
            "Known findings that do not fail the run (default: ./cxcheck-baseline.json if present)."
        ),
    )

    def outputs(self) -> dict[str, str]:
        """Report format -> path, for every format asked for."""
        paths = {
            "json": self.json,
            "html": self.html,
            "junit": self.junit,
            "sarif": self.sarif,
            "markdown": self.markdown,
        }
        return {fmt: path for fmt, path in paths.items() if path}


@dataclass(frozen=True)
class IgnoreRule:
    """One `[[ignore]]` entry: findings matching every matcher given are set aside.

    Matchers are globs (`*`, `?`), except `message`, a case-insensitive piece of the text.
    `url` matches the page a finding is on or the finding's target, as a whole URL or, when
    it starts with "/", as a path.
    """

    reason: str = field(default="", metadata=_help("Why this is fine (shown in the report)."))
    check: str = field(default="", metadata=_help('A check name ("accessibility").'))
    rule: str = field(default="", metadata=_help('A rule id ("color-contrast").'))
    url: str = field(default="", metadata=_help('Pages or targets ("/legacy/*").'))
    selector: str = field(default="", metadata=_help('The element ("footer .social *").'))
    message: str = field(default="", metadata=_help('Words in the message ("YouTube").'))
    line: int = field(default=0, init=False, compare=False)  # where the entry starts, if known

    def __post_init__(self) -> None:
        if not self.reason.strip():
            error = ValueError("reason: every ignore needs a reason (shown in the report)")
            error.key = "reason"  # type: ignore[attr-defined]
            raise error
        if not any((self.check, self.rule, self.url, self.selector, self.message)):
            raise ValueError("an ignore needs at least one of check, rule, url, selector, message")

    def describe(self) -> str:
        """The entry as the user wrote it, for the report."""
        matchers = ("check", "rule", "url", "selector", "message")
        parts = [f'{k} = "{getattr(self, k)}"' for k in matchers if getattr(self, k)]
        return ", ".join(parts) + f' (reason: "{self.reason}")'


@dataclass(frozen=True)
class JourneysConfig:
    """Task walkthroughs in plain language (see docs/journeys.md)."""

    paths: tuple[str, ...] = field(
        default=(), metadata=_help("Journey files or folders `cxcheck check` also runs.")
    )
    vars: dict[str, str] = field(
        default_factory=dict, metadata=_help('Values for {name} in journeys: { email = "a@b.c" }.')
    )
    device: str = field(
        default="", metadata=_help('Run journeys on this device ("iPhone 13"); default: desktop.')
    )
    screenshots: str = field(
        default="failed", metadata=_help("Screenshots of failed and too-slow steps, or all.")
    )
    output_dir: str = field(
        default="cxcheck-report/journeys", metadata=_help("Where screenshots and traces go.")
    )
    trace: bool = field(
        default=True, metadata=_help("Keep a Playwright trace of a failed journey for engineers.")
    )

    def __post_init__(self) -> None:
        if self.screenshots not in ("failed", "all"):
            error = ValueError(f'screenshots: "{self.screenshots}" is not one of: failed, all')
            error.key = "screenshots"  # type: ignore[attr-defined]
            raise error


@dataclass(frozen=True)
class AuthConfig:
    """Signing in before the crawl. Values may say {secret:NAME} to read an environment variable."""

    journey: str = field(
        default="",
        metadata=_help("A journey run once before the crawl; the crawl starts signed in."),
    )
    username: str = field(default="", metadata=_help("HTTP basic auth user."))
    password: str = field(
        default="", metadata=_help('HTTP basic auth password, e.g. "{secret:STAGING_PASSWORD}".')
    )
    headers: dict[str, str] = field(
        default_factory=dict, metadata=_help("Extra request headers sent to the site.")
    )
    cookies: dict[str, str] = field(
        default_factory=dict, metadata=_help("Cookies set on the site before the crawl.")
    )


@dataclass(frozen=True)
class ChecksConfig:
    """Which checks run, and their options (`[checks.<name>]` tables)."""

    only: tuple[str, ...] = field(default=(), metadata=_help("Run only these checks."))
    skip: tuple[str, ...] = field(default=(), metadata=_help("Do not run these checks."))
    dir: str = field(default="", metadata=_help("A folder of local check modules (*.py)."))
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class PicturesConfig:
    """Pictures of findings, taken after the crawl in one bounded pass (cxcheck/pictures.py)."""

    enabled: bool = field(
        default=True,
        metadata=_help("Take pictures of findings after the crawl, for the report files."),
    )
    max_pages: int = field(
        default=40, metadata=_help("Re-open at most this many pages to take pictures.")
    )
    time_budget_s: float = field(
        default=60.0, metadata=_help("Stop taking pictures after this many seconds.")
    )
    others: int = field(
        default=10,
        metadata=_help("Also picture this many findings that do not block launch (most seen)."),
    )

    def __post_init__(self) -> None:
        for name in ("max_pages", "time_budget_s", "others"):
            _at_least(name, getattr(self, name), 0)


@dataclass(frozen=True)
class Config:
    """Everything one run needs; built once, never mutated."""

    site: SiteConfig = field(default_factory=SiteConfig)
    crawl: CrawlConfig = field(default_factory=CrawlConfig)
    browser: BrowserConfig = field(default_factory=BrowserConfig)
    report: ReportConfig = field(default_factory=ReportConfig)
    checks: ChecksConfig = field(default_factory=ChecksConfig)
    journeys: JourneysConfig = field(default_factory=JourneysConfig)
    auth: AuthConfig = field(default_factory=AuthConfig)
    pictures: PicturesConfig = field(default_factory=PicturesConfig)
    ignore: tuple[IgnoreRule, ...] = ()
    source: str = ""  # the file it came from, for messages


SECTIONS: dict[str, type] = {
    "site": SiteConfig,
    "crawl": CrawlConfig,
    "browser": BrowserConfig,
    "report": ReportConfig,
    "checks": ChecksConfig,
    "journeys": JourneysConfig,
    "auth": AuthConfig,
    "pictures": PicturesConfig,
}


def _at_least(name: str, value: float, minimum: float) -> None:
    if not value >= minimum:  # also refuses nan, which TOML allows for floats
        error = ValueError(f"{name}: must be at least {minimum:g}, got {value:g}")
        error.key = name  # type: ignore[attr-defined]
        raise error
