"""Writing the report: format by suffix, atomic replacement, clear errors, and each PDF
object serialised once."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import Any

import pydyf
import pytest
from pypdf import PdfReader

from auditor.report import ReportInputError, ReportOutputError, report_pdf, write_report
from auditor.report import pdf as pdf_module
from auditor.text import Lang
from tests.report.conftest import load_fixture

ORIGINAL_PAGE_REFERENCES = vars(pydyf.PDF)["page_references"]


def test_html_report_is_written_standalone(tmp_path: Path) -> None:
    output = tmp_path / "audit.html"
    write_report(load_fixture(), output, lang=Lang.EN, auditor="Siti, PKICT")
    html = output.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html
    assert "fonts.css" not in html  # nothing to fetch beside the file
    assert "Executive Summary" in html and "ملاک" in html
    assert [p.name for p in tmp_path.iterdir()] == ["audit.html"]


def test_existing_report_is_replaced_and_kept_when_rendering_fails(tmp_path: Path) -> None:
    output = tmp_path / "audit.html"
    output.write_text("old")
    with pytest.raises(ReportInputError):
        write_report({"schema": "nope"}, output, lang=Lang.MS)
    assert output.read_text() == "old"
    write_report(load_fixture(), output, lang=Lang.MS)
    assert "Ringkasan Eksekutif" in output.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["audit.html"]


@pytest.mark.parametrize("name", ["missing/audit.pdf", "file.txt/audit.pdf", "audit.docx", "."])
def test_unwritable_or_unknown_output_is_a_clear_error(tmp_path: Path, name: str) -> None:
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(ReportOutputError, match="cannot write"):
        write_report(load_fixture(), tmp_path / name, lang=Lang.MS)


def test_each_object_of_the_pdf_is_serialised_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """pydyf hashes every object's bytes for the PDF/A /ID: the report gives it the bytes
    made for writing, not a second serialisation and compression of each stream."""
    made: Counter[pydyf.Stream] = Counter()  # the streams themselves: no id is reused
    serialise = pydyf.Stream.data.fget

    def counted(stream: pydyf.Stream) -> bytes:
        made[stream] += 1
        data: bytes = serialise(stream)
        return data

    monkeypatch.setattr(pydyf.Stream, "data", property(counted))
    pdf = report_pdf(load_fixture(), lang=Lang.EN)
    # the object stream pydyf makes while writing, and hashes again, included
    assert made and set(made.values()) == {1}
    reader = PdfReader(io.BytesIO(pdf))
    ids: Any = reader.trailer["/ID"]
    first, second = (bytes.fromhex(str(part)) for part in ids)
    assert first == second and len(first) == 16  # an MD5, as pydyf makes it
    assert list(reader.attachments) == ["auditor-results.json"]


def test_streams_are_compressed_at_the_default_level_and_read_back() -> None:
    """zlib's slowest level (pydyf's 9) tripled the compression time for 5 % of size:
    the streams are deflated at level 6, which the zlib header records (78 9C)."""
    reader = PdfReader(io.BytesIO(report_pdf(load_fixture(), lang=Lang.EN)))
    for page in reader.pages:
        contents: Any = page["/Contents"].get_object()
        assert contents["/Filter"] == "/FlateDecode"
        assert contents._data[:2] == b"\x78\x9c"  # the encoded bytes as stored
        assert contents.get_data()  # and they inflate
    assert "Executive Summary" in reader.pages[1].extract_text()
    raw = report_pdf(load_fixture(), lang=Lang.EN)
    object_stream = raw.index(b"/Type /ObjStm")
    start = raw.index(b"stream\n", object_stream) + len(b"stream\n")
    assert raw[start : start + 2] == b"\x78\x9c"  # the objects' stream too


def test_page_references_are_pydyfs_while_rendering_and_restored_after() -> None:
    """WeasyPrint reads every page's reference for each link and tag; the report keeps
    pydyf's tuple per page count, which must follow each page added."""
    made = pydyf.PDF()
    with pdf_module._page_references_kept():
        assert pydyf.PDF.page_references is not ORIGINAL_PAGE_REFERENCES
        for _ in range(3):
            made.add_page(pydyf.Dictionary({"Type": "/Page"}))
            assert made.page_references == ORIGINAL_PAGE_REFERENCES.fget(made)
    assert len(made.page_references) == 3
    assert vars(pydyf.PDF)["page_references"] is ORIGINAL_PAGE_REFERENCES
