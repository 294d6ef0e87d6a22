"""Gathers the DNS facts of a scan: per official domain (MX, SPF, DMARC) and per website host.

All questions of a scan run concurrently through the one seam (``resolver.query``), within
one session, so the per-run cache and the bound on questions in flight cover all of them.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

from auditor.deadline import Deadline
from auditor.dns import spf
from auditor.dns.answers import DnsFacts, DomainDnsFacts, HostResolution
from auditor.dns.dmarc import dmarc_name
from auditor.dns.records import Lookup, LookupStatus, normalise_name
from auditor.dns.resolver import DnsSession, query
from auditor.dns.settings import ResolverSettings

# Rounds of include/redirect fetching; the lookup limit ends any real policy long before.
_MAX_SPF_ROUNDS = spf.MAX_DNS_LOOKUPS + 2


def gather_dns(
    domains: Iterable[str],
    hosts: Iterable[str],
    settings: ResolverSettings,
    deadline: Deadline | None = None,
) -> DnsFacts:
    """Ask everything at once and wait for it; for callers without an event loop."""
    return asyncio.run(gather_dns_async(domains, hosts, settings, deadline))


async def gather_dns_async(
    domains: Iterable[str],
    hosts: Iterable[str],
    settings: ResolverSettings,
    deadline: Deadline | None = None,
) -> DnsFacts:
    session = _Asking(DnsSession(settings), deadline)
    domain_names = list(dict.fromkeys(normalise_name(d) for d in domains))
    host_names = list(dict.fromkeys(normalise_name(h) for h in hosts if h.strip()))
    domain_facts, host_facts = await asyncio.gather(
        asyncio.gather(*(_domain_facts(session, d) for d in domain_names)),
        asyncio.gather(*(_host_resolution(session, h) for h in host_names)),
    )
    return DnsFacts(tuple(domain_facts), tuple(host_facts), session.dns.datagrams_sent)


@dataclass(frozen=True)
class _Asking:
    """The scan's DNS session and network deadline: a question still unanswered when the
    deadline passes is a TIMEOUT, and so is one asked after it."""

    dns: DnsSession
    deadline: Deadline | None

    async def ask(self, name: str, rdtype: str) -> Lookup:
        if self.deadline is None:
            return await query(self.dns, name, rdtype)
        try:
            return await asyncio.wait_for(
                query(self.dns, name, rdtype), timeout=self.deadline.remaining()
            )
        except TimeoutError:
            return Lookup(normalise_name(name), rdtype, LookupStatus.TIMEOUT)


async def _domain_facts(session: _Asking, domain: str) -> DomainDnsFacts:
    mx, txt, dmarc = await asyncio.gather(
        session.ask(domain, "MX"),
        session.ask(domain, "TXT"),
        session.ask(dmarc_name(domain), "TXT"),
    )
    facts = DomainDnsFacts(domain, mx, txt, dmarc)
    for _ in range(_MAX_SPF_ROUNDS):
        # Each round fetches every target the walk has reached so far, side by side.
        missing = facts.spf_policy().unfetched
        if not missing:
            break
        found = await asyncio.gather(*(session.ask(name, rdtype) for name, rdtype in missing))
        facts = DomainDnsFacts(domain, mx, txt, dmarc, (*facts.spf_targets, *found))
    return facts


async def _host_resolution(session: _Asking, host: str) -> HostResolution:
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        a, aaaa = await asyncio.gather(session.ask(host, "A"), session.ask(host, "AAAA"))
        return HostResolution(host, a, aaaa)
    # A literal address needs no question: it "resolves" to itself.
    rdtype = "A" if address.version == 4 else "AAAA"
    literal = Lookup(host, rdtype, LookupStatus.OK, (str(address),))
    other = Lookup(host, "AAAA" if rdtype == "A" else "A", LookupStatus.NODATA)
    return HostResolution(host, *((literal, other) if rdtype == "A" else (other, literal)))
