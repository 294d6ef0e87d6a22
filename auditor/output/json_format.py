"""The JSON results document (schema ``auditor.scan/1``, DESIGN.md)."""

from __future__ import annotations

import json
from typing import Any

from auditor.engine import ScanRun
from auditor.output.common import agencies_record, result_record, summary_record
from auditor.text import Lang

SCHEMA = "auditor.scan/1"


def scan_document(run: ScanRun, lang: Lang) -> dict[str, Any]:
    inventory = run.source.inventory
    options = run.options
    return {
        "schema": SCHEMA,
        "tool": {"name": "auditor", "version": run.tool_version},
        "catalogue": {"version": run.registry.version},
        "started_at": run.started_at.isoformat(timespec="seconds"),
        "finished_at": run.finished_at.isoformat(timespec="seconds"),
        "as_of": options.as_of.isoformat(),
        "lang": lang.value,
        "inventory": {"path": str(run.source.path), "sha256": run.source.sha256},
        "organisation": {
            "name": inventory.organisation.name,
            "official_domains": list(inventory.organisation.official_domains),
        },
        "agencies": agencies_record(run),
        "policy": inventory.policy.model_dump(),
        "selection": {
            "checks": sorted(options.check_ids) if options.check_ids else None,
            "agencies": sorted(options.agency_ids) if options.agency_ids else None,
            "offline": options.offline,
        },
        "summary": summary_record(run),
        "results": [result_record(r, run.registry, lang) for r in run.results],
    }


def render_json(run: ScanRun, lang: Lang) -> str:
    # ensure_ascii=False: Malay and Jawi names must come through as themselves.
    return json.dumps(scan_document(run, lang), ensure_ascii=False, indent=2, default=str) + "\n"
