"""``auditor history``: one line per recorded scan, oldest first (or ``--format json``)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from auditor import console
from auditor.exit_codes import EXIT_USAGE
from auditor.results import Status

if TYPE_CHECKING:
    from auditor.history.store import History, RunInfo


class ListFormat(Enum):
    TEXT = "text"
    JSON = "json"


HistoryOption = Annotated[
    Path | None, typer.Option("--history", help="The history database (default: user data).")
]
FormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")]


def fail(message: str) -> NoReturn:
    console.stderr(f"auditor: {message}")
    raise typer.Exit(EXIT_USAGE)


@contextlib.contextmanager
def existing_history(path: Path | None) -> Iterator[History]:
    """The history to read (never created here); exit 2 when there is none."""
    # Imported here, as in every command module: ``--help`` does not load what runs.
    from auditor.history import default_path
    from auditor.history.store import HistoryError, open_history

    try:
        history = open_history(path or default_path(), create=False)
    except HistoryError as exc:
        fail(str(exc))
    with history:
        yield history


def run_record(run: RunInfo) -> dict[str, Any]:
    return {
        "id": run.id,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "as_of": run.as_of,
        "tool_version": run.tool_version,
        "catalogue_version": run.catalogue_version,
        "inventory_sha256": run.inventory_sha256,
        "score": run.score,
        "summary": dict(run.summary),
    }


_COLUMNS = ("run", "started_at", "as_of", "score", *(s.value for s in Status), "muted")


def _line(cells: tuple[object, ...]) -> str:
    widths = (5, 26, 11, 6, 6, 6, 6, 7, 8, 6)
    return "".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip() + "\n"


def _text(found: list[RunInfo]) -> str:
    lines = [_line(_COLUMNS)]
    for run in found:
        counts = tuple(run.summary.get(s.value, 0) for s in Status)
        score = "-" if run.score is None else f"{run.score:.1f}"
        muted = run.summary.get("muted", 0)
        lines.append(_line((run.id, run.started_at, run.as_of, score, *counts, muted)))
    return "".join(lines)


def history_command(
    history: HistoryOption = None,
    fmt: FormatOption = ListFormat.TEXT,
) -> None:
    """List the recorded scans, oldest first: id, time, score and counts."""
    from auditor.history.query import runs

    with existing_history(history) as opened:
        found = runs(opened)
    if fmt is ListFormat.JSON:
        console.stdout(json.dumps([run_record(r) for r in found], ensure_ascii=False) + "\n")
        return
    console.stdout(_text(found))
