"""An RFC 3161 timestamp server on loopback: real HTTP, real signed tokens (pyHanko's
``DummyTimeStamper`` answers each request with the test TSA's key)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from asn1crypto import keys, tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from tests.signing.pki import Issued


def _responder(tsa: Issued) -> DummyTimeStamper:
    cert = asn1_x509.Certificate.load(tsa.cert.public_bytes(serialization.Encoding.DER))
    key = keys.PrivateKeyInfo.load(
        tsa.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return DummyTimeStamper(tsa_cert=cert, tsa_key=key)


@contextmanager
def timestamp_server(tsa: Issued) -> Iterator[tuple[str, list[int]]]:
    """The server's URL, and a list that records each request's size (to see it was asked)."""
    responder = _responder(tsa)
    requests: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            requests.append(len(body))
            reply = responder.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep the test output clean

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa", requests
    finally:
        server.shutdown()
        server.server_close()
