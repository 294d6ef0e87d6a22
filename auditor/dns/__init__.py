"""DNS facts about the official email domains and the websites the profiles link to.

Every question goes through ``resolver.query`` (the one seam); ``gather.gather_dns`` asks
all of a scan's questions concurrently; ``spf`` and ``dmarc`` are pure parsers.

This package exports the plain data (``answers``, ``records``, ``settings``) and not the
asking, which loads dnspython and asyncio: the checks import the facts, and listing them
must start fast.
"""

from auditor.dns.answers import DnsFacts, DomainDnsFacts, HostResolution, Resolution
from auditor.dns.records import Lookup, LookupStatus
from auditor.dns.settings import Nameserver, ResolverSettings, parse_nameserver

__all__ = [
    "DnsFacts",
    "DomainDnsFacts",
    "HostResolution",
    "Lookup",
    "LookupStatus",
    "Nameserver",
    "Resolution",
    "ResolverSettings",
    "parse_nameserver",
]
