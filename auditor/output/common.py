"""What every output format says about a result, in one language."""

from __future__ import annotations

from typing import Any

from auditor.catalogue import Registry, render_messages
from auditor.results import Result, Status
from auditor.resultsdoc import result_data
from auditor.run import Mute, ScanRun
from auditor.scoring import scores_by, summarise
from auditor.text import Lang


def result_record(
    result: Result, registry: Registry, lang: Lang, mute: Mute | None = None
) -> dict[str, Any]:
    """A result as plain data, texts rendered in ``lang`` (the JSON shape of DESIGN.md)."""
    meta = registry.meta(result.check_id)
    record = {
        **result_data(result),
        "title": meta.title(lang) if meta else result.check_id,
        "message": render_messages(meta, result.messages, lang),
        "references": list(meta.references) if meta else [],
        "remediation": meta.remediation(lang) if meta else "",
    }
    if mute is not None:
        record["mute"] = mute_record(mute)
    return record


def mute_record(mute: Mute) -> dict[str, Any]:
    return {
        "check": mute.check,
        "agency": mute.agency,
        "account": mute.account,
        "reason": mute.reason,
        "owner": mute.owner,
        "expires": mute.expires.isoformat(),
    }


def summary_record(run: ScanRun) -> dict[str, Any]:
    summary = summarise(run.results, accounts=run.account_count)
    return {
        "accounts": summary.accounts,
        **{status.value: summary.counts[status] for status in Status},
        "score": summary.score,
        "by_severity": {s.value: n for s, n in summary.failures_by_severity.items()},
        "muted": sum(1 for r in run.results if r.muted),
    }


def agencies_record(run: ScanRun) -> list[dict[str, Any]]:
    """Agencies in scope with their names, scores and accounts, so no reader needs the inventory."""
    agency_scores = scores_by(run.results, "agency_id")
    account_scores = scores_by(run.results, "account_id")
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
                    "platform": account.platform,
                    "url": account.url,
                    "handle": account.handle,
                    "score": account_scores.get(account.id),
                }
                for account in agency.accounts
            ],
        }
        for agency in run.agencies
    ]
