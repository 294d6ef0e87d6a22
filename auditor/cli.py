"""The command line: parses options, calls the core, maps outcomes to exit codes.

Exit codes (DESIGN.md): 0 nothing failing at or above --fail-on; 1 failing results at or
above it; 2 bad input or usage; 3 the scanner itself failed.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import logging
import math
import os
import sys
import traceback
from collections.abc import Iterable
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

# Only what the options need is imported here; every command imports the code it runs when
# it runs, so that --help, --version and a mistyped option answer at once.
from auditor import __version__, console, defaults
from auditor.atomic import same_file
from auditor.commands import sign as signing
from auditor.commands.collect import Concurrency, HttpTimeout, PublicPages, collect_command
from auditor.commands.coverage import coverage_command
from auditor.commands.diff import diff_command
from auditor.commands.history import history_command
from auditor.commands.password import password_app
from auditor.commands.sizes import MaxInventorySize
from auditor.commands.verify import verify_command
from auditor.deadline import DEFAULT_NETWORK_DEADLINE
from auditor.exit_codes import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from auditor.logs import LogFormat, log_to_file, log_to_stderr
from auditor.output.kinds import OutputFormat
from auditor.results import Severity
from auditor.text import Lang

if TYPE_CHECKING:
    from auditor.inventory.loaded import LoadedInventory

# 1: the scan's CPU work (password judging) stays in one process; unset: one per core.
WORKERS_ENV = "AUDITOR_WORKERS"
app = typer.Typer(
    name="auditor",
    help="Audits official social media accounts against the Melaka guideline (GP) and DKICT.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(password_app, name="password")
app.command("collect")(collect_command)
app.command("coverage")(coverage_command)
app.command("verify")(verify_command)
app.command("history")(history_command)
app.command("diff")(diff_command)


class FailOn(Enum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"
    NEVER = "never"


class CatalogueFormat(Enum):
    TEXT = "text"
    JSON = "json"


_stderr = console.stderr
_stdout = console.stdout


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    _stderr(f"auditor: {message}")
    raise typer.Exit(code)


def _load(path: Path, max_bytes: int) -> LoadedInventory:
    from auditor.cache_folder import default_cache_folder
    from auditor.job import JobError, load

    try:
        return load(path, max_bytes, default_cache_folder())
    except JobError as exc:
        _fail(str(exc), exc.code)


def _emit(text: str | Iterable[str], output: Path | None) -> None:
    from auditor.job import JobError, emit

    try:
        emit(text, output)
    except JobError as exc:
        _fail(str(exc), exc.code)


def _finite(value: float) -> float:
    # min/max do not catch nan (every comparison with it is false).
    if not math.isfinite(value):
        raise typer.BadParameter("must be a number of seconds")
    return value


def _version(value: bool) -> None:
    if value:
        _stdout(f"auditor {__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_options(
    debug: Annotated[
        bool, typer.Option("--debug", "-v", help="Log what the scan does to stderr.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    log_to_stderr(debug)


@app.command()
def validate(
    inventory: Annotated[Path, typer.Argument(help="The inventory YAML file.")],
    max_inventory_size: MaxInventorySize = defaults.INVENTORY_MAX_BYTES,
) -> None:
    """Check the inventory against the schema; print each problem as FILE:LINE:COL: message."""
    from auditor.inventory.advice import password_warnings

    loaded = _load(inventory, max_inventory_size)
    for warning in password_warnings(loaded):
        _stderr(str(warning))
    accounts = len(loaded.inventory.accounts())
    _stderr(f"{inventory}: valid ({len(loaded.inventory.agencies)} agencies, {accounts} accounts)")


@app.command("scan")
def scan_command(
    inventory: Annotated[Path, typer.Argument(help="The inventory YAML file.")],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.TEXT,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the output to this file.")
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 when a result fails at or above this severity.")
    ] = FailOn.HIGH,
    check: Annotated[
        list[str] | None, typer.Option("--check", help="Run only this check (repeatable).")
    ] = None,
    agency: Annotated[
        list[str] | None, typer.Option("--agency", help="Scan only this agency id (repeatable).")
    ] = None,
    offline: Annotated[
        bool, typer.Option(help="Use only the inventory's snapshots; no network.")
    ] = False,
    lang: Annotated[Lang, typer.Option(help="Language of the texts: ms or en.")] = Lang.MS,
    as_of: Annotated[
        str | None, typer.Option(help="Judge as of this date (YYYY-MM-DD); default today.")
    ] = None,
    dns_server: Annotated[
        list[str] | None,
        typer.Option(
            "--dns-server",
            envvar="AUDITOR_DNS_SERVER",
            metavar="HOST[:PORT]",
            help="Ask this DNS server (IP address, optional port) instead of the system's "
            "resolvers (repeatable; tried in turn on retries).",
        ),
    ] = None,
    dns_timeout: Annotated[
        float,
        typer.Option(
            min=0.1,
            max=60.0,
            callback=_finite,
            help="Seconds allowed per DNS question, retries included.",
        ),
    ] = defaults.DNS_TIMEOUT,
    network_deadline: Annotated[
        float,
        typer.Option(
            min=1.0,
            max=86400.0,
            callback=_finite,
            help="Seconds allowed for all the scan's network questions (DNS, HIBP, the "
            "platforms' APIs) together; "
            "what is still unanswered then is an error result.",
        ),
    ] = DEFAULT_NETWORK_DEADLINE,
    breach_list: Annotated[
        Path | None,
        typer.Option(
            "--breach-list",
            exists=True,
            dir_okay=False,
            help='Check passwords against a local HIBP "SHA1:count" file sorted by hash.',
        ),
    ] = None,
    hibp: Annotated[
        bool, typer.Option("--hibp", help="Check passwords with the HIBP range API (k-anonymity).")
    ] = False,
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write the audit report (.pdf or .html).")
    ] = None,
    auditor: Annotated[
        str | None, typer.Option("--auditor", help='The report\'s officer: "Name, Post".')
    ] = None,
    sarif_manual: Annotated[
        bool, typer.Option("--sarif-manual", help="SARIF: list manual results too.")
    ] = False,
    sarif_root: Annotated[
        Path | None,
        typer.Option(
            "--sarif-root",
            file_okay=False,
            help="SARIF: URIs relative to this folder (default: the inventory's).",
        ),
    ] = None,
    http_timeout: HttpTimeout = defaults.HTTP_TIMEOUT,
    concurrency: Concurrency = defaults.HTTP_CONCURRENCY,
    public_pages: PublicPages = False,
    sign: signing.SignOption = None,
    sign_pkcs11: signing.Pkcs11Option = None,
    token_label: signing.TokenLabelOption = None,
    key_label: signing.KeyLabelOption = None,
    tsa: signing.TsaOption = None,
    history: Annotated[
        Path | None, typer.Option("--history", help="The history database (default: user data).")
    ] = None,
    no_history: Annotated[
        bool, typer.Option("--no-history", help="Do not record this scan.")
    ] = False,
    mutes: Annotated[
        Path | None, typer.Option("--mutes", help="Accepted risks: a YAML file with `mutes:`.")
    ] = None,
    fail_on_new: Annotated[
        bool, typer.Option("--fail-on-new", help="Exit 1 only for new unmuted failures.")
    ] = False,
    notify: Annotated[
        list[str] | None,
        typer.Option(
            "--notify", metavar="ADDRESS", help="Mail this address on changes (repeatable)."
        ),
    ] = None,
    notify_always: Annotated[
        bool, typer.Option("--notify-always", help="Mail even when nothing changed.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing unless something needs attention.")
    ] = False,
    wait: Annotated[
        float, typer.Option(min=0.0, help="Seconds to wait for another scan's history lock.")
    ] = 0.0,
    log_file: Annotated[
        Path | None, typer.Option("--log-file", help="Append log lines to this file.")
    ] = None,
    log_format: Annotated[
        LogFormat, typer.Option("--log-format", help="text or json (one object a line).")
    ] = LogFormat.TEXT,
    max_inventory_size: MaxInventorySize = defaults.INVENTORY_MAX_BYTES,
) -> None:
    """Run the checks on every account in the inventory."""
    from auditor.cache_folder import default_cache_folder
    from auditor.engine import ScanOptions
    from auditor.history import default_path
    from auditor.job import Cron, JobError, Outputs, ScanJob, run_job
    from auditor.output.sarif import SarifOptions

    signed = _sign_request(sign, sign_pkcs11, token_label, key_label, tsa)
    if signed is not None and report is None:
        _fail("--sign and --sign-pkcs11 sign the report: give --report FILE.pdf too")
    if log_file is not None:
        _log_to(log_file, log_format)
    _distinct(("the inventory", inventory), ("--output", output), ("--report", report))
    options = ScanOptions(
        as_of=_parse_date(as_of),
        offline=offline,
        check_ids=frozenset(c.strip().upper() for c in check) if check else None,
        agency_ids=frozenset(agency) if agency else None,
        dns_servers=_dns_servers(dns_server or []),
        dns_timeout=dns_timeout,
        network_deadline=network_deadline,
        breach_list=breach_list,
        hibp=hibp,
        http_timeout=http_timeout,
        concurrency=concurrency,
        public_pages=public_pages,
        cache=default_cache_folder(),
        workers=_workers(os.environ.get(WORKERS_ENV)),
    )
    job = ScanJob(
        inventory=inventory,
        max_inventory_bytes=max_inventory_size,
        options=options,
        lang=lang,
        fail_on=None if fail_on is FailOn.NEVER else Severity(fail_on.value),
        outputs=Outputs(
            fmt=fmt,
            output=output,
            report=report,
            auditor=auditor,
            color=console.color_wanted(),
            width=console.width(),
            sarif=SarifOptions(include_manual=sarif_manual, root=sarif_root),
            signed=signed,
        ),
        progress=console.progress_wanted() and not quiet,
        history=None if no_history else history or default_path(),
        history_chosen=history is not None,
        mutes=mutes,
        cron=Cron(
            fail_on_new=fail_on_new,
            notify=tuple(notify or ()),
            notify_always=notify_always,
            quiet=quiet,
            wait=wait,
        ),
    )
    try:
        code = run_job(job)
    except JobError as exc:
        _fail(str(exc), exc.code)
    raise typer.Exit(code)


def _log_to(path: Path, fmt: LogFormat) -> None:
    try:
        log_to_file(path, fmt)
    except OSError as exc:
        _fail(f"cannot write the log file {path}: {exc.strerror or type(exc).__name__}")


def _distinct(*named: tuple[str, Path | None]) -> None:
    """Refuse an output that would overwrite an input or another output (exit 2)."""
    paths = [(name, path) for name, path in named if path is not None]
    for index, (name, path) in enumerate(paths):
        for other_name, other in paths[:index]:
            if same_file(path, other):
                _fail(f"{name} {path} is the same file as {other_name}; choose another path")


def _workers(value: str | None) -> int:
    """Processes for the scan's CPU work: AUDITOR_WORKERS, or one per usable core."""
    if value is None or not value.strip():
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if not value.strip().isdecimal() or int(value) < 1:
        _fail(f"{WORKERS_ENV}: not a number of processes (1 or more): {value!r}")
    return int(value)


def _dns_servers(values: list[str]) -> tuple[str, ...]:
    from auditor.dns import parse_nameserver

    # AUDITOR_DNS_SERVER may list several servers, separated by spaces or commas.
    specs = [part for value in values for part in value.replace(",", " ").split()]
    try:
        return tuple(str(parse_nameserver(spec)) for spec in specs)
    except ValueError as exc:
        _fail(f"--dns-server: {exc}")


def _sign_request(
    sign: Path | None,
    pkcs11: Path | None,
    token: str | None,
    key: str | None,
    tsa: str | None,
) -> signing.SignRequest | None:
    try:
        return signing.sign_request(sign, pkcs11, token, key, tsa)
    except signing.SignUsageError as exc:
        _fail(str(exc))


@app.command("report")
def report_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="The report: .pdf or .html.")],
    results: Annotated[
        Path | None, typer.Argument(help="Saved JSON results (scan --format json).")
    ] = None,
    lang: Annotated[Lang, typer.Option(help="Language of the report: ms or en.")] = Lang.MS,
    auditor: Annotated[
        str | None, typer.Option("--auditor", help='The officer: "Name, Post".')
    ] = None,
    assets: Annotated[
        Path | None,
        typer.Option(help="Folder whose images (profile snapshots) the report may show."),
    ] = None,
    sign: signing.SignOption = None,
    sign_pkcs11: signing.Pkcs11Option = None,
    token_label: signing.TokenLabelOption = None,
    key_label: signing.KeyLabelOption = None,
    tsa: signing.TsaOption = None,
    year: Annotated[
        int | None, typer.Option("--year", help="The annual report of this year, from history.")
    ] = None,
    history: Annotated[
        Path | None, typer.Option("--history", help="The history database (with --year).")
    ] = None,
) -> None:
    """Render the audit report from saved JSON results alone (or, with --year, the annual
    report from the history), without rescanning."""
    from auditor.commands.annual import AnnualError, annual_results
    from auditor.job import JobError, write_report
    from auditor.resultsdoc import ResultsFormatError, load_document

    if (results is None) == (year is None):
        _fail("give either saved JSON results or --year YEAR")
    signed = _sign_request(sign, sign_pkcs11, token_label, key_label, tsa)
    _distinct(("the results", results), ("--output", output))
    try:
        document = load_document(results) if results else annual_results(year or 0, history, lang)
        write_report(document, output, lang, auditor, assets, signed)
    except (ResultsFormatError, JobError, AnnualError) as exc:
        _fail(str(exc))
    _stderr(f"wrote {output}" + (" (signed)" if signed else ""))


def _parse_date(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"--as-of {value!r} is not a date such as 2026-11-24")


@app.command("checks")
def checks_command(
    fmt: Annotated[
        CatalogueFormat, typer.Option("--format", "-f", help="text or json.")
    ] = CatalogueFormat.TEXT,
    lang: Annotated[Lang, typer.Option(help="Language of the titles: ms or en.")] = Lang.MS,
) -> None:
    """List the check catalogue: ids, severities, titles and the clauses they enforce."""
    from auditor.catalogue import load_registry
    from auditor.output.text import render_catalogue

    registry = load_registry()
    if fmt is CatalogueFormat.TEXT:
        color, width = console.color_wanted(), console.width()
        _stdout(render_catalogue(registry, lang, color=color, width=width))
        return
    entries = [
        {
            "id": c.meta.id,
            "title": c.meta.title(lang),
            "titles": {"ms": c.meta.title.ms, "en": c.meta.title.en},
            "severity": c.meta.severity.value,
            "references": list(c.meta.references),
            "scope": c.meta.scope.value,
            "remediation": c.meta.remediation(lang),
        }
        for c in registry.checks
    ]
    _stdout(json.dumps(entries, ensure_ascii=False, indent=2) + "\n")


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the starter inventory.")] = Path(
        "inventory.yaml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter inventory that validates."""
    if path.exists() and not force:
        _fail(f"{path} already exists; use --force to overwrite it")
    starter = (
        resources.files("auditor").joinpath("data", "starter_inventory.yaml").read_text("utf-8")
    )
    _emit(starter, path)
    _stderr(f"wrote {path}; edit it, then run `auditor validate {path}`")


def main() -> None:
    """Console entry point: every unexpected failure becomes exit code 3, never a traceback."""
    try:
        app(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _stderr("auditor: interrupted")
        sys.exit(130)
    except Exception as exc:  # the last line of defence: say what broke, not what it held
        # The exception's text may quote inventory values or secrets, so only its type and
        # where it happened are shown.
        _stderr(f"auditor: internal error ({type(exc).__name__}); please report it")
        if logging.getLogger().isEnabledFor(logging.DEBUG):
            sys.stderr.write("".join(traceback.format_tb(exc.__traceback__)))
        sys.exit(EXIT_INTERNAL)
    finally:
        # The process is ending. Python's last collection on the way out would walk all
        # that is still held (a large scan's results, a report's and WeasyPrint's
        # leftovers) only to free memory the system takes back anyway: 0.6 s of a
        # 1,000-account report. Frozen objects are left alone; everything this tool
        # writes is closed by then, and atexit handlers still run.
        gc.freeze()
