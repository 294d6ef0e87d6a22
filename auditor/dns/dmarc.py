"""DMARC as RFC 9989 (DMARCbis, obsoleting RFC 7489) reads it, as pure functions over the
TXT answer at ``_dmarc.<domain>``.

checkdmarc's ``parse_dmarc_record`` queries DNS itself for the report addresses (``rua``,
``ruf``), outside this scanner's DNS seam; hence this parser. What RFC 9989 says, and this
module does: ``v=DMARC1`` is case-sensitive and the first tag, or the record is no DMARC
record (section 4.7); unknown tags and tags with bad syntax or values are ignored, not fatal;
a missing or invalid ``p`` (or an invalid ``sp``/``np``) makes receivers act as ``p=none``
when ``rua`` holds a valid URI, and apply no DMARC at all otherwise (4.10.1); ``t=y`` asks
them not to apply the policy; ``pct`` is gone, though older receivers still honour it.
A tag given twice leaves the record ambiguous, and is reported as invalid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from auditor.dns.records import Lookup

# dmarc-version = "v" equals %s"DMARC1": the tag name in any case, the value exactly.
_VERSION = re.compile(r"^[ \t]*[vV][ \t]*=[ \t]*DMARC1[ \t]*(;|$)")
_TAG = re.compile(r"^([A-Za-z]+)[ \t]*=[ \t]*([\x20-\x3a\x3c-\x7e]+)$")
# dmarc-uri: an RFC 3986 URI (a scheme, ":", URI characters); an obsolete "!size" may follow.
_URI = re.compile(
    r"^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@$&'()*+;=]|%[0-9A-Fa-f]{2})+$"
)
_OBSOLETE_SIZE = re.compile(r"![0-9]+[kmgtKMGT]?$")
POLICIES = ("none", "quarantine", "reject")
ENFORCING = frozenset({"quarantine", "reject"})
_VALUES = {
    "p": POLICIES,
    "sp": POLICIES,
    "np": POLICIES,
    "t": ("y", "n"),
    "psd": ("y", "n", "u"),
    "adkim": ("r", "s"),
    "aspf": ("r", "s"),
    "fo": ("0", "1", "d", "s", "d:s", "s:d"),
}
_KNOWN = frozenset({*_VALUES, "v", "rua", "ruf", "pct", "rf", "ri"})


class DmarcSyntaxError(ValueError):
    """The record is no usable DMARC record; the message says why."""


@dataclass(frozen=True)
class DmarcRecord:
    text: str
    policy: str | None  # a valid p=; None when missing or invalid
    subdomain_policy: str | None  # sp=
    nonexistent_policy: str | None  # np=, for subdomains that do not exist
    testing: bool  # t=y: the domain owner asks receivers not to apply the policy
    pct: int | None  # pct= as written (historic: RFC 9989 removed it)
    rua: tuple[str, ...]
    invalid: tuple[str, ...] = ()  # p/sp/np values that make receivers fall back (4.10.1)
    ignored: tuple[str, ...] = ()  # terms ignored: unknown tags, bad syntax or values

    @property
    def has_report_uri(self) -> bool:
        return any(_URI.match(_OBSOLETE_SIZE.sub("", uri)) for uri in self.rua)


def dmarc_name(domain: str) -> str:
    return f"_dmarc.{domain.lower().rstrip('.')}"


def is_dmarc(text: str) -> bool:
    return bool(_VERSION.match(text))


def dmarc_texts(lookup: Lookup) -> tuple[str, ...]:
    """The DMARC records among the TXT answers (other TXT records there are ignored)."""
    return tuple(text for text in lookup.records if is_dmarc(text))


def parse_dmarc(text: str) -> DmarcRecord:
    if not is_dmarc(text):
        raise DmarcSyntaxError("the record does not start with v=DMARC1")
    tags: dict[str, str] = {}
    ignored: list[str] = []
    for part in (p.strip(" \t") for p in text.split(";")):
        match = _TAG.match(part)
        if not match:
            if part:
                ignored.append(part)
            continue
        name, value = match.group(1).lower(), match.group(2).strip(" \t")
        if name in tags:
            raise DmarcSyntaxError(f"tag {name} appears twice")
        tags[name] = value
    pct = int(tags["pct"]) if tags.get("pct", "").isdigit() else None
    pct = pct if pct is not None and pct <= 100 else None
    for name, value in list(tags.items()):
        bad_value = name in _VALUES and value.lower() not in _VALUES[name]
        if name not in _KNOWN or bad_value or (name == "pct" and pct is None):
            ignored.append(f"{name}={value}")
    invalid = [
        f"{n}={tags[n]}" for n in ("p", "sp", "np") if n in tags and tags[n].lower() not in POLICIES
    ]
    return DmarcRecord(
        text=text,
        policy=_valid(tags, "p"),
        subdomain_policy=_valid(tags, "sp"),
        nonexistent_policy=_valid(tags, "np"),
        testing=_valid(tags, "t") == "y",
        pct=pct,
        rua=tuple(uri.strip(" \t") for uri in tags.get("rua", "").split(",") if uri.strip()),
        invalid=tuple(invalid),
        ignored=tuple(i for i in ignored if i not in invalid),
    )


def _valid(tags: dict[str, str], name: str) -> str | None:
    value = tags.get(name, "").lower()
    return value if value in _VALUES[name] else None


class DmarcProblem(Enum):
    LOOKUP_FAILED = "lookup_failed"  # timeout or SERVFAIL: unknown
    NO_RECORD = "no_record"
    MULTIPLE_RECORDS = "multiple_records"  # receivers then ignore DMARC altogether
    SYNTAX = "syntax"
    NO_POLICY = "no_policy"  # no valid p (or a bad sp/np), a report URI: acts as p=none
    NO_POLICY_NO_RUA = "no_policy_no_rua"  # ... and no report URI: no DMARC at all
    NOT_ENFORCED = "not_enforced"  # p=none
    TESTING = "testing"  # t=y: the policy is not in force


@dataclass(frozen=True)
class DmarcEvaluation:
    records: tuple[str, ...]
    record: DmarcRecord | None
    problem: DmarcProblem | None
    detail: str = ""


def evaluate_dmarc(lookup: Lookup) -> DmarcEvaluation:
    """What the TXT answer at _dmarc.<domain> says about the domain's DMARC policy."""
    if not lookup.status.is_definite:
        return DmarcEvaluation((), None, DmarcProblem.LOOKUP_FAILED, lookup.status.value)
    texts = dmarc_texts(lookup)
    if not texts:
        return DmarcEvaluation((), None, DmarcProblem.NO_RECORD, lookup.status.value)
    if len(texts) > 1:
        return DmarcEvaluation(texts, None, DmarcProblem.MULTIPLE_RECORDS, str(len(texts)))
    try:
        record = parse_dmarc(texts[0])
    except DmarcSyntaxError as exc:
        return DmarcEvaluation(texts, None, DmarcProblem.SYNTAX, str(exc))
    if record.policy is None or record.invalid:
        detail = ", ".join(record.invalid) or "p missing"
        problem = DmarcProblem.NO_POLICY if record.has_report_uri else DmarcProblem.NO_POLICY_NO_RUA
        return DmarcEvaluation(texts, record, problem, detail)
    if record.policy not in ENFORCING:
        return DmarcEvaluation(texts, record, DmarcProblem.NOT_ENFORCED, record.policy)
    if record.testing:
        return DmarcEvaluation(texts, record, DmarcProblem.TESTING, record.policy)
    return DmarcEvaluation(texts, record, None)
