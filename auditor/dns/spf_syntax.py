"""The SPF record grammar of RFC 7208 section 12, strictly, as a pure parser.

pyspf, the reference implementation, validates a term only while evaluating it for one
client: ``query.validate_mechanism`` expands macros with the client's address and sender
and asks its module-level ``DNSLookup`` (for ``%{p}`` among others), synchronously, outside
this scanner's one DNS seam. A static audit needs the grammar alone, for every client, so
this module follows the ABNF term by term and names the rule a record breaks.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

MECHANISMS = frozenset({"all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"})
_VERSION = re.compile(r"^v=spf1( |$)", re.IGNORECASE)
_MODIFIER = re.compile(r"^([A-Za-z][A-Za-z0-9_.-]*)=(.*)$", re.DOTALL)
_DIRECTIVE = re.compile(r"^([+?~-]?)([A-Za-z0-9]*)(.*)$", re.DOTALL)
# A trailing ip4-cidr-length and/or "//" ip6-cidr-length, split off a/mx/ip4/ip6 arguments.
_CIDRS = re.compile(r"^(?P<spec>.*?)(?:/(?P<c4>[0-9]+))?(?://(?P<c6>[0-9]+))?$", re.DOTALL)
_CIDR_VALUE = re.compile(r"^(0|[1-9][0-9]*)$")
# toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
_TOPLABEL = re.compile(
    r"^[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*$|^[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9]$"
)
_QNUM = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
_IP4 = re.compile(rf"^{_QNUM}(?:\.{_QNUM}){{3}}$")
_MACRO = re.compile(r"%\{([A-Za-z])([0-9]*)(r?)([.+,/_=-]*)\}", re.IGNORECASE)
DOMAIN_MACRO_LETTERS = frozenset("slodiphv")  # c, r and t only in exp text (section 7.3)
ALL_MACRO_LETTERS = frozenset("slodiphvcrt")


class SpfSyntaxError(ValueError):
    """The record breaks RFC 7208's grammar; the message names the rule and the term."""


@dataclass(frozen=True)
class Mechanism:
    qualifier: str  # "+", "-", "~" or "?"
    name: str  # lower case
    domain: str | None = None  # the domain-spec, as written; None when absent
    network: str | None = None  # ip4/ip6 address
    cidr4: int | None = None
    cidr6: int | None = None


@dataclass(frozen=True)
class SpfRecord:
    text: str
    mechanisms: tuple[Mechanism, ...]
    redirect: str | None = None
    explanation: str | None = None

    @property
    def all_qualifier(self) -> str | None:
        return next((m.qualifier for m in self.mechanisms if m.name == "all"), None)

    @property
    def follows_redirect(self) -> bool:
        # RFC 7208 section 6.1: redirect is ignored when the record has an "all" mechanism.
        return self.redirect is not None and self.all_qualifier is None


def is_spf(text: str) -> bool:
    """Section 4.5: exactly "v=spf1" (any case), then a space or the end."""
    return bool(_VERSION.match(text))


def parse_spf(text: str) -> SpfRecord:
    """The record's terms; raises SpfSyntaxError naming the rule broken."""
    if not is_spf(text):
        raise SpfSyntaxError("the record does not start with v=spf1")
    bad = next((c for c in text if not " " <= c <= "~"), None)
    if bad is not None:
        # Section 3.1 (7-bit ASCII) and section 12: only SP separates terms, so a tab,
        # CR or LF is no separator but a character no term may hold.
        raise SpfSyntaxError(f"character {bad!r} is not allowed (only printable ASCII and SP)")
    mechanisms: list[Mechanism] = []
    modifiers: dict[str, str] = {}
    for term in text.split(" ")[1:]:
        if not term:
            continue
        modifier = _MODIFIER.match(term)
        if modifier is None:
            mechanisms.append(parse_mechanism(term))
            continue
        name, value = modifier.group(1).lower(), modifier.group(2)
        _check_modifier(name, value, term, modifiers)
        modifiers[name] = value
    return SpfRecord(text, tuple(mechanisms), modifiers.get("redirect"), modifiers.get("exp"))


def _check_modifier(name: str, value: str, term: str, seen: dict[str, str]) -> None:
    if name in ("redirect", "exp"):
        if name in seen:
            raise SpfSyntaxError(f"the {name}= modifier appears twice (section 6)")
        check_domain_spec(value, term)
    else:
        check_macro_string(value, term, ALL_MACRO_LETTERS)


def parse_mechanism(term: str) -> Mechanism:
    match = _DIRECTIVE.match(term)
    assert match is not None  # every group may be empty
    qualifier, name, rest = match.group(1) or "+", match.group(2).lower(), match.group(3)
    if name not in MECHANISMS or (rest and rest[0] not in ":/"):
        raise SpfSyntaxError(f"unknown mechanism or bad modifier {term!r} (section 12)")
    if name == "all":
        if rest:
            raise SpfSyntaxError(f"'all' takes no argument: {term!r}")
        return Mechanism(qualifier, name)
    if name in ("ip4", "ip6"):
        return _network(qualifier, name, rest, term)
    spec, cidr4, cidr6 = rest, None, None
    if name in ("a", "mx"):
        spec, cidr4, cidr6 = _split_cidrs(rest, term)
    if spec and not spec.startswith(":"):
        raise SpfSyntaxError(f"{name} takes no such argument: {term!r}")
    domain = spec[1:] if spec else None
    if domain is None and name in ("include", "exists"):
        raise SpfSyntaxError(f"{name} needs a domain: {term!r}")
    if domain is not None:
        check_domain_spec(domain, term)
    return Mechanism(qualifier, name, domain, None, cidr4, cidr6)


def _split_cidrs(rest: str, term: str) -> tuple[str, int | None, int | None]:
    match = _CIDRS.match(rest)
    assert match is not None  # the spec group alone matches anything
    return (
        match.group("spec"),
        _cidr(match.group("c4"), 32, term),
        _cidr(match.group("c6"), 128, term),
    )


def _cidr(value: str | None, limit: int, term: str) -> int | None:
    if value is None:
        return None
    if not _CIDR_VALUE.match(value) or int(value) > limit:
        raise SpfSyntaxError(
            f"CIDR length /{value} is not 0-{limit} without leading zeros: {term!r}"
        )
    return int(value)


def _network(qualifier: str, name: str, rest: str, term: str) -> Mechanism:
    if not rest.startswith(":"):
        raise SpfSyntaxError(f"{name} needs an address: {term!r}")
    address, sep, length = rest[1:].partition("/")
    cidr = _cidr(length, 32 if name == "ip4" else 128, term) if sep else None
    if name == "ip4" and not _IP4.match(address):
        raise SpfSyntaxError(f"{address!r} is not a dotted-quad IPv4 address: {term!r}")
    if name == "ip6":
        try:
            ipaddress.IPv6Address(address)
        except ValueError:
            raise SpfSyntaxError(f"{address!r} is not an IPv6 address: {term!r}") from None
    return Mechanism(
        qualifier, name, None, address, *((cidr, None) if name == "ip4" else (None, cidr))
    )


def check_macro_string(text: str, term: str, letters: frozenset[str]) -> None:
    """Section 7.1: literals are visible ASCII but "%"; "%" starts %{...}, %%, %_ or %-."""
    position = 0
    while position < len(text):
        if text[position] != "%":
            position += 1
            continue
        pair = text[position : position + 2]
        if pair in ("%%", "%_", "%-"):
            position += 2
            continue
        macro = _MACRO.match(text, position)
        if macro is None:
            raise SpfSyntaxError(f"bad macro at {text[position : position + 6]!r} in {term!r}")
        if macro.group(1).lower() not in letters:
            raise SpfSyntaxError(f"macro letter {macro.group(1)!r} is not allowed here: {term!r}")
        position = macro.end()


def check_domain_spec(spec: str, term: str) -> None:
    """domain-spec = macro-string domain-end; domain-end = "." toplabel ["."] / macro-expand."""
    check_macro_string(spec, term, DOMAIN_MACRO_LETTERS)
    if _MACRO.search(spec) and _ends_in_macro(spec):
        return
    labels = spec[:-1] if spec.endswith(".") else spec
    head, dot, toplabel = labels.rpartition(".")
    if not dot or not head or not _TOPLABEL.match(toplabel):
        raise SpfSyntaxError(f"{spec!r} is not a domain name with a valid top label: {term!r}")
    if any(not label for label in head.split(".")):
        raise SpfSyntaxError(f"{spec!r} has an empty label: {term!r}")


def _ends_in_macro(spec: str) -> bool:
    return any(m.end() == len(spec) for m in _MACRO.finditer(spec)) or spec.endswith(
        ("%%", "%_", "%-")
    )
