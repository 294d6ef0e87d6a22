"""`auditor password check`: hidden prompt or one stdin line, rules and strength, exit 0/1."""

from __future__ import annotations

import os
import pty
import select
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from tests.passwords.conftest import write_breach_list
from tests.passwords.test_scan import account, write_inventory

STRONG = "Qv7#rTz!9wLp$Xk2"
ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], line: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["password", "check", *args], input=line + "\n")
    return result.exit_code, result.output


def test_strong_password_meets_policy() -> None:
    code, output = run(["--lang", "en"], STRONG)
    assert code == 0
    assert "meets the DKICT 7.32.2 policy" in output and "4/4" in output
    assert STRONG not in output


def test_weak_password_lists_rules() -> None:
    code, output = run(["--lang", "en"], "Melaka2024!")
    assert code == 1
    assert "shorter than 12 characters" in output
    assert "a common password or a single word" in output
    assert "Melaka2024" not in output


def test_malay_output_by_default() -> None:
    code, output = run([], "sayang")
    assert code == 1 and "tiada huruf besar" in output


def test_empty_input_is_usage_error() -> None:
    assert run([], "")[0] == 2


def test_names_from_inventory(tmp_path: Path) -> None:
    path = write_inventory(tmp_path, [account("jkm-fb", None)])
    candidate = "Kx9#HandleJkmfb!q7"
    assert run(["--lang", "en"], candidate)[0] == 0
    code, output = run(["--lang", "en", "--inventory", str(path), "--account", "jkm-fb"], candidate)
    assert code == 1 and "contains the handle" in output
    code, _ = run(["--inventory", str(path), "--account", "nope"], candidate)
    assert code == 2


def test_policy_from_inventory(tmp_path: Path) -> None:
    path = write_inventory(tmp_path, [])
    text = path.read_text("utf-8") + "policy:\n  password_min_length: 20\n"
    path.write_text(text, "utf-8")
    code, output = run(["--lang", "en", "--inventory", str(path)], STRONG)
    assert code == 1 and "shorter than 20 characters" in output


def test_breach_list(tmp_path: Path) -> None:
    breach = write_breach_list(tmp_path / "pwned.txt", {STRONG: 9})
    code, output = run(["--lang", "en", "--breach-list", str(breach)], STRONG)
    assert code == 1 and "breached" in output


@pytest.mark.skipif(sys.platform != "linux", reason="needs a pseudo-terminal")
def test_hidden_prompt_on_a_terminal() -> None:
    pid, fd = pty.fork()
    if pid == 0:  # the child: the auditor on a terminal of its own
        os.chdir(ROOT)
        os.environ["PYTHONPATH"] = str(ROOT)
        command = [sys.executable, "-m", "auditor", "password", "check", "--lang", "en"]
        os.execv(sys.executable, command)  # noqa: S606 (no shell wanted)
    seen = _read_until(fd, b"not shown")
    os.write(fd, STRONG.encode() + b"\n")
    seen += _read_until(fd, None)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    assert b"meets the DKICT" in seen
    assert STRONG.encode() not in seen  # the terminal never echoed it


def _read_until(fd: int, marker: bytes | None, timeout: float = 20.0) -> bytes:
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (marker is None or marker not in data):
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            data += chunk
    return data
