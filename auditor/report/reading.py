"""Typed, defensive reading of the scan's JSON results (schema ``auditor.scan/1``).

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

SCHEMA = "auditor.scan/1"


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

    @property
    def domain(self) -> str | None:
        return optional_text(self.evidence.get("domain"))


def _status(value: Any) -> Status:
    try:
        return Status(value)
    except ValueError:
        raise ReportInputError(f"unknown result status {text(value)!r}") from None


def _severity(value: Any) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise ReportInputError(f"unknown result severity {text(value)!r}") from None


def _details(value: Any) -> tuple[Message, ...]:
    found = []
    for item in sequence(value):
        entry = mapping(item)
        if isinstance(entry.get("key"), str):
            found.append(Message(entry["key"], dict(mapping(entry.get("args")))))
    return tuple(found)


def read_result(raw: Any) -> ResultRecord:
    entry = mapping(raw)
    check = text(entry.get("check"))
    if not check:
        raise ReportInputError("a result has no check id")
    return ResultRecord(
        check=check,
        status=_status(entry.get("status")),
        severity=_severity(entry.get("severity", "info")),
        agency=optional_text(entry.get("agency")),
        account=optional_text(entry.get("account")),
        platform=optional_text(entry.get("platform")),
        title=text(entry.get("title"), check),
        message=text(entry.get("message")),
        remediation=text(entry.get("remediation")),
        references=tuple(text(r) for r in sequence(entry.get("references"))),
        evidence=mapping(entry.get("evidence")),
        details=_details(entry.get("details")),
    )


def check_schema(results: Mapping[str, Any]) -> None:
    """Refuse anything that is not a scan result of the schema this report knows."""
    if not isinstance(results, Mapping):
        raise ReportInputError("the scan results must be a JSON object")
    schema = results.get("schema")
    if schema != SCHEMA:
        raise ReportInputError(f"unsupported results schema {text(schema)!r}; expected {SCHEMA!r}")
    if not isinstance(results.get("results"), list):
        raise ReportInputError("the scan results have no 'results' list")


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
