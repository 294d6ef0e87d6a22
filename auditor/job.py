"""The scan as a job: load → scan → mutes → diff → record → notify → exit code.

Everything ``auditor scan`` does, without Typer, so that cron, tests and the CLI reach the
same composition. Failures the user can fix raise ``JobError`` with the exit code to use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor import console
from auditor.atomic import OutputError, write_atomic
from auditor.catalogue import Registry, load_registry
from auditor.engine import ScanOptions, SelectionError, scan
from auditor.inventory.loaded import InventoryError, LoadedInventory
from auditor.inventory.loader import load_inventory
from auditor.output.formats import OutputFormat, render_pieces
from auditor.output.json_format import scan_document
from auditor.progress import LOADING, terminal_progress, terminal_status
from auditor.results import Severity
from auditor.run import ScanRun
from auditor.scoring import breaches_threshold
from auditor.text import Lang

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class JobError(Exception):
    """The job cannot go on; ``message`` for stderr, ``code`` for the exit status."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Outputs:
    fmt: OutputFormat = OutputFormat.TEXT
    output: Path | None = None  # None: stdout
    report: Path | None = None  # the PDF or HTML report, in the same run
    auditor: str | None = None  # the report's officer
    color: bool = False
    width: int = 120


@dataclass(frozen=True)
class ScanJob:
    inventory: Path
    options: ScanOptions
    lang: Lang = Lang.MS
    fail_on: Severity | None = Severity.HIGH  # None: never
    outputs: Outputs = Outputs()
    progress: bool = False  # draw progress on stderr (a person is watching)


def load(path: Path) -> LoadedInventory:
    try:
        return load_inventory(path)
    except InventoryError as exc:
        for problem in exc.problems:
            console.stderr(str(problem))
        count = len(exc.problems)
        raise JobError(
            f"{path}: {count} problem{'s' if count != 1 else ''}; nothing was scanned"
        ) from None


def run_job(job: ScanJob, registry: Registry | None = None) -> int:
    """Run the whole job; returns the exit code (DESIGN.md) or raises ``JobError``."""
    with terminal_status(job.progress, LOADING(job.lang, path=job.inventory)):
        source = load(job.inventory)
    run = _scan(source, registry or load_registry(), job)
    write_outputs(run, job.outputs, job.lang, source.folder)
    return EXIT_FINDINGS if breaches_threshold(run.results, job.fail_on) else EXIT_OK


def _scan(source: LoadedInventory, registry: Registry, job: ScanJob) -> ScanRun:
    try:
        with terminal_progress(job.progress, job.lang) as progress:
            return scan(source, registry, job.options, progress)
    except SelectionError as exc:
        raise JobError(f"{exc} (see `auditor checks` and the inventory's agency ids)") from None


def emit(pieces: str | Iterable[str], output: Path | None) -> None:
    if output is None:
        console.stdout(pieces)
        return
    try:
        write_atomic(output, pieces)
    except OutputError as exc:
        raise JobError(str(exc)) from None


def write_outputs(run: ScanRun, outputs: Outputs, lang: Lang, assets: Path | None) -> None:
    color = outputs.output is None and outputs.color
    pieces = render_pieces(run, outputs.fmt, lang, color=color, width=outputs.width)
    emit(pieces, outputs.output)
    if outputs.report is not None:
        # images named by the results (profile snapshots) are read from the inventory's folder
        write_report(scan_document(run, lang), outputs.report, lang, outputs.auditor, assets)


def write_report(
    document: Mapping[str, Any], output: Path, lang: Lang, auditor: str | None, assets: Path | None
) -> None:
    from auditor.report import ReportError  # jinja2/babel only when asked
    from auditor.report import write_report as render

    try:
        render(document, output, lang=lang, auditor=auditor, assets_root=assets)
    except ReportError as exc:
        raise JobError(str(exc)) from None
