"""The report's view model: everything the templates show, already localised and counted.

Built by pure functions from the scan's JSON (``build.py``); templates only lay it out.
All strings here are untrusted text and are escaped by jinja2's autoescape.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.report.history_view import AnnualView, RiskRow, TrendView
from dataclasses import dataclass


@dataclass(frozen=True)
class Cover:
    organisation: str
    domains: str
    scope: str
    platforms: str
    audit_date: str
    period: str
    officer_name: str | None
    officer_post: str | None
    tool: str
    inventory_path: str
    inventory_sha256: str
    catalogue_version: str
    mode: str
    selection: tuple[str, ...]


@dataclass(frozen=True)
class Count:
    key: str  # a status or severity value, used as a CSS class
    label: str
    value: str


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    y: float
    width: float
    band: str  # good | fair | poor | none


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    label_width: float
    bar_height: float
    scale: float  # user units per score point
    ticks: tuple[tuple[float, str], ...]
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class AgencyRow:
    anchor: str
    name: str
    short_name: str
    accounts: str
    counts: tuple[Count, ...]
    score: str
    band: str


@dataclass(frozen=True)
class TopFinding:
    rank: int
    check: str
    severity: str
    severity_label: str
    title: str
    remediation: str
    affected: str


@dataclass(frozen=True)
class Finding:
    check: str
    status: str
    status_label: str
    mark: str
    severity: str
    severity_label: str
    title: str
    message: str
    remediation: str
    references: str
    evidence: tuple[tuple[str, str], ...]
    where: str
    picture_url: str | None = None
    muted: bool = False  # an accepted risk (auditor mute): said beside the status


@dataclass(frozen=True)
class ManualGroup:
    """Results of one check that share a status and a message: one to-do for the officer.

    Grouped because a large audit holds thousands of them (every account of an offline scan
    needs DOM-004 looked at, say): a to-do per check and message is what a person can act on,
    and thousands of paragraphs would make the PDF take minutes.
    """

    check: str
    status: str
    status_label: str
    mark: str
    title: str
    message: str
    count: str
    places: str


@dataclass(frozen=True)
class Cell:
    """One matrix cell: fixed-width text (the mark, padded) and whether it is coloured."""

    status: str  # a Status value or "none"
    text: str
    coloured: bool


@dataclass(frozen=True)
class Remedy:
    """What to do about one check that failed or needs a person in an agency."""

    check: str
    title: str
    references: str
    remediation: str
    accounts: str


@dataclass(frozen=True)
class AccountView:
    label: str  # id and score padded to the matrix's fixed-width columns
    id: str
    platform: str
    handle: str
    url: str
    score: str
    cells: tuple[Cell, ...]
    row: str  # the cells' text, one line
    findings: tuple[Finding, ...]  # the failures, in detail; the rest is in the manual list

    @property
    def finding_runs(self) -> tuple[tuple[Finding, ...], ...]:
        """The findings in runs, each printed as one paragraph of lines (a paragraph per
        finding costs WeasyPrint a box, a style and a tag each); a run ends at a finding
        with a picture, shown after it."""
        runs: list[tuple[Finding, ...]] = []
        start = 0
        for end, finding in enumerate(self.findings, start=1):
            if finding.picture_url or end == len(self.findings):
                runs.append(self.findings[start:end])
                start = end
        return tuple(runs)


@dataclass(frozen=True)
class MatrixBlock:
    """Up to ``matrix.BLOCK_ROWS`` rows of an agency's matrix under their own header, kept
    on one page; the cells' colours are one drawing behind the text (see matrix.py)."""

    accounts: tuple[AccountView, ...]
    width: int  # characters in a line, the drawing's width in ``ch``
    lines: int  # header lines and rows, the drawing's height in matrix lines
    height_em: float  # the same in em of the matrix's font
    paths: tuple[tuple[str, str], ...]  # (fill colour, SVG path) per status coloured


@dataclass(frozen=True)
class AgencyView:
    anchor: str
    name: str
    short_name: str
    score: str
    accounts: tuple[AccountView, ...]
    matrix: tuple[MatrixBlock, ...] = ()


@dataclass(frozen=True)
class CatalogueRow:
    check: str
    title: str
    severity: str
    severity_label: str
    references: str


@dataclass(frozen=True)
class SignOff:
    role: str
    name: str
    post: str


@dataclass(frozen=True)
class ClauseRow:
    """One item of the guideline in the coverage matrix."""

    id: str
    title: str
    coverage: str  # a Coverage value, used as a CSS class
    coverage_label: str
    how: str  # the checks, what to look at, or why it is out of scope
    depth: int  # 0 for a section, 1 for its items, 2 for sub-points


@dataclass(frozen=True)
class ReportView:
    lang: str
    labels: Mapping[str, str]
    title: str
    subject: str
    keywords: str
    author: str
    running_header: str
    cover: Cover
    intro: str
    score: str
    score_band: str
    status_counts: tuple[Count, ...]
    severity_counts: tuple[Count, ...]
    agency_rows: tuple[AgencyRow, ...]
    chart: Chart
    top_findings: tuple[TopFinding, ...]
    columns: tuple[str, ...]
    matrix_head: tuple[str, str]
    remedies: tuple[Remedy, ...]
    legend: tuple[Count, ...]
    agencies: tuple[AgencyView, ...]
    domain_findings: tuple[Finding, ...]
    manual_items: tuple[ManualGroup, ...]
    guidelines: tuple[str, ...]
    catalogue: tuple[CatalogueRow, ...]
    policy: tuple[tuple[str, str], ...]
    signoff: tuple[SignOff, ...]
    footer_note: str
    # evidence and accessibility (the signing issue)
    cover_summary: str = ""
    chart_alt: str = ""
    clauses: tuple[ClauseRow, ...] = ()
    clause_counts: str = ""
    # from the history and the mutes (auditor.report.history_view); empty without them
    accepted_risks: tuple[RiskRow, ...] = ()
    trend: TrendView | None = None
    annual: AnnualView | None = None
