"""SARIF 2.1.0, so code-scanning dashboards can show findings against the inventory file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from auditor.output.common import result_record
from auditor.results import Result, Severity, Status
from auditor.run import ScanRun
from auditor.text import Lang

_LEVELS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render_sarif(run: ScanRun, lang: Lang) -> str:
    rules = [
        {
            "id": c.meta.id,
            "name": c.meta.id.replace("-", ""),
            "shortDescription": {"text": c.meta.title(lang)},
            "help": {"text": c.meta.remediation(lang)},
            "properties": {
                "severity": c.meta.severity.value,
                "references": list(c.meta.references),
            },
            "defaultConfiguration": {"level": _LEVELS[c.meta.severity]},
        }
        for c in run.registry.checks
    ]
    results = [
        _suppressed(run, r, _sarif_result(run, r, lang))
        for r in run.results
        if r.status in (Status.FAIL, Status.MANUAL, Status.ERROR)
    ]
    document = {
        "$schema": _SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {"name": "auditor", "version": run.tool_version, "rules": rules}
                },
                "results": results,
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _sarif_result(run: ScanRun, result: Result, lang: Lang) -> dict[str, Any]:
    record = result_record(result, run.registry, lang)
    kind = {Status.FAIL: "fail", Status.MANUAL: "review", Status.ERROR: "open"}[result.status]
    account = run.account(result.account_id)
    physical: dict[str, Any] = {"artifactLocation": {"uri": Path(run.inventory_path).as_posix()}}
    if account and account.line and account.column:
        physical["region"] = {"startLine": account.line, "startColumn": account.column}
    subject = result.account_id or result.domain or "organisation"
    return {
        "ruleId": result.check_id,
        "kind": kind,
        "level": _LEVELS[result.severity] if result.status is Status.FAIL else "none",
        "message": {"text": f"{subject}: {record['message']}"},
        "locations": [{"physicalLocation": physical}],
        "properties": {
            "agency": result.agency_id,
            "account": result.account_id,
            "status": result.status.value,
        },
    }


def _suppressed(run: ScanRun, result: Result, sarif: dict[str, Any]) -> dict[str, Any]:
    """A muted result (an accepted risk) with SARIF's own mark of a known, kept result."""
    mute = run.mute_of(result)
    if mute is None:
        return sarif
    justification = f"{mute.reason} (owner {mute.owner}, until {mute.expires.isoformat()})"
    return {
        **sarif,
        "suppressions": [
            {"kind": "external", "status": "accepted", "justification": justification}
        ],
    }
