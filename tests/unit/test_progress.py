"""The progress display: its figures with a clock we move by hand, the live bar drawn into a
fixed-width console, and the plain lines a pipe gets."""

from __future__ import annotations

import io
import time

from rich.console import Console

from cxcheck.cli.progress import LiveBar, RunProgress, clock_time, plain_display, progress_bar


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_total_found_never_moves_backwards() -> None:
    state = RunProgress(Clock())
    state.page_done(1, 40, "/a")
    state.page_done(2, 10, "/b")  # the frontier had counted pages it then left out
    assert (state.done, state.found) == (2, 41)
    state.page_done(50, 0, "/c")
    assert state.found == 50


def test_rate_and_time_left_once_there_are_enough_pages() -> None:
    clock = Clock()
    state = RunProgress(clock)
    clock.now += 2
    state.page_done(2, 20, "/a")
    assert state.figures() == "2 of 22 pages checked"  # too few to tell a rate
    clock.now += 8
    state.page_done(20, 80, "/b")
    assert state.figures() == "20 of 100 pages checked · 2.0 pages/s · about 40 s left"
    assert state.line() == f"progress: checking pages: {state.figures()}"


def test_one_page_is_singular() -> None:
    state = RunProgress(Clock())
    state.page_done(1, 0, "/")
    assert state.figures() == "1 of 1 page checked"


def test_phases_after_the_crawl_say_what_they_do_and_count_when_they_can() -> None:
    clock = Clock()
    state = RunProgress(clock)
    state.enter("re-measuring slow pages alone")
    clock.now += 65
    assert state.line() == "progress: re-measuring slow pages alone: 1 min 05 s"
    state.enter("taking pictures of findings")
    state.count(3, 13)
    clock.now += 4
    assert state.figures() == "3 of 13 pages · 4 s"


def test_clock_time_reads_as_people_say_it() -> None:
    assert [clock_time(s) for s in (0, 59.4, 61, 3725)] == [
        "0 s",
        "59 s",
        "1 min 01 s",
        "1 h 02 min",
    ]


def test_the_live_bar_keeps_its_figures_whole_at_80_columns() -> None:
    clock = Clock()
    state = RunProgress(clock)
    long_url = "https://staging.example.com/" + "category/" * 12 + "item.html"
    bar = LiveBar(progress_bar(Console(file=io.StringIO())), state, lambda url: url)
    clock.now += 10
    state.page_done(25, 87, long_url)
    bar()
    screen = Console(file=io.StringIO(), width=80, color_system=None)
    with screen.capture() as captured:
        screen.print(bar.bar.get_renderable())
    (line,) = captured.get().splitlines()
    assert line.startswith("checking pages ")
    assert "25 of 112 pages checked · 2.5 pages/s · about 35 s left" in line
    assert line.endswith("…")  # the URL gave way
    assert len(line) <= 80


def test_plain_lines_come_on_their_own_while_nothing_changes() -> None:
    out = io.StringIO()
    console = Console(file=out, width=80)
    state = RunProgress()
    state.page_done(3, 9, "/slow")
    with plain_display(console, state, every=0.05) as changed:
        time.sleep(0.3)  # a page that takes long: still a line, from the ticker
        state.enter("running journeys")
        changed()
    lines = out.getvalue().splitlines()
    assert sum(line.startswith("progress: checking pages: 3 of 12 pages") for line in lines) >= 2
    assert any(line.startswith("progress: running journeys") for line in lines)
