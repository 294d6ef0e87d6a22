"""The PDF read back: sections in both languages, pages, metadata, PDF/A, attachment,
bookmarks and embedded fonts."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from pypdf import PdfReader

from auditor.report import report_pdf
from auditor.text import Lang
from tests.report.conftest import load_fixture, pdf_text

MS_SECTIONS = [
    "Laporan Audit Akaun Media Sosial Rasmi",
    "Ringkasan Eksekutif",
    "Dapatan mengikut Agensi",
    "Tindakan pembetulan mengikut semakan",
    "Domain E-mel Rasmi",
    "Senarai Semakan Manual",
    "Lampiran: Katalog Semakan dan Ambang Dasar",
    "Pengesahan",
    "Disediakan oleh",
    "Sepuluh dapatan paling serius",
]
EN_SECTIONS = [
    "Official Social Media Accounts Audit Report",
    "Executive Summary",
    "Findings by Agency",
    "Remediation by check",
    "Official Email Domains",
    "Manual Review List",
    "Appendix: Check Catalogue and Policy Thresholds",
    "Sign-off",
    "Prepared by",
    "The ten most serious findings",
]

Rendered = tuple[bytes, PdfReader]


def flat(text: str) -> str:
    """Extracted text with line breaks and repeated spaces folded (wrapping varies)."""
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(("which", "sections"), [("ms", MS_SECTIONS), ("en", EN_SECTIONS)])
def test_every_section_is_in_the_language(
    which: str, sections: list[str], request: pytest.FixtureRequest
) -> None:
    _, reader = request.getfixturevalue(f"fixture_pdf_{which}")
    text = flat(pdf_text(reader))
    for heading in sections:
        assert heading in text, heading
    other = EN_SECTIONS if which == "ms" else MS_SECTIONS
    assert "Executive Summary" not in text or which == "en"
    assert other[1] not in text


def test_malay_report_has_malay_dates_numbers_and_pages(fixture_pdf_ms: Rendered) -> None:
    _, reader = fixture_pdf_ms
    text = flat(pdf_text(reader))
    pages = len(reader.pages)
    assert 8 <= pages <= 40
    assert "5 Disember 2026" in text
    assert f"Halaman 2 daripada {pages}" in text
    assert f"Halaman {pages} daripada {pages}" in text
    assert "Halaman 1 daripada" not in text  # the cover has no footer
    assert "Siti Aminah binti Abdullah, Pegawai Keselamatan ICT" in text
    assert "Kerajaan Negeri Melaka · Laporan Audit" in text  # running header


def test_english_report_has_english_dates_and_pages(fixture_pdf_en: Rendered) -> None:
    _, reader = fixture_pdf_en
    text = flat(pdf_text(reader))
    pages = len(reader.pages)
    assert "5 December 2026" in text
    assert f"Page 3 of {pages}" in text
    assert "Disember" not in text


def test_content_from_the_results(fixture_pdf_ms: Rendered, fixture_results: Any) -> None:
    _, reader = fixture_pdf_ms
    text = flat(pdf_text(reader))
    assert "ملاک" in text  # Jawi survives extraction, so it was shaped with a real font
    assert "Majlis Bandaraya Melaka Bersejarah" in text
    assert "korporat.suk@gmail.com" in text  # evidence of a failure
    assert fixture_results["inventory"]["sha256"] in text
    assert "76.8" in text  # the organisation's score
    assert "Tiada kata laluan teks jelas dalam inventori" in text  # a top finding
    assert "☐" in text  # the manual to-do list
    assert "Panjang minimum kata laluan (aksara)" in text  # policy thresholds


def test_metadata(fixture_pdf_ms: Rendered, fixture_pdf_en: Rendered) -> None:
    for (_, reader), title in [
        (fixture_pdf_ms, "Laporan Audit Akaun Media Sosial Rasmi"),
        (fixture_pdf_en, "Official Social Media Accounts Audit Report"),
    ]:
        meta = reader.metadata
        assert meta is not None
        assert meta.title == f"{title}: Kerajaan Negeri Melaka"
        assert meta.author == "Siti Aminah binti Abdullah"
        assert meta.subject and "DKICT" in meta.subject
        assert "Kerajaan Negeri Melaka" in str(meta.get("/Keywords"))


def test_pdfa_3a_identification(fixture_pdf_ms: Rendered) -> None:
    _, reader = fixture_pdf_ms
    catalog: Any = reader.trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="3"' in xmp
    assert 'pdfaid:conformance="A"' in xmp
    assert "/OutputIntents" in catalog


def test_attachment_is_the_input_json(fixture_pdf_ms: Rendered, fixture_results: Any) -> None:
    _, reader = fixture_pdf_ms
    attachments = reader.attachments
    assert list(attachments) == ["auditor-results.json"]
    (data,) = attachments["auditor-results.json"]
    assert json.loads(data.decode("utf-8")) == fixture_results
    catalog: Any = reader.trailer["/Root"]
    files = catalog["/AF"]
    assert files[0].get_object()["/AFRelationship"] == "/Data"


def _outline_titles(outline: list[Any]) -> list[str]:
    titles = []
    for item in outline:
        if isinstance(item, list):
            titles += _outline_titles(item)
        else:
            titles.append(str(item.title))
    return titles


def test_bookmarks_for_sections_and_agencies(fixture_pdf_ms: Rendered) -> None:
    _, reader = fixture_pdf_ms
    titles = _outline_titles(reader.outline)
    assert "Ringkasan Eksekutif" in titles
    assert "Senarai Semakan Manual" in titles
    assert any(t.startswith("Jabatan Ketua Menteri Melaka (JKM)") for t in titles)
    assert any("ملاک" in t for t in titles)
    assert not any(t.startswith("jkm-facebook") for t in titles)  # accounts are not bookmarked


def _embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        for font in (resources or {}).get("/Font", {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                name = str(descendant.get_object()["/BaseFont"]).split("+")[-1]
                fonts[name] = bool(descriptor and "/FontFile2" in descriptor.get_object())
    return fonts


def test_shipped_latin_and_jawi_fonts_are_embedded(fixture_pdf_ms: Rendered) -> None:
    _, reader = fixture_pdf_ms
    fonts = _embedded_fonts(reader)
    for family in ("Report-Sans", "Report-Sans-Bold", "Report-Jawi", "Report-Mono"):
        assert fonts.get(family) is True, (family, fonts)
    assert all(fonts.values()), fonts


def test_english_report_of_a_malay_scan_is_re_rendered_from_the_catalogue(
    sample_pdf_en: Rendered, sample_results: Any
) -> None:
    """The real scan is in Malay; the English report takes titles, messages and
    remediation from the check catalogue by key and arguments."""
    assert sample_results["lang"] == "ms"
    _, reader = sample_pdf_en
    text = flat(pdf_text(reader))
    assert "Two-factor / multi-factor authentication enabled" in text
    assert "MFA tidak diaktifkan" not in text
    malay = [r["message"] for r in sample_results["results"] if r["status"] == "fail"]
    assert malay and not any(flat(m) in text for m in malay if len(m) > 30)


def test_a_muted_result_is_marked_an_accepted_risk_where_it_is_listed() -> None:
    """A muted failure keeps its status (and its line), and says it is an accepted risk,
    so a reader does not take it for one nobody has looked at."""
    data = load_fixture()
    fails = [r for r in data["results"] if r["status"] == "fail"]
    account = next(r for r in fails if r.get("account"))
    domain = next(r for r in fails if r["check"].startswith("DOM-"))
    account["muted"] = domain["muted"] = True
    text = flat(pdf_text(PdfReader(io.BytesIO(report_pdf(data, lang=Lang.EN)))))
    assert text.count("(accepted risk)") == 2
    assert f"✗ {account['check']} · High (accepted risk). " in text
    assert "Fail (accepted risk)" in text
