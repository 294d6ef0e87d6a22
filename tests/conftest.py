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


@pytest.fixture(autouse=True)
def own_history(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test's scans record to a history and keep a cache of their own (platformdirs
    reads XDG_DATA_HOME and XDG_CACHE_HOME), never the user's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
