"""The lean layout says everything once: every result is in the PDF, the domains' results
once each, the clauses once per check, and the matrix's colours drawn behind its marks."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from pypdf import PdfReader

from auditor.catalogue import load_registry
from auditor.report.build import build_view
from auditor.report.findings import evidence_items
from auditor.report.matrix import BLOCK_ROWS, FILLS, HEADER_FILL, blocks, rectangles
from auditor.text import Lang
from tests.report.conftest import load_fixture, pdf_text

Rendered = tuple[bytes, PdfReader]


def flat(text: str) -> str:
    """Text without any white space: extraction breaks lines after hyphens too."""
    return re.sub(r"\s+", "", text.replace("\u200b", ""))


def test_every_result_of_the_scan_is_in_the_pdf(
    sample_pdf_en: Rendered, sample_results: Any
) -> None:
    """Failures in the account details, manual and error results in the manual list,
    domain results in their table; passes in the matrix only (as marks)."""
    _, reader = sample_pdf_en
    text = flat(pdf_text(reader))
    view = build_view(sample_results, lang=Lang.EN, registry=load_registry())
    failures = [f for a in view.agencies for acc in a.accounts for f in acc.findings]
    failing = [r for r in sample_results["results"] if r["status"] == "fail" and r["account"]]
    assert len(failures) == len(failing) > 10
    for finding in failures:
        assert flat(finding.message) in text, finding
    for group in view.manual_items:
        assert flat(group.message) in text, group
        for place in group.places.split(", "):
            assert flat(place) in text, place
    for finding in view.domain_findings:
        assert flat(f"{finding.where} {finding.check}") in text, finding
    accounts = {r["account"] for r in sample_results["results"] if r["account"]}
    assert all(flat(account) in text for account in accounts)


def test_each_domain_result_is_printed_once(sample_pdf_en: Rendered, sample_results: Any) -> None:
    """The offline scan leaves every domain check manual: once in the domains' table,
    not again as a paragraph under it (the manual list names them too, further on)."""
    _, reader = sample_pdf_en
    text = flat(pdf_text(reader))
    start = text.rindex(flat("Official Email Domains"))  # the chapter, not the contents
    section = text[start : text.index(flat("Manual Review List"), start)]
    view = build_view(sample_results, lang=Lang.EN, registry=load_registry())
    manual = [f for f in view.domain_findings if f.status == "manual"]
    assert len(manual) >= 3
    for message in {f.message for f in manual}:
        printed = sum(f.message == message for f in view.domain_findings)
        assert section.count(flat(message)) == printed, message
    for finding in manual:
        assert section.count(flat(finding.remediation)[:60]) == sum(
            f.remediation == finding.remediation for f in manual
        )


def test_clauses_are_given_once_per_check() -> None:
    data = load_fixture()
    view = build_view(data, lang=Lang.EN, registry=load_registry())
    remedies = {r.check: r for r in view.remedies}
    findings = [f for a in view.agencies for acc in a.accounts for f in acc.findings]
    assert findings and all(f.check in remedies and remedies[f.check].references for f in findings)
    assert all(f.references == "" for f in findings)
    # A finding whose clauses differ from its check's keeps them.
    failing = [r for r in data["results"] if r["status"] == "fail" and r["account"]]
    odd = next(r for r in reversed(failing) if sum(f["check"] == r["check"] for f in failing) > 1)
    odd["references"] = ["GP 99"]  # the remedy takes its clauses from the check's first
    view = build_view(data, lang=Lang.EN, registry=load_registry())
    kept = [f for a in view.agencies for acc in a.accounts for f in acc.findings if f.references]
    assert [f.references for f in kept] == ["GP 99"]


def test_evidence_a_message_quotes_in_full_is_left_out_however_long() -> None:
    accounts = [f"agensi-{n}-facebook-{n}" for n in range(60)]
    message = "The same password is used on accounts: " + ", ".join(accounts) + "."
    items = evidence_items({"reused_with": accounts, "source": "inventory"}, message)
    assert items == (("source", "inventory"),)
    assert evidence_items({"reused_with": accounts}, "other")[0][1].endswith("…")


def test_matrix_colours_are_drawn_under_each_coloured_cell() -> None:
    view = build_view(load_fixture(), lang=Lang.MS)
    agency = view.agencies[0]
    (block,) = agency.matrix
    assert block.accounts == agency.accounts and block.lines == 2 + len(agency.accounts)
    drawn: set[tuple[str, int, int]] = set()
    paths = dict(block.paths)
    for status, fill in FILLS.items():
        for x, y, width, height in re.findall(
            r"M(\d+) (\d+)h(\d+)v(\d+)h-\d+z", paths.get(fill, "")
        ):
            drawn |= {
                (status, int(x) + n, int(y) + down)
                for n in range(int(width))
                for down in range(int(height))
            }
    expected = set()
    for line, account in enumerate(agency.accounts, start=2):
        x = len(account.label)
        assert account.row == "".join(cell.text for cell in account.cells)
        for cell in account.cells:
            if cell.coloured:
                expected |= {(cell.status, x + n, line) for n in range(len(cell.text))}
            x += len(cell.text)
    assert expected and drawn == expected
    assert block.width == len(agency.accounts[0].label) + len(agency.accounts[0].row)
    # the header's two lines shaded first, under the cells' colours
    assert block.paths[0] == (HEADER_FILL, f"M0 0h{block.width}v2h-{block.width}z")


def test_a_large_agency_s_matrix_is_in_blocks_each_with_its_header() -> None:
    view = build_view(load_fixture(), lang=Lang.MS)
    accounts = view.agencies[0].accounts * 30
    made = blocks(accounts, view.columns)
    assert [len(b.accounts) for b in made][:-1] == [BLOCK_ROWS] * (len(made) - 1)
    assert sum(len(b.accounts) for b in made) == len(accounts)


def test_an_account_s_failures_are_one_paragraph_up_to_each_picture() -> None:
    view = build_view(load_fixture(), lang=Lang.MS)
    accounts = [a for agency in view.agencies for a in agency.accounts]
    account = next(a for a in accounts if len(a.findings) >= 3)
    assert account.finding_runs == (account.findings,)
    assert next(a for a in accounts if not a.findings).finding_runs == ()
    first, second, *rest = account.findings
    pictured = replace(second, picture_url="file:///crest.png")
    runs = replace(account, findings=(first, pictured, *rest)).finding_runs
    assert runs == ((first, pictured), tuple(rest))


def test_a_run_repeated_on_the_lines_below_is_one_taller_rectangle() -> None:
    path = rectangles([(0, 3, 2), (0, 3, 3), (6, 3, 3), (0, 3, 5), (0, 6, 6)])
    assert sorted(re.findall(r"M\d+ \d+h\d+v\d+h-\d+z", path)) == sorted(
        ["M0 2h3v2h-3z", "M6 3h3v1h-3z", "M0 5h3v1h-3z", "M0 6h6v1h-6z"]
    )
