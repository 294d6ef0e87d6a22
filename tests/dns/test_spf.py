"""The pure SPF parser and the static evaluation over fetched TXT answers."""

from __future__ import annotations

import pytest

from auditor.dns.records import Lookup, LookupStatus
from auditor.dns.spf import (
    LookupSource,
    SpfProblem,
    SpfSyntaxError,
    evaluate_spf,
    parse_spf,
)


def txt(name: str, *records: str, status: LookupStatus | None = None) -> Lookup:
    default = LookupStatus.OK if records else LookupStatus.NODATA
    return Lookup(name, "TXT", status or default, records)


Zone = dict[tuple[str, str], Lookup]


def zone(*lookups: Lookup) -> Zone:
    return {(lookup.name, lookup.rdtype): lookup for lookup in lookups}


def source(answers: Zone) -> LookupSource:
    return lambda name, rdtype: answers.get((name, rdtype))


@pytest.mark.parametrize(
    ("record", "all_qualifier", "redirect"),
    [
        ("v=spf1 -all", "-", None),
        ("V=SPF1 ip4:192.0.2.0/24 ip6:2001:db8::/32 mx a:mail.x.test ~all", "~", None),
        ("v=spf1 include:_spf.x.test all", "+", None),
        ("v=spf1 redirect=_spf.x.test", None, "_spf.x.test"),
        ("v=spf1 mx exp=explain.x.test -all", "-", None),
    ],
)
def test_parse_valid(record: str, all_qualifier: str | None, redirect: str | None) -> None:
    parsed = parse_spf(record)
    assert parsed.all_qualifier == all_qualifier
    assert parsed.redirect == redirect


@pytest.mark.parametrize(
    "record",
    [
        "v=spf2 -all",
        "v=spf1 foo -all",
        "v=spf1 ip4:999.1.1.1 -all",
        "v=spf1 ip4:2001:db8::1 -all",
        "v=spf1 include -all",
        "v=spf1 all:x.test",
        "v=spf1 redirect=a.test redirect=b.test",
    ],
)
def test_parse_invalid(record: str) -> None:
    with pytest.raises(SpfSyntaxError):
        parse_spf(record)


def problems(domain: str, answers: Zone) -> list[SpfProblem]:
    return [f.problem for f in evaluate_spf(domain, source(answers)).findings]


def test_strict_policy_with_include_has_no_findings() -> None:
    answers = zone(
        txt("x.test", "v=spf1 include:_spf.x.test -all"),
        txt("_spf.x.test", "v=spf1 ip4:192.0.2.0/24 ?all"),
    )
    evaluation = evaluate_spf("x.test", source(answers))
    assert evaluation.findings == ()
    assert evaluation.all_qualifier == "-"
    assert evaluation.dns_lookups == 1


def chain(total: int) -> Zone:
    """x.test needing exactly `total` DNS lookups, half of them in an include."""
    inner = total // 2
    outer = total - inner - 1  # the include itself counts one
    return zone(
        txt("x.test", "v=spf1 " + "mx " * outer + "include:i.x.test -all"),
        txt("i.x.test", "v=spf1 " + "a " * inner + "~all"),
    )


def test_ten_lookups_pass_and_eleven_fail() -> None:
    assert evaluate_spf("x.test", source(chain(10))).dns_lookups == 10
    assert problems("x.test", chain(10)) == []
    assert problems("x.test", chain(11)) == [SpfProblem.TOO_MANY_LOOKUPS]


def test_redirect_gives_the_final_all_and_counts() -> None:
    answers = zone(txt("x.test", "v=spf1 redirect=y.test"), txt("y.test", "v=spf1 mx ~all"))
    evaluation = evaluate_spf("x.test", source(answers))
    assert (evaluation.all_qualifier, evaluation.dns_lookups) == ("~", 2)
    assert evaluation.findings == ()


def test_redirect_is_ignored_when_all_is_present() -> None:
    answers = zone(txt("x.test", "v=spf1 -all redirect=y.test"))
    evaluation = evaluate_spf("x.test", source(answers))
    assert evaluation.findings == () and evaluation.unfetched == ()


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (zone(txt("x.test", "v=spf1 +all")), [SpfProblem.PERMISSIVE_ALL]),
        (zone(txt("x.test", "v=spf1 mx ?all")), [SpfProblem.PERMISSIVE_ALL]),
        (
            zone(txt("x.test", "v=spf1 mx"), Lookup("x.test", "MX", LookupStatus.OK, ("10 m.x",))),
            [SpfProblem.NO_ALL],
        ),
        (zone(txt("x.test", "v=spf1 -all", "v=spf1 ~all")), [SpfProblem.MULTIPLE_RECORDS]),
        (zone(txt("x.test", "site-verification=1")), [SpfProblem.NO_RECORD]),
        (zone(txt("x.test", status=LookupStatus.NXDOMAIN)), [SpfProblem.NO_RECORD]),
        (zone(txt("x.test", "v=spf1 include:x.test -all")), [SpfProblem.LOOP]),
        (
            zone(
                txt("x.test", "v=spf1 include:y.test -all"),
                txt("y.test", status=LookupStatus.NXDOMAIN),
            ),
            [SpfProblem.NO_RECORD],
        ),
        (
            zone(txt("x.test", "v=spf1 include:y.test -all"), txt("y.test", "v=spf1 +all")),
            [SpfProblem.PERMISSIVE_ALL],
        ),
        (
            zone(txt("x.test", "v=spf1 redirect=y.test"), txt("y.test", "v=spf1 ?all")),
            [SpfProblem.PERMISSIVE_ALL],
        ),
        (
            zone(
                txt("x.test", "v=spf1 include:y.test -all"),
                txt("y.test", status=LookupStatus.TIMEOUT),
            ),
            [SpfProblem.LOOKUP_FAILED],
        ),
        (
            zone(
                txt("x.test", "v=spf1 include:y.test +all"),
                txt("y.test", status=LookupStatus.SERVFAIL),
            ),
            [SpfProblem.LOOKUP_FAILED, SpfProblem.PERMISSIVE_ALL],
        ),
    ],
)
def test_failing_policies(answers: Zone, expected: list[SpfProblem]) -> None:
    assert problems("x.test", answers) == expected


def test_unfetched_targets_are_reported_for_the_gatherer() -> None:
    answers = zone(txt("x.test", "v=spf1 include:a.test include:b.test -all"))
    evaluation = evaluate_spf("x.test", source(answers))
    assert evaluation.unfetched == (("a.test", "TXT"), ("b.test", "TXT"))


def test_sender_macros_are_counted_but_not_followed() -> None:
    answers = zone(txt("x.test", "v=spf1 include:%{i}._spf.x.test -all"))
    evaluation = evaluate_spf("x.test", source(answers))
    assert evaluation.unresolvable == ("%{i}._spf.x.test",)
    assert (evaluation.dns_lookups, evaluation.findings) == (1, ())


def test_domain_macros_are_expanded_and_followed() -> None:
    answers = zone(
        txt("x.test", "v=spf1 redirect=%{d}.spf.x.test"),
        txt("x.test.spf.x.test", "v=spf1 include:%{o2r}.in.test -all"),
    )
    evaluation = evaluate_spf("x.test", source(answers))
    assert evaluation.unfetched == (("test.x.in.test", "TXT"),)
    assert evaluation.findings == ()


def test_a_redirect_to_a_sender_macro_is_not_judged() -> None:
    answers = zone(txt("x.test", "v=spf1 redirect=%{l}.spf.x.test"))
    assert problems("x.test", answers) == [SpfProblem.SENDER_DEPENDENT]


def test_void_and_mx_limits() -> None:
    void = Lookup("v.test", "A", LookupStatus.NXDOMAIN)
    answers = zone(
        txt("x.test", "v=spf1 a:v.test mx:v.test exists:v.test ?all"),
        void,
        Lookup("v.test", "AAAA", LookupStatus.NXDOMAIN),
        Lookup("v.test", "MX", LookupStatus.NXDOMAIN),
    )
    assert problems("x.test", answers) == [SpfProblem.TOO_MANY_VOID_LOOKUPS]
    eleven = tuple(f"{n} mx{n}.test" for n in range(11))
    answers = zone(txt("x.test", "v=spf1 mx -all"), Lookup("x.test", "MX", LookupStatus.OK, eleven))
    assert problems("x.test", answers) == [SpfProblem.TOO_MANY_MX]
