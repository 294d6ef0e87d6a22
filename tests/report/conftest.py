"""Shared fixtures: the hand-written scan fixture, a real offline scan of the sample
inventory, and their PDFs rendered once per session (WeasyPrint takes seconds)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from auditor.report import report_pdf
from auditor.text import Lang

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "report_scan.json"
ASSETS = REPO / "tests" / "fixtures" / "report_assets"
OFFICER = "Siti Aminah binti Abdullah, Pegawai Keselamatan ICT"


def load_fixture() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def pdf_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


@pytest.fixture(scope="session")
def fixture_results() -> dict[str, Any]:
    return load_fixture()


@pytest.fixture(scope="session")
def sample_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real offline scan of the bundled sample inventory, in Malay."""
    output = tmp_path_factory.mktemp("scan") / "results.json"
    command = [sys.executable, "-m", "auditor", "scan", str(REPO / "sample_inventory.yaml")]
    command += ["--offline", "--format", "json", "--output", str(output)]
    command += ["--fail-on", "never", "--as-of", "2026-11-24", "--lang", "ms"]
    subprocess.run(command, check=True, cwd=REPO, capture_output=True)
    data: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return data


def render(results: Mapping[str, Any], lang: Lang) -> tuple[bytes, PdfReader]:
    pdf = report_pdf(results, lang=lang, auditor=OFFICER, assets_root=ASSETS)
    return pdf, PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="session")
def fixture_pdf_ms(fixture_results: dict[str, Any]) -> tuple[bytes, PdfReader]:
    return render(fixture_results, Lang.MS)


@pytest.fixture(scope="session")
def fixture_pdf_en(fixture_results: dict[str, Any]) -> tuple[bytes, PdfReader]:
    return render(fixture_results, Lang.EN)


@pytest.fixture(scope="session")
def sample_pdf_en(sample_results: dict[str, Any]) -> tuple[bytes, PdfReader]:
    return render(sample_results, Lang.EN)
