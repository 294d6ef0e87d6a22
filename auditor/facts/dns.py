"""DOM's facts: the official domains' records and the profile websites' hosts, asked
together (concurrently, through the one DNS seam); nothing when offline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.dns import DnsFacts, HostResolution, ResolverSettings
from auditor.dns import parse_nameserver as parse_dns_server
from auditor.facts.gatherer import GatherContext
from auditor.facts.kinds import Fact, Phase
from auditor.urls import profile_websites, url_host


@dataclass(frozen=True)
class DnsGatherer:
    provides: frozenset[Fact] = frozenset({Fact.DOMAIN_DNS, Fact.WEBSITE_DNS})
    phase: Phase = Phase.DERIVED

    def gather(self, context: GatherContext) -> Mapping[Fact, Mapping[str, Any]]:
        options = context.options
        if options.offline:  # before reading the profiles: nothing is asked offline
            return {}
        domains = list(context.domains) if Fact.DOMAIN_DNS in context.needed else []
        websites = {
            account.id: profile_websites(agency, account.profile)
            for agency, account in context.with_profiles()
        }
        if Fact.WEBSITE_DNS not in context.needed:
            websites = {}
        hosts = [url_host(u) for urls in websites.values() for u in urls]
        if not (domains or hosts):
            return {}
        from auditor.dns.gather import gather_dns  # asyncio and dnspython: online scans only

        settings = ResolverSettings(
            nameservers=tuple(parse_dns_server(s) for s in options.dns_servers),
            timeout=options.dns_timeout,
            retries=options.dns_retries,
        )
        dns = gather_dns(domains, hosts, settings, context.deadline)
        return {
            Fact.DOMAIN_DNS: {domain: dns.domain(domain) for domain in domains},
            Fact.WEBSITE_DNS: {key: _hosts(dns, urls) for key, urls in websites.items()},
        }


def _hosts(dns: DnsFacts, urls: tuple[str, ...]) -> tuple[HostResolution, ...]:
    found = (dns.host(url_host(url)) for url in urls)
    return tuple(host for host in found if host is not None)
