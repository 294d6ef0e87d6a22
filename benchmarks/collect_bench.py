"""Prints how fast the collectors read 1,000 accounts from a loopback server answering each
request after 50 ms, at --concurrency 32 and one at a time, against the latency bound
(requests x 50 ms / concurrency). Goal: within 1.5x of the bound, and at least 20x faster
than one at a time.

One at a time is measured on a sample of 50 accounts (the same mix) and extrapolated.
Run: python -m benchmarks.collect_bench [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import multiprocessing
import os
import socket
import statistics
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, cast

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from auditor.facts.collected import CollectSettings, collect_profiles
from auditor.facts.model import CollectedProfile
from auditor.inventory.loaded import LoadedInventory
from auditor.inventory.model import Inventory
from auditor.web import WebSettings
from tests.collectors.platforms import FakePlatforms, Shown

LATENCY = 0.050
ACCOUNTS = 1000
SAMPLE = 50
MIX = ("facebook", "x", "youtube", "instagram")  # youtube makes 2 requests per account
TOKEN = "bench-token-0123456789"  # noqa: S105 (made up, for the loopback server)


def inventory(count: int) -> LoadedInventory:
    accounts = [
        {
            "id": f"a{i}",
            "platform": MIX[i % len(MIX)],
            "owner": "agency",
            "handle": f"akaun{i}",
        }
        for i in range(count)
    ]
    document = {
        "version": 1,
        "organisation": {"name": "Kerajaan Negeri Melaka", "official_domains": ["melaka.gov.my"]},
        "agencies": [{"id": "jkm", "name": "Jabatan Ketua Menteri Melaka", "accounts": accounts}],
    }
    return LoadedInventory(
        path=Path("bench.yaml"), sha256="0" * 64, inventory=Inventory.model_validate(document)
    )


class _KeepAliveServer:
    """The part of pytest-httpserver FakePlatforms uses, on the standard library's threaded
    HTTP/1.1 server, which keeps connections open as the platforms' servers do (werkzeug's
    development server, under pytest-httpserver, closes every connection: the benchmark
    would measure TCP set-up, not the collectors)."""

    def __init__(self) -> None:
        self._handler: Callable[[Request], Response] | None = None
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # Headers and body go out as two writes: without this, Nagle's algorithm
                # and the client's delayed ACK add up to 40 ms to every kept-alive answer.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_GET(self) -> None:
                outer._answer(self)

            do_POST = do_GET

            def log_message(self, format: str, *args: Any) -> None:
                pass  # its request lines hold the keys

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def url_for(self, suffix: str) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/{suffix.lstrip('/')}"

    def expect_request(self, uri: object) -> _KeepAliveServer:
        return self

    def respond_with_handler(self, handler: Callable[[Request], Response]) -> None:
        self._handler = handler

    def _answer(self, http: BaseHTTPRequestHandler) -> None:
        assert self._handler is not None
        length = int(http.headers.get("Content-Length") or 0)
        path, _, query = http.path.partition("?")
        # The least of WSGI that werkzeug's Request reads: built by hand, as werkzeug's
        # EnvironBuilder costs more CPU than the collectors' whole request.
        environ = {
            "REQUEST_METHOD": http.command,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "CONTENT_LENGTH": str(length),
            "CONTENT_TYPE": http.headers.get("Content-Type", ""),
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": str(self._server.server_port),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(http.rfile.read(length) if length else b""),
            **{
                f"HTTP_{name.upper().replace('-', '_')}": value
                for name, value in http.headers.items()
            },
        }
        response = self._handler(Request(environ))
        body = response.get_data()
        http.send_response(response.status_code)
        for name, value in response.headers.items():
            if name.lower() not in ("content-length", "connection"):
                http.send_header(name, value)
        http.send_header("Content-Length", str(len(body)))
        http.end_headers()
        http.wfile.write(body)

    def stop(self) -> None:
        self._server.shutdown()


def serve(pipe: Connection) -> None:
    """The platforms, in a process of their own: their CPU is not the collectors' GIL."""
    server = _KeepAliveServer()
    fake = FakePlatforms(cast(HTTPServer, server), TOKEN, latency=LATENCY)
    when = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
    for i in range(ACCOUNTS):
        fake.shown[(MIX[i % len(MIX)], f"akaun{i}")] = Shown(
            name=f"Rasmi {i}", bio="Penafian.", last_post=when
        )
    pipe.send(fake.env())
    while pipe.recv() == "count":  # how many requests since the last count
        pipe.send(len(fake.seen))
        fake.seen.clear()
    server.stop()


def measure(pipe: Connection, count: int, concurrency: int) -> tuple[float, int, float]:
    source = inventory(count)
    settings = CollectSettings(web=WebSettings(timeout=15, concurrency=concurrency), pictures=False)
    started, cpu = time.perf_counter(), time.process_time()
    found = collect_profiles(source, source.inventory.accounts(), settings)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    read = sum(isinstance(r, CollectedProfile) for r in found.values())
    assert read == count, f"only {read} of {count} accounts were read"
    pipe.send("count")
    return elapsed, int(pipe.recv()), cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    ours, theirs = multiprocessing.Pipe()
    child = multiprocessing.Process(target=serve, args=(theirs,), daemon=True)
    child.start()
    try:
        os.environ.update(ours.recv())
        wide = [measure(ours, ACCOUNTS, 32) for _ in range(runs)]
        narrow = [measure(ours, SAMPLE, 1) for _ in range(runs)]
    finally:
        ours.send("stop")
        child.join(timeout=10)
    wide_time = statistics.median(t for t, _, _ in wide)
    wide_cpu = statistics.median(c for _, _, c in wide)
    requests = wide[0][1]
    bound = requests * LATENCY / 32
    one_time = statistics.median(t for t, _, _ in narrow) * ACCOUNTS / SAMPLE
    one_bound = narrow[0][1] * LATENCY * ACCOUNTS / SAMPLE
    print(
        f"{ACCOUNTS} accounts over {len(MIX)} platforms, {requests} requests, "
        f"{LATENCY * 1000:.0f} ms each"
    )
    print(
        f"--concurrency 32: median {wide_time:.2f} s of {runs}; bound {bound:.2f} s; "
        f"{wide_time / bound:.2f}x the bound (goal <= 1.5x)"
    )
    print(
        f"--concurrency 1:  median {one_time:.1f} s (sample of {SAMPLE}, extrapolated); "
        f"bound {one_bound:.1f} s"
    )
    print(f"speed-up: {one_time / wide_time:.1f}x (goal >= 20x)")
    # Where the time above the bound goes: the collectors' own CPU (the loopback server
    # runs in another process, but on the same cores).
    print(
        f"collectors' CPU at --concurrency 32: {wide_cpu:.2f} s "
        f"({wide_cpu / requests * 1000:.2f} ms per request); load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
