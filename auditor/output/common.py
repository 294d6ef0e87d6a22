"""What every output format says about a result, in one language."""

from __future__ import annotations

from typing import Any

from auditor.catalogue import Registry, render_messages
from auditor.engine import ScanRun
from auditor.results import Result, Status
from auditor.scoring import scores_by, summarise
from auditor.text import Lang


def result_record(result: Result, registry: Registry, lang: Lang) -> dict[str, Any]:
    """A result as plain data, texts rendered in ``lang`` (the JSON shape of DESIGN.md)."""
    meta = registry.meta(result.check_id)
    return {
        "check": result.check_id,
        "status": result.status.value,
        "severity": result.severity.value,
        "agency": result.agency_id,
        "account": result.account_id,
        "platform": result.platform,
        "title": meta.title(lang) if meta else result.check_id,
        "message": render_messages(meta, result.messages, lang),
        "evidence": dict(result.evidence),
        "references": list(meta.references) if meta else [],
        "remediation": meta.remediation(lang) if meta else "",
        "details": [{"key": m.key, "args": dict(m.args)} for m in result.messages],
    }


def summary_record(run: ScanRun) -> dict[str, Any]:
    summary = summarise(run.results, accounts=len(_scanned_accounts(run)))
    return {
        "accounts": summary.accounts,
        **{status.value: summary.counts[status] for status in Status},
        "score": summary.score,
        "by_severity": {s.value: n for s, n in summary.failures_by_severity.items()},
    }


def _scanned_accounts(run: ScanRun) -> list[str]:
    selected = run.options.agency_ids
    return [
        account.id
        for agency, account in run.source.inventory.accounts()
        if selected is None or agency.id in selected
    ]


def agencies_record(run: ScanRun) -> list[dict[str, Any]]:
    """Agencies in scope with their names, scores and accounts, so no reader needs the inventory."""
    agency_scores = scores_by(run.results, "agency_id")
    account_scores = scores_by(run.results, "account_id")
    selected = run.options.agency_ids
    return [
        {
            "id": agency.id,
            "name": agency.name,
            "short_name": agency.short_name,
            "website": agency.website,
            "score": agency_scores.get(agency.id),
            "accounts": [
                {
                    "id": account.id,
                    "platform": account.platform.value,
                    "url": account.url,
                    "handle": account.handle,
                    "score": account_scores.get(account.id),
                }
                for account in agency.accounts
            ],
        }
        for agency in run.source.inventory.agencies
        if selected is None or agency.id in selected
    ]
