"""Journeys in one browser: signing in before a crawl, one context per journey (on its device,
starting from the signed-in state), and the enabled page checks on every page a step reaches.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, BrowserContext, Page, Playwright, Response

from cxcheck.config import AuthConfig, Config
from cxcheck.contract import CheckContext
from cxcheck.crawl.snapshot import INIT_SCRIPTS, PageEvents, capture
from cxcheck.errors import ConfigError, CxError, ExitCode
from cxcheck.findings import Finding
from cxcheck.journeys.language import Checks, load_journeys
from cxcheck.journeys.model import SECRET, Journey, Step
from cxcheck.journeys.runner import RunSettings, device_options, run_journey
from cxcheck.plugins import LoadedCheck, run_page_checks
from cxcheck.report.model import JourneyResult, PageResult
from cxcheck.urls import normalize_url


class SignInFailed(CxError):
    """The `[auth] journey` did not pass: a crawl without the session would mislead."""

    exit_code = ExitCode.SITE_UNCHECKABLE


@dataclass
class ReachedPages:
    """Runs the enabled page checks on each page a journey step reaches, once per page."""

    checks: Sequence[LoadedCheck]
    ctx: CheckContext
    needs: Mapping[str, Any]  # page capture -> its typed request
    timeout_s: float
    strip_params: tuple[str, ...] = ()  # as the crawl normalises, so its pages are skipped
    findings: list[Finding] = field(default_factory=list)
    pages: list[PageResult] = field(default_factory=list)
    _events: dict[Page, PageEvents] = field(default_factory=dict)
    _seen: set[str] = field(default_factory=set)

    def already_checked(self, urls: Iterable[str]) -> None:
        """Pages the crawl checked: a journey reaching them adds nothing new."""
        self._seen.update(urls)

    def watch(self, context: BrowserContext) -> None:
        """Listen to every page the context opens, from its first request."""
        context.on("page", lambda page: self._events.setdefault(page, PageEvents(page)))

    def hook(self, journey: Journey) -> Callable[[Page, Response | None, Step], Any]:
        """The runner's on_page callback for `journey`."""

        async def reached(page: Page, response: Response | None, step: Step) -> None:
            url = normalize_url(page.url, self.strip_params) or page.url
            events = self._events.setdefault(page, PageEvents(page))
            if url in self._seen or not self.ctx.is_internal(url) or not self.checks:
                events.reset()  # what this page did must not be blamed on the next one
                return
            self._seen.add(url)
            snapshot = await capture(
                page,
                response,
                events,
                url=url,
                depth=0,
                referrer="",
                needs=self.needs,
                timeout_s=self.timeout_s,
            )
            events.reset()
            self.pages.append(PageResult.of(snapshot))
            how = f" (Reached by the journey “{journey.name}”, step {step.where}: {step.text})"
            self.findings.extend(
                replace(f, message=f.message + how)
                for f in run_page_checks(self.checks, snapshot, self.ctx)
            )

        return reached


def parse_journeys(
    config: Config, paths: Sequence[str], environ: Mapping[str, str], checks: Checks | None = None
) -> list[Journey]:
    """Every journey in `paths`, validated before any browser starts (JourneyParseError)."""
    return load_journeys(paths, variables=set(config.journeys.vars), environ=environ, checks=checks)


def resolve_secrets(text: str, where: str, environ: Mapping[str, str]) -> str:
    """`text` with each {secret:NAME} replaced by the environment variable's value."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        if name not in environ:
            raise ConfigError(
                f"{where} uses {{secret:{name}}}, but no environment variable {name} is set"
            )
        return environ[name]

    return SECRET.sub(value, text)


def auth_context_options(auth: AuthConfig, environ: Mapping[str, str]) -> dict[str, Any]:
    """Basic credentials and extra headers for every context that talks to the site."""
    options: dict[str, Any] = {}
    if auth.username:
        password = resolve_secrets(auth.password, "[auth] password", environ)
        options["http_credentials"] = {"username": auth.username, "password": password}
    if auth.headers:
        options["extra_http_headers"] = {
            name: resolve_secrets(value, f"[auth] headers.{name}", environ)
            for name, value in auth.headers.items()
        }
    return options


async def add_auth_cookies(
    context: BrowserContext, auth: AuthConfig, site_url: str, environ: Mapping[str, str]
) -> None:
    """The `[auth] cookies`, set for the site before anything loads."""
    if auth.cookies:
        await context.add_cookies(
            [
                {
                    "name": name,
                    "value": resolve_secrets(value, f"[auth] cookies.{name}", environ),
                    "url": site_url,
                }
                for name, value in auth.cookies.items()
            ]
        )


def run_settings(
    config: Config, base_url: str, journeys: Sequence[Journey], environ: Mapping[str, str]
) -> RunSettings:
    """How the runner treats every journey of this run; only the secrets they use are read."""
    names = {name for journey in journeys for name in journey.secrets}
    return RunSettings(
        base_url=base_url,
        output_dir=Path(config.journeys.output_dir),
        variables=dict(config.journeys.vars),
        secrets={name: environ[name] for name in sorted(names) if name in environ},
        screenshots_all=config.journeys.screenshots == "all",
        trace=config.journeys.trace,
    )


@dataclass
class JourneySession:
    """What every journey context of a run shares."""

    browser: Browser
    playwright: Playwright
    settings: RunSettings
    auth: AuthConfig
    environ: Mapping[str, str]
    ignore_https_errors: bool = False
    storage_state: Any = None  # cookies and storage the sign-in journey left
    device: str = ""  # a device for every journey (--device), over their Viewport header

    async def new_context(self, device: str = "") -> BrowserContext:
        """A context on `device` with the site's auth, signed in when a journey did that."""
        options = {
            "accept_downloads": False,  # a download a step starts is not saved anywhere
            "ignore_https_errors": self.ignore_https_errors,
            **auth_context_options(self.auth, self.environ),
        }
        if device:
            options.update(device_options(self.playwright, device))
        if self.storage_state is not None:
            options["storage_state"] = self.storage_state
        context = await self.browser.new_context(**options)
        await add_auth_cookies(context, self.auth, self.settings.base_url, self.environ)
        return context

    async def run(self, journey: Journey, pages: ReachedPages | None = None) -> JourneyResult:
        """One journey in a fresh context on its device."""
        device = self.device or journey.viewport
        context = await self.new_context(device)
        try:
            for need in pages.needs if pages else ():
                if need in INIT_SCRIPTS:
                    await context.add_init_script(INIT_SCRIPTS[need])
            if pages is not None:
                pages.watch(context)
            hook = pages.hook(journey) if pages is not None else None
            return await run_journey(context, journey, self.settings, hook, device=device)
        finally:
            await context.close()

    async def sign_in(self, journey: Journey) -> JourneyResult:
        """Run the `[auth] journey`; later contexts start from the state it leaves."""
        context = await self.new_context()
        try:
            result = await run_journey(context, journey, self.settings, None)
            if not result.passed:
                failed = next((s for s in result.steps if s.status != "passed"), None)
                error = failed.error.strip().splitlines()[0] if failed and failed.error else ""
                why = f"line {failed.line}: {error}" if failed else "it did not pass"
                raise SignInFailed(f"could not sign in with {journey.file}: {why}")
            self.storage_state = await context.storage_state()
            return result
        finally:
            await context.close()


def environment() -> Mapping[str, str]:
    """The process environment: the only place secrets come from."""
    return os.environ
