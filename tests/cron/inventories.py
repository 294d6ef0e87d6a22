"""Small real inventory files for the cron tests: two agencies, three accounts, and what a
night changes (MFA switched off, an account handed to a person)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from auditor.engine import ScanOptions
from auditor.job import Cron, Outputs, ScanJob
from auditor.output.kinds import OutputFormat

AS_OF = dt.date(2026, 11, 24)
CHECKS = frozenset({"ACC-001", "OWN-001"})  # MFA on; owned by the agency


def _account(account_id: str, mfa: bool, owner: str = "agency") -> dict[str, Any]:
    return {"id": account_id, "platform": "facebook", "owner": owner, "mfa": mfa}


def write_inventory(
    folder: Path,
    *,
    no_mfa: frozenset[str] = frozenset(),
    individual: frozenset[str] = frozenset(),
    mutes: list[dict[str, Any]] | None = None,
    name: str = "inventory.yaml",
) -> Path:
    """Accounts jkm-fb, jkm-x (agency jkm) and mbmb-fb (agency mbmb); those named in
    ``no_mfa`` fail ACC-001, those in ``individual`` fail OWN-001."""

    def account(account_id: str) -> dict[str, Any]:
        owner = "individual" if account_id in individual else "agency"
        return _account(account_id, account_id not in no_mfa, owner)

    document: dict[str, Any] = {
        "version": 1,
        "organisation": {"name": "Kerajaan Negeri Melaka", "official_domains": ["melaka.gov.my"]},
        "agencies": [
            {
                "id": "jkm",
                "name": "Jabatan Ketua Menteri",
                "accounts": [account("jkm-fb"), account("jkm-x")],
            },
            {"id": "mbmb", "name": "Majlis Bandaraya", "accounts": [account("mbmb-fb")]},
        ],
    }
    if mutes is not None:
        document["mutes"] = mutes
    path = folder / name
    path.write_text(yaml.safe_dump(document, sort_keys=False), "utf-8")
    return path


def job(
    inventory: Path,
    history: Path | None,
    *,
    as_of: dt.date = AS_OF,
    output: Path | None = None,
    cron: Cron | None = None,
    mutes: Path | None = None,
    environ: dict[str, str] | None = None,
    report: Path | None = None,
) -> ScanJob:
    return ScanJob(
        inventory=inventory,
        options=ScanOptions(as_of=as_of, offline=True, check_ids=CHECKS),
        outputs=Outputs(
            fmt=OutputFormat.JSON, output=output or inventory.with_suffix(".json"), report=report
        ),
        history=history,
        history_chosen=history is not None,
        mutes=mutes,
        cron=cron or Cron(),
        environ=environ or {},
    )
