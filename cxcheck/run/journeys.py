"""Journeys in the run's browser: one context per journey (on its device, starting from the
signed-in state), the settings every journey shares, and the page checks on every page a
step reaches (through the run's page pipeline, like a crawled page).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, BrowserContext, Page, Playwright, Response

from cxcheck.config import AuthConfig, Config
from cxcheck.crawl.snapshot import INIT_SCRIPTS, PageEvents, capture
from cxcheck.journeys.devices import device_options
from cxcheck.journeys.language.model import Journey, Step
from cxcheck.journeys.runner.run import run_journey
from cxcheck.journeys.runner.settings import RunSettings
from cxcheck.masking import run_secrets
from cxcheck.report.model import JourneyResult
from cxcheck.run.pipeline import PagePipeline
from cxcheck.run.signin import add_auth_cookies, auth_context_options
from cxcheck.urls import normalize_url


@dataclass
class ReachedPages:
    """Captures each page a journey step reaches and hands it to the run's page pipeline, so
    the enabled page checks run on it once (pages the crawl checked are skipped)."""

    pipeline: PagePipeline
    needs: Mapping[str, Any]  # page capture -> its typed request
    timeout_s: float
    _events: dict[Page, PageEvents] = field(default_factory=dict)

    def watch(self, context: BrowserContext) -> None:
        """Listen to every page the context opens, from its first request."""
        context.on("page", self._watch_page)

    def _watch_page(self, page: Page) -> None:
        self._events.setdefault(page, PageEvents(page))

    def hook(self, journey: Journey) -> Callable[[Page, Response | None, Step], Any]:
        """The runner's on_page callback for `journey`."""

        async def reached(page: Page, response: Response | None, step: Step) -> None:
            pipeline = self.pipeline
            url = normalize_url(page.url, pipeline.strip_params) or page.url
            events = self._events.setdefault(page, PageEvents(page))
            checked = pipeline.knows(url) or not pipeline.ctx.is_internal(url)
            if checked or not pipeline.checks:
                events.reset()  # what this page did must not be blamed on the next one
                return
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
            how = f" (Reached by the journey “{journey.name}”, step {step.where}: {step.text})"
            pipeline.journey_page(snapshot, how)

        return reached


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
        # A trace records headers, cookies and pages that echo them in clear: every context
        # sends the [auth] values (a journey that types a secret is left untraced by itself).
        trace=config.journeys.trace and not run_secrets(config, (), environ),
    )


def untraced_note(
    config: Config,
    journeys: Sequence[Journey],
    environ: Mapping[str, str],
    results: Sequence[JourneyResult],
) -> list[str]:
    """Why failed journeys have no trace, when the run's secrets kept them from one."""
    untraced = [r for r in results if not r.passed and not r.trace]
    if not (config.journeys.trace and untraced and run_secrets(config, journeys, environ)):
        return []
    return [
        f"No Playwright trace was kept of {len(untraced)} failed journeys: a trace holds "
        "what the browser sent and showed in clear, and they use secrets ([auth] values, "
        "{secret:NAME})."
    ]


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
            **auth_context_options(self.auth, self.environ, self.settings.base_url),
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
