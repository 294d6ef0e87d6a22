"""Under cron: LANG=C, no HOME, no terminal; --quiet, logs for collection, history and diff."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cron.inventories import write_inventory
from tests.cron.processes import auditor, environment, finish

CHECKS = ("--check", "ACC-001", "--check", "OWN-001", "--offline", "--as-of", "2026-11-24")


def cron_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in environment().items() if k not in ("HOME", "LANG", "LC_ALL", "TERM")}
    return {**env, "LANG": "C", **extra}


def scan(inventory: Path, *extra: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    return finish(auditor(["scan", str(inventory), *CHECKS, *extra], env or cron_env()))


def test_no_home_and_no_data_folder_warns_once_and_scans_without_history(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", "utf-8")
    env = cron_env(XDG_DATA_HOME=str(blocker / "data"))  # cannot be created, even by root
    inventory = write_inventory(tmp_path, no_mfa=frozenset({"jkm-fb"}))
    code, out, err = scan(inventory, env=env)
    assert code == 1 and "jkm-fb" in out
    assert err.count("warning: cannot create the history folder") == 1, err
    code, _, err = scan(inventory, "--fail-on-new", env=env)
    assert code == 2 and "cannot create the history folder" in err
    code, _, err = scan(inventory, "--no-history", "--fail-on-new", env=env)
    assert code == 2 and "needs the history" in err


def test_the_default_history_is_in_the_user_data_folder(tmp_path: Path) -> None:
    env = cron_env(XDG_DATA_HOME=str(tmp_path / "data"))
    inventory = write_inventory(tmp_path)
    assert scan(inventory, env=env)[0] == 0
    assert (tmp_path / "data" / "auditor" / "history.db").is_file()
    assert scan(inventory, "--no-history", env=env)[0] == 0
    code, out, _ = finish(auditor(["history", "--format", "json"], env))
    assert code == 0 and len(json.loads(out)) == 1  # --no-history recorded nothing


def test_quiet_prints_nothing_unless_something_needs_attention(tmp_path: Path) -> None:
    history = str(tmp_path / "h.db")
    clean = write_inventory(tmp_path, name="clean.yaml")
    assert scan(clean, "--quiet", "--history", history) == (0, "", "")
    # the report is written, and no library's notice (WeasyPrint's fonts) reaches cron's mail
    report = tmp_path / "audit.pdf"
    assert scan(clean, "--quiet", "--history", history, "--report", str(report)) == (0, "", "")
    assert report.stat().st_size > 0
    broken = write_inventory(tmp_path, no_mfa=frozenset({"jkm-fb"}), name="broken.yaml")
    code, out, err = scan(broken, "--quiet", "--history", history, "--fail-on-new")
    assert code == 1 and "jkm-fb" in out and err == ""
    # still failing, nothing new: quiet again
    assert scan(broken, "--quiet", "--history", history, "--fail-on-new") == (0, "", "")


def test_log_file_in_json_lines(tmp_path: Path) -> None:
    log = tmp_path / "auditor.log"
    inventory = write_inventory(tmp_path)
    args = ("--history", str(tmp_path / "h.db"), "--log-file", str(log), "--log-format", "json")
    code, out, err = scan(inventory, "--quiet", *args)
    assert (code, out, err) == (0, "", "")
    lines = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    assert any(line["message"].startswith("recorded run 1") for line in lines), lines
    assert all(line["level"] in ("info", "warning", "error") for line in lines)
    assert scan(inventory, "--log-file", str(tmp_path / "missing" / "x.log"))[0] == 2


def test_history_lists_runs_and_diff_compares_the_last_two(tmp_path: Path) -> None:
    history = str(tmp_path / "h.db")
    env = cron_env()
    assert finish(auditor(["history", "--history", history], env))[0] == 2  # none yet
    first = write_inventory(tmp_path, no_mfa=frozenset({"jkm-fb"}), name="a.yaml")
    scan(first, "--history", history)
    code, _, err = finish(auditor(["diff", "--history", history], env))
    assert code == 2 and "needs two runs" in err
    second = write_inventory(tmp_path, no_mfa=frozenset({"jkm-x"}), name="b.yaml")
    scan(second, "--history", history)
    code, out, _ = finish(auditor(["history", "--history", history], env))
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:4] == ["run", "started_at", "as_of", "score"]
    assert [line.split()[0] for line in lines[1:]] == ["1", "2"]
    code, out, _ = finish(auditor(["diff", "--history", history, "--format", "json"], env))
    found = json.loads(out)
    assert code == 0 and set(found) >= {"new", "resolved", "still_failing"}
    assert [r["account"] for r in found["new"]] == ["jkm-x"]
    assert [r["account"] for r in found["resolved"]] == ["jkm-fb"]
    assert found["new"][0]["title"] and found["still_failing"] == []
    code, out, _ = finish(auditor(["diff", "1", "2", "--history", history, "--lang", "en"], env))
    assert code == 0 and "New failures: 1" in out and "Resolved: 1" in out
    code, _, err = finish(auditor(["diff", "1", "7", "--history", history], env))
    assert code == 2 and "no run 7" in err
    assert Path(history).stat().st_mode & 0o077 == 0  # the history is the user's alone
