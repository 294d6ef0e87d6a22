"""The engine gathers DNS facts once per scan through the seam, and never when offline."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from pathlib import Path

import yaml

from auditor.catalogue import load_registry
from auditor.engine import ScanOptions, scan
from auditor.inventory.loaded import LoadedInventory
from auditor.inventory.model import Inventory
from auditor.results import Status
from tests.dns.loopback import LoopbackDns

INVENTORY = Path(__file__).with_name("inventory.yaml")


def load() -> LoadedInventory:
    data = INVENTORY.read_bytes()
    inventory = Inventory.model_validate(yaml.safe_load(data))
    return LoadedInventory(INVENTORY, hashlib.sha256(data).hexdigest(), inventory)


def statuses(options: ScanOptions) -> dict[tuple[str, str | None, str | None], Status]:
    run = scan(load(), load_registry(), options)
    return {
        (r.check_id, r.account_id, r.evidence.get("domain")): r.status
        for r in run.results
        if r.check_id.startswith("DOM-")
    }


def test_online_scan_reports_every_domain_and_account(server: LoopbackDns) -> None:
    options = ScanOptions(
        as_of=dt.date(2026, 1, 1), dns_servers=(server.spec,), dns_timeout=0.6, dns_retries=1
    )
    started = time.monotonic()
    found = statuses(options)
    # The silent domain costs one timeout: its questions run alongside the others.
    assert time.monotonic() - started < 0.6 + 0.5
    assert found[("DOM-001", None, "good.test")] is Status.PASS
    assert found[("DOM-002", None, "plusall.test")] is Status.FAIL
    assert found[("DOM-003", None, "silent.test")] is Status.ERROR
    assert found[("DOM-004", "jkm-fb", None)] is Status.FAIL  # profile links to nohost
    assert found[("DOM-004", "jkm-x", None)] is Status.PASS  # agency website resolves
    # One scan asks www.good.test once, though two accounts use it.
    assert server.requests[("www.good.test", "A")] == 1


def test_offline_scan_sends_no_query(server: LoopbackDns) -> None:
    options = ScanOptions(as_of=dt.date(2026, 1, 1), offline=True, dns_servers=(server.spec,))
    found = statuses(options)
    assert set(found.values()) == {Status.MANUAL}
    assert len(found) == 3 * 3 + 2
    assert server.total_requests() == 0


def test_only_selected_checks_ask_dns(server: LoopbackDns) -> None:
    options = ScanOptions(
        as_of=dt.date(2026, 1, 1), dns_servers=(server.spec,), check_ids=frozenset({"DOM-004"})
    )
    statuses(options)
    assert {name for name, _ in server.requests} == {"www.good.test", "nohost.good.test"}
