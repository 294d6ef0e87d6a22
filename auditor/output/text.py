"""The terminal summary: findings that need action, scores by agency, totals."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from auditor.catalogue import Registry, render_messages
from auditor.escape import printable
from auditor.output import labels
from auditor.output.common import agencies_record, summary_record
from auditor.results import Status
from auditor.run import ScanRun
from auditor.text import Lang

_STYLES = {Status.FAIL: "red", Status.ERROR: "magenta", Status.MANUAL: "yellow"}
_ACTION = (Status.FAIL, Status.ERROR, Status.MANUAL)


def _cell(text: str) -> str:
    # Inventory text: neither terminal escapes nor rich markup ("[/]" would even raise).
    return escape(printable(text))


def _console(width: int, color: bool) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
    )


def render_text(run: ScanRun, lang: Lang, *, width: int = 120, color: bool = False) -> str:
    console = _console(width, color)
    findings = sorted(
        (r for r in run.results if r.status in _ACTION),
        key=lambda r: (
            _ACTION.index(r.status),
            -r.severity.rank,
            r.agency_id or "",
            r.account_id or "",
            r.check_id,
        ),
    )
    if findings:
        table = Table(title=labels.FINDINGS(lang), show_lines=False, expand=True)
        for heading in (
            labels.STATUS_HEADING,
            labels.SEVERITY_HEADING,
            labels.CHECK,
            labels.ACCOUNT,
            labels.MESSAGE,
        ):
            table.add_column(heading(lang), overflow="fold")
        for r in findings:
            subject = r.account_id or r.domain or "-"
            table.add_row(
                f"[{_STYLES[r.status]}]{labels.STATUS[r.status](lang)}[/]"
                + (f" ({labels.MUTED(lang)})" if r.muted else ""),
                labels.SEVERITY[r.severity](lang),
                r.check_id,
                _cell(subject),
                _cell(render_messages(run.registry.meta(r.check_id), r.messages, lang)),
            )
        console.print(table)
    else:
        console.print(labels.NONE(lang))
    console.print(_agency_table(run, lang))
    summary = summary_record(run)
    console.print(
        labels.TOTALS(
            lang,
            accounts=summary["accounts"],
            pass_=summary["pass"],
            fail=summary["fail"],
            error=summary["error"],
            manual=summary["manual"],
            skipped=summary["skipped"],
            score=_score(summary["score"]),
        )
    )
    file = console.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _agency_table(run: ScanRun, lang: Lang) -> Table:
    table = Table(title=labels.AGENCIES(lang))
    table.add_column(labels.AGENCY(lang))
    table.add_column(labels.ACCOUNTS(lang), justify="right")
    table.add_column(labels.SCORE(lang), justify="right")
    for agency in agencies_record(run):
        table.add_row(
            _cell(f"{agency['name']} ({agency['id']})"),
            str(len(agency["accounts"])),
            _score(agency["score"]),
        )
    return table


def render_catalogue(
    registry: Registry, lang: Lang, *, width: int = 120, color: bool = False
) -> str:
    console = _console(width, color)
    table = Table(title=labels.CATALOGUE(lang))
    for heading in (labels.CHECK, labels.SEVERITY_HEADING, labels.TITLE, labels.REFERENCES):
        table.add_column(heading(lang), overflow="fold")
    for c in registry.checks:
        table.add_row(
            c.meta.id,
            labels.SEVERITY[c.meta.severity](lang),
            c.meta.title(lang),
            ", ".join(c.meta.references),
        )
    console.print(table)
    file = console.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()
