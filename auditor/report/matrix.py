"""The compact result matrix: one fixed-width text line per account, one 3-character cell
per check.

Why text and not a table of cells: WeasyPrint lays out a table cell in about 0.7 ms, so
1,000 accounts x 23 checks as cells would take 16 s alone. Why the colours are drawn
behind the text rather than given by spans: WeasyPrint lays out, draws and tags every
inline box on its own (about 1.2 ms each, whatever its style), and a table row costs
about 6 ms, so 1,000 rows with four coloured runs each took 13 s of a 40 s report. A
block of plain lines with one SVG drawing behind it (one path per colour, whatever the
number of cells) takes under a second. The block's lines are one paragraph, broken at
newlines (a paragraph per line costs a box, a style and a tag each: 1,200 of them for
1,000 accounts), and the header's shading is in the drawing too. Every cell carries a text
mark, so the matrix still reads when printed in grey.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from auditor.report.model import AccountView, Cell, MatrixBlock
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
# The cell colours (fail, error, manual), the header's shading and the thin rule under
# every fifth row.
FILLS = {"fail": "#f4b9b3", "error": "#dcc2ea", "manual": "#fbe0a0"}
HEADER_FILL = "#e8eef4"
RULE_FILL = "#cccccc"
RULE_EVERY = 5
RULE_HEIGHT = 0.04  # in matrix lines
HEADER_LINES = 2
LINE_EM = 1.35  # p.mlines's line-height in report.css
# Rows under one header, kept on one page: the header is repeated on each block, as a
# table's would be on each page, and a block never splits (the drawing behind it cannot).
BLOCK_ROWS = 40
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


def blocks(accounts: Sequence[AccountView], columns: Sequence[str]) -> tuple[MatrixBlock, ...]:
    """The agency's rows in blocks of at most ``BLOCK_ROWS``, each with its drawing."""
    width = ID_WIDTH + SCORE_WIDTH + CELL_WIDTH * len(columns)
    return tuple(
        _block(accounts[start : start + BLOCK_ROWS], width)
        for start in range(0, len(accounts), BLOCK_ROWS)
    )


def _block(rows: Sequence[AccountView], width: int) -> MatrixBlock:
    """The coloured runs of ``rows`` as one SVG path per colour, in units of one character
    (x) and one matrix line (y), the header's lines first, shaded under everything else."""
    runs: dict[str, list[tuple[int, int, int]]] = {status: [] for status in FILLS}
    for line, account in enumerate(rows, start=HEADER_LINES):
        x = len(account.label)
        for cell in account.cells:
            if cell.coloured and cell.status in runs:
                runs[cell.status].append((x, len(cell.text), line))
            x += len(cell.text)
    rules = [
        f"M0 {HEADER_LINES + n - RULE_HEIGHT}h{width}v{RULE_HEIGHT}h-{width}z"
        for n in range(RULE_EVERY, len(rows), RULE_EVERY)
    ]
    paths = [(HEADER_FILL, f"M0 0h{width}v{HEADER_LINES}h-{width}z")]
    paths += [(FILLS[status], rectangles(found)) for status, found in runs.items() if found]
    if rules:
        paths.append((RULE_FILL, "".join(rules)))
    return MatrixBlock(
        accounts=tuple(rows),
        width=width,
        lines=HEADER_LINES + len(rows),
        height_em=round((HEADER_LINES + len(rows)) * LINE_EM, 3),
        paths=tuple(paths),
    )


def rectangles(runs: Iterable[tuple[int, int, int]]) -> str:
    """Runs (x, width, line), in line order, as an SVG path: the same run on the lines
    below is the same rectangle made taller. WeasyPrint parses and draws a path's every
    command in Python, and a column of manual results is one rectangle, not forty."""
    open_runs: dict[tuple[int, int], tuple[int, int]] = {}  # (x, width): first, last line
    done: list[tuple[int, int, int, int]] = []
    for x, run_width, line in runs:
        first, last = open_runs.get((x, run_width), (line, line - 1))
        if last != line - 1:
            done.append((x, run_width, first, last))
            first = line
        open_runs[(x, run_width)] = (first, line)
    done += [(x, w, first, last) for (x, w), (first, last) in open_runs.items()]
    return "".join(f"M{x} {first}h{w}v{last - first + 1}h-{w}z" for x, w, first, last in done)
