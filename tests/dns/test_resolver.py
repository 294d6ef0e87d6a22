"""The DNS seam against a real server on loopback: statuses, cache, retries, bounds."""

from __future__ import annotations

import asyncio
import time

import pytest

from auditor.dns import LookupStatus, Nameserver, ResolverSettings, parse_nameserver
from auditor.dns.resolver import DnsSession, query
from tests.dns.loopback import LoopbackDns


def ask(settings: ResolverSettings, *questions: tuple[str, str]) -> list[LookupStatus]:
    async def run() -> list[LookupStatus]:
        session = DnsSession(settings)
        answers = await asyncio.gather(*(query(session, n, t) for n, t in questions))
        return [a.status for a in answers]

    return asyncio.run(run())


@pytest.mark.parametrize(
    ("name", "rdtype", "status"),
    [
        ("good.test", "MX", LookupStatus.OK),
        ("nomx.test", "MX", LookupStatus.NODATA),
        ("missing.test", "MX", LookupStatus.NXDOMAIN),
        ("servfail.test", "TXT", LookupStatus.SERVFAIL),
        ("silent.test", "TXT", LookupStatus.TIMEOUT),
    ],
)
def test_status_of_each_kind_of_answer(
    settings: ResolverSettings, name: str, rdtype: str, status: LookupStatus
) -> None:
    assert ask(settings, (name, rdtype)) == [status]


def test_a_name_no_message_can_carry_is_an_error_not_a_crash(
    server: LoopbackDns, settings: ResolverSettings
) -> None:
    too_long_label = "a" * 64 + ".test"
    too_long_name = ".".join(["b" * 60] * 5)
    assert ask(settings, (too_long_label, "TXT"), (too_long_name, "MX")) == [
        LookupStatus.ERROR,
        LookupStatus.ERROR,
    ]
    assert not any(name in (too_long_label, too_long_name) for name, _ in server.requests)


def test_records_are_returned_as_text(settings: ResolverSettings) -> None:
    async def run() -> tuple[tuple[str, ...], tuple[str, ...]]:
        session = DnsSession(settings)
        mx = await query(session, "good.test", "MX")
        split_txt = await query(session, "soft.test", "TXT")
        return mx.records, split_txt.records

    mx, split_txt = asyncio.run(run())
    assert mx == ("10 mail.good.test",)
    assert split_txt == ("v=spf1 mx ~all",)  # a TXT split into two strings is joined


def test_cache_asks_the_server_once_per_question(
    server: LoopbackDns, settings: ResolverSettings
) -> None:
    # Five identical questions at once, then one more: a single datagram reaches the server.
    ask(settings, *[("good.test", "MX")] * 5, ("GOOD.test.", "MX"), ("good.test", "TXT"))
    assert server.requests[("good.test", "MX")] == 1
    assert server.requests[("good.test", "TXT")] == 1


def test_cache_lives_only_as_long_as_the_session(
    server: LoopbackDns, settings: ResolverSettings
) -> None:
    ask(settings, ("good.test", "MX"))
    ask(settings, ("good.test", "MX"))
    assert server.requests[("good.test", "MX")] == 2


@pytest.mark.parametrize("retries", [0, 1, 3])
def test_timeouts_are_retried_a_bounded_number_of_times(server: LoopbackDns, retries: int) -> None:
    settings = ResolverSettings(
        nameservers=(parse_nameserver(server.spec),), timeout=0.4, retries=retries
    )
    started = time.monotonic()
    assert ask(settings, ("silent.test", "MX")) == [LookupStatus.TIMEOUT]
    elapsed = time.monotonic() - started
    assert server.requests[("silent.test", "MX")] == retries + 1
    # The whole question, retries included, costs about the configured timeout.
    assert elapsed < 0.4 + 0.3


def test_servfail_is_retried_but_nxdomain_is_not(
    server: LoopbackDns, settings: ResolverSettings
) -> None:
    ask(settings, ("servfail.test", "MX"), ("missing.test", "MX"), ("nomx.test", "MX"))
    assert server.requests[("servfail.test", "MX")] == settings.retries + 1
    assert server.requests[("missing.test", "MX")] == 1
    assert server.requests[("nomx.test", "MX")] == 1


def test_a_retry_goes_to_the_next_server(server: LoopbackDns) -> None:
    with LoopbackDns(silent=frozenset({"test"})) as dead:
        settings = ResolverSettings(
            nameservers=(parse_nameserver(dead.spec), parse_nameserver(server.spec)),
            timeout=0.6,
            retries=1,
        )
        assert ask(settings, ("good.test", "MX")) == [LookupStatus.OK]
        assert dead.requests[("good.test", "MX")] == 1
    assert server.requests[("good.test", "MX")] == 1


def test_an_unreachable_server_is_an_error_not_a_crash() -> None:
    with LoopbackDns() as stopped:
        spec = stopped.spec
    settings = ResolverSettings(nameservers=(parse_nameserver(spec),), timeout=0.4, retries=1)
    assert ask(settings, ("good.test", "MX"))[0] in (LookupStatus.ERROR, LookupStatus.TIMEOUT)


def test_questions_in_flight_are_bounded() -> None:
    with LoopbackDns(delay=0.05) as slow:
        settings = ResolverSettings(
            nameservers=(parse_nameserver(slow.spec),), timeout=2.0, retries=0, max_in_flight=4
        )
        statuses = ask(settings, *[(f"n{i}.good.test", "A") for i in range(24)])
        assert set(statuses) == {LookupStatus.NXDOMAIN}
        assert 2 <= slow.max_in_progress <= 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("192.0.2.53", Nameserver("192.0.2.53", 53)),
        ("127.0.0.1:5353", Nameserver("127.0.0.1", 5353)),
        ("::1", Nameserver("::1", 53)),
        ("[::1]:5353", Nameserver("::1", 5353)),
        (" 2001:db8::53 ", Nameserver("2001:db8::53", 53)),
    ],
)
def test_parse_nameserver(text: str, expected: Nameserver) -> None:
    assert parse_nameserver(text) == expected


@pytest.mark.parametrize(
    "text", ["", "dns.example", "1.2.3.4:0", "1.2.3.4:70000", "[::1", "1.2.3.4:x"]
)
def test_parse_nameserver_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="bad DNS server"):
        parse_nameserver(text)


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError):
        ResolverSettings(timeout=0)
    with pytest.raises(ValueError):
        ResolverSettings(retries=9)


def test_no_nameserver_at_all_answers_error_without_asking() -> None:
    # tests/conftest.py hides the system's resolvers, as on a host without resolv.conf.
    assert ask(ResolverSettings(), ("good.test", "MX")) == [LookupStatus.ERROR]
