"""What a run shows while it goes (a live bar on stderr, a line per journey) and the
`--timings` table after it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from cxcheck import app
from cxcheck.masking import NO_MASK, Mask
from cxcheck.report.model import JourneyResult


def show_timings(outcome: app.Outcome, console: Console) -> None:
    """The `--timings` table: each phase's time summed over pages, per page, and its share."""
    report = outcome.report
    pages = max(len(report.pages), 1)
    rate = len(report.pages) / report.duration_s if report.duration_s else 0.0
    table = Table(
        title=f"Where the time went: {len(report.pages)} pages in {report.duration_s:.1f} s "
        f"({rate:.1f} pages/s)",
        caption="Summed over pages; pages load side by side, so the sums exceed the wall time.",
    )
    for column in ("phase", "seconds", "ms per page", "share"):
        table.add_column(column, justify="left" if column == "phase" else "right")
    for phase in outcome.timings.phases():
        table.add_row(
            escape(phase.phase),
            f"{phase.seconds:.1f}",
            f"{phase.seconds / pages * 1000:.0f}",
            f"{phase.share:.0%}",
        )
    console.print(table)


@contextmanager
def progress_display(console: Console, quiet: bool, mask: Mask = NO_MASK) -> Iterator[app.Progress]:
    """A live bar (pages done of done + queued, current URL) on stderr."""
    if quiet:
        yield app.Progress()
        return
    bar = Progress(
        TextColumn("[bold]crawling"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}", style="dim", markup=False),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task("", total=None)

    def started(url: str, chosen: str) -> None:
        console.print(Text(f"Checking {mask.text(url)} with {chosen}", style="dim"))

    def page_done(done: int, queued: int, url: str) -> None:
        # Masked before it is cut: half a secret is no longer recognisable as one.
        shown = mask.text(url)[-60:]
        bar.update(task, completed=done, total=done + queued, description=shown)

    def finishing() -> None:
        bar.update(task, description="links to other sites, files no page loaded, click probe")

    with bar:
        yield app.Progress(started, page_done, finishing, journey_line(console, quiet))


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
