"""Issue 10, item 19: one network deadline for the whole scan, and HIBP ranges asked
concurrently. A stalled mirror costs the deadline once, not 10 s x 3 tries per prefix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from auditor.catalogue import load_registry, render_messages
from auditor.deadline import Deadline
from auditor.dns import ResolverSettings, parse_nameserver
from auditor.dns.gather import gather_dns
from auditor.dns.records import LookupStatus
from auditor.engine import ScanOptions, scan
from auditor.inventory.loader import load_inventory
from auditor.text import Lang
from tests.dns.loopback import LoopbackDns
from tests.passwords.conftest import RangeApi
from tests.passwords.test_scan import account, write_inventory

PASSWORDS = [f"Qv7#rTz!9wLp$Xk{i}-Mz" for i in range(6)]


@pytest.fixture
def six_accounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for index, password in enumerate(PASSWORDS):
        monkeypatch.setenv(f"T_PW_{index}", password)
    return write_inventory(
        tmp_path, [account(f"a{i}", f"env:T_PW_{i}") for i in range(len(PASSWORDS))]
    )


def _pwd001(path: Path, deadline: float) -> list[tuple[str, str]]:
    options = ScanOptions(
        as_of=dt.date(2026, 11, 24),
        hibp=True,
        network_deadline=deadline,
        check_ids=frozenset({"PWD-001"}),
    )
    run = scan(load_inventory(path), load_registry(), options)
    meta = load_registry().meta("PWD-001")
    return [(r.status.value, render_messages(meta, r.messages, Lang.EN)) for r in run.results]


def test_a_stalled_mirror_costs_the_deadline_and_gives_errors(
    six_accounts: Path, range_api: RangeApi
) -> None:
    range_api.stall = 30.0  # far past the deadline: an answer would come too late
    found = _pwd001(six_accounts, deadline=1.0)
    assert [status for status, _ in found] == ["error"] * len(PASSWORDS)
    assert all("breach check could not be done" in text for _, text in found)
    # No retry after the deadline: each range was asked once (without it, three times).
    assert len(range_api.requests) == len(PASSWORDS)


def test_ranges_are_asked_concurrently(six_accounts: Path, range_api: RangeApi) -> None:
    range_api.stall = 0.3
    found = _pwd001(six_accounts, deadline=60.0)
    assert [status for status, _ in found] == ["pass"] * len(PASSWORDS)
    assert range_api.most_in_flight > 1
    paths = [path for path, _ in range_api.requests]
    assert len(paths) == len(set(paths))  # each range asked once, prefetched or not


def test_dns_questions_stop_at_the_deadline() -> None:
    with LoopbackDns() as server:
        settings = ResolverSettings(nameservers=(parse_nameserver(server.spec),), timeout=5.0)
        hosts = [f"h{i}.silent.test" for i in range(300)]
        facts = gather_dns([], hosts, settings, Deadline.after(0.5))
    assert len(facts.hosts) == 300
    assert {h.a.status for h in facts.hosts} == {LookupStatus.TIMEOUT}


def test_the_option_is_offered(sample_inventory: Path) -> None:
    from tests.hostile.conftest import AS_OF, invoke

    code, output = invoke("scan", str(sample_inventory), *AS_OF, "--network-deadline", "nan")
    assert code == 2 and "--network-deadline" in output
    code, output = invoke("scan", str(sample_inventory), *AS_OF, "--network-deadline", "30")
    assert code == 0, output
