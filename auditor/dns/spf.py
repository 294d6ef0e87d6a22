"""SPF (RFC 7208) evaluated statically, for every client at once, from DNS answers already
fetched: the grammar (``spf_syntax``), the record selection, and the processing limits.

checkdmarc's ``parse_spf_record`` resolves ``a``/``mx``/``include`` itself through its own
resolver and a module-level cache, and pyspf validates terms only while evaluating them for
one client through its own DNS layer; either would bypass this scanner's DNS seam (timeouts,
retries, per-run cache, concurrency bound, ``--offline``). Here the walk only says which
answers it still needs (``unfetched``), and the gatherer asks them through the seam.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from auditor.dns.records import Lookup
from auditor.dns.spf_macros import expand_static
from auditor.dns.spf_syntax import (
    Mechanism,
    SpfRecord,
    SpfSyntaxError,
    is_spf,
    parse_spf,
)

MAX_DNS_LOOKUPS = 10  # RFC 7208 section 4.6.4
MAX_VOID_LOOKUPS = 2  # section 4.6.4: the default a receiver should apply
MAX_MX_RECORDS = 10  # section 4.6.4: an "mx" mechanism may look up at most 10 exchanges
_QUERYING = frozenset({"include", "a", "mx", "ptr", "exists"})  # count against the limit

__all__ = [
    "MAX_DNS_LOOKUPS",
    "LookupSource",
    "Mechanism",
    "SpfEvaluation",
    "SpfFinding",
    "SpfProblem",
    "SpfRecord",
    "SpfSyntaxError",
    "evaluate_spf",
    "is_spf",
    "parse_spf",
    "spf_texts",
]


class SpfProblem(Enum):
    """What makes a policy fail (permerror or too weak), unknown (temperror), or a policy
    that only a person can judge (it depends on who sends)."""

    NO_RECORD = "no_record"
    MULTIPLE_RECORDS = "multiple_records"
    SYNTAX = "syntax"
    PERMISSIVE_ALL = "permissive_all"  # +all or ?all where it decides the result
    NO_ALL = "no_all"  # neither "all" nor redirect: unlisted senders get neutral
    TOO_MANY_LOOKUPS = "too_many_lookups"
    TOO_MANY_VOID_LOOKUPS = "too_many_void_lookups"
    TOO_MANY_MX = "too_many_mx"
    LOOP = "loop"
    SENDER_DEPENDENT = "sender_dependent"  # redirect= to a macro of the sender or client
    LOOKUP_FAILED = "lookup_failed"  # a question timed out or failed: temperror

    @property
    def is_error(self) -> bool:
        return self is SpfProblem.LOOKUP_FAILED

    @property
    def is_manual(self) -> bool:
        return self is SpfProblem.SENDER_DEPENDENT


@dataclass(frozen=True)
class SpfFinding:
    problem: SpfProblem
    domain: str  # the domain whose record (or lookup) has the problem
    detail: str = ""


@dataclass(frozen=True)
class SpfEvaluation:
    domain: str
    records: tuple[str, ...]  # the v=spf1 records at the domain itself
    dns_lookups: int  # DNS-querying terms counted over includes and redirects
    void_lookups: int  # answers with no record (NXDOMAIN or NODATA), section 4.6.4
    all_qualifier: str | None  # the "all" that ends the policy, after redirects
    findings: tuple[SpfFinding, ...]
    unfetched: tuple[tuple[str, str], ...] = ()  # (name, rdtype) the walk still needs
    unresolvable: tuple[str, ...] = field(default=())  # macro targets, not followed


# (name, rdtype) -> the answer, or None when it has not been asked yet.
LookupSource = Callable[[str, str], Lookup | None]


class _Limit(Exception):
    """A processing limit was passed: evaluation stops there, as a receiver's would."""

    def __init__(self, finding: SpfFinding) -> None:
        super().__init__(finding.detail)
        self.finding = finding


class _Walk:
    def __init__(self, answer: LookupSource, sender_domain: str) -> None:
        self.answer = answer
        self.sender_domain = sender_domain
        self.lookups = 0
        self.voids = 0
        self.findings: list[SpfFinding] = []
        self.unfetched: list[tuple[str, str]] = []
        self.unresolvable: list[str] = []

    def fetched(self, name: str, rdtype: str) -> Lookup | None:
        """The answer, or None (noted as unfetched, or as a lookup failure)."""
        lookup = self.answer(name, rdtype)
        if lookup is None:
            self.unfetched.append((name, rdtype))
            return None
        if not lookup.status.is_definite:
            self.findings.append(SpfFinding(SpfProblem.LOOKUP_FAILED, name, lookup.status.value))
            return None
        return lookup

    def record(self, domain: str) -> SpfRecord | None:
        """The one parsed SPF record of domain, or None with a finding (or unfetched)."""
        lookup = self.fetched(domain, "TXT")
        if lookup is None:
            return None
        texts = spf_texts(lookup)
        if not texts:
            self.findings.append(SpfFinding(SpfProblem.NO_RECORD, domain, lookup.status.value))
            return None
        if len(texts) > 1:
            self.findings.append(SpfFinding(SpfProblem.MULTIPLE_RECORDS, domain, str(len(texts))))
            return None
        try:
            return parse_spf(texts[0])
        except SpfSyntaxError as exc:
            self.findings.append(SpfFinding(SpfProblem.SYNTAX, domain, str(exc)))
            return None

    def count(self, domain: str) -> None:
        self.lookups += 1
        if self.lookups > MAX_DNS_LOOKUPS:
            detail = f"more than {MAX_DNS_LOOKUPS}"
            raise _Limit(SpfFinding(SpfProblem.TOO_MANY_LOOKUPS, domain, detail))

    def void(self, domain: str, name: str) -> None:
        self.voids += 1
        if self.voids > MAX_VOID_LOOKUPS:
            detail = f"{name} is lookup {self.voids} with no answer; at most {MAX_VOID_LOOKUPS}"
            raise _Limit(SpfFinding(SpfProblem.TOO_MANY_VOID_LOOKUPS, domain, detail))

    def target(self, spec: str | None, domain: str) -> str | None:
        """The name a term asks about, or None when it depends on the client (noted)."""
        if spec is None:
            return domain
        name = expand_static(spec, domain, self.sender_domain)
        if name is None:
            self.unresolvable.append(spec)
            return None
        name = name.lower().rstrip(".")
        if not is_dns_name(name):
            detail = f"{name!r} is not a DNS name (labels of 1-63 octets, at most 253 in all)"
            self.findings.append(SpfFinding(SpfProblem.SYNTAX, domain, detail))
            return None
        return name

    def visit(self, domain: str, chain: tuple[str, ...]) -> str | None:
        """Walk domain's record; the qualifier of the "all" that ends it, if known."""
        record = self.record(domain)
        if record is None:
            return None
        for mechanism in record.mechanisms:
            if mechanism.name in _QUERYING:
                self.count(domain)
            self.mechanism(mechanism, domain, chain)
        if record.follows_redirect and record.redirect is not None:
            self.count(domain)
            target = self.target(record.redirect, domain)
            if target is None:
                detail = f"redirect={record.redirect}"
                self.findings.append(SpfFinding(SpfProblem.SENDER_DEPENDENT, domain, detail))
                return None
            return self.follow(target, chain, include=None)
        return record.all_qualifier

    def mechanism(self, mechanism: Mechanism, domain: str, chain: tuple[str, ...]) -> None:
        if mechanism.name not in ("include", "a", "mx", "exists"):
            return  # ptr depends on the client's address; all, ip4 and ip6 ask nothing
        target = self.target(mechanism.domain, domain)
        if target is None:
            return
        if mechanism.name == "include":
            self.follow(target, chain, include=mechanism.qualifier)
        elif mechanism.name == "mx":
            self.exchanges(target, domain)
        else:
            # "a" asks A or AAAA as the client's family; void for every client only if
            # both are. "exists" always asks A.
            rdtypes = ("A", "AAAA") if mechanism.name == "a" else ("A",)
            answers = [self.fetched(target, rdtype) for rdtype in rdtypes]
            if all(a is not None and not a.records for a in answers):
                self.void(domain, target)

    def exchanges(self, target: str, domain: str) -> None:
        lookup = self.fetched(target, "MX")
        if lookup is None:
            return
        if not lookup.records:
            self.void(domain, target)
        elif len(lookup.records) > MAX_MX_RECORDS:
            detail = f"mx:{target} has {len(lookup.records)} MX records"
            raise _Limit(SpfFinding(SpfProblem.TOO_MANY_MX, domain, detail))

    def follow(self, target: str, chain: tuple[str, ...], include: str | None) -> str | None:
        if target in chain:
            self.findings.append(SpfFinding(SpfProblem.LOOP, chain[-1], target))
            return None
        qualifier = self.visit(target, (*chain, target))
        if include == "+" and qualifier == "+":
            # An included +all matches every sender, so the include passes everyone.
            self.findings.append(SpfFinding(SpfProblem.PERMISSIVE_ALL, target, "+all (included)"))
        return qualifier


def is_dns_name(name: str) -> bool:
    """What a question may carry (RFC 1035 2.3.4); the grammar alone allows longer."""
    labels = name.encode("utf-8", errors="replace").split(b".")
    return len(name) <= 253 and all(0 < len(label) <= 63 for label in labels)


def spf_texts(lookup: Lookup) -> tuple[str, ...]:
    return tuple(text for text in lookup.records if is_spf(text))


def evaluate_spf(domain: str, answer: LookupSource) -> SpfEvaluation:
    """Statically evaluate domain's SPF policy, for mail from that domain, whoever sends it."""
    domain = domain.lower().rstrip(".")
    walk = _Walk(answer, domain)
    qualifier: str | None = None
    try:
        qualifier = walk.visit(domain, (domain,))
    except _Limit as limit:
        walk.findings.append(limit.finding)
    own = answer(domain, "TXT")
    records = spf_texts(own) if own is not None else ()
    if qualifier in ("+", "?"):
        walk.findings.append(SpfFinding(SpfProblem.PERMISSIVE_ALL, domain, f"{qualifier}all"))
    elif qualifier is None and len(records) == 1 and not walk.findings and not walk.unfetched:
        # Only when nothing else went wrong: a failed redirect also leaves no qualifier.
        walk.findings.append(SpfFinding(SpfProblem.NO_ALL, domain))
    return SpfEvaluation(
        domain=domain,
        records=records,
        dns_lookups=walk.lookups,
        void_lookups=walk.voids,
        all_qualifier=qualifier,
        findings=tuple(walk.findings),
        unfetched=tuple(dict.fromkeys(walk.unfetched)),
        unresolvable=tuple(dict.fromkeys(walk.unresolvable)),
    )
