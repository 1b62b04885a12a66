"""`cxcheck doctor`: which browser cxcheck will use, and whether it starts."""

from __future__ import annotations

import asyncio
import platform
from typing import Annotated, Any

import typer
from rich.console import Console

import cxcheck
from cxcheck.errors import ExitCode


def doctor(
    browser_path: Annotated[
        str | None, typer.Option(help="Check this browser executable.", metavar="PATH")
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="No output; exit 0 when a browser works, 3 when not."),
    ] = False,
) -> int:
    """Show which browser cxcheck will use and whether it starts; say what to do if none."""
    from cxcheck.config import BrowserConfig

    facts = asyncio.run(_browser_facts(BrowserConfig(path=browser_path or "")))
    if not quiet:
        console = Console()
        python, ours = platform.python_version(), cxcheck.__version__
        console.print(f"cxcheck {ours} · Python {python} · Playwright {facts['playwright']}")
        console.print(f"browser: {facts['choice']}")
        console.print(f"version: {facts['version']}", style="green")
    return ExitCode.READY


async def _browser_facts(config: Any) -> dict[str, str]:
    from importlib.metadata import version

    from cxcheck import browser

    async with browser.driver() as playwright:
        chromium, choice = await browser.launch(playwright, config)
        facts = {"choice": choice.describe(), "version": chromium.version}
        await chromium.close()
    facts["playwright"] = version("playwright")
    return facts
