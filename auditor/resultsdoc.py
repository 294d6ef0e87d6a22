"""The scan's JSON results (schema ``auditor.scan/1``): the one place that says what a result
looks like as data, written by ``--format json``, stored by the history and read back by
``report``, ``history`` and ``diff``.

``result_data`` and ``read_result_data`` are each other's inverse for the language-free part
of a result (check, status, severity, subject, message keys, evidence, muted); the texts
rendered in one language are added by the writer and ignored by the reader.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from auditor.results import Message, Result, Severity, Status

SCHEMA = "auditor.scan/1"


class ResultsFormatError(ValueError):
    """The data is not scan results this version can read; the message says why."""


def result_data(result: Result) -> dict[str, Any]:
    """A result as plain data without any rendered text (the JSON record's core)."""
    # _value_, not .value: the same text without the enum property's Python call, which
    # costs a tenth of a second over a large scan's 230,000 results.
    return {
        "check": result.check_id,
        "status": result.status._value_,
        "severity": result.severity._value_,
        "agency": result.agency_id,
        "account": result.account_id,
        "platform": result.platform,
        "domain": result.domain,
        "key": result.key,
        "muted": result.muted,
        "evidence": dict(result.evidence),
        "details": [{"key": m.key, "args": dict(m.args)} for m in result.messages],
    }


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _sequence(value: Any) -> Sequence[Any]:
    return value if isinstance(value, list | tuple) else ()


def _status(value: Any) -> Status:
    try:
        return Status(value)
    except ValueError:
        raise ResultsFormatError(f"unknown result status {_text(value)!r}") from None


def _severity(value: Any) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise ResultsFormatError(f"unknown result severity {_text(value)!r}") from None


def _messages(value: Any) -> tuple[Message, ...]:
    found = []
    for item in _sequence(value):
        entry = _mapping(item)
        if isinstance(entry.get("key"), str):
            found.append(Message(entry["key"], dict(_mapping(entry.get("args")))))
    return tuple(found)


def read_result_data(raw: Any) -> Result:
    """A result from its JSON record (an older file without ``domain`` names it in evidence)."""
    entry = _mapping(raw)
    check = _text(entry.get("check"))
    if not check:
        raise ResultsFormatError("a result has no check id")
    evidence = _mapping(entry.get("evidence"))
    domain = entry.get("domain", evidence.get("domain") if entry.get("account") is None else None)
    return Result(
        check_id=check,
        status=_status(entry.get("status")),
        severity=_severity(entry.get("severity", "info")),
        agency_id=_text(entry.get("agency")),
        account_id=_text(entry.get("account")),
        platform=_text(entry.get("platform")),
        messages=_messages(entry.get("details")),
        evidence=evidence,
        domain=_text(domain),
        muted=entry.get("muted") is True,
    )


def check_schema(document: Any) -> Mapping[str, Any]:
    """The document, once it is known to be scan results of the schema this version writes."""
    if not isinstance(document, Mapping):
        raise ResultsFormatError("the scan results must be a JSON object")
    schema = document.get("schema")
    if schema != SCHEMA:
        raise ResultsFormatError(
            f"unsupported results schema {_text(schema)!r}; expected {SCHEMA!r}"
        )
    if not isinstance(document.get("results"), list):
        raise ResultsFormatError("the scan results have no 'results' list")
    return document


def read_results(document: Any) -> tuple[Result, ...]:
    return tuple(read_result_data(entry) for entry in check_schema(document)["results"])


def parse_json_file(path: Path) -> Any:
    """A results file read bounded (regular file, size, depth, digits) and validated against
    the schema with bounds (``auditor.results_document``), whatever hand edited it."""
    from auditor.results_document import ResultsDocumentError, load_results_document

    try:
        return load_results_document(path)
    except ResultsDocumentError as exc:
        raise ResultsFormatError(str(exc)) from None


def load_document(path: Path, parse: Callable[[Path], Any] = parse_json_file) -> Mapping[str, Any]:
    """Saved scan results, read by ``parse`` and checked against the schema."""
    document = parse(path)
    if not isinstance(document, Mapping):
        raise ResultsFormatError(f"{path}: not scan results (expected a JSON object)")
    return document
