"""DMARC (RFC 7489) as pure functions over the TXT answer at ``_dmarc.<domain>``.

checkdmarc's ``parse_dmarc_record`` queries DNS itself for the report addresses (``rua``,
``ruf``) outside this scanner's DNS seam, and follows RFC 9989, which drops ``pct``: the
audit must still report a ``pct`` below 100, since receivers honour it. Hence this parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from auditor.dns.records import Lookup

_VERSION = re.compile(r"^v\s*=\s*DMARC1\s*(;|$)", re.IGNORECASE)
_TAG = re.compile(r"^([a-z][a-z0-9_]*)\s*=\s*(.*)$", re.IGNORECASE)
POLICIES = ("none", "quarantine", "reject")
ENFORCING = frozenset({"quarantine", "reject"})


class DmarcSyntaxError(ValueError):
    """The record does not parse; the message says why."""


@dataclass(frozen=True)
class DmarcRecord:
    text: str
    policy: str | None  # p=; None when missing (receivers then treat it as none)
    subdomain_policy: str | None  # sp=
    pct: int  # share of failing mail the policy applies to (default 100)
    rua: tuple[str, ...]


def dmarc_name(domain: str) -> str:
    return f"_dmarc.{domain.lower().rstrip('.')}"


def is_dmarc(text: str) -> bool:
    return bool(_VERSION.match(text.strip()))


def dmarc_texts(lookup: Lookup) -> tuple[str, ...]:
    """The DMARC records among the TXT answers (other TXT records there are ignored)."""
    return tuple(text for text in lookup.records if is_dmarc(text))


def parse_dmarc(text: str) -> DmarcRecord:
    if not is_dmarc(text):
        raise DmarcSyntaxError("the record does not start with v=DMARC1")
    tags: dict[str, str] = {}
    for part in text.strip().split(";")[1:]:
        if not part.strip():
            continue
        match = _TAG.match(part.strip())
        if not match:
            raise DmarcSyntaxError(f"not a tag=value pair: {part.strip()!r}")
        name, value = match.group(1).lower(), match.group(2).strip()
        if name in tags:
            raise DmarcSyntaxError(f"tag {name} appears twice")
        tags[name] = value
    return DmarcRecord(
        text=text.strip(),
        policy=_policy(tags, "p"),
        subdomain_policy=_policy(tags, "sp"),
        pct=_pct(tags.get("pct")),
        rua=tuple(uri.strip() for uri in tags.get("rua", "").split(",") if uri.strip()),
    )


def _policy(tags: dict[str, str], name: str) -> str | None:
    value = tags.get(name)
    if value is None:
        return None
    if value.lower() not in POLICIES:
        raise DmarcSyntaxError(f"{name}={value} is not none, quarantine or reject")
    return value.lower()


def _pct(value: str | None) -> int:
    if value is None:
        return 100
    if not value.isdigit() or int(value) > 100:
        raise DmarcSyntaxError(f"pct={value} is not a whole number from 0 to 100")
    return int(value)


class DmarcProblem(Enum):
    LOOKUP_FAILED = "lookup_failed"  # timeout or SERVFAIL: unknown
    NO_RECORD = "no_record"
    MULTIPLE_RECORDS = "multiple_records"  # receivers then ignore DMARC altogether
    SYNTAX = "syntax"
    NO_POLICY = "no_policy"
    NOT_ENFORCED = "not_enforced"  # p=none


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
    if record.policy is None:
        return DmarcEvaluation(texts, record, DmarcProblem.NO_POLICY)
    if record.policy not in ENFORCING:
        return DmarcEvaluation(texts, record, DmarcProblem.NOT_ENFORCED, record.policy)
    return DmarcEvaluation(texts, record, None)
