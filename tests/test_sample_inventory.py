"""The bundled sample finds exactly the violations its comments promise."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from auditor.catalogue import load_registry
from auditor.engine import ScanOptions, scan
from auditor.inventory.loader import load_inventory
from auditor.results import Status

PROMISE = re.compile(r"^\s*- id: (\S+)\s+# (compliant|breaks: ([A-Z0-9, -]+))")


def promises(path: Path) -> dict[str, set[str]]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PROMISE.match(line)
        if match:
            broken = match.group(3) or ""
            found[match.group(1)] = {c.strip() for c in broken.split(",") if c.strip()}
    return found


def test_sample_is_realistic(sample_inventory: Path) -> None:
    inventory = load_inventory(sample_inventory).inventory
    accounts = inventory.accounts()
    assert len(inventory.agencies) >= 4
    assert len(accounts) >= 12
    assert len({a.platform for _, a in accounts}) >= 5


def test_sample_finds_exactly_what_its_comments_promise(sample_inventory: Path) -> None:
    expected = promises(sample_inventory)
    source = load_inventory(sample_inventory)
    assert set(expected) == {a.id for _, a in source.inventory.accounts()}, "every account promises"
    options = ScanOptions(as_of=dt.date(2026, 11, 24), offline=True)
    run = scan(source, load_registry(), options)
    failed: dict[str, set[str]] = {account: set() for account in expected}
    for result in run.results:
        if result.status is Status.FAIL and result.account_id:
            failed[result.account_id].add(result.check_id)
    assert failed == expected
    assert not [r for r in run.results if r.status is Status.ERROR]


def test_sample_breaks_every_implemented_account_check(sample_inventory: Path) -> None:
    broken = set().union(*promises(sample_inventory).values())
    issue_checks = {
        "OWN-001",
        "OWN-002",
        "OWN-003",
        "OWN-004",
        "ACC-001",
        "ACC-002",
        "ACC-003",
        "ACC-004",
        "PRF-001",
        "PRF-003",
        "PRF-004",
        "PRF-005",
        "PRF-006",
        "ACT-001",
        "ACT-004",
    }
    assert issue_checks <= broken
