"""DnsFacts answers by name as the scan keys its questions, the first of equal names winning."""

from __future__ import annotations

from auditor.dns.answers import DnsFacts, DomainDnsFacts, HostResolution, Resolution
from auditor.dns.records import Lookup, LookupStatus


def _host(name: str, *addresses: str) -> HostResolution:
    status = LookupStatus.OK if addresses else LookupStatus.NXDOMAIN
    return HostResolution(
        name,
        Lookup(name, "A", status, addresses),
        Lookup(name, "AAAA", LookupStatus.NODATA if addresses else LookupStatus.NXDOMAIN),
    )


def _domain(name: str, mx: str) -> DomainDnsFacts:
    nothing = Lookup(name, "TXT", LookupStatus.NODATA)
    return DomainDnsFacts(name, Lookup(name, "MX", LookupStatus.OK, (mx,)), nothing, nothing)


def test_hosts_and_domains_are_found_by_normalised_name() -> None:
    facts = DnsFacts(
        domains=(_domain("melaka.gov.my", "10 mx.melaka.gov.my"), _domain("jkm.gov.my", "10 a")),
        hosts=tuple(_host(f"h{n}.melaka.gov.my", f"10.0.0.{n}") for n in range(50)),
    )
    found = facts.host(" H42.Melaka.GOV.my. ")
    assert found is not None and found.addresses == ("10.0.0.42",)
    assert found.resolution is Resolution.RESOLVES
    domain = facts.domain("JKM.gov.my.")
    assert domain is not None and domain.mx.records == ("10 a",)
    assert facts.host("h50.melaka.gov.my") is None
    assert facts.domain("example.com") is None


def test_the_first_of_equal_names_is_the_answer() -> None:
    facts = DnsFacts(
        domains=(_domain("melaka.gov.my", "10 first"), _domain("melaka.gov.my", "10 second")),
        hosts=(_host("www.melaka.gov.my", "10.0.0.1"), _host("www.melaka.gov.my")),
    )
    domain, host = facts.domain("melaka.gov.my"), facts.host("www.melaka.gov.my")
    assert domain is not None and domain.mx.records == ("10 first",)
    assert host is not None and host.addresses == ("10.0.0.1",)
