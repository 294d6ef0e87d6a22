"""How the scanner asks DNS: which nameservers, and the bounds on one question and a scan.

Plain data apart from the resolver, so that options can be parsed, and the DNS facts
imported, without loading dnspython and asyncio.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from auditor import defaults

DEFAULT_TIMEOUT = defaults.DNS_TIMEOUT
DEFAULT_RETRIES = 2
# Measured on loopback (issue 5): past about 128 outstanding questions a server stops
# answering faster and starts dropping datagrams.
DEFAULT_MAX_IN_FLIGHT = 128


@dataclass(frozen=True)
class Nameserver:
    address: str  # an IP address literal
    port: int = 53

    def __str__(self) -> str:
        host = f"[{self.address}]" if ":" in self.address else self.address
        return f"{host}:{self.port}"


def parse_nameserver(text: str) -> Nameserver:
    """``1.2.3.4``, ``1.2.3.4:5353``, ``::1`` or ``[::1]:5353``; raises ValueError otherwise."""
    value = text.strip()
    host, port = value, "53"
    if value.startswith("["):
        host, sep, rest = value[1:].partition("]")
        if not sep or (rest and not rest.startswith(":")):
            raise ValueError(f"bad DNS server {text!r}: expected [IPv6]:PORT")
        port = rest[1:] or "53"
    elif value.count(":") == 1:
        host, port = value.split(":")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise ValueError(f"bad DNS server {text!r}: expected an IP address[:PORT]") from None
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"bad DNS server {text!r}: port must be 1-65535")
    return Nameserver(str(address), int(port))


@dataclass(frozen=True)
class ResolverSettings:
    """How to ask. No nameservers means the system's (``/etc/resolv.conf``)."""

    nameservers: tuple[Nameserver, ...] = ()
    timeout: float = DEFAULT_TIMEOUT  # seconds per question, all attempts together
    retries: int = DEFAULT_RETRIES  # further attempts after a timeout, SERVFAIL or error
    max_in_flight: int = DEFAULT_MAX_IN_FLIGHT

    def __post_init__(self) -> None:
        if not self.timeout > 0:
            raise ValueError("DNS timeout must be positive")
        if not 0 <= self.retries <= 5:
            raise ValueError("DNS retries must be between 0 and 5")
        if self.max_in_flight < 1:
            raise ValueError("at least one DNS question must be allowed in flight")
