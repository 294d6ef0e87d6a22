"""Real secret sources for the password tests: a KeePass database, a file keyring, and an
HIBP range API on loopback."""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import pytest
from pykeepass import PyKeePass
from pykeepass.pykeepass import BLANK_DATABASE_LOCATION, BLANK_DATABASE_PASSWORD

KEEPASS_MASTER = "Kp-Master-7731!"
KEEPASS_SECRETS = {"jkm-fb": "Wq8%zLr3#Hd6^Nm", "Social/mbmb-yt": "Tb5@xJk9!Vs2&Qp"}


def sha1(password: str) -> str:
    return hashlib.sha1(password.encode("utf-8")).hexdigest().upper()  # noqa: S324


@pytest.fixture(scope="session")
def keepass_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real KDBX 4 database, made once per session (the blank one takes a KDF run)."""
    path = tmp_path_factory.mktemp("keepass") / "secrets.kdbx"
    kp = PyKeePass(BLANK_DATABASE_LOCATION, BLANK_DATABASE_PASSWORD)
    # Cheap Argon2 parameters, so that every later open takes milliseconds, not a second.
    kdf = kp.kdbx.header.value.dynamic_header.kdf_parameters.data.dict
    kdf["I"].value, kdf["M"].value = 2, 1024 * 1024
    kp.filename, kp.password = str(path), KEEPASS_MASTER
    kp.add_entry(kp.root_group, "jkm-fb", "korporat", KEEPASS_SECRETS["jkm-fb"])
    social = kp.add_group(kp.root_group, "Social")
    kp.add_entry(social, "mbmb-yt", "media", KEEPASS_SECRETS["Social/mbmb-yt"])
    kp.add_entry(social, "empty", "nobody", "")
    kp.save()
    return path


@pytest.fixture
def keepass_db(keepass_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "secrets.kdbx"
    shutil.copy(keepass_template, target)
    return target


class FileKeyring(keyring.backend.KeyringBackend):
    """A keyring backend keeping its entries in a JSON file (like keyrings.alt's plaintext
    one): the real keyring API, without touching the machine's own keyring."""

    priority = 1

    def __init__(self, path: Path) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.path = path

    def _load(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        data: dict[str, str] = json.loads(self.path.read_text("utf-8"))
        return data

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\0{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\0{username}"] = password
        self.path.write_text(json.dumps(data), "utf-8")
        self.path.chmod(0o600)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        data.pop(f"{service}\0{username}", None)
        self.path.write_text(json.dumps(data), "utf-8")


@pytest.fixture
def file_keyring(tmp_path: Path) -> Iterator[FileKeyring]:
    previous = keyring.get_keyring()
    backend = FileKeyring(tmp_path / "keyring.json")
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@dataclass
class RangeApi:
    """What the fake Pwned Passwords server knows and what it was asked."""

    breached: dict[str, int] = field(default_factory=dict)  # full SHA-1 -> count
    failures_first: int = 0  # answer 503 to this many requests first
    bogus_body: str | None = None  # answer 200 with this instead of a range list
    stall: float = 0.0  # seconds to wait before answering (a stalled mirror)
    in_flight: int = 0
    most_in_flight: int = 0  # the most requests being answered at once
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    url: str = ""

    def body(self, prefix: str) -> str:
        lines = [f"{h[5:]}:{n}" for h, n in self.breached.items() if h.startswith(prefix)]
        # Padding as the real API sends it: made-up suffixes with a count of 0.
        lines += [
            f"{hashlib.sha1(f'pad{i}'.encode()).hexdigest().upper()[5:]}:0"  # noqa: S324
            for i in range(20)
        ]
        return "\r\n".join(lines)


def _handler(api: RangeApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            api.requests.append((self.path, dict(self.headers.items())))
            with api.lock:
                api.in_flight += 1
                api.most_in_flight = max(api.most_in_flight, api.in_flight)
            try:
                self._answer()
            finally:
                with api.lock:
                    api.in_flight -= 1

        def _answer(self) -> None:
            if api.stall:
                time.sleep(api.stall)
            if api.failures_first > 0:
                api.failures_first -= 1
                self._send(503, "busy", {"Retry-After": "0"})
                return
            parts = self.path.split("/")
            if len(parts) != 3 or parts[1] != "range" or len(parts[2]) != 5:
                self._send(400, "bad request")
                return
            bogus = api.bogus_body
            self._send(200, api.body(parts[2].upper()) if bogus is None else bogus)

        def _send(self, status: int, text: str, headers: dict[str, str] | None = None) -> None:
            data = text.encode()
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def range_api(monkeypatch: pytest.MonkeyPatch) -> Iterator[RangeApi]:
    api = RangeApi()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(api))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv("AUDITOR_HIBP_API_URL", api.url)
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def write_breach_list(path: Path, passwords: dict[str, int], filler: int = 3000) -> Path:
    """A sorted HIBP-format file with the given passwords among made-up hashes."""
    rows = {sha1(p): n for p, n in passwords.items()}
    for i in range(filler):
        rows.setdefault(sha1(f"filler-{i}"), i + 1)
    path.write_bytes("".join(f"{h}:{n}\r\n" for h, n in sorted(rows.items())).encode())
    return path
