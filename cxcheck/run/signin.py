"""The site's credentials for every context that talks to it (`[auth]`: basic auth, headers,
cookies, values from {secret:NAME}), and the sign-in journey (`[auth] journey`) run once
before the crawl, whose state every later context starts from.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from cxcheck.config import AuthConfig
from cxcheck.errors import ConfigError, CxError, ExitCode
from cxcheck.journeys.language.model import SECRET, Journey
from cxcheck.report.model import JourneyResult
from cxcheck.urls import normalize_url

if TYPE_CHECKING:  # `environment` serves commands that start no browser (journey check)
    from playwright.async_api import BrowserContext


class SignInFailed(CxError):
    """The `[auth] journey` did not pass: a crawl without the session would mislead."""

    exit_code = ExitCode.SITE_UNCHECKABLE


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


def auth_context_options(
    auth: AuthConfig, environ: Mapping[str, str], site_url: str = ""
) -> dict[str, Any]:
    """Basic credentials and extra headers for every context that talks to the site; the
    password is given to the site's origin only (another site asking for one gets none)."""
    options: dict[str, Any] = {}
    if auth.username:
        password = resolve_secrets(auth.password, "[auth] password", environ)
        options["http_credentials"] = {"username": auth.username, "password": password}
        if site_url:
            parts = urlsplit(normalize_url(site_url) or site_url)
            host = parts.netloc.rpartition("@")[2]  # never a user:password@ of the URL's own
            options["http_credentials"]["origin"] = f"{parts.scheme}://{host}"
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


def environment() -> Mapping[str, str]:
    """The process environment: the only place secrets come from."""
    return os.environ


async def sign_in(session: Any, journey: Journey) -> JourneyResult:
    """Run the `[auth] journey` in `session` (a JourneySession); every later context starts
    from the state it leaves. A sign-in that fails stops the run: a crawl without the
    session would check the wrong site."""
    from cxcheck.journeys.runner.run import run_journey

    context = await session.new_context()
    try:
        result = await run_journey(context, journey, session.settings, None)
        if not result.passed:
            failed = next((s for s in result.steps if s.status != "passed"), None)
            error = failed.error.strip().splitlines()[0] if failed and failed.error else ""
            why = f"line {failed.line}: {error}" if failed else "it did not pass"
            raise SignInFailed(f"could not sign in with {journey.file}: {why}")
        session.storage_state = await context.storage_state()
        return result
    finally:
        await context.close()
