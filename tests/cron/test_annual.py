"""The annual report from the history alone, and the trend in a scan's report: real PDFs
read back with pypdf."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner

from auditor.cli import app
from auditor.history.annual import finding_periods
from auditor.history.store import open_history
from auditor.job import run_job
from tests.cron.inventories import job, write_inventory

MUTE = {
    "check": "OWN-001",
    "account": "mbmb-fb",
    "reason": "transfer of ownership pending",
    "owner": "Rahim Ali",
    "expires": "2027-03-31",
}
# (day, accounts without MFA): jkm-fb fails from January to March; jkm-x from March on
NIGHTS = [
    (dt.date(2026, 1, 10), {"jkm-fb"}),
    (dt.date(2026, 2, 10), {"jkm-fb"}),
    (dt.date(2026, 3, 10), {"jkm-x"}),
    (dt.date(2026, 4, 10), {"jkm-x"}),
]


def pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(path).pages))


def record_year(tmp_path: Path) -> Path:
    history = tmp_path / "history.db"
    for day, no_mfa in NIGHTS:
        inventory = write_inventory(
            tmp_path, no_mfa=frozenset(no_mfa), individual=frozenset({"mbmb-fb"}), mutes=[MUTE]
        )
        run_job(job(inventory, history, as_of=day))
    return history


def test_findings_opened_and_closed_with_how_long_they_stayed_open(tmp_path: Path) -> None:
    with open_history(record_year(tmp_path)) as history:
        periods = finding_periods(history, 2026)
    found = {
        (r["account"], r["check"]): (r["opened"], r["closed"], r["days"])
        for r in periods["findings"]
    }
    assert found[("jkm-fb", "ACC-001")] == ("2026-01-10", "2026-03-10", 59)
    assert found[("jkm-x", "ACC-001")] == ("2026-03-10", None, 31)
    assert found[("mbmb-fb", "OWN-001")] == ("2026-01-10", None, 90)
    assert (periods["opened"], periods["closed"], periods["still_open"]) == (1, 1, 2)


def test_the_annual_report_from_history(tmp_path: Path) -> None:
    history = record_year(tmp_path)
    output = tmp_path / "annual.pdf"
    result = CliRunner().invoke(
        app,
        ["report", "--year", "2026", "--history", str(history), "-o", str(output), "--lang", "en"],
    )
    assert result.exit_code == 0, result.output
    text = pdf_text(output)
    assert "Annual report 2026" in text
    assert "Compliance score trend" in text and "2026-01" in text and "2026-04" in text
    assert "Accepted risks" in text and "transfer of ownership pending" in text
    assert "Rahim Ali" in text
    assert "still open" in text
    assert "jkm-x" in text  # the latest run's findings follow
    missing = CliRunner().invoke(
        app, ["report", "--year", "2025", "--history", str(history), "-o", str(output)]
    )
    assert missing.exit_code == 2 and "no run in 2025" in missing.output


def test_a_scans_report_shows_the_trend_when_there_is_history(tmp_path: Path) -> None:
    history = record_year(tmp_path)
    inventory = write_inventory(
        tmp_path, no_mfa=frozenset({"jkm-x"}), mutes=[MUTE], individual=frozenset({"mbmb-fb"})
    )
    report = tmp_path / "audit.pdf"
    run_job(job(inventory, history, as_of=dt.date(2026, 5, 10), report=report))
    text = pdf_text(report)
    assert "Trend skor pematuhan" in text and "2026-05-10" in text and "2026-01-10" in text
    assert "Risiko yang diterima" in text and "Rahim Ali" in text
    alone = tmp_path / "alone.pdf"
    run_job(job(inventory, None, report=alone))
    assert "Trend skor pematuhan" not in pdf_text(alone)
