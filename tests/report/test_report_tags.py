"""The PDF is tagged: its structure tree, read back, holds the headings, the tables'
header cells, the chart's alternative text and the document language; and the appendix
shows the clause coverage and the manual list the clauses to tick."""

from __future__ import annotations

from collections import Counter
from typing import Any

from pypdf import PdfReader

from auditor.coverage import Coverage, load_coverage
from auditor.text import Lang
from tests.report.conftest import pdf_text

Rendered = tuple[bytes, PdfReader]


def _structure(reader: PdfReader) -> list[dict[str, Any]]:
    """Every structure element, depth first, with its type, parent type and /Alt."""
    catalog: Any = reader.trailer["/Root"]
    root: Any = catalog["/StructTreeRoot"].get_object()
    found: list[dict[str, Any]] = []
    stack: list[tuple[Any, str]] = [(root, "StructTreeRoot")]
    while stack:
        node, parent = stack.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in kids if isinstance(kids, list) else [kids]:
            element = kid.get_object() if hasattr(kid, "get_object") else kid
            if not hasattr(element, "get") or element.get("/S") is None:
                continue  # marked-content ids and object references are leaves
            kind = str(element["/S"])[1:]
            found.append({"type": kind, "parent": parent, "alt": element.get("/Alt")})
            stack.append((element, kind))
    return found


def test_headings_tables_and_figure_are_tagged(fixture_pdf_en: Rendered) -> None:
    _, reader = fixture_pdf_en
    elements = _structure(reader)
    kinds = Counter(e["type"] for e in elements)
    assert kinds["H1"] >= 6  # the cover's title and each chapter
    assert kinds["H2"] >= 5 and kinds["H3"] >= 1
    assert kinds["Table"] >= 5
    assert kinds["TH"] >= 20 and kinds["TD"] > kinds["TH"]
    header_rows = {e["parent"] for e in elements if e["type"] == "TH"}
    assert header_rows == {"TR"}
    figures = [str(e["alt"]) for e in elements if e["type"] == "Figure"]
    assert all(alt and alt != "None" for alt in figures)  # the chart and profile pictures
    (chart,) = [alt for alt in figures if alt.startswith("Bar chart")]
    assert chart.startswith("Bar chart of each agency's compliance score (0–100): JKM ")


def test_document_language_is_the_report_language(
    fixture_pdf_ms: Rendered, fixture_pdf_en: Rendered
) -> None:
    for (_, reader), lang in ((fixture_pdf_ms, "ms"), (fixture_pdf_en, "en")):
        catalog: Any = reader.trailer["/Root"]
        assert catalog["/Lang"] == lang
        assert bool(catalog["/MarkInfo"]["/Marked"])


def test_appendix_shows_the_coverage_and_the_checklist_the_manual_clauses(
    fixture_pdf_en: Rendered,
) -> None:
    _, reader = fixture_pdf_en
    text = pdf_text(reader)
    coverage = load_coverage()
    counts = coverage.counts()
    assert f"{len(coverage.clauses)} items: {counts[Coverage.MACHINE]} machine" in text
    assert "Clause coverage" in text and "GP 13(5)(e)" in text
    checklist = text[text.index("Clauses no check can judge") :]
    for clause in coverage.manual():
        assert f"☐ {clause.id} {clause.title(Lang.EN)}"[:40] in " ".join(checklist.split())
    assert "☐ GP 10 " not in checklist  # out of scope: nothing to tick
