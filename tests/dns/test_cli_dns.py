"""`auditor scan --dns-server` and AUDITOR_DNS_SERVER, against the loopback server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from tests.dns.loopback import LoopbackDns

INVENTORY = Path(__file__).with_name("inventory.yaml")
BASE = ["scan", str(INVENTORY), "--as-of", "2026-01-01", "--format", "json", "--fail-on", "never"]
BASE += ["--dns-timeout", "0.6"]


def dom_statuses(output: str) -> dict[str, str]:
    results = json.loads(output)["results"]
    return {
        f"{r['check']} {r['evidence'].get('domain') or r['account']}": r["status"]
        for r in results
        if r["check"].startswith("DOM-")
    }


def test_dns_server_option(server: LoopbackDns) -> None:
    result = CliRunner().invoke(app, [*BASE, "--dns-server", server.spec])
    assert result.exit_code == 0, result.output
    found = dom_statuses(result.stdout)
    assert found["DOM-001 good.test"] == "pass"
    assert found["DOM-002 plusall.test"] == "fail"
    assert found["DOM-003 silent.test"] == "error"
    assert found["DOM-004 jkm-fb"] == "fail"
    assert server.requests[("good.test", "MX")] == 1


def test_dns_server_from_the_environment(server: LoopbackDns) -> None:
    with LoopbackDns(silent=frozenset({"test"})) as dead:
        # Two servers in the variable: the silent one first, then the one that answers.
        env = {"AUDITOR_DNS_SERVER": f"{dead.spec} {server.spec}"}
        result = CliRunner().invoke(app, BASE, env=env)
    assert result.exit_code == 0, result.output
    assert dom_statuses(result.stdout)["DOM-003 good.test"] == "pass"
    assert dead.requests[("_dmarc.good.test", "TXT")] == 1
    assert server.requests[("_dmarc.good.test", "TXT")] == 1


def test_offline_sends_no_query_even_with_a_server(server: LoopbackDns) -> None:
    result = CliRunner().invoke(app, [*BASE, "--offline", "--dns-server", server.spec])
    assert result.exit_code == 0, result.output
    assert set(dom_statuses(result.stdout).values()) == {"manual"}
    assert server.total_requests() == 0


@pytest.mark.parametrize("spec", ["dns.example.net", "127.0.0.1:99999", "[::1"])
def test_bad_dns_server_is_a_usage_error(spec: str) -> None:
    result = CliRunner().invoke(app, [*BASE, "--dns-server", spec])
    assert result.exit_code == 2
    assert "--dns-server" in result.stderr
