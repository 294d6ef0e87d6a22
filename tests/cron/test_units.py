"""The README's crontab line and the systemd service + timer pair: read back, checked, and
run (the same command line) against a loopback mail server."""

from __future__ import annotations

import configparser
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cron.inventories import write_inventory
from tests.cron.processes import ROOT, auditor, environment, finish
from tests.cron.smtp import smtp_server

UNITS = ROOT / "docs" / "cron"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string((UNITS / name).read_text("utf-8"))
    return parser


def crontab_line() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Running it from cron", 1)[1]
    block = re.search(r"```cron\n(.*?)```", section, re.S)
    assert block is not None
    (line,) = [ln for ln in block.group(1).splitlines() if ln and not ln.startswith("#")]
    return line


def run_as_cron(command: list[str], tmp_path: Path) -> tuple[int, str, str, int]:
    """Run ``command`` (an auditor command line) on a test inventory: exit code, out, err,
    and the number of mails the loopback server received."""
    assert Path(command[0]).name == "auditor" and command[1] == "scan"
    inventory = write_inventory(tmp_path, no_mfa=frozenset({"jkm-fb"}))
    args = [str(inventory) if a.endswith("inventory.yaml") else a for a in command[2:]]
    args = [str(tmp_path / Path(a).name) if a.startswith("/var/lib/auditor/") else a for a in args]
    with smtp_server() as (inbox, port):
        env = environment(
            AUDITOR_SMTP_HOST="127.0.0.1",
            AUDITOR_SMTP_PORT=str(port),
            AUDITOR_SMTP_TLS="none",
            AUDITOR_SMTP_FROM="auditor@melaka.gov.my",
            XDG_DATA_HOME=str(tmp_path / "data"),
        )
        code, out, err = finish(auditor(["scan", *args, "--offline"], env))
        return code, out, err, len(inbox.messages)


def test_the_crontab_line_is_five_fields_and_a_scan_that_works(tmp_path: Path) -> None:
    fields = crontab_line().split(None, 5)
    assert fields[:5] == ["0", "2", "*", "*", "*"]
    command = shlex.split(fields[5])
    assert "--quiet" in command and "--notify" in command
    code, out, err, mails = run_as_cron(command, tmp_path)
    assert (code, mails) == (1, 1), err  # a new failure: exit 1 and one mail
    assert "jkm-fb" in out


def test_the_service_and_timer_read_back(tmp_path: Path) -> None:
    service, timer = unit("auditor-scan.service"), unit("auditor-scan.timer")
    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["SuccessExitStatus"] == "1"
    assert timer["Timer"]["Unit"] == "auditor-scan.service"
    assert timer["Timer"]["OnCalendar"] == "*-*-* 02:00:00"
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"
    command = shlex.split(service["Service"]["ExecStart"])
    assert command[0].startswith("/")  # systemd wants an absolute path
    code, _, err, mails = run_as_cron(command, tmp_path)
    assert (code, mails) == (1, 1), err
    log = (tmp_path / "scan.log").read_text("utf-8")
    assert '"message": "recorded run 1' in log


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_analyze_verify(tmp_path: Path) -> None:
    # the units as installed, but pointing at this environment's auditor and an existing user
    for name in ("auditor-scan.service", "auditor-scan.timer"):
        text = (UNITS / name).read_text("utf-8")
        text = text.replace("/usr/local/bin/auditor", shutil.which("auditor") or "/bin/true")
        text = re.sub(r"^(User|Group)=.*\n", "", text, flags=re.M)
        (tmp_path / name).write_text(text, "utf-8")
    done = subprocess.run(
        [
            "systemd-analyze",
            "verify",
            str(tmp_path / "auditor-scan.timer"),
            str(tmp_path / "auditor-scan.service"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if "Failed to" in done.stderr and "bus" in done.stderr.lower():
        pytest.skip(f"systemd-analyze cannot run here: {done.stderr.strip()[:200]}")
    assert done.returncode == 0, done.stderr
