"""Ctrl-C and SIGTERM, all of it in this one module: from the process's first instant
(`stop_while_loading`, `terminate_from_now`: console.py calls them), during a run (`CtrlC`,
`Sigterm`), and while a journey is recorded (`signals_set`).

During a run the first one stops the run and the partial report is still written; the ones
after it cannot stop that. SIGTERM does what Ctrl-C does, and the command exits 143 instead
of 130.

asyncio's own handling cancels the run on the first Ctrl-C but raises KeyboardInterrupt on
the second, anywhere — two presses 150 ms apart ended the process without the report that
one press writes. This handler replaces asyncio's for the run (asyncio leaves a handler it
did not set alone) and stays in place, quiet, while the report is written; the command line
puts the one it found back when the command ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Coroutine, Iterator
from types import FrameType
from typing import Any, NoReturn, TypeVar

from cxcheck.errors import ExitCode

T = TypeVar("T")

_STILL_WRITING = b"interrupted again: still writing the report of what was done, one moment\n"


class CtrlC:
    """SIGINT for one run: `attach` the run's task; the first Ctrl-C cancels it."""

    def __init__(self) -> None:
        self.pressed = 0
        self.before: Any = signal.default_int_handler  # the handler it took over from
        self._task: asyncio.Task[Any] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._installed = False

    def install(self) -> CtrlC:
        """Take SIGINT over (only the main thread can; elsewhere it is left as it is)."""
        with contextlib.suppress(ValueError):  # ValueError: not the main thread
            self.before = signal.getsignal(signal.SIGINT) or signal.default_int_handler
            signal.signal(signal.SIGINT, self._on_sigint)
            self._installed = True
        return self

    def attach(self) -> None:
        """The running task is the run: the first Ctrl-C cancels it (the crawl stops, the
        partial report is made), as asyncio's own handler would."""
        self._task = asyncio.current_task()
        self._loop = asyncio.get_running_loop()

    def detach(self) -> None:
        """The run is over: a Ctrl-C now only waits for the report."""
        self._task = None

    def release(self, previous: Any) -> None:
        """Give SIGINT back to `previous` (when the run was not interrupted)."""
        if self._installed:
            signal.signal(signal.SIGINT, previous)
            self._installed = False

    def _on_sigint(self, signum: int, frame: FrameType | None) -> None:
        self.pressed += 1
        task, loop = self._task, self._loop
        if self.pressed == 1 and task is not None and loop is not None and not task.done():
            loop.call_soon_threadsafe(task.cancel)
            return
        if self.pressed == 1 and task is None and self._loop is None:
            _as_elsewhere(self.before)  # before the run started: nothing to report
        if self.pressed == 2:  # os.write: print() could re-enter a write it interrupted
            os.write(2, _STILL_WRITING)


def run_with_ctrl_c(work: Coroutine[Any, Any, T]) -> tuple[T, bool]:
    """`asyncio.run(work)` with Ctrl-C handled as above; also whether Ctrl-C was pressed. A
    press that stopped `work` before it had anything to report is KeyboardInterrupt. After a
    press the handler stays, so no later one stops the writing of the report."""
    ctrl_c = CtrlC().install()
    previous = ctrl_c.before

    async def attached() -> T:
        ctrl_c.attach()
        asyncio.get_running_loop().set_exception_handler(_quiet_after_driver_loss)
        try:
            return await work
        finally:
            ctrl_c.detach()

    try:
        result = asyncio.run(attached())
    except asyncio.CancelledError:  # Ctrl-C stopped it before it had anything to report:
        ctrl_c.release(previous)
        _as_elsewhere(previous)
    except BaseException:
        ctrl_c.release(previous)
        raise
    if not ctrl_c.pressed:
        ctrl_c.release(previous)
    return result, bool(ctrl_c.pressed)


def _quiet_after_driver_loss(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """asyncio's report of an error nobody awaited, minus Playwright's calls that were still
    waiting when its driver went away: a Ctrl-C in a terminal reaches the driver too (it is
    in the same process group) and each such call then ends in "Connection closed while
    reading from the driver", printed after the one line Ctrl-C is promised to print. The
    run has already stopped and said so; anything else is reported as asyncio would."""
    error = context.get("exception")
    if isinstance(error, Exception) and _DRIVER_GONE in str(error):
        return
    loop.default_exception_handler(context)


_DRIVER_GONE = "Connection closed"  # Playwright: "Connection closed while reading from the driver"


def _as_elsewhere(handler: Any) -> NoReturn:
    """Do what a Ctrl-C does outside a run: call `handler` (the command line's, which says
    "interrupted" once); KeyboardInterrupt when it is none of Python's."""
    if callable(handler):
        handler(signal.SIGINT, None)
    raise KeyboardInterrupt


class Terminated(SystemExit):
    """SIGTERM stopped the command where there was nothing to report: exit 143. A SystemExit,
    so neither `except Exception` nor Typer (which makes a KeyboardInterrupt exit 130)
    swallows it, and it leaves an event loop as Ctrl-C does."""

    def __init__(self) -> None:
        super().__init__(ExitCode.TERMINATED)


class Sigterm:
    """While a run goes, SIGTERM stops it as Ctrl-C does: the main task is cancelled, the
    crawl stops and the partial report is still made. A second SIGTERM stops at once."""

    def __init__(self) -> None:
        self.received = False
        self.cancels = True  # False once the crawl is over: then just finish, quickly
        self._task = asyncio.current_task()
        self._loop = asyncio.get_running_loop()
        self._previous: Any = None
        self._installed = False

    def __enter__(self) -> Sigterm:
        previous = signal.getsignal(signal.SIGTERM)
        # Only the main thread's loop can own a signal; elsewhere SIGTERM stays as it was.
        with contextlib.suppress(ValueError, RuntimeError, NotImplementedError):
            self._loop.add_signal_handler(signal.SIGTERM, self._on_sigterm)
            self._previous, self._installed = previous, True
        return self

    def __exit__(self, *exc: object) -> None:
        if self._installed:
            self._loop.remove_signal_handler(signal.SIGTERM)
            # None: a handler not set from Python, which cannot be put back; use the default.
            signal.signal(signal.SIGTERM, self._previous or signal.SIG_DFL)

    def _on_sigterm(self) -> None:
        if self.received:
            raise Terminated  # out of the event loop; asyncio.run still cancels and closes
        self.received = True
        task = self._task
        if self.cancels and task is not None and not task.done() and not task.cancelling():
            task.cancel()


def stop_while_loading() -> None:
    """Until the command line is loaded, Ctrl-C and SIGTERM end the process at once, with
    one line: importing Playwright, Typer and Rich takes a second or more on a busy runner."""
    signal.signal(signal.SIGTERM, _stop_before_start)
    signal.signal(signal.SIGINT, _stop_before_start)


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """While a command imports what its run needs (Playwright, the crawl: a second or more on
    a busy runner), Ctrl-C and SIGTERM end the process at once with one line, as while the
    command line loads: a KeyboardInterrupt raised inside an import can be swallowed or
    escape as the interpreter's own SIGINT exit. The handlers before are put back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    stop_while_loading()
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def terminate_from_now() -> None:
    """Once loaded: SIGTERM stops the command where it is as Ctrl-C does (exit 143; a run
    takes it over with `Sigterm` and still writes its partial report), Ctrl-C is Python's."""
    signal.signal(signal.SIGTERM, _raise_terminated)
    signal.signal(signal.SIGINT, signal.default_int_handler)


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def _stop_before_start(signum: int, frame: FrameType | None) -> None:
    # Not an exception: raised inside an import it can land in importlib's own callbacks,
    # which swallow it, and the command would go on (or print a traceback from deep inside
    # the import). Nothing is started yet to clean up.
    if signum == signal.SIGINT:
        os.write(2, b"interrupted\n")
        os._exit(ExitCode.INTERRUPTED)
    os.write(2, b"terminated\n")
    os._exit(ExitCode.TERMINATED)


@contextlib.contextmanager
def signals_set(done: asyncio.Event) -> Iterator[list[int]]:
    """While a journey is recorded, Ctrl-C and SIGTERM end it the way "Stop recording" does
    (the browser closed, the file kept): they set `done`; the list gets the signal that did."""
    loop = asyncio.get_running_loop()
    got: list[int] = []
    installed = []
    for number in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError, RuntimeError, NotImplementedError):
            loop.add_signal_handler(number, _note_and_set, got, number, done)
            installed.append(number)
    try:
        yield got
    finally:
        for number in installed:
            loop.remove_signal_handler(number)


def _note_and_set(got: list[int], number: int, done: asyncio.Event) -> None:
    got.append(number)
    done.set()
