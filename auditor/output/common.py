"""What every output format says about a result, in one language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.catalogue import CheckMeta, Registry, render_messages
from auditor.results import Result, Status
from auditor.resultsdoc import result_data
from auditor.run import Mute, ScanRun
from auditor.text import Lang


@dataclass(frozen=True)
class CheckTexts:
    """What every result of one check says alike, in one language."""

    meta: CheckMeta
    title: str
    references: tuple[str, ...]
    remediation: str


def check_texts(registry: Registry, lang: Lang) -> dict[str, CheckTexts]:
    """Each check's title, references and remediation rendered once, by check id: an output
    of 230,000 results has only some twenty checks' worth of them."""
    return {c.meta.id: _texts(c.meta, lang) for c in registry.checks}


def _texts(meta: CheckMeta, lang: Lang) -> CheckTexts:
    return CheckTexts(meta, meta.title(lang), meta.references, meta.remediation(lang))


def result_record(
    result: Result,
    registry: Registry,
    lang: Lang,
    mute: Mute | None = None,
    texts: Mapping[str, CheckTexts] | None = None,
) -> dict[str, Any]:
    """A result as plain data, texts rendered in ``lang`` (the JSON shape of DESIGN.md).

    ``texts``: ``check_texts(registry, lang)``, for a caller writing many results."""
    known = texts.get(result.check_id) if texts is not None else None
    if known is None:
        meta = registry.meta(result.check_id)
        known = _texts(meta, lang) if meta else None
    record = result_data(result)  # the record's first keys, added to in place
    if known is None:
        record["title"] = result.check_id
        record["message"] = render_messages(None, result.messages, lang)
        record["references"] = []
        record["remediation"] = ""
    else:
        record["title"] = known.title
        record["message"] = render_messages(known.meta, result.messages, lang)
        record["references"] = list(known.references)
        record["remediation"] = known.remediation
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
    counted = run.tallies
    return {
        "accounts": run.account_count,
        **{status.value: counted.counts[status] for status in Status},
        "score": counted.score,
        "by_severity": {s.value: n for s, n in counted.failures_by_severity.items()},
        "muted": counted.muted,
    }


def agencies_record(run: ScanRun) -> list[dict[str, Any]]:
    """Agencies in scope with their names, scores and accounts, so no reader needs the inventory."""
    agency_scores, account_scores = run.tallies.agency_scores, run.tallies.account_scores
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
