"""Builds the report's view model from the scan's JSON results: pure, no I/O but the
label catalogues (and the image check of ``fetcher.image_url``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from auditor.catalogue import Registry
from auditor.coverage import load_coverage
from auditor.report import findings as fx
from auditor.report import matrix
from auditor.report.chart import band, bar_chart
from auditor.report.coverage_view import clause_counts, clause_rows
from auditor.report.evidence import cover_summary
from auditor.report.history_view import accepted_risks, annual_view, trend_view
from auditor.report.labels import Labels
from auditor.report.localise import Localiser
from auditor.report.model import (
    AccountView,
    AgencyRow,
    AgencyView,
    Count,
    Finding,
    Remedy,
    ReportView,
)
from auditor.report.reading import (
    AgencyInfo,
    ResultRecord,
    mapping,
    read_agencies,
    read_results,
    score,
    text,
)
from auditor.report.sections import (
    catalogue_rows,
    cover,
    domain_findings,
    manual_items,
    policy_rows,
    signoff,
    split_officer,
    top_findings,
)
from auditor.results import Severity, Status
from auditor.text import Lang


def _scan_lang(results: Mapping[str, Any]) -> Lang | None:
    try:
        return Lang(results.get("lang"))
    except ValueError:
        return None


def _status_counts(records: Sequence[ResultRecord], labels: Labels) -> tuple[Count, ...]:
    totals = dict.fromkeys(Status, 0)
    for record in records:
        totals[record.status] += 1
    return tuple(
        Count(s.value, fx.status_label(labels, s), labels.number(totals[s])) for s in Status
    )


def _severity_counts(records: Sequence[ResultRecord], labels: Labels) -> tuple[Count, ...]:
    totals = dict.fromkeys(Severity, 0)
    for record in records:
        if record.status is Status.FAIL:
            totals[record.severity] += 1
    return tuple(
        Count(s.value, fx.severity_label(labels, s), labels.number(totals[s])) for s in Severity
    )


def _agency_row(
    index: int, agency: AgencyInfo, records: Sequence[ResultRecord], labels: Labels
) -> AgencyRow:
    totals = dict.fromkeys((Status.PASS, Status.FAIL, Status.ERROR, Status.MANUAL), 0)
    for record in records:
        if record.status in totals:
            totals[record.status] += 1
    return AgencyRow(
        anchor=f"agency-{index}",
        name=agency.name,
        short_name=agency.short_name,
        accounts=labels.number(len(agency.accounts)),
        counts=tuple(
            Count(s.value, fx.status_label(labels, s), labels.number(n)) for s, n in totals.items()
        ),
        score=labels.score(agency.score),
        band=band(agency.score),
    )


def _remedies(
    records: Sequence[ResultRecord], labels: Labels, localiser: Localiser
) -> tuple[Remedy, ...]:
    """Each check that needs action on some account, once, with how many accounts.

    Said once per check rather than under every finding: the remediation is the same
    text for every account, and repeating it would double a large report's length.
    """
    by_check: dict[str, list[ResultRecord]] = defaultdict(list)
    for record in records:
        if record.account is not None and fx.needs_attention(record):
            by_check[record.check].append(record)
    remedies = []
    for check_id in sorted(by_check, key=fx.check_order):
        group = by_check[check_id]
        agencies = len({r.agency for r in group})
        shown = labels(
            "remedy_accounts",
            accounts=labels.number(len({r.account for r in group})),
            agencies=labels.number(agencies),
        )
        remedies.append(
            Remedy(
                check=check_id,
                title=localiser.title(group[0]),
                references=", ".join(group[0].references),
                remediation=localiser.remediation(group[0]),
                accounts=shown,
            )
        )
    return tuple(remedies)


def _agency_view(
    index: int,
    agency: AgencyInfo,
    records: Sequence[ResultRecord],
    columns: Sequence[str],
    context: tuple[Labels, Localiser, Path | None],
    remedies: Mapping[str, Remedy],
) -> AgencyView:
    """``remedies`` by check: a finding leaves out the clauses its check's remedy lists."""
    labels, localiser, assets_root = context
    by_account: dict[str, list[ResultRecord]] = defaultdict(list)
    for record in records:
        if record.account is not None:
            by_account[record.account].append(record)
    accounts = []
    for account in agency.accounts:
        mine = by_account.get(account.id, [])
        where = f"{agency.short_name or agency.name} · {account.id}"
        failures = sorted((r for r in mine if r.status is Status.FAIL), key=fx.finding_order)
        score_text = labels.score(account.score)
        cells = matrix.cells(columns, mine)
        accounts.append(
            AccountView(
                label=matrix.row_label(account.id, score_text),
                id=account.id,
                platform=account.platform,
                handle=account.handle,
                url=account.url,
                score=score_text,
                cells=cells,
                row="".join(cell.text for cell in cells),
                findings=tuple(
                    _without_known_references(
                        fx.make_finding(r, where, labels, localiser, assets_root), remedies
                    )
                    for r in failures
                ),
            )
        )
    return AgencyView(
        anchor=f"agency-{index}",
        name=agency.name,
        short_name=agency.short_name,
        score=labels.score(agency.score),
        accounts=tuple(accounts),
        matrix=matrix.blocks(accounts, columns),
    )


def _without_known_references(finding: Finding, remedies: Mapping[str, Remedy]) -> Finding:
    """The finding without its clauses when its check's remedy already names the same:
    said once per check, as the remediation is, rather than on thousands of findings."""
    remedy = remedies.get(finding.check)
    if remedy is not None and remedy.references == finding.references:
        return replace(finding, references="")
    return finding


def build_view(
    results: Mapping[str, Any],
    *,
    lang: Lang,
    auditor: str | None = None,
    registry: Registry | None = None,
    assets_root: Path | None = None,
) -> ReportView:
    """Everything the report shows, localised into ``lang``, from the scan's JSON alone."""
    records = read_results(results)
    labels = Labels(lang)
    localiser = Localiser(lang, _scan_lang(results), registry)
    agencies = read_agencies(results, records)
    by_agency: dict[str | None, list[ResultRecord]] = defaultdict(list)
    for record in records:
        by_agency[record.agency].append(record)
    columns = fx.matrix_columns(records)
    context = (labels, localiser, assets_root)
    organisation = text(mapping(results.get("organisation")).get("name"))
    as_of = labels.date(text(results.get("as_of")) or text(results.get("started_at")) or None)
    officer = split_officer(auditor)
    summary = mapping(results.get("summary"))
    org_score = score(summary.get("score"))
    names = {a.id: a.short_name or a.name for a in agencies}
    remedies = _remedies(records, labels, localiser)
    remedy_of = {r.check: r for r in remedies}
    return ReportView(
        lang=lang.value,
        labels=labels.all(),
        title=f"{labels('doc_title')}: {organisation}",
        subject=labels("doc_subject"),
        keywords=f"{labels('doc_keywords')}, {organisation}",
        author=officer[0] or organisation,
        running_header=f"{organisation} · {labels('doc_title')} · {as_of}",
        cover=cover(results, agencies, labels, officer),
        intro=labels(
            "summary_intro",
            accounts=labels.number(sum(len(a.accounts) for a in agencies)),
            agencies=labels.number(len(agencies)),
            organisation=organisation,
            date=as_of,
        ),
        score=labels.score(org_score),
        score_band=band(org_score),
        status_counts=_status_counts(records, labels),
        severity_counts=_severity_counts(records, labels),
        agency_rows=tuple(
            _agency_row(i, a, by_agency.get(a.id, []), labels) for i, a in enumerate(agencies)
        ),
        chart=bar_chart(
            [(a.short_name or a.name, a.score, labels.score(a.score)) for a in agencies]
        ),
        top_findings=top_findings(records, names, labels, localiser),
        columns=columns,
        matrix_head=matrix.header(columns, labels("col_account"), labels("col_score")),
        remedies=remedies,
        legend=fx.legend(labels),
        agencies=tuple(
            _agency_view(i, a, by_agency.get(a.id, []), columns, context, remedy_of)
            for i, a in enumerate(agencies)
        ),
        domain_findings=domain_findings(by_agency.get(None, []), context),
        manual_items=manual_items(records, names, context),
        guidelines=(labels("guideline_gp"), labels("guideline_dkict"), labels("guideline_osmacc")),
        catalogue=catalogue_rows(records, registry, labels, localiser),
        policy=policy_rows(mapping(results.get("policy")), labels),
        signoff=signoff(officer, labels),
        footer_note=labels(
            "generated_by",
            tool=text(mapping(results.get("tool")).get("name"), "auditor"),
            version=text(mapping(results.get("tool")).get("version")),
            schema=text(results.get("schema")),
        ),
        cover_summary=cover_summary(results, labels),
        chart_alt=labels(
            "chart_alt",
            bars="; ".join(f"{a.short_name or a.name} {labels.score(a.score)}" for a in agencies),
        ),
        clauses=clause_rows(load_coverage(), lang),
        clause_counts=clause_counts(load_coverage(), lang),
        accepted_risks=accepted_risks(results, labels),
        trend=trend_view(results, labels),
        annual=annual_view(results, labels),
    )
