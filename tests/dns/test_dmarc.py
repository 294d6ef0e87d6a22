"""The pure DMARC parser and evaluation of the answer at _dmarc.<domain>."""

from __future__ import annotations

import pytest

from auditor.dns.dmarc import DmarcProblem, DmarcSyntaxError, evaluate_dmarc, parse_dmarc
from auditor.dns.records import Lookup, LookupStatus


def answer(*records: str, status: LookupStatus = LookupStatus.OK) -> Lookup:
    return Lookup("_dmarc.x.test", "TXT", status, records)


def test_parse_reads_policy_pct_and_reports() -> None:
    record = parse_dmarc(
        "v=DMARC1; p=Reject; sp=quarantine; pct=50; rua=mailto:a@x.test,mailto:b@x.test"
    )
    assert (record.policy, record.subdomain_policy, record.pct) == ("reject", "quarantine", 50)
    assert record.rua == ("mailto:a@x.test", "mailto:b@x.test")


def test_parse_defaults() -> None:
    record = parse_dmarc("v=DMARC1;p=none;")
    assert (record.policy, record.subdomain_policy, record.pct) == ("none", None, 100)


@pytest.mark.parametrize(
    "text",
    [
        "v=DMARC2; p=reject",
        "v=DMARC1; p=block",
        "v=DMARC1; p=reject; pct=150",
        "v=DMARC1; p=reject; pct=x",
        "v=DMARC1; p=reject; p=none",
        "v=DMARC1; p=reject; junk",
    ],
)
def test_parse_invalid(text: str) -> None:
    with pytest.raises(DmarcSyntaxError):
        parse_dmarc(text)


@pytest.mark.parametrize(
    ("lookup", "problem"),
    [
        (answer("v=DMARC1; p=reject"), None),
        (answer("unrelated", "v=DMARC1; p=quarantine; pct=10"), None),
        (answer("v=DMARC1; p=none"), DmarcProblem.NOT_ENFORCED),
        (answer("v=DMARC1; rua=mailto:a@x.test"), DmarcProblem.NO_POLICY),
        (answer("v=DMARC1; p=reject", "v=DMARC1; p=none"), DmarcProblem.MULTIPLE_RECORDS),
        (answer("v=DMARC1; p=maybe"), DmarcProblem.SYNTAX),
        (answer("v=spf1 -all"), DmarcProblem.NO_RECORD),
        (answer(status=LookupStatus.NXDOMAIN), DmarcProblem.NO_RECORD),
        (answer(status=LookupStatus.TIMEOUT), DmarcProblem.LOOKUP_FAILED),
        (answer(status=LookupStatus.SERVFAIL), DmarcProblem.LOOKUP_FAILED),
    ],
)
def test_evaluate(lookup: Lookup, problem: DmarcProblem | None) -> None:
    assert evaluate_dmarc(lookup).problem is problem
