"""Builds a year of nightly history and times what cron and the annual report read from it.

A generated inventory (``benchmarks.generate_inventory``, 1,000 accounts by default) is
scanned offline once for real results; then 365 nights are recorded through the same code
as ``auditor scan`` (``History.record``), each night changing a small share of results
(a failure fixed, a pass broken, evidence that moved). Printed: the database's size on
disk, the build time, and the medians of ``diff`` of the last two runs, ``history`` (every
run) and the annual trend (every run's scores of the year). Goal (issue 9): < 200 MB and
< 2 s each.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from auditor.catalogue import load_registry
from auditor.engine import ScanOptions, scan
from auditor.history.annual import finding_periods, monthly_trend
from auditor.history.query import diff, last_runs, run_head, runs, scores_in
from auditor.history.store import open_history
from auditor.inventory.loader import load_inventory
from auditor.output.json_format import document_head
from auditor.results import Result, Status
from auditor.run import ScanRun
from auditor.text import Lang
from benchmarks.generate_inventory import dump, inventory, password_environment

START = dt.date(2026, 1, 1)


def first_run(accounts: int, folder: Path) -> ScanRun:
    document = inventory(accounts)
    path = folder / "inventory.yaml"
    path.write_text(dump(document), "utf-8")
    os.environ.update(password_environment(document))
    options = ScanOptions(as_of=START, offline=True)
    return scan(load_inventory(path), load_registry(), options)


def _changed(result: Result, night: int) -> Result:
    if result.status is Status.FAIL:
        return dataclasses.replace(result, status=Status.PASS, messages=())
    if result.status is Status.PASS:
        return dataclasses.replace(result, status=Status.FAIL)
    return dataclasses.replace(result, evidence={**result.evidence, "night": night})


def night(run: ScanRun, number: int, rng: random.Random, churn: float) -> ScanRun:
    results = list(run.results)
    for index in rng.sample(range(len(results)), int(len(results) * churn)):
        results[index] = _changed(results[index], number)
    day = START + dt.timedelta(days=number)
    at = dt.datetime.combine(day, dt.time(2, 0), dt.UTC)
    return dataclasses.replace(
        run, results=tuple(results), as_of=day, started_at=at, finished_at=at
    )


def median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def time_queries(database: Path, repeat: int) -> dict[str, float]:
    """Median seconds of what cron and the annual report read, on the built year."""
    with open_history(database) as history:
        before, after = last_runs(history, 2)
        year = int(runs(history)[-1].as_of[:4])
        head = run_head(history, after)
        return {
            "diff (last two runs)": median_time(lambda: diff(history, before, after), repeat),
            "history (every run)": median_time(lambda: runs(history), repeat),
            "trend (year's scores)": median_time(
                lambda: scores_in(history, f"{year}-01-01", f"{year}-12-31"), repeat
            ),
            "annual trend by month": median_time(
                lambda: monthly_trend(history, year, head), repeat
            ),
            "annual findings opened/closed": median_time(
                lambda: finding_periods(history, year), repeat
            ),
        }


def build(database: Path, accounts: int, nights: int, churn: float) -> float:
    """Record the year; the seconds it took."""
    rng = random.Random(9)
    with tempfile.TemporaryDirectory() as folder:
        run = first_run(accounts, Path(folder))
        print(
            f"{accounts} accounts, {len(run.results)} results a night, "
            f"{nights} nights, {churn:.1%} changed a night"
        )
        started = time.perf_counter()
        with open_history(database) as history:
            for number in range(nights):
                run = night(run, number, rng, churn) if number else run
                history.record(run, document_head(run, Lang.MS))
            seconds = time.perf_counter() - started
            history.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=1_000)
    parser.add_argument("--nights", type=int, default=365)
    parser.add_argument("--churn", type=float, default=0.01, help="share of results changed")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the year into this file and keep it")
    parser.add_argument("--time-only", action="store_true", help="time the --keep file as is")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = args.keep or Path(folder) / "history.db"
        if not args.time_only:
            seconds = build(database, args.accounts, args.nights, args.churn)
            print(f"build: {seconds:.1f} s ({seconds / args.nights * 1000:.0f} ms a night)")
        size = sum(p.stat().st_size for p in database.parent.glob(database.name + "*"))
        print(f"size on disk: {size / 1e6:.1f} MB")
        for name, median in time_queries(database, args.repeat).items():
            print(f"{name}: median {median * 1000:.0f} ms over {args.repeat} runs")


if __name__ == "__main__":
    main()
