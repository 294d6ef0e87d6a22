"""A real DNS server on 127.0.0.1 for tests and benchmarks, with request counting.

Serves a zone file, never answers names under ``silent`` domains, answers SERVFAIL for
names under ``servfail`` domains and NXDOMAIN for names it does not hold. A threaded
server, so that the optional per-answer ``delay`` of concurrent requests overlaps: a pool
of worker threads rather than dnslib's thread per request, whose start-up (about 1 ms
here) would make the server, not the client, the bottleneck of the benchmark.
"""

from __future__ import annotations

import argparse
import socketserver
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from dnslib import QTYPE, RCODE, RR, DNSRecord
from dnslib.server import DNSError, DNSLogger, DNSServer

WORKERS = 256  # more than the scanner's 128 questions in flight

ZONE_FILE = Path(__file__).with_name("zones") / "test.zone"


class _PooledUDPServer(socketserver.UDPServer):
    """dnslib's UDP server shape, each request handled by a pool of worker threads."""

    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], handler: Any) -> None:
        super().__init__(address, handler)
        self.pool = ThreadPoolExecutor(max_workers=WORKERS)

    def process_request(self, request: Any, client_address: Any) -> None:
        self.pool.submit(self._handle, request, client_address)

    def _handle(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        finally:
            self.shutdown_request(request)

    def server_close(self) -> None:
        super().server_close()
        self.pool.shutdown(wait=False, cancel_futures=True)


class _QuietLogger(DNSLogger):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__(log="-recv,-send,-request,-reply,-truncated,-error,-data")


def _under(name: str, domains: frozenset[str]) -> bool:
    return any(name == d or name.endswith("." + d) for d in domains)


class _ZoneResolver:
    def __init__(self, server: LoopbackDns) -> None:
        self.server = server

    def resolve(self, request: DNSRecord, handler: Any) -> DNSRecord:
        name = str(request.q.qname).lower().rstrip(".")
        qtype = QTYPE[request.q.qtype]
        self.server.count(name, qtype)
        if _under(name, self.server.silent) or self._times_out(name, qtype):
            raise DNSError("silent domain: no reply")  # the handler then sends nothing
        with self.server.in_progress():
            if self.server.delay:
                time.sleep(self.server.delay)
            return self.answer(request, name, qtype)

    def _times_out(self, name: str, qtype: str) -> bool:
        held = self.server.records.get(name, [])
        return name in self.server.timeout_names and all(QTYPE[rr.rtype] != qtype for rr in held)

    def answer(self, request: DNSRecord, name: str, qtype: str) -> DNSRecord:
        reply = request.reply()
        if _under(name, self.server.servfail):
            reply.header.rcode = RCODE.SERVFAIL
            return reply
        records = self.server.records.get(name)
        if records is None:
            reply.header.rcode = RCODE.NXDOMAIN
            return reply
        for rr in records:
            if QTYPE[rr.rtype] == qtype:
                reply.add_answer(rr)
        return reply


class LoopbackDns:
    """Context manager: ``with LoopbackDns() as dns: dns.address, dns.port, dns.requests``."""

    def __init__(
        self,
        zone_text: str | None = None,
        *,
        silent: frozenset[str] = frozenset({"silent.test"}),
        servfail: frozenset[str] = frozenset({"servfail.test"}),
        delay: float = 0.0,
        timeout_names: frozenset[str] = frozenset(),
    ) -> None:
        text = zone_text if zone_text is not None else ZONE_FILE.read_text(encoding="utf-8")
        self.records: dict[str, list[Any]] = {}
        for rr in RR.fromZone(text):
            self.records.setdefault(str(rr.rname).lower().rstrip("."), []).append(rr)
        self.silent = silent
        self.servfail = servfail
        self.delay = delay
        # Exact names that answer the types they hold and never the others (the openspf
        # suite's TIMEOUT).
        self.timeout_names = timeout_names
        self.requests: Counter[tuple[str, str]] = Counter()
        self._lock = threading.Lock()
        self._in_progress = 0
        self.max_in_progress = 0
        self._server = DNSServer(
            _ZoneResolver(self),
            address="127.0.0.1",
            port=0,
            logger=_QuietLogger(),
            server=_PooledUDPServer,
        )
        self.address = "127.0.0.1"
        self.port: int = self._server.server.server_address[1]

    @property
    def spec(self) -> str:
        """The server as --dns-server takes it."""
        return f"{self.address}:{self.port}"

    def count(self, name: str, qtype: str) -> None:
        with self._lock:
            self.requests[(name, qtype)] += 1

    @contextmanager
    def in_progress(self) -> Iterator[None]:
        """Track how many requests are being answered at once (the peak is ``max_in_progress``)."""
        with self._lock:
            self._in_progress += 1
            self.max_in_progress = max(self.max_in_progress, self._in_progress)
        try:
            yield
        finally:
            with self._lock:
                self._in_progress -= 1

    def total_requests(self) -> int:
        with self._lock:
            return sum(self.requests.values())

    def __enter__(self) -> LoopbackDns:
        # A short poll interval: shutdown() waits for it, and tests start many servers.
        thread = threading.Thread(
            target=self._server.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        thread.start()
        self._thread = thread
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.server.shutdown()
        self._server.server.server_close()
        self._thread.join(timeout=5)


def main() -> None:
    """Serve in a process of its own (benchmarks): print the port, serve until stdin closes,
    then print the request count and the peak of answers in progress."""
    parser = argparse.ArgumentParser(description="loopback DNS server for benchmarks")
    parser.add_argument("zone", type=Path)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    with LoopbackDns(args.zone.read_text(encoding="utf-8"), delay=args.delay) as server:
        print(server.port, flush=True)
        sys.stdin.read()
    print(server.total_requests(), server.max_in_progress, flush=True)


if __name__ == "__main__":
    main()
