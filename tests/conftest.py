from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def sample_inventory() -> Path:
    return REPO / "sample_inventory.yaml"


@pytest.fixture(autouse=True)
def no_system_resolver(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never ask the system's DNS resolver: a scan not given a loopback server gets
    no nameserver at all, so its DNS questions are answered ERROR without a datagram."""
    monkeypatch.setattr("auditor.dns.resolver.system_nameservers", lambda: ())
