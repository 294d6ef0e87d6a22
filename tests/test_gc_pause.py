"""The cyclic collector is paused for a scan job and a PDF report, and runs again after
them, however they end; what the pause made is not walked on the way out; and the CLI's
process skips the collector's last pass at exit."""

from __future__ import annotations

import datetime as dt
import gc
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor import cli, job
from auditor.engine import ScanOptions
from auditor.gc_pause import collector_paused
from auditor.report import report_pdf
from auditor.text import Lang
from tests.report.conftest import load_fixture


class Node:
    """A weak-referenceable object that can sit in a cycle."""

    other: Any = None


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of every collection the collector starts while the test runs."""
    started: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(note)
    try:
        yield started
    finally:
        gc.callbacks.remove(note)


def test_paused_inside_and_restored_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_scan_job_runs_with_the_collector_paused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen = []

    def load(path: Path, max_bytes: int = 0, cache: Path | None = None) -> None:
        seen.append(gc.isenabled())
        raise job.JobError("stop here")

    monkeypatch.setattr(job, "load", load)
    scan_job = job.ScanJob(tmp_path / "inventory.yaml", ScanOptions(as_of=dt.date(2026, 11, 24)))
    with pytest.raises(job.JobError):
        job.run_job(scan_job)
    assert seen == [False]
    assert gc.isenabled()


def test_a_pdf_report_is_rendered_with_the_collector_paused(collections: list[int]) -> None:
    import auditor.report.pdf  # noqa: F401 -- its import makes collections of its own

    data = load_fixture()
    collections.clear()
    pdf = report_pdf(data, lang=Lang.EN)
    assert pdf.startswith(b"%PDF")
    # without the pause, the fixture's 15 pages take hundreds of collections
    assert collections == []
    assert gc.isenabled()


def test_what_the_pause_made_is_not_walked_after_it_but_is_still_collected(
    collections: list[int],
) -> None:
    with collector_paused():
        made = [[n] for n in range(100_000)]  # tracked containers, far over the threshold
        cycle = Node()
        cycle.other = cycle
        gone = weakref.ref(cycle)
        del cycle
    assert gc.get_count()[0] < 100  # young no more: the next allocation walks nothing
    more = [[n] for n in range(500)]  # enough to start a collection of the young
    assert collections in ([], [0])  # of the young only, not of the 100,000
    assert gone() is not None  # garbage, in the oldest generation, left for a full pass
    gc.collect()
    assert gone() is None
    assert len(made) + len(more) == 100_500


def test_objects_someone_else_froze_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            _ = [[n] for n in range(1_000)]
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_the_cli_process_ends_without_the_collector_s_last_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.argv", ["auditor", "--version"])
    assert gc.get_freeze_count() == 0
    try:
        with pytest.raises(SystemExit):
            cli.main()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
