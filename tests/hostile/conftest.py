"""Shared helpers for the hostile-input tests: an inventory written from a few accounts,
and the CLI run in-process with its outputs collected."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from auditor.cli import app

AS_OF = ["--as-of", "2026-11-24", "--offline", "--fail-on", "never"]


def hostile_account(account_id: str, **fields: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": account_id,
        "platform": "facebook",
        "owner": "agency",
        "handle": f"H{account_id.replace('-', '')}",
        "url": f"https://www.facebook.com/H{account_id.replace('-', '')}",
    }
    entry.update(fields)
    return entry


def write_hostile_inventory(
    folder: Path, accounts: list[dict[str, Any]], **organisation: Any
) -> Path:
    path = folder / "inventory.yaml"
    data = {
        "version": 1,
        "organisation": {
            "name": "Kerajaan Negeri Melaka",
            "official_domains": ["melaka.gov.my"],
            **organisation,
        },
        "agencies": [{"id": "jkm", "name": "Jabatan Ketua Menteri", "accounts": accounts}],
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def scan_process(
    inventory: Path, *args: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``auditor scan INVENTORY --format json`` as a real process (the product's own stderr)."""
    command = [sys.executable, "-m", "auditor", "scan", str(inventory), *AS_OF, *args]
    return subprocess.run(
        [*command, "--format", "json"], capture_output=True, text=True, timeout=timeout, check=False
    )


def invoke(*args: str) -> tuple[int, str]:
    """Exit code and everything the command wrote to stdout and stderr."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
