"""Every object of the sample report walked for what PDF/A-3b forbids; and the walk itself
shown to find each thing when a PDF has it."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    BooleanObject,
    DictionaryObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

from auditor.report import report_pdf
from auditor.text import Lang
from tests.report.conftest import OFFICER, REPO
from tests.report.pdfa import violations


@pytest.fixture(scope="module")
def sample_report(sample_results: dict[str, Any]) -> bytes:
    """The sample's report as `make demo` renders it: the sample's own crest and pictures."""
    return report_pdf(sample_results, lang=Lang.MS, auditor=OFFICER, assets_root=REPO)


def test_the_sample_report_has_nothing_pdfa_forbids(sample_report: bytes) -> None:
    reader = PdfReader(io.BytesIO(sample_report))
    images = [
        x
        for page in reader.pages
        for x in (_resources(page).get("/XObject") or {}).values()
        if x.get_object()["/Subtype"] == "/Image"
    ]
    assert images, "the sample report shows pictures (crest, profile snapshots)"
    assert violations(reader) == []


def _resources(page: Any) -> Any:
    return page["/Resources"].get_object()


def _doctored(sample_report: bytes) -> PdfReader:
    writer = PdfWriter(clone_from=io.BytesIO(sample_report))
    script = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
    )
    writer._add_object(script)
    writer.add_attachment("extra.txt", b"no relationship")
    lzw = StreamObject()
    lzw[NameObject("/Filter")] = NameObject("/LZWDecode")
    writer._add_object(lzw)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/TrueType"),
            NameObject("/BaseFont"): NameObject("/Arial"),
            NameObject("/FontDescriptor"): DictionaryObject(
                {NameObject("/Type"): NameObject("/FontDescriptor")}
            ),
        }
    )
    writer._add_object(font)
    for page in writer.pages:
        for image in (_resources(page).get("/XObject") or {}).values():
            image.get_object()[NameObject("/Interpolate")] = BooleanObject(True)
    out = io.BytesIO()
    writer.write(out)
    return PdfReader(io.BytesIO(out.getvalue()))


def test_the_walk_finds_each_thing_pdfa_forbids(sample_report: bytes) -> None:
    found = "\n".join(violations(_doctored(sample_report)))
    for rule in ("6.2.8", "6.1.7.2", "6.6.1", "6.2.11.4: font /Arial", "6.8: embedded file extra"):
        assert rule in found, (rule, found)
