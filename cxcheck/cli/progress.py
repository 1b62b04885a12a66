"""What a run shows while it goes and the `--timings` table after it.

While it runs: pages checked of pages found, pages a second and the time left during the
crawl, then each phase after it named for what it does, and a line per journey.
`RunProgress` holds the figures (pure, with an injected clock, tested without a terminal);
`live_display` draws them as a Rich bar on a terminal; `plain_display` prints one plain line
at each phase and at least every `PLAIN_EVERY` seconds when stderr is a file or a pipe (CI
logs), where a bar would print nothing until the end.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TextColumn
from rich.table import Column, Table
from rich.text import Text

from cxcheck import app
from cxcheck.crawl.stopwatch import Stopwatch
from cxcheck.masking import NO_MASK, Mask
from cxcheck.report.model import JourneyResult, plural


def show_timings(timings: Stopwatch, pages_seen: int, duration_s: float, console: Console) -> None:
    """The `--timings` table of a run that checked `pages_seen` pages in `duration_s`: each
    phase's time summed over pages, per page, and its share."""
    pages = max(pages_seen, 1)
    rate = pages_seen / duration_s if duration_s else 0.0
    table = Table(
        title=f"Where the time went: {plural(pages_seen, 'page')} in {duration_s:.1f} s "
        f"({rate:.1f} pages/s)",
        caption="Summed over pages; pages load side by side, so the sums exceed the wall time.",
    )
    for column in ("phase", "seconds", "ms per page", "share"):
        table.add_column(column, justify="left" if column == "phase" else "right")
    for phase in timings.phases():
        table.add_row(
            escape(phase.phase),
            f"{phase.seconds:.1f}",
            f"{phase.seconds / pages * 1000:.0f}",
            f"{phase.share:.0%}",
        )
    console.print(table)


@contextmanager
def progress_display(console: Console, quiet: bool, mask: Mask = NO_MASK) -> Iterator[app.Progress]:
    """Progress on stderr: a live bar on a terminal, plain lines at least every
    `PLAIN_EVERY` seconds in a file or a pipe; with --quiet, nothing."""
    if quiet:
        yield app.Progress()
        return
    state = RunProgress()

    def started(url: str, chosen: str) -> None:
        console.print(Text(f"Checking {mask.text(url)} with {chosen}", style="dim"))

    def shown(url: str) -> str:
        return mask.text(url)[-60:]  # masked before it is cut: half a secret is not one

    live = is_terminal(console)
    with live_display(console, state, shown) if live else plain_display(console, state) as show:

        def page_done(done: int, queued: int, url: str) -> None:
            state.page_done(done, queued, url)
            show()

        def phase(label: str) -> None:
            state.enter(label)
            show()

        def step(done: int, total: int) -> None:
            state.count(done, total)
            show()

        def stopped() -> None:
            state.quiet = True

        yield app.Progress(
            started,
            page_done,
            lambda: phase("finishing the crawl"),
            journey_line(console, quiet),
            phase,
            step,
            stopped,
        )


def journey_line(console: Console, quiet: bool) -> Any:
    def done(result: JourneyResult) -> None:
        if quiet:
            return
        mark = {"passed": "[green]✓[/]", "too_slow": "[yellow]⚠ too slow[/]"}.get(
            result.status, "[red]✗[/]"
        )
        seconds = result.duration_ms / 1000
        console.print(f"{mark} {escape(result.name)} ({escape(result.file)}, {seconds:.1f} s)")

    return done


PLAIN_EVERY = 10.0  # seconds between plain lines: well inside the 15 s CI logs are promised
CRAWLING = "checking pages"
_MIN_FOR_RATE = 3  # pages done before a rate and a time left mean anything


def clock_time(seconds: float) -> str:
    """ "45 s", "3 min 05 s", "1 h 02 min": a time left for people."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {rest:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


@dataclass
class RunProgress:
    """The figures of a run as it goes; the total found never moves backwards."""

    clock: Callable[[], float] = time.monotonic
    done: int = 0
    found: int = 0
    url: str = ""
    phase: str = CRAWLING
    step: tuple[int, int] | None = None  # (done, total) pages of a phase that counts them
    started: float = field(default=0.0)
    phase_started: float = field(default=0.0)
    quiet: bool = False  # the run was stopped: its one line says so, progress says no more

    def __post_init__(self) -> None:
        self.started = self.phase_started = self.clock()

    def page_done(self, done: int, queued: int, url: str) -> None:
        """A page was checked: `done` so far, `queued` still waiting."""
        self.done = max(self.done, done)
        self.found = max(self.found, done + queued, self.done)
        self.url = url

    def enter(self, phase: str) -> None:
        """A phase after the crawl starts."""
        self.phase, self.step, self.phase_started = phase, None, self.clock()

    def count(self, done: int, total: int) -> None:
        """How far the current phase is."""
        self.step = (done, total)

    @property
    def crawling(self) -> bool:
        """True while pages are being checked."""
        return self.phase == CRAWLING

    def rate(self) -> float | None:
        """Pages checked a second, once there are enough to tell."""
        elapsed = self.clock() - self.started
        if self.done < _MIN_FOR_RATE or elapsed <= 0:
            return None
        return self.done / elapsed

    def seconds_left(self) -> float | None:
        """The crawl's time left at the rate so far (more pages may still be found)."""
        rate = self.rate()
        return None if rate is None else (self.found - self.done) / rate

    def figures(self) -> str:
        """ "25 of 112 pages checked · 3.4 pages/s · about 30 s left", or the phase's count."""
        if not self.crawling:
            elapsed = clock_time(self.clock() - self.phase_started)
            if self.step:
                return f"{self.step[0]:,} of {plural(self.step[1], 'page')} · {elapsed}"
            return elapsed
        parts = [f"{self.done:,} of {plural(self.found, 'page')} checked"]
        rate, left = self.rate(), self.seconds_left()
        if rate is not None and left is not None:
            parts += [f"{rate:.1f} pages/s", f"about {clock_time(left)} left"]
        return " · ".join(parts)

    def line(self) -> str:
        """The plain progress line: what is going on, and how far it is."""
        return f"progress: {self.phase}: {self.figures()}"


def is_terminal(console: Console) -> bool:
    """True when `console` draws on a terminal (a live bar), False for a file or a pipe."""
    return console.is_terminal and not console.is_dumb_terminal


@dataclass
class LiveBar:
    """A Rich bar drawn from a `RunProgress`; calling it redraws the bar."""

    bar: Progress
    state: RunProgress
    shown: Callable[[str], str]  # what of a URL is shown (masked, cut)
    task: TaskID = field(init=False)

    def __post_init__(self) -> None:
        self.task = self.bar.add_task("", total=None, phase=self.state.phase, figures="")

    def __call__(self) -> None:
        state = self.state
        if state.crawling:
            total: float | None = state.found or None
            completed: float = state.done
        else:
            total, completed = (state.step[1], state.step[0]) if state.step else (None, 0)
        self.bar.update(
            self.task,
            total=total,
            completed=completed,
            phase=state.phase,
            figures=state.figures(),
            description=self.shown(state.url) if state.crawling else "",
        )


def progress_bar(console: Console) -> Progress:
    """The bar's columns: the URL is the one that gives way on a narrow terminal, so the
    phase and the figures are never cut."""
    return Progress(
        TextColumn("[bold]{task.fields[phase]}", table_column=Column(no_wrap=True)),
        BarColumn(bar_width=16),
        TextColumn("{task.fields[figures]}", table_column=Column(no_wrap=True)),
        TextColumn(
            "{task.description}",
            style="dim",
            markup=False,
            table_column=Column(no_wrap=True, overflow="ellipsis", ratio=1),
        ),
        console=console,
        transient=True,
        expand=True,
    )


@contextmanager
def live_display(
    console: Console, state: RunProgress, shown: Callable[[str], str]
) -> Iterator[LiveBar]:
    """A live bar on `console` while the block runs; yields what redraws it."""
    live = LiveBar(progress_bar(console), state, shown)
    with live.bar:
        yield live


@contextmanager
def plain_display(
    console: Console, state: RunProgress, every: float = PLAIN_EVERY
) -> Iterator[Callable[[], None]]:
    """One plain line every `every` seconds from a thread of its own (a slow page must not
    silence it), and one at each new phase; yields the function told of each change."""
    stop = threading.Event()
    said = [state.phase]

    def tick() -> None:
        while not stop.wait(every):
            if not state.quiet:
                console.print(Text(state.line()), highlight=False, soft_wrap=True)

    def changed() -> None:
        if state.phase != said[0] and not state.quiet:
            said[0] = state.phase
            console.print(Text(state.line()), highlight=False, soft_wrap=True)

    ticker = threading.Thread(target=tick, name="cxcheck-progress", daemon=True)
    ticker.start()
    try:
        yield changed
    finally:
        stop.set()
        ticker.join(timeout=1)
