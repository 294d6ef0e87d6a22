"""The command line: parses options, calls the core, maps outcomes to exit codes.

Exit codes (DESIGN.md): 0 nothing failing at or above --fail-on; 1 failing results at or
above it; 2 bad input or usage; 3 the scanner itself failed.
"""

from __future__ import annotations

import datetime as dt
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
from typing import Annotated, Any, NoReturn

import typer

from auditor import __version__
from auditor.atomic import OutputError, same_file, write_atomic
from auditor.catalogue import load_registry
from auditor.commands.password import password_app
from auditor.deadline import DEFAULT_NETWORK_DEADLINE
from auditor.dns import parse_nameserver
from auditor.dns.resolver import DEFAULT_TIMEOUT as DEFAULT_DNS_TIMEOUT
from auditor.engine import ScanOptions, SelectionError, scan
from auditor.escape import PrintableFormatter, printable
from auditor.inventory.advice import password_warnings
from auditor.inventory.loaded import InventoryError, LoadedInventory
from auditor.inventory.loader import load_inventory
from auditor.output.formats import OutputFormat, render_pieces
from auditor.output.json_format import scan_document
from auditor.output.text import render_catalogue
from auditor.progress import LOADING, terminal_progress, terminal_status
from auditor.results import Severity
from auditor.results_document import ResultsDocumentError, load_results_document
from auditor.scoring import breaches_threshold
from auditor.text import Lang

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="auditor",
    help="Audits official social media accounts against the Melaka guideline (GP) and DKICT.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(password_app, name="password")


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


def _stderr(message: str) -> None:
    # Messages may carry file names and inventory text: one line each, nothing that acts.
    sys.stderr.write(printable(message.rstrip("\n")) + "\n")
    sys.stderr.flush()


def _stdout(text: str | Iterable[str]) -> None:
    # Bytes, so that Malay and Jawi text survives LANG=C and odd terminal encodings.
    sys.stdout.flush()
    for piece in [text] if isinstance(text, str) else text:
        sys.stdout.buffer.write(piece.encode("utf-8"))
    sys.stdout.flush()


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    _stderr(f"auditor: {message}")
    raise typer.Exit(code)


def _color_wanted() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _progress_wanted() -> bool:
    # Only for a person watching: never under cron, in a pipe or a log file.
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


def _width() -> int:
    if sys.stdout.isatty():
        return max(80, os.get_terminal_size().columns)
    return 120


def _load(path: Path) -> LoadedInventory:
    try:
        return load_inventory(path)
    except InventoryError as exc:
        for problem in exc.problems:
            _stderr(str(problem))
        count = len(exc.problems)
        _fail(f"{path}: {count} problem{'s' if count != 1 else ''}; nothing was scanned")


def _emit(text: str | Iterable[str], output: Path | None) -> None:
    if output is None:
        _stdout(text)
        return
    try:
        write_atomic(output, text)
    except OutputError as exc:
        _fail(str(exc))


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
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
    # force: a handler left by an earlier run in the same process (tests, an embedding
    # program) would still write to the stderr of that run.
    level = logging.DEBUG if debug else logging.WARNING
    logging.basicConfig(level=level, handlers=[handler], force=True)


@app.command()
def validate(
    inventory: Annotated[Path, typer.Argument(help="The inventory YAML file.")],
) -> None:
    """Check the inventory against the schema; print each problem as FILE:LINE:COL: message."""
    loaded = _load(inventory)
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
    ] = DEFAULT_DNS_TIMEOUT,
    network_deadline: Annotated[
        float,
        typer.Option(
            min=1.0,
            max=86400.0,
            callback=_finite,
            help="Seconds allowed for all the scan's network questions (DNS, HIBP) together; "
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
) -> None:
    """Run the checks on every account in the inventory."""
    _distinct(("the inventory", inventory), ("--output", output), ("--report", report))
    with terminal_status(_progress_wanted(), LOADING(lang, path=inventory)):
        loaded = _load(inventory)
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
    )
    try:
        with terminal_progress(_progress_wanted(), lang) as progress:
            run = scan(loaded, load_registry(), options, progress)
    except SelectionError as exc:
        _fail(f"{exc} (see `auditor checks` and the inventory's agency ids)")
    color = output is None and _color_wanted()
    _emit(render_pieces(run, fmt, lang, color=color, width=_width()), output)
    if report is not None:
        # images named by the results (profile snapshots) are read from the inventory's folder
        _write_report(scan_document(run, lang), report, lang, auditor, loaded.folder)
    threshold = None if fail_on is FailOn.NEVER else Severity(fail_on.value)
    raise typer.Exit(EXIT_FINDINGS if breaches_threshold(run.results, threshold) else EXIT_OK)


def _distinct(*named: tuple[str, Path | None]) -> None:
    """Refuse an output that would overwrite an input or another output (exit 2)."""
    paths = [(name, path) for name, path in named if path is not None]
    for index, (name, path) in enumerate(paths):
        for other_name, other in paths[:index]:
            if same_file(path, other):
                _fail(f"{name} {path} is the same file as {other_name}; choose another path")


def _dns_servers(values: list[str]) -> tuple[str, ...]:
    # AUDITOR_DNS_SERVER may list several servers, separated by spaces or commas.
    specs = [part for value in values for part in value.replace(",", " ").split()]
    try:
        return tuple(str(parse_nameserver(spec)) for spec in specs)
    except ValueError as exc:
        _fail(f"--dns-server: {exc}")


def _write_report(
    results: dict[str, Any], output: Path, lang: Lang, auditor: str | None, assets: Path | None
) -> None:
    from auditor.report import ReportError, write_report  # jinja2/babel only when asked

    try:
        write_report(results, output, lang=lang, auditor=auditor, assets_root=assets)
    except ReportError as exc:
        _fail(str(exc))


@app.command("report")
def report_command(
    results: Annotated[Path, typer.Argument(help="Saved JSON results (scan --format json).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The report: .pdf or .html.")],
    lang: Annotated[Lang, typer.Option(help="Language of the report: ms or en.")] = Lang.MS,
    auditor: Annotated[
        str | None, typer.Option("--auditor", help='The officer: "Name, Post".')
    ] = None,
    assets: Annotated[
        Path | None,
        typer.Option(help="Folder whose images (profile snapshots) the report may show."),
    ] = None,
) -> None:
    """Render the audit report from saved JSON results alone, without rescanning."""
    _distinct(("the results", results), ("--output", output))
    try:
        data = load_results_document(results)
    except ResultsDocumentError as exc:
        _fail(str(exc))
    _write_report(data, output, lang, auditor, assets)
    _stderr(f"wrote {output}")


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
    registry = load_registry()
    if fmt is CatalogueFormat.TEXT:
        _stdout(render_catalogue(registry, lang, color=_color_wanted(), width=_width()))
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
