"""The pure DMARC parser and evaluation of the answer at _dmarc.<domain>, as RFC 9989 reads
records (section 4.7 record format, 4.8 formal definition, 4.10.1 policy discovery)."""

from __future__ import annotations

import pytest

from auditor.dns.dmarc import DmarcProblem, DmarcSyntaxError, evaluate_dmarc, parse_dmarc
from auditor.dns.records import Lookup, LookupStatus

P = DmarcProblem


def answer(*records: str, status: LookupStatus = LookupStatus.OK) -> Lookup:
    return Lookup("_dmarc.x.test", "TXT", status, records)


def test_parse_reads_policy_tags_and_reports() -> None:
    record = parse_dmarc(
        "v=DMARC1; p=Reject; sp=quarantine; np=reject; t=n; pct=50; "
        "rua=mailto:a@x.test,mailto:b@x.test"
    )
    assert (record.policy, record.subdomain_policy, record.nonexistent_policy) == (
        "reject",
        "quarantine",
        "reject",
    )
    assert (record.pct, record.testing) == (50, False)
    assert record.rua == ("mailto:a@x.test", "mailto:b@x.test")


def test_parse_defaults() -> None:
    record = parse_dmarc("v=DMARC1;p=none;")
    assert (record.subdomain_policy, record.pct, record.testing, record.ignored) == (
        None,
        None,
        False,
        (),
    )


@pytest.mark.parametrize(
    ("text", "ignored"),
    [
        ("v=DMARC1; p=reject; pct=150", ("pct=150",)),
        ("v=DMARC1; p=reject; pct=x", ("pct=x",)),
        ("v=DMARC1; p=reject; junk", ("junk",)),
        ("v=DMARC1; p=reject; adkim=x; foo=bar", ("adkim=x", "foo=bar")),
        ("v=DMARC1; p=reject; t=maybe", ("t=maybe",)),
    ],
)
def test_bad_tags_are_ignored_not_fatal(text: str, ignored: tuple[str, ...]) -> None:
    record = parse_dmarc(text)
    assert record.policy == "reject"
    assert record.ignored == ignored


@pytest.mark.parametrize(
    "text", ["v=DMARC1; p=reject; p=none", "v=DMARC1; v=DMARC1; p=reject", "v=DMARC2; p=reject"]
)
def test_parse_invalid(text: str) -> None:
    with pytest.raises(DmarcSyntaxError):
        parse_dmarc(text)


# Each record labelled by what RFC 9989 makes of it: None when the policy is enforced.
LABELLED = [
    ("v=DMARC1; p=reject", None),
    ("v=DMARC1;p=quarantine", None),
    ("v=DMARC1 ; p = reject ; rua = mailto:d@x.test", None),
    ("V=DMARC1; p=reject", None),  # the tag name is case-insensitive, the value is not
    ("v=DMARC1; p=REJECT", None),
    ("v=DMARC1; p=reject;", None),
    ("v=DMARC1; p=quarantine; pct=10", None),  # historic pct, noted
    ("v=DMARC1; p=reject; pct=150", None),  # a bad pct is ignored
    ("v=DMARC1; p=reject; pct=-1", None),
    ("v=DMARC1; p=reject; foo=bar", None),  # unknown tags are ignored
    ("v=DMARC1; p=reject; adkim=x; aspf=y; fo=7", None),
    ("v=DMARC1; p=reject; junk; ; ", None),  # syntax errors elsewhere are discarded
    ("v=DMARC1; p=reject; t=n", None),
    ("v=DMARC1; p=reject; t=bogus", None),  # invalid t: the default, n
    ("v=DMARC1; p=reject; np=none", None),  # np read, noted
    ("v=DMARC1; p=reject; psd=u", None),
    ("v=DMARC1; p=reject; rua=mailto:a@x.test!10m", None),
    ("v=DMARC1; p=reject; t=y", P.TESTING),
    ("v=DMARC1; p=quarantine; t=y; rua=mailto:a@x.test", P.TESTING),
    ("v=DMARC1; p=none", P.NOT_ENFORCED),
    ("v=DMARC1; p=none; t=y", P.NOT_ENFORCED),
    ("v=DMARC1; rua=mailto:a@x.test", P.NO_POLICY),
    ("v=DMARC1; p=bogus; rua=mailto:a@x.test", P.NO_POLICY),
    ("v=DMARC1; p=reject; sp=bogus; rua=mailto:a@x.test", P.NO_POLICY),
    ("v=DMARC1; p=reject; np=maybe; rua=mailto:a@x.test", P.NO_POLICY),
    ("v=DMARC1; p=bogus", P.NO_POLICY_NO_RUA),
    ("v=DMARC1; p=maybe", P.NO_POLICY_NO_RUA),
    ("v=DMARC1; p=bogus; rua=a@x.test", P.NO_POLICY_NO_RUA),  # not a URI: no scheme
    ("v=DMARC1", P.NO_POLICY_NO_RUA),
    ("v=DMARC1; p=reject; sp=bogus", P.NO_POLICY_NO_RUA),
    ("v=dmarc1; p=reject", P.NO_RECORD),  # the version is case-sensitive
    ("v=DMARC1p=reject", P.NO_RECORD),
    ("p=reject; v=DMARC1", P.NO_RECORD),  # v must come first
    ("v=DMARC2; p=reject", P.NO_RECORD),
    ("v=spf1 -all", P.NO_RECORD),
    ("v=DMARC1; v=DMARC1; p=reject", P.SYNTAX),  # a duplicated v
    ("v=DMARC1; p=reject; p=none", P.SYNTAX),
    ("v=DMARC1; p=reject; rua=mailto:a@x.test; rua=mailto:b@x.test", P.SYNTAX),
]


@pytest.mark.parametrize(("text", "problem"), LABELLED)
def test_rfc9989_labelled_records(text: str, problem: DmarcProblem | None) -> None:
    assert evaluate_dmarc(answer(text)).problem is problem


@pytest.mark.parametrize(
    ("lookup", "problem"),
    [
        (answer("unrelated", "v=DMARC1; p=quarantine; pct=10"), None),
        (answer("v=DMARC1; p=reject", "v=DMARC1; p=none"), P.MULTIPLE_RECORDS),
        (answer("v=DMARC1; p=reject", "v=dmarc1; p=none"), None),  # the second is no DMARC
        (answer(status=LookupStatus.NXDOMAIN), P.NO_RECORD),
        (answer(status=LookupStatus.TIMEOUT), P.LOOKUP_FAILED),
        (answer(status=LookupStatus.SERVFAIL), P.LOOKUP_FAILED),
    ],
)
def test_evaluate(lookup: Lookup, problem: DmarcProblem | None) -> None:
    assert evaluate_dmarc(lookup).problem is problem
