from __future__ import annotations

from collections.abc import Iterator

import pytest

from auditor.dns import ResolverSettings, parse_nameserver
from tests.dns.loopback import LoopbackDns


@pytest.fixture
def server() -> Iterator[LoopbackDns]:
    with LoopbackDns() as running:
        yield running


@pytest.fixture
def settings(server: LoopbackDns) -> ResolverSettings:
    # A short budget keeps the silent-domain tests fast; retries=1 means two attempts.
    return ResolverSettings(nameservers=(parse_nameserver(server.spec),), timeout=0.6, retries=1)
