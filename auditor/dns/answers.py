"""The DNS facts of a scan as plain data: what the checks read, without the asking.

``gather`` fills them; these types load neither dnspython nor asyncio, since the checks
import them and listing the checks (``auditor checks``) must start fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from auditor.dns import spf
from auditor.dns.dmarc import DmarcEvaluation, evaluate_dmarc
from auditor.dns.records import Lookup, normalise_name


@dataclass(frozen=True)
class DomainDnsFacts:
    """What DNS said about one official domain."""

    domain: str
    mx: Lookup
    txt: Lookup  # TXT at the domain, where SPF lives
    dmarc: Lookup  # TXT at _dmarc.<domain>
    # What the SPF walk asked beyond these: TXT of include/redirect targets, A/AAAA/MX of
    # the a/mx/exists targets (for the void-lookup and MX limits).
    spf_targets: tuple[Lookup, ...] = ()

    def answer(self, name: str, rdtype: str) -> Lookup | None:
        if name == self.domain and rdtype in ("TXT", "MX"):
            return self.txt if rdtype == "TXT" else self.mx
        return next((t for t in self.spf_targets if (t.name, t.rdtype) == (name, rdtype)), None)

    def spf_policy(self) -> spf.SpfEvaluation:
        return spf.evaluate_spf(self.domain, self.answer)

    def dmarc_policy(self) -> DmarcEvaluation:
        return evaluate_dmarc(self.dmarc)


class Resolution(Enum):
    RESOLVES = "resolves"  # at least one A or AAAA address
    DOES_NOT_RESOLVE = "does_not_resolve"  # NXDOMAIN, or no address of either type
    UNKNOWN = "unknown"  # a timeout or SERVFAIL left it undecided


@dataclass(frozen=True)
class HostResolution:
    host: str
    a: Lookup
    aaaa: Lookup

    @property
    def addresses(self) -> tuple[str, ...]:
        return self.a.records + self.aaaa.records

    @property
    def resolution(self) -> Resolution:
        if self.addresses:
            return Resolution.RESOLVES
        if self.a.status.is_definite and self.aaaa.status.is_definite:
            return Resolution.DOES_NOT_RESOLVE
        return Resolution.UNKNOWN


@dataclass(frozen=True)
class DnsFacts:
    domains: tuple[DomainDnsFacts, ...]
    hosts: tuple[HostResolution, ...]
    datagrams_sent: int = 0

    def domain(self, name: str) -> DomainDnsFacts | None:
        return self._by_domain.get(normalise_name(name))

    def host(self, name: str) -> HostResolution | None:
        return self._by_host.get(normalise_name(name))

    # Built once: every account's websites are looked up here, so a search per call made
    # a large scan quadratic. The first of equal names wins, as the search did.
    @cached_property
    def _by_domain(self) -> dict[str, DomainDnsFacts]:
        return {d.domain: d for d in reversed(self.domains)}

    @cached_property
    def _by_host(self) -> dict[str, HostResolution]:
        return {h.host: h for h in reversed(self.hosts)}
