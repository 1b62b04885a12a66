"""Lifeline: when the browser dies it is started again, once however many workers notice,
and not forever."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from cxcheck.crawl.lifeline import Lifeline


@dataclass
class FakeBrowser:
    connected: bool = True

    def is_connected(self) -> bool:
        return self.connected


class Launcher:
    def __init__(self, fail: bool = False) -> None:
        self.launched: list[FakeBrowser] = []
        self.fail = fail

    async def __call__(self) -> Any:
        if self.fail:
            raise RuntimeError("no browser")
        await asyncio.sleep(0)  # let other workers ask while it starts
        self.launched.append(FakeBrowser())
        return self.launched[-1]


async def _context(browser: Any) -> Any:
    return ("context of", id(browser))


def _lifeline(launcher: Launcher, max_restarts: int = 3) -> Lifeline:
    async def start() -> Lifeline:
        lifeline = await Lifeline.start(launcher, _context, FakeBrowser())  # type: ignore[arg-type]
        lifeline.max_restarts = max_restarts
        return lifeline

    return asyncio.run(start())


def test_a_live_browser_is_not_restarted() -> None:
    launcher = Launcher()
    lifeline = _lifeline(launcher)
    assert asyncio.run(lifeline.recover(0)) is False
    assert launcher.launched == [] and lifeline.notes() == []


def test_workers_that_see_the_same_death_start_one_browser() -> None:
    launcher = Launcher()
    lifeline = _lifeline(launcher)
    lifeline.browser.connected = False  # type: ignore[attr-defined]

    async def three_workers() -> list[bool]:
        return list(await asyncio.gather(*(lifeline.recover(0) for _ in range(3))))

    assert asyncio.run(three_workers()) == [True, True, True]
    assert len(launcher.launched) == 1
    assert lifeline.browser is launcher.launched[0]
    assert lifeline.context == ("context of", id(launcher.launched[0]))
    assert lifeline.generation == 1


def test_it_gives_up_after_max_restarts() -> None:
    launcher = Launcher()
    lifeline = _lifeline(launcher, max_restarts=2)
    for expected in (True, True, False):
        lifeline.browser.connected = False  # type: ignore[attr-defined]
        assert asyncio.run(lifeline.recover(lifeline.generation)) is expected
    assert lifeline.gave_up and len(launcher.launched) == 2
    assert "not started again (at most 2 restarts)" in lifeline.notes()[-1]


def test_a_browser_that_will_not_start_again_ends_the_run() -> None:
    lifeline = _lifeline(Launcher(fail=True))
    lifeline.browser.connected = False  # type: ignore[attr-defined]
    assert asyncio.run(lifeline.recover(0)) is False
    assert lifeline.gave_up


def test_the_note_names_the_pages_loaded_again() -> None:
    lifeline = _lifeline(Launcher())
    lifeline.browser.connected = False  # type: ignore[attr-defined]
    asyncio.run(lifeline.recover(0))
    lifeline.lost.append("http://127.0.0.1/p3.html")
    assert lifeline.notes() == [
        "The browser stopped unexpectedly during the run and was started again (once). "
        "The pages it was loading then were loaded again (1): http://127.0.0.1/p3.html."
    ]
