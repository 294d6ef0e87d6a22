"""Issue 10, item 18: long unbroken strings are cut with a mark and wrap anywhere, so the
PDF layout does not stall (the time itself is measured in benchmarks, not asserted)."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader

from auditor.report.html import CUT_MARK, MAX_SHOWN
from tests.hostile.conftest import invoke

FIXTURE = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "report_scan.json"


def test_long_texts_are_cut_with_a_mark(tmp_path: Path) -> None:
    data = json.loads(FIXTURE.read_text("utf-8"))
    data["agencies"][0]["name"] = "N" * 90_000
    results = tmp_path / "results.json"
    results.write_text(json.dumps(data), "utf-8")
    html = tmp_path / "report.html"
    code, output = invoke("report", str(results), "-o", str(html), "--auditor", "A" * 100_000)
    assert code == 0, output
    text = html.read_text("utf-8").replace("\u200b", "")  # the break opportunities
    assert "A" * MAX_SHOWN + CUT_MARK in text and "A" * (MAX_SHOWN + 1) not in text
    assert "N" * (MAX_SHOWN + 1) not in text
    assert "overflow-wrap: break-word" in text


def test_a_long_officer_name_still_makes_a_pdf(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    code, output = invoke("report", str(FIXTURE), "-o", str(pdf), "--auditor", "B" * 100_000)
    assert code == 0, output
    pages = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "B" * 50 in pages


def test_a_long_unbroken_name_wraps_inside_its_table_cell(tmp_path: Path) -> None:
    # overflow-wrap does not narrow a table column: without break opportunities the cell
    # grows to the whole word and runs off the page.
    data = json.loads(FIXTURE.read_text("utf-8"))
    data["agencies"][0]["name"] = "W" * 1_500
    results = tmp_path / "results.json"
    results.write_text(json.dumps(data), "utf-8")
    pdf = tmp_path / "report.pdf"
    code, output = invoke("report", str(results), "-o", str(pdf))
    assert code == 0, output
    lines = [line for page in PdfReader(pdf).pages for line in page.extract_text().splitlines()]
    words = [run for line in lines for run in line.replace("\u200b", " ").split()]
    runs = [len(run) for run in words if "WWW" in run]
    assert runs and max(runs) <= 130, max(runs)
