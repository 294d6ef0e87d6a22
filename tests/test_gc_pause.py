"""The cyclic collector is paused for a scan job, and runs again after it, however it ends."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest

from auditor import job
from auditor.engine import ScanOptions
from auditor.gc_pause import collector_paused


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
