"""Two real scans against one history: the lock; and a scan killed half-way (SIGKILL)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.cron.inventories import write_inventory
from tests.cron.processes import (
    auditor,
    environment,
    finish,
    locked,
    silent_dns,
    wait_until_locked,
)

SLOW = ("--check", "DOM-001", "--check", "ACC-001", "--as-of", "2026-11-24")


def scan_args(inventory: Path, history: Path, *extra: str) -> list[str]:
    return [
        "scan",
        str(inventory),
        "--history",
        str(history),
        "--format",
        "json",
        "--fail-on",
        "never",
        *extra,
    ]


def slow_scan(inventory: Path, history: Path, dns: str, seconds: int) -> list[str]:
    # DOM-001 asks a DNS server that never answers: the scan waits up to --dns-timeout
    return scan_args(inventory, history, *SLOW, "--dns-server", dns, "--dns-timeout", str(seconds))


def run_ids(history: Path) -> list[int]:
    with sqlite3.connect(history) as db:
        return [row[0] for row in db.execute("SELECT id FROM runs ORDER BY id")]


def test_a_second_scan_exits_2_at_once_or_waits_with_wait(tmp_path: Path) -> None:
    inventory = write_inventory(tmp_path)
    history = tmp_path / "history.db"
    with silent_dns() as dns:
        first = auditor(slow_scan(inventory, history, dns, 4))
        wait_until_locked(history.with_name("history.db.lock"), first)
        code, out, err = finish(auditor(scan_args(inventory, history, "--offline")))
        assert code == 2 and out == ""
        assert "another scan is using the history" in err and "--wait" in err
        waiting = auditor(scan_args(inventory, history, "--offline", "--wait", "60"))
        assert finish(first)[0] == 0
        code, out, err = finish(waiting)
    assert code == 0, err
    assert run_ids(history) == [1, 2]


def test_a_scan_killed_half_way_leaves_the_history_as_it_was(tmp_path: Path) -> None:
    inventory = write_inventory(tmp_path, no_mfa=frozenset({"jkm-fb"}))
    history = tmp_path / "history.db"
    lock = history.with_name("history.db.lock")
    assert finish(auditor(scan_args(inventory, history, "--offline")))[0] == 0
    with sqlite3.connect(history) as db:
        before = db.execute("SELECT * FROM spans ORDER BY id").fetchall()
    with silent_dns() as dns:
        victim = auditor(slow_scan(inventory, history, dns, 30))
        wait_until_locked(lock, victim)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)
    assert victim.returncode == -signal.SIGKILL
    assert not locked(lock)  # the kernel let go of the dead scan's lock
    with sqlite3.connect(history) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT * FROM spans ORDER BY id").fetchall() == before
    assert run_ids(history) == [1]
    code, _, err = finish(auditor(scan_args(inventory, history, "--offline")))
    assert code == 0, err
    assert run_ids(history) == [1, 2]


# The real scan, killed by SIGKILL inside the history's transaction: after the run, its
# scores and its results are written, before COMMIT.
EVERY_RUN_AND_SPAN = ("SELECT * FROM runs ORDER BY id", "SELECT * FROM spans ORDER BY id")
KILLED_WHILE_RECORDING = """
import os, runpy, signal, sys
import auditor.history.store as store
written = store._record_spans
def write_then_die(*args, **kwargs):
    written(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
store._record_spans = write_then_die
sys.argv = ["auditor", *sys.argv[1:]]
runpy.run_module("auditor", run_name="__main__")
"""


def test_a_scan_killed_while_recording_leaves_the_history_as_it_was(tmp_path: Path) -> None:
    inventory = write_inventory(tmp_path, no_mfa=frozenset({"jkm-fb"}))
    history = tmp_path / "history.db"
    assert finish(auditor(scan_args(inventory, history, "--offline")))[0] == 0
    with sqlite3.connect(history) as db:
        before = [db.execute(query).fetchall() for query in EVERY_RUN_AND_SPAN]
    killed = inventory.with_name("other.yaml")  # another inventory: every span would change
    killed.write_text(inventory.read_text("utf-8").replace("mfa: true", "mfa: false"), "utf-8")
    victim = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_RECORDING, *scan_args(killed, history, "--offline")],
        env=environment(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert victim.returncode == -signal.SIGKILL, victim.stderr
    with sqlite3.connect(history) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        after = [db.execute(query).fetchall() for query in EVERY_RUN_AND_SPAN]
    assert after == before
    code, _, err = finish(auditor(scan_args(inventory, history, "--offline")))
    assert code == 0, err
    assert len(run_ids(history)) == 2


WRITER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("DELETE FROM spans")  # a write in progress, not committed
print("writing", flush=True)
sys.stdin.read()
"""


def test_readers_are_not_blocked_by_a_writer_in_another_process(tmp_path: Path) -> None:
    inventory = write_inventory(tmp_path, no_mfa=frozenset({"jkm-fb"}))
    history = tmp_path / "history.db"
    for _ in range(2):
        assert finish(auditor(scan_args(inventory, history, "--offline")))[0] == 0
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(history)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        code, out, err = finish(auditor(["history", "--history", str(history)]), timeout=20)
        assert code == 0 and len(out.splitlines()) == 3, err
        code, out, err = finish(
            auditor(["diff", "--history", str(history), "--format", "json"]), timeout=20
        )
        assert code == 0 and "jkm-fb" in out, err  # the uncommitted delete is not seen
    finally:
        writer.communicate("", timeout=10)
