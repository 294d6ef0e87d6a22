"""The scan as a job: load → scan → mutes → diff → record → notify → exit code.

Everything ``auditor scan`` does, without Typer, so that cron, tests and the CLI reach the
same composition. Failures the user can fix raise ``JobError`` with the exit code to use.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor import console, defaults
from auditor.atomic import OutputError, write_atomic
from auditor.catalogue import Registry, load_registry
from auditor.change import Change
from auditor.engine import ScanOptions, SelectionError, scan
from auditor.exit_codes import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from auditor.gc_pause import collector_paused
from auditor.inventory.loaded import InventoryError, LoadedInventory
from auditor.inventory.loader import load_inventory
from auditor.mutes import apply_mutes, inventory_mutes, load_mutes
from auditor.output.formats import render_pieces
from auditor.output.json_format import document_head, scan_document
from auditor.output.kinds import OutputFormat
from auditor.output.sarif import SarifOptions
from auditor.progress import LOADING, terminal_progress, terminal_status
from auditor.results import Result, Severity, Status
from auditor.run import Mute, ScanRun
from auditor.scoring import breaches_threshold
from auditor.signing.request import SignRequest, signing_step
from auditor.text import Lang

if TYPE_CHECKING:
    from auditor.history.store import History
    from auditor.notify import SmtpSettings

TREND_RUNS = 30  # a scan's report shows the trend of this many latest runs
log = logging.getLogger(__name__)


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
    sarif: SarifOptions | None = None  # --sarif-manual, --sarif-root
    signed: SignRequest | None = None  # --sign / --sign-pkcs11: sign the report


@dataclass(frozen=True)
class Cron:
    """What a nightly run needs: only what changed, and quiet unless it matters."""

    fail_on_new: bool = False  # exit 1 only for new, unmuted failures at or above --fail-on
    notify: tuple[str, ...] = ()  # mail these addresses when something changed
    notify_always: bool = False
    quiet: bool = False  # print nothing unless something needs attention
    wait: float = 0.0  # seconds to wait for another scan's lock on the history


@dataclass(frozen=True)
class ScanJob:
    inventory: Path
    options: ScanOptions
    max_inventory_bytes: int = defaults.INVENTORY_MAX_BYTES  # --max-inventory-size
    lang: Lang = Lang.MS
    fail_on: Severity | None = Severity.HIGH  # None: never
    outputs: Outputs = Outputs()
    progress: bool = False  # draw progress on stderr (a person is watching)
    history: Path | None = None  # None: no history
    history_chosen: bool = False  # given with --history: failing to open it is an error
    mutes: Path | None = None  # a mutes file, besides the inventory's own mutes
    cron: Cron = Cron()
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))


def load(
    path: Path, max_bytes: int = defaults.INVENTORY_MAX_BYTES, cache: Path | None = None
) -> LoadedInventory:
    try:
        return load_inventory(path, max_bytes=max_bytes, cache=cache)
    except InventoryError as exc:
        _problems(exc)
        count = len(exc.problems)
        raise JobError(
            f"{path}: {count} problem{'s' if count != 1 else ''}; nothing was scanned"
        ) from None


def _problems(exc: InventoryError) -> None:
    for problem in exc.problems:
        console.stderr(str(problem))


def _mutes(source: LoadedInventory, path: Path | None) -> tuple[Mute, ...]:
    if path is None:
        return inventory_mutes(source)
    try:
        return inventory_mutes(source) + load_mutes(path)
    except InventoryError as exc:
        _problems(exc)
        raise JobError(f"{path}: invalid mutes; nothing was scanned") from None


def run_job(job: ScanJob, registry: Registry | None = None) -> int:
    """Run the whole job; returns the exit code (DESIGN.md) or raises ``JobError``."""
    with collector_paused():
        return _run_job(job, registry)


def _run_job(job: ScanJob, registry: Registry | None) -> int:
    with terminal_status(job.progress, LOADING(job.lang, path=job.inventory)):
        source = load(job.inventory, job.max_inventory_bytes, job.options.cache)
    mutes = _mutes(source, job.mutes)
    smtp = _smtp(job) if job.cron.notify else None
    with _history(job) as history:
        run = apply_mutes(_scan(source, registry or load_registry(), job), mutes)
        report_mutes(run)
        change = _change(run, history)
        code = exit_code(run, change, job)
        log.info(
            "scanned %s: %d results, %d failing (%d new, %d resolved), score %s, exit %d",
            job.inventory,
            len(run.results),
            change.failing,
            len(change.new),
            len(change.resolved),
            change.score,
            code,
        )
        extra: dict[str, Any] = {}
        if history is not None:
            head = document_head(run, job.lang)
            run_id = _record(history, run, head)
            log.info("recorded run %d in %s", run_id, history.path)
            if job.outputs.report is not None:  # the report shows the latest runs' trend
                from auditor.history.annual import recent_trend

                extra["trend"] = recent_trend(history, TREND_RUNS, head)
        stdout = code != EXIT_OK or not job.cron.quiet
        write_outputs(run, job.outputs, job.lang, source.folder, stdout=stdout, extra=extra)
        if smtp is not None and (change.new or change.resolved or job.cron.notify_always):
            return _notify(smtp, change, run, job, source.folder) or code
    return code


# History (sqlite3) and mail (smtplib, ssl, email) are imported by the runs that use them:
# an officer's scan with --no-history loads neither.
def _smtp(job: ScanJob) -> SmtpSettings:
    from auditor.notify import NotifyConfigError, smtp_settings

    try:
        return smtp_settings(job.environ)
    except NotifyConfigError as exc:
        raise JobError(str(exc)) from None


def _notify(
    smtp: SmtpSettings, change: Change, run: ScanRun, job: ScanJob, folder: Path
) -> int | None:
    """Mail what changed; EXIT_INTERNAL (said on stderr) when the mail server fails."""
    from auditor.notify import NotifyConfigError, NotifyError, compose, send

    report = job.outputs.report if _is_pdf(job.outputs.report) else None
    message = compose(change, run.registry, job.lang, smtp.sender, job.cron.notify, report)
    try:
        send(smtp, message, folder, job.environ)
    except (NotifyError, NotifyConfigError) as exc:
        console.stderr(f"auditor: mail not sent: {exc}")
        log.error("mail not sent: %s", exc)
        return EXIT_INTERNAL
    log.info("mailed %d new, %d resolved failures", len(change.new), len(change.resolved))
    return None


def _is_pdf(path: Path | None) -> bool:
    return path is not None and path.suffix.lower() == ".pdf"


@contextlib.contextmanager
def _history(job: ScanJob) -> Iterator[History | None]:
    """The history, locked for this scan; None (after one warning) when there is none."""
    needs = "--fail-on-new" if job.cron.fail_on_new else "--notify" if job.cron.notify else None
    if job.history is None:
        if needs:
            raise JobError(f"{needs} compares with the previous scan and needs the history")
        yield None
        return
    try:
        job.history.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if job.history_chosen or needs:
            raise JobError(
                f"cannot create the history folder {job.history.parent}: "
                f"{exc.strerror or type(exc).__name__}"
            ) from None
        console.stderr(
            f"auditor: warning: cannot create the history folder "
            f"{job.history.parent}; this scan is not recorded (see --history)"
        )
        yield None
        return
    from auditor.history.lock import LockBusy, history_lock

    try:
        with history_lock(job.history, job.cron.wait), _open(job.history) as history:
            yield history
    except LockBusy as exc:
        raise JobError(str(exc)) from None


@contextlib.contextmanager
def _open(path: Path) -> Iterator[History]:
    from auditor.history.store import HistoryError, open_history

    try:
        history = open_history(path)
    except HistoryError as exc:
        raise JobError(str(exc)) from None
    with history:
        yield history


def _scan(source: LoadedInventory, registry: Registry, job: ScanJob) -> ScanRun:
    try:
        with terminal_progress(job.progress, job.lang) as progress:
            return scan(source, registry, job.options, progress)
    except SelectionError as exc:
        raise JobError(f"{exc} (see `auditor checks` and the inventory's agency ids)") from None


def report_mutes(run: ScanRun) -> None:
    """Expired and unmatched mutes need the officer's attention: said on stderr."""
    for mute in run.expired_mutes:
        console.stderr(
            f"{mute.where}: mute of {mute.check} on {mute.account or mute.agency} expired on "
            f"{mute.expires.isoformat()} ({mute.reason}; owner {mute.owner}); "
            "the result counts again"
        )
    for mute in run.unmatched_mutes:
        console.stderr(
            f"{mute.where}: mute of {mute.check} on {mute.account or mute.agency} matches no "
            "result of this scan"
        )


def _failing(results: Iterable[Result]) -> dict[str, Result]:
    return {r.key: r for r in results if r.status is Status.FAIL}


def _change(run: ScanRun, history: History | None) -> Change:
    """New (unmuted) and resolved failures against the last recorded run."""
    failing = _failing(run.results)
    if history is None:  # every failure is new
        new: tuple[Result, ...] = tuple(failing.values())
        resolved: tuple[Result, ...] = ()
    else:
        from auditor.history.query import diff_against, last_runs

        previous = last_runs(history, 1)
        found = diff_against(history, previous[0] if previous else None, failing)
        new, resolved = found.new, found.resolved
    return Change(
        organisation=run.organisation,
        as_of=run.as_of.isoformat(),
        score=run.tallies.score,
        failing=run.tallies.counts[Status.FAIL],
        new=tuple(r for r in new if not r.muted),
        resolved=resolved,
    )


def exit_code(run: ScanRun, change: Change, job: ScanJob) -> int:
    judged = change.new if job.cron.fail_on_new else run.results
    return EXIT_FINDINGS if breaches_threshold(judged, job.fail_on) else EXIT_OK


def _record(history: History, run: ScanRun, head: Mapping[str, Any]) -> int:
    from auditor.history.store import HistoryError

    try:
        return history.record(run, head)
    except HistoryError as exc:
        raise JobError(str(exc), EXIT_INTERNAL) from None


def emit(pieces: str | Iterable[str], output: Path | None) -> None:
    if output is None:
        console.stdout(pieces)
        return
    try:
        write_atomic(output, pieces)
    except OutputError as exc:
        raise JobError(str(exc)) from None


def write_outputs(
    run: ScanRun,
    outputs: Outputs,
    lang: Lang,
    assets: Path | None,
    *,
    stdout: bool = True,
    extra: Mapping[str, Any] | None = None,
) -> None:
    """The output asked for (to stdout only when ``stdout``), and the report if asked."""
    if stdout or outputs.output is not None:
        color = outputs.output is None and outputs.color
        pieces = render_pieces(
            run, outputs.fmt, lang, color=color, width=outputs.width, sarif=outputs.sarif
        )
        emit(pieces, outputs.output)
    if outputs.report is not None:
        # images named by the results (profile snapshots) are read from the inventory's folder
        document = {**scan_document(run, lang), **(extra or {})}
        write_report(document, outputs.report, lang, outputs.auditor, assets, outputs.signed)


def write_report(
    document: Mapping[str, Any],
    output: Path,
    lang: Lang,
    auditor: str | None,
    assets: Path | None,
    signed: SignRequest | None = None,
) -> None:
    from auditor.report import ReportError  # jinja2/babel only when asked
    from auditor.report import write_report as render
    from auditor.signing.errors import SigningError

    try:
        # the key is unlocked before rendering: a wrong passphrase fails before the work
        with signing_step(signed, lang) as finish:
            render(document, output, lang=lang, auditor=auditor, assets_root=assets, finish=finish)
    except (ReportError, SigningError) as exc:
        raise JobError(str(exc)) from None
