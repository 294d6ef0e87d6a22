"""Issue 10, items 12, 13, 16 and 17 for secrets: a ~user that does not exist, a FIFO, a
device or a huge file as a secret or key file, non-UTF-8 bytes from a pipe. Each is an
error naming the reference by kind and position (or exit 2), never a crash or a hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.secrets import (
    KEEPASS_KEYFILE_ENV,
    KEEPASS_PASSWORD_ENV,
    SecretError,
    SecretReader,
    parse_reference,
)
from tests.hostile.conftest import hostile_account, scan_process, write_hostile_inventory
from tests.passwords.conftest import KEEPASS_MASTER


def _read(folder: Path, value: str, environ: dict[str, str] | None = None) -> str:
    reader = SecretReader(folder, environ=environ or {}, ask_master_password=lambda _: None)
    with pytest.raises(SecretError) as info:
        reader.read(parse_reference(value))
    return str(info.value)


def test_tilde_of_no_such_user(tmp_path: Path) -> None:
    assert "home folder" in _read(tmp_path, "file:~no-such-user-x9/secret.txt")


def test_fifo_secret_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    assert "not a regular file" in _read(tmp_path, "file:pipe")


def test_device_secret_is_refused(tmp_path: Path) -> None:
    assert "not a regular file" in _read(tmp_path, "file:/dev/zero")


def test_oversized_secret_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"x" * 5000)
    (tmp_path / "big.txt").chmod(0o600)
    assert "larger than the limit" in _read(tmp_path, "file:big.txt")


def test_device_key_file_is_refused(keepass_db: Path) -> None:
    env = {KEEPASS_PASSWORD_ENV: KEEPASS_MASTER, KEEPASS_KEYFILE_ENV: "/dev/zero"}
    message = _read(keepass_db.parent, f"keepass:{keepass_db.name}#jkm-fb", env)
    assert "key file" in message and "not a regular file" in message


def test_fifo_keepass_database_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "db.kdbx")
    env = {KEEPASS_PASSWORD_ENV: KEEPASS_MASTER}
    assert "not a regular file" in _read(tmp_path, "keepass:db.kdbx#jkm-fb", env)


def test_scan_goes_on_past_every_bad_secret(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    accounts = [
        hostile_account("tilde", password="file:~no-such-user-x9/s.txt"),
        hostile_account("fifo", password="file:pipe"),
        hostile_account("zero", password="file:/dev/zero"),
    ]
    done = scan_process(write_hostile_inventory(tmp_path, accounts), "--check", "PWD-001")
    assert done.returncode == 0, done.stderr
    results = {r["account"]: r for r in json.loads(done.stdout)["results"]}
    for name in ("tilde", "fifo", "zero"):
        assert results[name]["status"] == "error"
        assert "file reference at " in results[name]["message"]


@pytest.mark.parametrize("data", [b"\xff\xfe\xfd\n", b"x" * 10_000 + b"\n"])
def test_password_check_refuses_bad_stdin(data: bytes) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "auditor", "password", "check", "--lang", "en"],
        input=data,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr and b"internal error" not in done.stderr
    assert b"standard input" in done.stderr
