"""The history database's schema and its migrations (``PRAGMA user_version``).

A result is stored as a *span*: the same result (same content, same subject) from the run
that first gave it to the last run that still gave it; ``last_run`` is NULL while the latest
run still gives it. Each migration is applied in its own transaction, in order.
"""

from __future__ import annotations

import sqlite3

_V1 = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    as_of TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    catalogue_version TEXT NOT NULL,
    inventory_path TEXT NOT NULL,
    inventory_sha256 TEXT NOT NULL,
    score REAL,
    head INTEGER NOT NULL REFERENCES heads(id),
    summary TEXT NOT NULL    -- JSON: the scan document's summary
);
CREATE TABLE heads (
    id INTEGER PRIMARY KEY,
    digest INTEGER NOT NULL UNIQUE,
    body TEXT NOT NULL       -- JSON: the document's head without times, summary or scores
);
CREATE TABLE run_scores (
    run INTEGER NOT NULL REFERENCES runs(id),
    agency TEXT NOT NULL,    -- '' for the organisation
    score REAL,
    PRIMARY KEY (run, agency)
) WITHOUT ROWID;
CREATE TABLE subjects (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE -- check|agency|account|domain (Result.key)
);
CREATE TABLE spans (
    id INTEGER PRIMARY KEY,
    subject INTEGER NOT NULL REFERENCES subjects(id),
    first_run INTEGER NOT NULL REFERENCES runs(id),
    last_run INTEGER REFERENCES runs(id),
    digest INTEGER NOT NULL, -- 64 bits of BLAKE2b of body: compared, never trusted for reading
    status TEXT NOT NULL,
    body TEXT NOT NULL       -- JSON: auditor.resultsdoc.result_data
);
CREATE INDEX spans_open ON spans (last_run, subject);
CREATE INDEX spans_first ON spans (first_run);
CREATE INDEX spans_status ON spans (status, first_run);
"""

MIGRATIONS: tuple[str, ...] = (_V1,)
VERSION = len(MIGRATIONS)


class SchemaTooNew(Exception):
    """The database was written by a newer auditor."""


def migrate(db: sqlite3.Connection) -> None:
    """Bring the schema up to ``VERSION``; each step commits on its own."""
    current = int(db.execute("PRAGMA user_version").fetchone()[0])
    if current > VERSION:
        raise SchemaTooNew(f"schema version {current}; this auditor knows up to {VERSION}")
    for number in range(current, VERSION):
        db.execute("BEGIN IMMEDIATE")
        try:
            # re-read under the write lock: another process may have migrated meanwhile
            if int(db.execute("PRAGMA user_version").fetchone()[0]) > number:
                db.execute("ROLLBACK")
                continue
            for statement in MIGRATIONS[number].split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {number + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
