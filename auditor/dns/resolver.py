"""The one DNS seam: every question the scanner asks goes through ``query``.

``query`` takes a ``DnsSession`` (the resolver settings, a cache and a bound on questions in
flight, created once per scan) so that a scan asks each question at most once, never has
more than ``max_in_flight`` datagrams outstanding, and spends at most ``timeout`` seconds on
a name that never answers, retries included.
"""

from __future__ import annotations

import asyncio
import ipaddress

import dns.asyncquery
import dns.exception
import dns.message
import dns.rcode
import dns.rdatatype
import dns.resolver

from auditor.dns.records import Lookup, LookupStatus, normalise_name
from auditor.dns.settings import Nameserver, ResolverSettings

# Large enough for long SPF TXT answers without falling back to TCP, small enough to avoid
# IP fragmentation (the 2020 DNS flag day value).
EDNS_PAYLOAD = 1232


def system_nameservers() -> tuple[Nameserver, ...]:
    """The nameservers of the system configuration, read once per scan."""
    try:
        system = dns.resolver.Resolver(configure=True)
    except dns.resolver.NoResolverConfiguration:
        return ()
    return tuple(Nameserver(str(ns), system.port) for ns in system.nameservers if _is_ip(str(ns)))


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


class DnsSession:
    """Per-scan state: settings, the answers so far, and the bound on questions in flight.

    Used from one event loop. The cache holds tasks rather than answers so that two
    coroutines asking the same question at once share one datagram.
    """

    def __init__(self, settings: ResolverSettings) -> None:
        self.settings = settings
        # None configured anywhere: every question is answered ERROR, and the scan goes on.
        self.nameservers = settings.nameservers or system_nameservers()
        self.datagrams_sent = 0
        self._cache: dict[tuple[str, str], asyncio.Task[Lookup]] = {}
        self._in_flight = asyncio.Semaphore(settings.max_in_flight)


async def query(session: DnsSession, name: str, rdtype: str) -> Lookup:
    """The answer to (name, rdtype): from this scan's cache, or asked with bounded retries."""
    key = (normalise_name(name), rdtype.upper())
    task = session._cache.get(key)
    if task is None:
        task = asyncio.ensure_future(_resolve(session, *key))
        session._cache[key] = task
    # Shielded: one caller being cancelled must not cancel the answer others wait for.
    return await asyncio.shield(task)


async def _resolve(session: DnsSession, name: str, rdtype: str) -> Lookup:
    settings = session.settings
    attempts = settings.retries + 1
    # The timeout is the whole budget of the question, split across its attempts, so a
    # name that never answers costs at most settings.timeout.
    per_attempt = settings.timeout / attempts
    status: LookupStatus = LookupStatus.ERROR if not session.nameservers else LookupStatus.TIMEOUT
    records: tuple[str, ...] = ()
    for attempt in range(attempts if session.nameservers else 0):
        server = session.nameservers[attempt % len(session.nameservers)]
        status, records = await _ask(session, server, name, rdtype, per_attempt)
        if status.is_definite:
            break
    return Lookup(name, rdtype, status, records)


async def _ask(
    session: DnsSession, server: Nameserver, name: str, rdtype: str, timeout: float
) -> tuple[LookupStatus, tuple[str, ...]]:
    try:
        request = dns.message.make_query(name, rdtype, use_edns=0, payload=EDNS_PAYLOAD)
    except dns.exception.DNSException:
        # A name no DNS message can carry (a label over 63 octets, a name over 255): the
        # question cannot be asked, which is an error of this lookup, not of the scan.
        return LookupStatus.ERROR, ()
    async with session._in_flight:
        session.datagrams_sent += 1
        try:
            # wait_for bounds the UDP attempt and any TCP fallback together.
            response, _ = await asyncio.wait_for(
                dns.asyncquery.udp_with_fallback(
                    request, server.address, timeout=timeout, port=server.port
                ),
                timeout,
            )
        except (TimeoutError, dns.exception.Timeout):
            return LookupStatus.TIMEOUT, ()
        except (OSError, dns.exception.DNSException):
            return LookupStatus.ERROR, ()
    return _interpret(response, rdtype)


def _interpret(response: dns.message.Message, rdtype: str) -> tuple[LookupStatus, tuple[str, ...]]:
    rcode = response.rcode()
    if rcode == dns.rcode.NXDOMAIN:
        return LookupStatus.NXDOMAIN, ()
    if rcode == dns.rcode.SERVFAIL:
        return LookupStatus.SERVFAIL, ()
    if rcode != dns.rcode.NOERROR:
        return LookupStatus.ERROR, ()
    wanted = dns.rdatatype.from_text(rdtype)
    records = tuple(
        _rdata_text(rdata) for rrset in response.answer if rrset.rdtype == wanted for rdata in rrset
    )
    return (LookupStatus.OK, records) if records else (LookupStatus.NODATA, ())


def _rdata_text(rdata: object) -> str:
    strings = getattr(rdata, "strings", None)
    if strings is not None:
        # A TXT record may be split into several strings; SPF and DMARC join them without
        # a separator (RFC 7208 section 3.3).
        return b"".join(strings).decode("utf-8", errors="replace")
    text: str = rdata.to_text()  # type: ignore[attr-defined]
    # Names without the root dot, except the root itself (a null MX is "0 .", RFC 7505).
    return text[:-1] if text.endswith(".") and not text.endswith(" .") else text
