"""The openspf RFC 7208 test suite, run through the real scanner and a loopback DNS server.

The suite (``../shared/conformance/rfc7208-tests.yml``, the one pyspf is tested with) gives,
per scenario, the DNS data and test cases: a sender, a client and the result the RFC
requires. A static audit knows the sender's domain but not the client, so it is held to:
- every record whose result is ``permerror`` (and only that, whatever the client) fails
  DOM-002 with a problem that is a permerror of the RFC (never merely "weak" or "no all");
- every record whose result involves no permerror is one DOM-002 does not call broken.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from dnslib import AAAA, CNAME, MX, PTR, QTYPE, RR, TXT, A
from typer.testing import CliRunner

from auditor.cli import app
from tests.dns.loopback import LoopbackDns

SUITE = Path(__file__).resolve().parents[2].parent / "shared" / "conformance" / "rfc7208-tests.yml"
pytestmark = pytest.mark.skipif(
    not SUITE.is_file(), reason=f"the RFC 7208 suite is not at {SUITE} (../shared is absent)"
)
# The problems that are a receiver's permerror (RFC 7208 sections 4.4-4.6, 5, 6).
PERMERRORS = frozenset(
    {
        "syntax",
        "multiple_records",
        "no_record",
        "loop",
        "too_many_lookups",
        "too_many_void_lookups",
        "too_many_mx",
    }
)
_RDATA: dict[str, Any] = {"A": A, "AAAA": AAAA, "PTR": PTR, "CNAME": CNAME}


@dataclass(frozen=True)
class Case:
    scenario: str
    name: str
    domain: str
    result: str | list[str]

    @property
    def is_permerror(self) -> bool:
        return self.result == "permerror"

    @property
    def is_valid(self) -> bool:
        results = self.result if isinstance(self.result, list) else [self.result]
        return "permerror" not in results


def scenarios() -> list[dict[str, Any]]:
    if not SUITE.is_file():
        return []
    with SUITE.open(encoding="utf-8") as stream:
        return [doc for doc in yaml.safe_load_all(stream) if doc]


def _has_spf(zonedata: dict[str, Any], domain: str) -> bool:
    entries = {k.lower(): v for k, v in zonedata.items()}.get(domain, [])
    return any(isinstance(e, dict) and ("SPF" in e or "TXT" in e) for e in entries)


def cases(scenario: dict[str, Any]) -> list[Case]:
    found = []
    for name, test in scenario["tests"].items():
        sender = test.get("mailfrom") or ""
        domain = (sender.rpartition("@")[2] or test["helo"]).lower().rstrip(".")
        if _has_spf(scenario["zonedata"], domain):
            found.append(Case(scenario["description"], name, domain, test["result"]))
    return found


def _text(value: str | list[str]) -> TXT:
    whole = value if isinstance(value, list) else [value]
    # A string over 255 bytes goes out as several, as a zone file would split it.
    chunks = [
        data[i : i + 255]
        for part in whole
        for data in [part.encode()]
        for i in range(0, max(len(data), 1), 255)
    ]
    return TXT(chunks)


def _records(name: str, entries: list[Any], spf_as_txt: bool) -> list[RR]:
    records = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        ((rtype, value),) = entry.items()
        if rtype == "SPF" and not spf_as_txt:
            continue  # RFC 7208 dropped the SPF type: receivers ask TXT only
        if rtype in ("SPF", "TXT"):
            records.append(RR(name, QTYPE.TXT, rdata=_text(value), ttl=60))
        elif rtype == "MX":
            records.append(RR(name, QTYPE.MX, rdata=MX(value[1], value[0]), ttl=60))
        else:
            records.append(RR(name, getattr(QTYPE, rtype), rdata=_RDATA[rtype](value), ttl=60))
    return records


@pytest.fixture
def suite_server(request: pytest.FixtureRequest) -> Iterator[LoopbackDns]:
    zonedata: dict[str, list[Any]] = request.param["zonedata"]
    timeouts = frozenset(n.lower() for n, e in zonedata.items() if "TIMEOUT" in e)
    with LoopbackDns(
        "", silent=frozenset(), servfail=frozenset(), timeout_names=timeouts
    ) as server:
        for name, entries in zonedata.items():
            # The suite's drivers serve a name's SPF-type records as TXT when it has no TXT.
            spf_as_txt = not any(isinstance(e, dict) and "TXT" in e for e in entries)
            try:
                server.records[name.lower()] = _records(name, entries, spf_as_txt)
            except Exception:  # noqa: S112 - names dnslib cannot encode (over-long labels)
                continue
        _alias(server, zonedata)
        yield server


def _alias(server: LoopbackDns, zonedata: dict[str, list[Any]]) -> None:
    """A CNAME answers with its target's records too, as a recursive resolver's would."""
    for name, entries in zonedata.items():
        for entry in entries:
            if isinstance(entry, dict) and "CNAME" in entry:
                target = str(entry["CNAME"]).lower().rstrip(".")
                held = [rr for rr in server.records.get(target, []) if rr.rtype != QTYPE.CNAME]
                server.records[name.lower()] += [
                    RR(name, rr.rtype, rdata=rr.rdata, ttl=60) for rr in held
                ]


def scan(server: LoopbackDns, domains: list[str], tmp_path: Path) -> dict[str, dict[str, Any]]:
    inventory = tmp_path / "inventory.yaml"
    inventory.write_text(
        yaml.safe_dump(
            {
                "version": 1,
                "organisation": {"name": "Suite", "official_domains": domains},
                "agencies": [{"id": "a", "name": "A", "accounts": []}],
            }
        ),
        encoding="utf-8",
    )
    args = ["scan", str(inventory), "--format", "json", "--check", "DOM-002", "--fail-on"]
    args += ["never", "--dns-server", server.spec, "--dns-timeout", "0.6"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return {r["evidence"]["domain"]: r for r in json.loads(result.stdout)["results"]}


def permerrors(result: dict[str, Any]) -> set[str]:
    """The problems that make a receiver's permerror; no record at the domain itself is
    "none", a permerror only for an include or redirect target."""
    found = result["evidence"].get("problems", [])
    return {
        p["problem"]
        for p in found
        if p["problem"] in PERMERRORS
        and not (p["problem"] == "no_record" and p["domain"] == result["evidence"]["domain"])
    }


SCENARIOS = [s for s in scenarios() if cases(s)]


@pytest.mark.parametrize(
    "suite_server", SCENARIOS, ids=[s["description"] for s in SCENARIOS], indirect=True
)
def test_scenario(
    suite_server: LoopbackDns, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    scenario = request.node.callspec.params["suite_server"]
    found = cases(scenario)
    results = scan(suite_server, sorted({c.domain for c in found}), tmp_path)
    wrong = []
    for case in found:
        result = results[case.domain]
        if case.is_permerror and not (result["status"] == "fail" and permerrors(result)):
            wrong.append(f"{case.name} ({case.domain}): {result['status']} {result['evidence']}")
        # A valid record may still pass a limit for clients other than the suite's (as
        # include-at-limit does past its ip4): it must parse and be the only one.
        if case.is_valid and permerrors(result) & {"syntax", "multiple_records"}:
            wrong.append(f"{case.name} ({case.domain}) is valid: {result['evidence']}")
    assert wrong == []


def test_the_suite_has_the_records_counted() -> None:
    """The counts the closing note gives: a changed suite file shows here first."""
    found = [case for scenario in scenarios() for case in cases(scenario)]
    assert sum(c.is_permerror for c in found) == 74
    assert sum(c.is_valid for c in found) > 100
