"""`auditor report` and `auditor scan --report` through Typer's runner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from auditor.cli import app
from tests.report.conftest import FIXTURE

REPO = Path(__file__).resolve().parents[2]


def test_report_renders_saved_results(tmp_path: Path) -> None:
    output = tmp_path / "audit.html"
    result = CliRunner().invoke(
        app, ["report", str(FIXTURE), "-o", str(output), "--lang", "en", "--auditor", "Siti, PKICT"]
    )
    assert result.exit_code == 0, result.output
    html = output.read_text(encoding="utf-8")
    assert "Executive Summary" in html and "Siti" in html and "PKICT" in html


def test_report_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json")
    wrong_schema = tmp_path / "wrong.json"
    wrong_schema.write_text(json.dumps({"schema": "x", "results": []}))
    cases = [
        [str(FIXTURE), "-o", str(tmp_path / "missing" / "a.pdf")],
        [str(FIXTURE), "-o", str(tmp_path / "a.txt")],
        [str(bad_json), "-o", str(tmp_path / "a.pdf")],
        [str(wrong_schema), "-o", str(tmp_path / "a.pdf")],
        [str(tmp_path / "absent.json"), "-o", str(tmp_path / "a.pdf")],
    ]
    for args in cases:
        result = runner.invoke(app, ["report", *args])
        assert result.exit_code == 2, (args, result.output)
        assert "auditor:" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "wrong.json"]


def test_scan_writes_the_pdf_in_the_same_run(tmp_path: Path) -> None:
    output = tmp_path / "audit.pdf"
    args = ["scan", str(REPO / "sample_inventory.yaml"), "--offline", "--as-of", "2026-11-24"]
    args += ["--fail-on", "never", "--report", str(output), "--auditor", "Siti, PKICT"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    reader = PdfReader(output)
    (data,) = reader.attachments["auditor-results.json"]
    assert json.loads(data)["schema"] == "auditor.scan/1"
    assert reader.metadata is not None and reader.metadata.author == "Siti"
    assert oct(output.stat().st_mode & 0o777) != "0o600"


@pytest.mark.parametrize("python_options", [[], ["-W", "default"]])
def test_report_prints_no_library_notices(tmp_path: Path, python_options: list[str]) -> None:
    """Not even where deprecations and resource warnings are shown (-W default): WeasyPrint
    says on import that it lacks HarfBuzz-Subset, and leaves a file open while writing."""
    # A child process, so that what reaches stderr is what an officer's terminal shows.
    output = tmp_path / "audit.pdf"
    child = subprocess.run(
        [
            sys.executable,
            *python_options,
            "-m",
            "auditor",
            "report",
            str(FIXTURE),
            "-o",
            str(output),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout == ""
    assert child.stderr.strip() == f"wrote {output}"
