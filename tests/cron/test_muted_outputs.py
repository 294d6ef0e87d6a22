"""A muted result is marked in every output: JSON, the table, CSV and SARIF suppressions."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest

from auditor.job import Outputs, run_job
from auditor.output.kinds import OutputFormat
from tests.cron.inventories import job, write_inventory

MUTE = {
    "check": "ACC-001",
    "account": "jkm-fb",
    "reason": "token on order",
    "owner": "Siti Aminah",
    "expires": "2099-01-31",
}


def scan_to(tmp_path: Path, fmt: OutputFormat) -> str:
    inventory = write_inventory(tmp_path, no_mfa=frozenset({"jkm-fb", "jkm-x"}), mutes=[MUTE])
    out = tmp_path / f"out.{fmt.value}"
    scan = job(inventory, None, output=out)
    run_job(dataclasses.replace(scan, outputs=Outputs(fmt=fmt, output=out, width=200)))
    return out.read_text("utf-8")


def test_json(tmp_path: Path) -> None:
    document = json.loads(scan_to(tmp_path, OutputFormat.JSON))
    muted = {r["account"]: r for r in document["results"] if r["check"] == "ACC-001"}
    assert muted["jkm-fb"]["muted"] is True and muted["jkm-x"]["muted"] is False
    assert muted["jkm-fb"]["status"] == "fail"  # keeps its status
    assert muted["jkm-fb"]["mute"]["reason"] == "token on order"
    assert document["mutes"][0]["owner"] == "Siti Aminah"
    assert document["summary"]["muted"] == 1


def test_table(tmp_path: Path) -> None:
    lines = scan_to(tmp_path, OutputFormat.TEXT).splitlines()
    assert any("diredam" in line and "jkm-fb" in line for line in lines)
    assert not any("diredam" in line and "jkm-x" in line for line in lines)


def test_csv(tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(scan_to(tmp_path, OutputFormat.CSV))))
    marks = {r["account"]: r["muted"] for r in rows if r["check"] == "ACC-001"}
    assert marks == {"jkm-fb": "muted", "jkm-x": "", "mbmb-fb": ""}


@pytest.mark.parametrize("account", ["jkm-fb", "jkm-x"])
def test_sarif_suppressions(tmp_path: Path, account: str) -> None:
    sarif = json.loads(scan_to(tmp_path, OutputFormat.SARIF))
    (found,) = [
        r
        for r in sarif["runs"][0]["results"]
        if r["ruleId"] == "ACC-001" and r["properties"]["account"] == account
    ]
    if account == "jkm-fb":
        (suppression,) = found["suppressions"]
        assert (
            suppression["status"] == "accepted" and "token on order" in suppression["justification"]
        )
    else:
        assert "suppressions" not in found
