"""Opening the history database and recording a run in one transaction.

WAL mode: readers (``history``, ``diff``, the report) never wait for a writing scan, and a
scan killed half-way leaves the database as it was before that run (SQLite rolls the
unfinished transaction back on the next open).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.history.schema import SchemaTooNew, migrate
from auditor.results import Result
from auditor.resultsdoc import result_data
from auditor.run import ScanRun
from auditor.scoring import tally

BUSY_TIMEOUT = 30.0  # seconds a reader or writer waits for SQLite's own locks


class HistoryError(Exception):
    """The history database cannot be used; the message says which file and why."""


@dataclass(frozen=True)
class RunInfo:
    id: int
    started_at: str
    finished_at: str
    as_of: str
    tool_version: str
    catalogue_version: str
    inventory_sha256: str
    score: float | None
    summary: Mapping[str, Any]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _digest(body: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(body.encode("utf-8"), digest_size=8).digest(), "big", signed=True
    )


@contextlib.contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception (KeyboardInterrupt included)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def open_history(path: Path, *, create: bool = True) -> History:
    """The history at ``path``, created (with its folder's parents) when ``create``."""
    if not create and not path.is_file():
        raise HistoryError(f"no history at {path} (run a scan with history first)")
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
            # the results name people and addresses: readable by the scan's user only
            os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")  # a run reported as recorded survives a crash
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db)
    except SchemaTooNew as exc:
        raise HistoryError(f"{path}: {exc}; upgrade auditor") from None
    except (OSError, sqlite3.Error) as exc:
        raise HistoryError(f"cannot open the history {path}: {_reason(exc)}") from None
    return History(path, db)


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return str(exc) or type(exc).__name__


@dataclass
class History:
    path: Path
    db: sqlite3.Connection

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record(self, run: ScanRun, head: Mapping[str, Any]) -> int:
        """Store ``run`` (``head``: the scan document without its results); its new id."""
        rows = _rows(run.results)
        try:
            with transaction(self.db) as db:
                run_id = _insert_run(db, run, head)
                _insert_scores(db, run_id, run.results)
                _record_spans(db, run_id, rows)
        except sqlite3.Error as exc:
            raise HistoryError(f"cannot record the run in {self.path}: {_reason(exc)}") from None
        return run_id


def _rows(results: tuple[Result, ...]) -> dict[str, tuple[int, str, str]]:
    """Each result's (digest, status, body) by key; the first result wins a repeated key."""
    rows: dict[str, tuple[int, str, str]] = {}
    for result in results:
        if result.key not in rows:
            body = _dumps(result_data(result))
            rows[result.key] = (_digest(body), result.status.value, body)
    return rows


# What changes every night is kept in the runs table (times, summary) or recomputed from the
# results (scores); the rest of a head repeats, and is stored once.
_PER_RUN = frozenset({"started_at", "finished_at", "as_of", "summary", "results"})


def _lasting(head: Mapping[str, Any]) -> dict[str, Any]:
    lasting = {k: v for k, v in head.items() if k not in _PER_RUN}
    agencies = lasting.get("agencies")
    if isinstance(agencies, list):
        lasting["agencies"] = [_without_scores(agency) for agency in agencies]
    return lasting


def _without_scores(agency: Any) -> Any:
    if not isinstance(agency, dict):
        return agency
    accounts = agency.get("accounts")
    kept = {k: v for k, v in agency.items() if k != "score"}
    if isinstance(accounts, list):
        kept["accounts"] = [
            {k: v for k, v in a.items() if k != "score"} if isinstance(a, dict) else a
            for a in accounts
        ]
    return kept


def _head_id(db: sqlite3.Connection, head: Mapping[str, Any]) -> int:
    body = _dumps(_lasting(head))
    digest = _digest(body)
    db.execute("INSERT OR IGNORE INTO heads (digest, body) VALUES (?, ?)", (digest, body))
    return int(db.execute("SELECT id FROM heads WHERE digest = ?", (digest,)).fetchone()[0])


def _insert_run(db: sqlite3.Connection, run: ScanRun, head: Mapping[str, Any]) -> int:
    summary = head.get("summary", {})
    cursor = db.execute(
        "INSERT INTO runs (started_at, finished_at, as_of, tool_version, catalogue_version,"
        " inventory_path, inventory_sha256, score, head, summary)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            run.started_at.isoformat(timespec="seconds"),
            run.finished_at.isoformat(timespec="seconds"),
            run.as_of.isoformat(),
            run.tool_version,
            run.registry.version,
            run.inventory_path,
            run.inventory_sha256,
            summary.get("score") if isinstance(summary, Mapping) else None,
            _head_id(db, head),
            _dumps(summary),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _insert_scores(db: sqlite3.Connection, run_id: int, results: tuple[Result, ...]) -> None:
    counted = tally(results)
    scores = [("", counted.score), *sorted(counted.agency_scores.items())]
    db.executemany(
        "INSERT INTO run_scores (run, agency, score) VALUES (?, ?, ?)",
        [(run_id, agency, value) for agency, value in scores],
    )


def _subject_ids(db: sqlite3.Connection, keys: list[str]) -> dict[str, int]:
    known = dict(db.execute("SELECT key, id FROM subjects").fetchall())
    new = [(key,) for key in keys if key not in known]
    if new:
        db.executemany("INSERT INTO subjects (key) VALUES (?)", new)
        known = dict(db.execute("SELECT key, id FROM subjects").fetchall())
    return known


def _record_spans(
    db: sqlite3.Connection, run_id: int, rows: dict[str, tuple[int, str, str]]
) -> None:
    """Extend the spans that did not change, close the others, open spans for what is new."""
    previous = db.execute("SELECT max(id) FROM runs WHERE id < ?", (run_id,)).fetchone()[0]
    subjects = _subject_ids(db, list(rows))
    open_spans = {
        subject: (span, digest)
        for span, subject, digest in db.execute(
            "SELECT id, subject, digest FROM spans WHERE last_run IS NULL"
        )
    }
    opened = []
    for key, (digest, status, body) in rows.items():
        subject = subjects[key]
        current = open_spans.pop(subject, None)
        if current is not None and current[1] == digest:
            continue  # unchanged: its span goes on
        if current is not None:
            open_spans[subject] = current  # changed: closed below with the absent ones
        opened.append((subject, run_id, digest, status, body))
    if open_spans and previous is not None:
        db.executemany(
            "UPDATE spans SET last_run = ? WHERE id = ?",
            [(previous, span) for span, _ in open_spans.values()],
        )
    db.executemany(
        "INSERT INTO spans (subject, first_run, digest, status, body) VALUES (?, ?, ?, ?, ?)",
        opened,
    )
