"""The compact result matrix: one fixed-width text line per account, one 3-character cell
per check.

Why text and not a table of cells: WeasyPrint lays out a table cell in about 0.7 ms, so
1,000 accounts x 23 checks as cells would take 16 s alone; a line of monospaced text
with a coloured span only for cells that need attention takes a fraction of that. Every
cell carries a text mark, so the matrix still reads when printed in grey.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from auditor.report.model import Cell
from auditor.report.reading import ResultRecord
from auditor.results import Status

MARKS = {
    Status.PASS: "✓",
    Status.FAIL: "✗",
    Status.ERROR: "!",
    Status.MANUAL: "?",
    Status.SKIPPED: "–",
}
NO_RESULT_MARK = "·"
COLOURED = frozenset({Status.FAIL, Status.ERROR, Status.MANUAL})
ID_WIDTH = 28
SCORE_WIDTH = 6
CELL_WIDTH = 3


def _fit(value: str, width: int) -> str:
    return value.ljust(width) if len(value) <= width else value[: width - 1] + "…"


def row_label(account_id: str, score: str) -> str:
    return _fit(account_id, ID_WIDTH) + score.rjust(SCORE_WIDTH - 1) + " "


def _number(check_id: str) -> str:
    number = check_id.partition("-")[2]
    return str(int(number)) if number.isdigit() else number


def _families(columns: Sequence[str]) -> str:
    line = [" "] * (len(columns) * CELL_WIDTH)
    starts = [i for i, c in enumerate(columns) if i == 0 or _family(columns[i - 1]) != _family(c)]
    for n, start in enumerate(starts):
        end = starts[n + 1] * CELL_WIDTH if n + 1 < len(starts) else len(line)
        name = _family(columns[start])[: end - start * CELL_WIDTH]
        line[start * CELL_WIDTH : start * CELL_WIDTH + len(name)] = name
    return "".join(line)


def _family(check_id: str) -> str:
    return check_id.partition("-")[0]


def header(columns: Sequence[str], account: str, score: str) -> tuple[str, str]:
    """Two lines over the cells: each family's name where its group starts (running over
    the next cells), then each check's number: ``OWN`` over `` 1  2  3  4``."""
    return (
        _fit(account, ID_WIDTH)
        + score[: SCORE_WIDTH - 1].rjust(SCORE_WIDTH - 1)
        + " "
        + _families(columns),
        " " * (ID_WIDTH + SCORE_WIDTH) + "".join(_number(c).center(CELL_WIDTH) for c in columns),
    )


def cells(columns: Sequence[str], records: Iterable[ResultRecord]) -> tuple[Cell, ...]:
    """The row's cells, neighbours that look alike merged into one run of text.

    Every coloured span is a text run that WeasyPrint lays out and draws on its own (about
    0.2 ms each): merging neighbours with the same colour, and all the plain ones, takes a
    large report's matrix from thousands of runs to a few per row.
    """
    by_check = {r.check: r.status for r in records}
    runs: list[Cell] = []
    for column in columns:
        status = by_check.get(column)
        if status is None:
            cell = Cell("none", f" {NO_RESULT_MARK} ", False)
        else:
            cell = Cell(status.value, f" {MARKS[status]} ", status in COLOURED)
        previous = runs[-1] if runs else None
        if (
            previous
            and previous.coloured == cell.coloured
            and (not cell.coloured or previous.status == cell.status)
        ):
            runs[-1] = Cell(previous.status, previous.text + cell.text, cell.coloured)
        else:
            runs.append(cell)
    return tuple(runs)
