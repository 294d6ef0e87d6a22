"""Typed, defensive reading of the scan's JSON results for the report (``auditor.resultsdoc``).

The report is rendered from saved JSON alone, which may come from an older or edited
file: every field is read with a fallback, and only a wrong schema or a missing results
list is an error. Values stay untrusted text; escaping is the templates' job.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from auditor.report.errors import ReportInputError
from auditor.results import Message, Severity, Status
from auditor.resultsdoc import ResultsFormatError, read_result_data
from auditor.resultsdoc import check_schema as shared_check_schema


def text(value: Any, default: str = "") -> str:
    """A JSON value as display text (None and missing become ``default``)."""
    if value is None:
        return default
    return value if isinstance(value, str) else str(value)


def optional_text(value: Any) -> str | None:
    return None if value is None else text(value)


def mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def sequence(value: Any) -> Sequence[Any]:
    return value if isinstance(value, list | tuple) else ()


def score(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


@dataclass(frozen=True)
class ResultRecord:
    check: str
    status: Status
    severity: Severity
    agency: str | None
    account: str | None
    platform: str | None
    title: str
    message: str
    remediation: str
    references: tuple[str, ...]
    evidence: Mapping[str, Any]
    details: tuple[Message, ...] = field(default=())
    domain: str | None = None
    muted: bool = False


def read_result(raw: Any) -> ResultRecord:
    """A result read by the shared reader, with the texts the scan rendered."""
    try:
        result = read_result_data(raw)
    except ResultsFormatError as exc:
        raise ReportInputError(str(exc)) from None
    entry = mapping(raw)
    return ResultRecord(
        check=result.check_id,
        status=result.status,
        severity=result.severity,
        agency=result.agency_id,
        account=result.account_id,
        platform=result.platform,
        title=text(entry.get("title"), result.check_id),
        message=text(entry.get("message")),
        remediation=text(entry.get("remediation")),
        references=tuple(text(r) for r in sequence(entry.get("references"))),
        evidence=result.evidence,
        details=result.messages,
        domain=result.domain,
        muted=result.muted,
    )


def check_schema(results: Mapping[str, Any]) -> None:
    """Refuse anything that is not a scan result of the schema this report knows."""
    try:
        shared_check_schema(results)
    except ResultsFormatError as exc:
        raise ReportInputError(str(exc)) from None


def read_results(results: Mapping[str, Any]) -> tuple[ResultRecord, ...]:
    check_schema(results)
    return tuple(read_result(entry) for entry in results["results"])


@dataclass(frozen=True)
class AccountInfo:
    id: str
    platform: str
    handle: str
    url: str
    score: float | None


@dataclass(frozen=True)
class AgencyInfo:
    id: str
    name: str
    short_name: str
    score: float | None
    accounts: tuple[AccountInfo, ...]


def _account(raw: Any) -> AccountInfo:
    entry = mapping(raw)
    return AccountInfo(
        id=text(entry.get("id")),
        platform=text(entry.get("platform")),
        handle=text(entry.get("handle")),
        url=text(entry.get("url")),
        score=score(entry.get("score")),
    )


def _accounts_by_agency(records: Sequence[ResultRecord]) -> dict[str, dict[str, AccountInfo]]:
    """Every account results mention, by agency, as far as results can tell."""
    found: dict[str, dict[str, AccountInfo]] = {}
    for record in records:
        if record.agency and record.account:
            found.setdefault(record.agency, {}).setdefault(
                record.account, AccountInfo(record.account, text(record.platform), "", "", None)
            )
    return found


def read_agencies(
    results: Mapping[str, Any], records: Sequence[ResultRecord]
) -> tuple[AgencyInfo, ...]:
    """The agencies in JSON order, plus any agency or account only results mention (an
    edited or truncated file still renders every result)."""
    mentioned = _accounts_by_agency(records)
    agencies = []
    for raw in sequence(results.get("agencies")):
        entry = mapping(raw)
        agency_id = text(entry.get("id"))
        accounts = [_account(a) for a in sequence(entry.get("accounts"))]
        known = {a.id for a in accounts}
        accounts += [a for a in mentioned.get(agency_id, {}).values() if a.id not in known]
        agencies.append(
            AgencyInfo(
                id=agency_id,
                name=text(entry.get("name"), agency_id),
                short_name=text(entry.get("short_name")),
                score=score(entry.get("score")),
                accounts=tuple(accounts),
            )
        )
    listed = {a.id for a in agencies}
    for agency_id, accounts_found in mentioned.items():
        if agency_id not in listed:
            agencies.append(
                AgencyInfo(agency_id, agency_id, "", None, tuple(accounts_found.values()))
            )
    return tuple(agencies)
