"""Reading the history: runs, one run's results, what changed between two runs, the trend."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.history.store import History, HistoryError, RunInfo
from auditor.results import Result, Status
from auditor.resultsdoc import read_result_data

_RUNS = (
    "SELECT id, started_at, finished_at, as_of, tool_version, catalogue_version,"
    " inventory_sha256, score, summary FROM runs"
)
# The spans a run gave: begun by it or before, and not ended before it.
_RESULTS = (
    "SELECT body FROM spans WHERE first_run <= :run AND (last_run IS NULL OR last_run >= :run)"
)


def _run_info(row: tuple[Any, ...]) -> RunInfo:
    summary = json.loads(row[8])
    return RunInfo(
        id=row[0],
        started_at=row[1],
        finished_at=row[2],
        as_of=row[3],
        tool_version=row[4],
        catalogue_version=row[5],
        inventory_sha256=row[6],
        score=row[7],
        summary=summary if isinstance(summary, dict) else {},
    )


def runs(history: History) -> list[RunInfo]:
    """Every run, oldest first."""
    rows = history.db.execute(_RUNS + " ORDER BY id").fetchall()
    return [_run_info(row) for row in rows]


def run_info(history: History, run_id: int) -> RunInfo:
    row = history.db.execute(_RUNS + " WHERE id = ?", (run_id,)).fetchone()
    if row is None:
        raise HistoryError(f"no run {run_id} in {history.path} (see `auditor history`)")
    return _run_info(row)


def last_runs(history: History, count: int) -> list[int]:
    """The ids of the last ``count`` runs, oldest first."""
    rows = history.db.execute("SELECT id FROM runs ORDER BY id DESC LIMIT ?", (count,))
    return sorted(row[0] for row in rows)


def run_head(history: History, run_id: int) -> dict[str, Any]:
    """The run's document head as the scan wrote it, but for the agencies' and accounts'
    scores (see ``scan_document_of``, which recomputes them from the results)."""
    row = history.db.execute(
        "SELECT heads.body, runs.summary, runs.started_at, runs.finished_at, runs.as_of"
        " FROM runs JOIN heads ON heads.id = runs.head WHERE runs.id = ?",
        (run_id,),
    ).fetchone()
    if row is None:
        raise HistoryError(f"no run {run_id} in {history.path} (see `auditor history`)")
    head = json.loads(row[0])
    return {
        **head,
        "started_at": row[2],
        "finished_at": row[3],
        "as_of": row[4],
        "summary": json.loads(row[1]),
    }


def results_of(history: History, run_id: int, status: Status | None = None) -> dict[str, Result]:
    """The results run ``run_id`` gave, by key (only those of ``status`` when given)."""
    query = _RESULTS
    params: dict[str, Any] = {"run": run_id}
    if status is not None:
        query += " AND status = :status"
        params["status"] = status.value
    found = (read_result_data(json.loads(b)) for (b,) in history.db.execute(query, params))
    return {result.key: result for result in found}


@dataclass(frozen=True)
class Diff:
    before: int | None  # None: no earlier run, every failure is new
    after: int | None  # None: the scan not recorded yet
    new: tuple[Result, ...]
    resolved: tuple[Result, ...]
    still_failing: tuple[Result, ...]

    @property
    def changed(self) -> bool:
        return bool(self.new or self.resolved)


def _order(results: Mapping[str, Result], keys: set[str]) -> tuple[Result, ...]:
    return tuple(results[k] for k in sorted(keys))


_FAILING = (
    "SELECT subjects.key, spans.body FROM spans JOIN subjects ON subjects.id = spans.subject"
    " WHERE spans.status = 'fail' AND spans.first_run <= :run"
    " AND (spans.last_run IS NULL OR spans.last_run >= :run)"
)


def failing_bodies(history: History, run_id: int) -> dict[str, str]:
    """The failing results of a run, by key, still as stored (parsed only when needed)."""
    return dict(history.db.execute(_FAILING, {"run": run_id}).fetchall())


def _parsed(bodies: Mapping[str, str], keys: set[str]) -> dict[str, Result]:
    return {key: read_result_data(json.loads(bodies[key])) for key in keys}


def diff_against(history: History, before: int | None, after: Mapping[str, Result]) -> Diff:
    """``after`` (failing results by key, not yet recorded, or of a run) against run
    ``before`` (None: every failure is new)."""
    bodies = failing_bodies(history, before) if before is not None else {}
    resolved = _parsed(bodies, set(bodies) - set(after))
    new = set(after) - set(bodies)
    still = set(after) & set(bodies)
    return Diff(
        before=before,
        after=None,
        new=_order(after, new),
        resolved=_order(resolved, set(resolved)),
        still_failing=_order(after, still),
    )


def diff(history: History, before: int, after: int) -> Diff:
    """What changed from run ``before`` to run ``after``, among failures."""
    for run_id in (before, after):
        run_info(history, run_id)
    bodies = failing_bodies(history, after)
    found = diff_against(history, before, _parsed(bodies, set(bodies)))
    return dataclasses.replace(found, after=after)


@dataclass(frozen=True)
class ScorePoint:
    run: int
    as_of: str
    agency: str  # '' for the organisation
    score: float | None


def scores_in(history: History, first_day: str, last_day: str) -> list[ScorePoint]:
    """Every run's scores (organisation and agencies) with ``as_of`` in the period, by run."""
    try:
        rows = history.db.execute(
            "SELECT runs.id, runs.as_of, run_scores.agency, run_scores.score"
            " FROM runs JOIN run_scores ON run_scores.run = runs.id"
            " WHERE runs.as_of BETWEEN ? AND ? ORDER BY runs.id, run_scores.agency",
            (first_day, last_day),
        ).fetchall()
    except sqlite3.Error as exc:
        raise HistoryError(f"cannot read {history.path}: {exc}") from None
    return [ScorePoint(*row) for row in rows]
