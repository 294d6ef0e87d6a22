"""DNS facts about the official email domains and the websites the profiles link to.

Every question goes through ``resolver.query`` (the one seam); ``gather.gather_dns`` asks
all of a scan's questions concurrently; ``spf`` and ``dmarc`` are pure parsers.
"""

from auditor.dns.gather import (
    DnsFacts,
    DomainDnsFacts,
    HostResolution,
    Resolution,
    gather_dns,
)
from auditor.dns.records import Lookup, LookupStatus
from auditor.dns.resolver import Nameserver, ResolverSettings, parse_nameserver

__all__ = [
    "DnsFacts",
    "DomainDnsFacts",
    "HostResolution",
    "Lookup",
    "LookupStatus",
    "Nameserver",
    "Resolution",
    "ResolverSettings",
    "gather_dns",
    "parse_nameserver",
]
