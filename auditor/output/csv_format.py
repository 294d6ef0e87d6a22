"""One CSV row per result, for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
import re

from auditor.escape import printable
from auditor.output.common import result_record
from auditor.run import ScanRun
from auditor.text import Lang

COLUMNS = (
    "check",
    "status",
    "severity",
    "agency",
    "account",
    "platform",
    "title",
    "message",
    "references",
    "remediation",
    "evidence",
    "muted",
)


def render_csv(run: ScanRun, lang: Lang) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for result in run.results:
        record = result_record(result, run.registry, lang)
        record["references"] = "; ".join(record["references"])
        record["evidence"] = json.dumps(record["evidence"], ensure_ascii=False, default=str)
        record["muted"] = "muted" if result.muted else ""
        writer.writerow(["" if record[c] is None else _defuse(str(record[c])) for c in COLUMNS])
    return buffer.getvalue()


_FORMULA = re.compile(r"(^|\n)(?=[=+\-@])")


def _defuse(cell: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheets (CSV injection);
    # inventory values are not trusted, so such a cell gets a leading apostrophe, and so
    # does every line of it (a spreadsheet that splits a cell at a line break would run the
    # next line). Control characters are shown escaped; CR is among them, so a cell never
    # holds a bare CR, which some spreadsheets read as the end of the row. A cell with LF
    # is quoted by the writer, since LF is its line terminator.
    return _FORMULA.sub(r"\1'", printable(cell, keep_newlines=True))
