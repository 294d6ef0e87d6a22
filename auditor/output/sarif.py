"""SARIF 2.1.0 as GitHub code scanning reads it: findings against the inventory's lines.

A pure function of the scan: ``render_sarif(run, lang, options)``. GitHub turns every result
into an alert whatever its ``kind``, so results a person must look at (``manual``) are left
out unless asked for; every result carries a stable finding key in ``partialFingerprints`` so
that an alert keeps its identity from one nightly scan to the next, even when lines move.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

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
_KINDS = {Status.FAIL: "fail", Status.MANUAL: "review", Status.ERROR: "open"}
FINDING_KEY = "auditorFindingKey/v1"
_ROOT_ID = "INVENTORYROOT"


@dataclass(frozen=True)
class SarifOptions:
    include_manual: bool = False  # --sarif-manual
    root: Path | None = None  # --sarif-root: URIs are relative to it; None: the inventory's folder


def finding_key(result: Result) -> str:
    """The identity of a finding across scans: (check, agency, account, domain), hashed."""
    parts = [result.check_id, result.agency_id, result.account_id, result.domain]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


def render_sarif(run: ScanRun, lang: Lang, options: SarifOptions | None = None) -> str:
    options = options or SarifOptions()
    listed = {Status.FAIL, Status.ERROR} | ({Status.MANUAL} if options.include_manual else set())
    inventory = Path(run.inventory_path).resolve()
    root = (options.root or inventory.parent).resolve()
    artifact = _artifact(inventory, root)
    results = [
        _suppressed(run, r, _result(run, r, lang, artifact))
        for r in run.results
        if r.status in listed
    ]
    run_object: dict[str, Any] = {
        "tool": {
            "driver": {"name": "auditor", "version": run.tool_version, "rules": _rules(run, lang)}
        },
        "results": results,
    }
    if "uriBaseId" in artifact:
        run_object["originalUriBaseIds"] = {_ROOT_ID: {"uri": root.as_uri() + "/"}}
    document = {"$schema": _SCHEMA, "version": "2.1.0", "runs": [run_object]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _artifact(path: Path, root: Path) -> dict[str, str]:
    """A relative, percent-encoded URI under root; an absolute file URI when outside it."""
    if not path.is_relative_to(root):
        return {"uri": path.as_uri()}
    relative = Path(os.path.relpath(path, root)).as_posix()
    return {"uri": quote(relative, safe="/"), "uriBaseId": _ROOT_ID}


def _rules(run: ScanRun, lang: Lang) -> list[dict[str, Any]]:
    rules = []
    for check in run.registry.checks:
        meta = check.meta
        title, remedy, refs = meta.title(lang), meta.remediation(lang), ", ".join(meta.references)
        rules.append(
            {
                "id": meta.id,
                "name": meta.id.replace("-", ""),
                "shortDescription": {"text": title},
                "fullDescription": {"text": f"{title} ({refs})."},
                "help": {"text": remedy, "markdown": f"**{title}** ({refs})\n\n{remedy}"},
                "properties": {
                    "severity": meta.severity.value,
                    "references": list(meta.references),
                    "tags": ["security", meta.family],
                },
                "defaultConfiguration": {"level": _LEVELS[meta.severity]},
            }
        )
    return rules


def _position(run: ScanRun, result: Result) -> tuple[int, int] | None:
    """Where the finding is in the inventory: the account, or the line naming the domain."""
    account = run.account(result.account_id)
    if account and account.line and account.column:
        return account.line, account.column
    if result.domain and result.domain in run.domain_positions:
        return run.domain_positions[result.domain]
    return run.organisation_position


def _result(run: ScanRun, result: Result, lang: Lang, artifact: dict[str, str]) -> dict[str, Any]:
    record = result_record(result, run.registry, lang)
    position = _position(run, result)
    physical: dict[str, Any] = {"artifactLocation": dict(artifact)}
    if position:
        physical["region"] = {"startLine": position[0], "startColumn": position[1]}
    subject = result.account_id or result.domain or "organisation"
    return {
        "ruleId": result.check_id,
        "kind": _KINDS[result.status],
        "level": _LEVELS[result.severity] if result.status is Status.FAIL else "none",
        "message": {"text": f"{subject}: {record['message']}"},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINDING_KEY: finding_key(result)},
        "properties": {
            "agency": result.agency_id,
            "account": result.account_id,
            "domain": record["evidence"].get("domain") if result.account_id is None else None,
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
