"""SPF (RFC 7208) as pure functions: parse a record's text, and evaluate a domain's policy
statically from TXT answers already fetched.

checkdmarc's ``parse_spf_record`` resolves ``a``/``mx``/``include`` itself through its own
resolver and a module-level cache, which would bypass this scanner's DNS seam (timeouts,
retries, per-run cache, concurrency bound, ``--offline``); hence this small parser.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from auditor.dns.records import Lookup

MAX_DNS_LOOKUPS = 10  # RFC 7208 section 4.6.4
_VERSION = re.compile(r"^v=spf1(\s|$)", re.IGNORECASE)
_MODIFIER = re.compile(r"^([a-z][a-z0-9_.-]*)=(.*)$", re.IGNORECASE)
_MECHANISM = re.compile(r"^([+?~-]?)([a-z0-9]+)([:/].*)?$", re.IGNORECASE)
_MECHANISMS = frozenset({"all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"})
_QUERYING = frozenset({"include", "a", "mx", "ptr", "exists"})  # count against the limit
_NEEDS_DOMAIN = frozenset({"include", "exists"})


class SpfSyntaxError(ValueError):
    """The record does not parse; the message names the offending term."""


@dataclass(frozen=True)
class Mechanism:
    qualifier: str  # "+", "-", "~" or "?"
    name: str  # lower case
    argument: str  # what follows ":" (domain-spec) or "/" (cidr), "" if none


@dataclass(frozen=True)
class SpfRecord:
    text: str
    mechanisms: tuple[Mechanism, ...]
    redirect: str | None = None

    @property
    def all_qualifier(self) -> str | None:
        return next((m.qualifier for m in self.mechanisms if m.name == "all"), None)

    @property
    def follows_redirect(self) -> bool:
        # RFC 7208 section 6.1: redirect is ignored when the record has an "all" mechanism.
        return self.redirect is not None and self.all_qualifier is None


def is_spf(text: str) -> bool:
    return bool(_VERSION.match(text.strip()))


def parse_spf(text: str) -> SpfRecord:
    """The record's mechanisms and redirect; raises SpfSyntaxError."""
    if not is_spf(text):
        raise SpfSyntaxError("the record does not start with v=spf1")
    mechanisms: list[Mechanism] = []
    modifiers: dict[str, str] = {}
    for term in text.split()[1:]:
        modifier = _MODIFIER.match(term)
        if modifier:
            name = modifier.group(1).lower()
            if name in modifiers and name in ("redirect", "exp"):
                raise SpfSyntaxError(f"the {name}= modifier appears twice")
            if name == "redirect" and not modifier.group(2):
                raise SpfSyntaxError("redirect= has no domain")
            modifiers[name] = modifier.group(2)
            continue
        mechanisms.append(_parse_mechanism(term))
    return SpfRecord(text.strip(), tuple(mechanisms), modifiers.get("redirect"))


def _parse_mechanism(term: str) -> Mechanism:
    match = _MECHANISM.match(term)
    name = match.group(2).lower() if match else ""
    if not match or name not in _MECHANISMS:
        raise SpfSyntaxError(f"unknown term {term!r}")
    qualifier = match.group(1) or "+"
    rest = match.group(3) or ""
    argument = rest[1:] if rest.startswith(":") else rest
    if name == "all" and rest:
        raise SpfSyntaxError(f"'all' takes no argument: {term!r}")
    if name in _NEEDS_DOMAIN and (not rest.startswith(":") or not argument):
        raise SpfSyntaxError(f"{name} needs a domain: {term!r}")
    if name in ("ip4", "ip6"):
        _check_network(name, argument, term)
    return Mechanism(qualifier, name, argument)


def _check_network(name: str, argument: str, term: str) -> None:
    try:
        network = ipaddress.ip_network(argument, strict=False)
    except ValueError:
        raise SpfSyntaxError(f"bad address in {term!r}") from None
    if (name == "ip4") != (network.version == 4):
        raise SpfSyntaxError(f"wrong address family in {term!r}")


class SpfProblem(Enum):
    """What makes a policy fail (permerror or too weak) or unknown (temperror)."""

    NO_RECORD = "no_record"
    MULTIPLE_RECORDS = "multiple_records"
    SYNTAX = "syntax"
    PERMISSIVE_ALL = "permissive_all"  # +all or ?all where it decides the result
    NO_ALL = "no_all"  # neither "all" nor redirect: unlisted senders get neutral
    TOO_MANY_LOOKUPS = "too_many_lookups"
    LOOP = "loop"
    LOOKUP_FAILED = "lookup_failed"  # a TXT question timed out or failed: temperror

    @property
    def is_error(self) -> bool:
        return self is SpfProblem.LOOKUP_FAILED


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
    all_qualifier: str | None  # the "all" that ends the policy, after redirects
    findings: tuple[SpfFinding, ...]
    unfetched: tuple[str, ...] = ()  # include/redirect targets not fetched yet
    unresolvable: tuple[str, ...] = field(default=())  # macro targets, not followed


TxtSource = Callable[[str], Lookup | None]


class _LookupLimit(Exception):
    """More than MAX_DNS_LOOKUPS: evaluation stops, as a receiver's would."""


class _Walk:
    def __init__(self, txt_of: TxtSource) -> None:
        self.txt_of = txt_of
        self.lookups = 0
        self.findings: list[SpfFinding] = []
        self.unfetched: list[str] = []
        self.unresolvable: list[str] = []

    def record(self, domain: str) -> SpfRecord | None:
        """The one parsed SPF record of domain, or None with a finding (or unfetched)."""
        lookup = self.txt_of(domain)
        if lookup is None:
            self.unfetched.append(domain)
            return None
        if not lookup.status.is_definite:
            self.findings.append(SpfFinding(SpfProblem.LOOKUP_FAILED, domain, lookup.status.value))
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

    def count(self) -> None:
        self.lookups += 1
        if self.lookups > MAX_DNS_LOOKUPS:
            raise _LookupLimit

    def visit(self, domain: str, chain: tuple[str, ...]) -> str | None:
        """Walk domain's record; the qualifier of the "all" that ends it, if known."""
        record = self.record(domain)
        if record is None:
            return None
        for mechanism in record.mechanisms:
            if mechanism.name in _QUERYING:
                self.count()
            if mechanism.name == "include":
                self.follow(mechanism.argument, chain, include=mechanism.qualifier)
        if record.follows_redirect and record.redirect is not None:
            self.count()
            return self.follow(record.redirect, chain, include=None)
        return record.all_qualifier

    def follow(self, target: str, chain: tuple[str, ...], include: str | None) -> str | None:
        target = target.lower().rstrip(".")
        if "%" in target:  # a macro: the target depends on the sender, not resolvable here
            self.unresolvable.append(target)
            return None
        if target in chain:
            self.findings.append(SpfFinding(SpfProblem.LOOP, chain[-1], target))
            return None
        qualifier = self.visit(target, (*chain, target))
        if include == "+" and qualifier == "+":
            # An included +all matches every sender, so the include passes everyone.
            self.findings.append(SpfFinding(SpfProblem.PERMISSIVE_ALL, target, "+all (included)"))
        return qualifier


def spf_texts(lookup: Lookup) -> tuple[str, ...]:
    return tuple(text for text in lookup.records if is_spf(text))


def evaluate_spf(domain: str, txt_of: TxtSource) -> SpfEvaluation:
    """Statically evaluate domain's SPF policy from TXT lookups (txt_of: name -> answer)."""
    domain = domain.lower().rstrip(".")
    walk = _Walk(txt_of)
    qualifier: str | None = None
    try:
        qualifier = walk.visit(domain, (domain,))
    except _LookupLimit:
        walk.findings.append(
            SpfFinding(SpfProblem.TOO_MANY_LOOKUPS, domain, f"more than {MAX_DNS_LOOKUPS}")
        )
    own = txt_of(domain)
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
        all_qualifier=qualifier,
        findings=tuple(walk.findings),
        unfetched=tuple(dict.fromkeys(walk.unfetched)),
        unresolvable=tuple(dict.fromkeys(walk.unresolvable)),
    )
