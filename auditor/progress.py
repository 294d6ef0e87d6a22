"""A progress bar on the terminal while a scan runs; nothing at all without one (cron)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from auditor.engine import Progress, Stage
from auditor.text import Lang, Text

if TYPE_CHECKING:
    from rich.progress import TaskID

STAGES = {
    Stage.COLLECT: Text(
        ms="Membaca profil daripada platform", en="Reading the profiles from the platforms"
    ),
    Stage.FACTS: Text(
        ms="Mengumpul fakta (kata laluan, imej, DNS)",
        en="Gathering facts (passwords, images, DNS)",
    ),
    Stage.CHECKS: Text(ms="Menjalankan semakan", en="Running the checks"),
}


LOADING = Text(ms="Membaca inventori {path}", en="Reading the inventory {path}")


@contextlib.contextmanager
def terminal_status(enabled: bool, message: str) -> Iterator[None]:
    """A spinner with a message on stderr while a step without steps of its own runs."""
    if not enabled:
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(message):
        yield


@contextlib.contextmanager
def terminal_progress(enabled: bool, lang: Lang) -> Iterator[Progress | None]:
    """A callback drawing the scan's progress on stderr, removed when done; None if disabled."""
    if not enabled:
        yield None
        return
    # rich's progress and live display: loaded only where there is a terminal to draw on.
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.progress import Progress as Bar

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Bar(*columns, console=Console(stderr=True), transient=True) as bar:
        tasks: dict[Stage, TaskID] = {}

        def update(stage: Stage, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(STAGES[stage](lang), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update
