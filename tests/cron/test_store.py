"""The history database itself: schema version, WAL, unchanged results stored once."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from auditor.catalogue import load_registry
from auditor.engine import ScanOptions, scan
from auditor.history.query import results_of, runs
from auditor.history.schema import VERSION
from auditor.history.store import HistoryError, open_history
from auditor.inventory.loader import load_inventory
from auditor.output.json_format import document_head
from auditor.results import Status
from auditor.run import ScanRun
from auditor.text import Lang
from tests.cron.inventories import AS_OF, write_inventory


def a_run(tmp_path: Path) -> ScanRun:
    source = load_inventory(write_inventory(tmp_path, no_mfa=frozenset({"jkm-fb"})))
    return scan(source, load_registry(), ScanOptions(as_of=AS_OF, offline=True))


def test_a_new_history_has_the_current_schema_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    open_history(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (VERSION,)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_history_from_a_newer_auditor_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {VERSION + 1}")
    with pytest.raises(HistoryError, match="upgrade auditor"):
        open_history(path)


def test_reading_a_missing_history_does_not_create_it(tmp_path: Path) -> None:
    with pytest.raises(HistoryError, match="no history"):
        open_history(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_unchanged_results_are_stored_once_and_read_back_per_run(tmp_path: Path) -> None:
    run = a_run(tmp_path)
    fixed = dataclasses.replace(
        run,
        results=tuple(
            dataclasses.replace(r, status=Status.PASS, messages=())
            if r.key == "ACC-001|jkm|jkm-fb|"
            else r
            for r in run.results
        ),
    )
    with open_history(tmp_path / "h.db") as history:
        first = history.record(run, document_head(run, Lang.MS))
        second = history.record(run, document_head(run, Lang.MS))
        third = history.record(fixed, document_head(fixed, Lang.MS))
        (spans,) = history.db.execute("SELECT count(*) FROM spans").fetchone()
        assert spans == len(run.results) + 1  # one result changed once
        assert results_of(history, first) == results_of(history, second)
        assert sorted(results_of(history, first)) == sorted(r.key for r in run.results)
        assert results_of(history, third)["ACC-001|jkm|jkm-fb|"].status is Status.PASS
        assert results_of(history, second)["ACC-001|jkm|jkm-fb|"].status is Status.FAIL
        assert [r.id for r in runs(history)] == [first, second, third]
        assert runs(history)[2].summary["fail"] == runs(history)[0].summary["fail"] - 1
