"""The command line through Typer's runner and through real subprocesses, as cron runs it."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.inventory.loader import load_inventory

AS_OF = ["--as-of", "2026-11-24", "--offline"]
JAWI = "جابتن اݢام اسلام ملاک"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_validate_accepts_the_sample(runner: CliRunner, sample_inventory: Path) -> None:
    result = runner.invoke(app, ["validate", str(sample_inventory)])
    assert result.exit_code == 0, result.output
    assert "13 accounts" in result.output


def test_validate_reports_every_problem_with_its_position(
    runner: CliRunner, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\norganisation: {name: X, official_domains: [melaka.gov.my]}\nagencies:\n"
        "  - id: jkm\n    name: JKM\n    accounts:\n"
        "      - id: a\n        platform: myspace\n        owner: agency\n"
        "        login_emial: a@melaka.gov.my\n        password_changed: 2026-13-45\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert any(line.startswith(f"{bad}:8:") and "platform" in line for line in lines), lines
    assert any(line.startswith(f"{bad}:10:") and "login_email" in line for line in lines), lines
    assert any(line.startswith(f"{bad}:11:") for line in lines), lines


def test_missing_inventory_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["scan", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "nope.yaml" in result.output


@pytest.mark.parametrize("value", ["0", "two", "-1", "²"])  # "²".isdigit(), not int()-able
def test_workers_must_be_a_count(
    runner: CliRunner, sample_inventory: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("AUDITOR_WORKERS", value)
    result = runner.invoke(app, ["scan", str(sample_inventory), "--offline", "--no-history"])
    assert result.exit_code == 2
    assert "AUDITOR_WORKERS" in result.output


@pytest.mark.parametrize(
    ("checks", "fail_on", "code"),
    [
        ([], "high", 1),
        ([], "critical", 1),  # pertanian-telegram's password is in clear text (PWD-003)
        ([], "never", 0),
        (["--check", "ACC-004"], "high", 0),  # only a medium failure
        (["--check", "ACC-004"], "medium", 1),
        (["--check", "PRF-004"], "medium", 0),  # only a low failure
        (["--check", "PRF-004"], "low", 1),
    ],
)
def test_exit_code_follows_fail_on(
    runner: CliRunner, sample_inventory: Path, checks: list[str], fail_on: str, code: int
) -> None:
    command = ["scan", str(sample_inventory), *AS_OF, *checks, "--fail-on", fail_on]
    result = runner.invoke(app, command)
    assert result.exit_code == code, result.output


def test_json_results_follow_the_design(runner: CliRunner, sample_inventory: Path) -> None:
    result = runner.invoke(
        app,
        [
            "scan",
            str(sample_inventory),
            *AS_OF,
            "--format",
            "json",
            "--lang",
            "en",
            "--fail-on",
            "never",
        ],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["schema"] == "auditor.scan/1"
    assert document["organisation"]["name"] == "Kerajaan Negeri Melaka"
    assert document["inventory"]["sha256"] == load_inventory(sample_inventory).sha256
    assert document["summary"]["accounts"] == 13
    assert document["summary"]["fail"] == sum(r["status"] == "fail" for r in document["results"])
    assert {a["id"] for a in document["agencies"]} >= {"jkm", "mbmb", "perzim"}
    first = next(
        r for r in document["results"] if r["check"] == "OWN-002" and r["status"] == "fail"
    )
    assert first["account"] == "mbmb-facebook" and first["agency"] == "mbmb"
    assert first["references"] == ["GP 13(15)", "GP 8"]
    assert "free-mail" in first["message"] and first["remediation"]
    domain_results = [
        r for r in document["results"] if r["check"].startswith("DOM-00") and r["account"] is None
    ]
    assert all(r["agency"] is None for r in domain_results)
    assert JAWI in result.stdout


def test_selection_narrows_results(runner: CliRunner, sample_inventory: Path) -> None:
    result = runner.invoke(
        app,
        [
            "scan",
            str(sample_inventory),
            *AS_OF,
            "--format",
            "json",
            "--check",
            "acc-001",
            "--agency",
            "jkm",
            "--agency",
            "jaim",
        ],
    )
    document = json.loads(result.stdout)
    assert {r["check"] for r in document["results"]} == {"ACC-001"}
    assert {r["agency"] for r in document["results"]} == {"jkm", "jaim"}
    assert result.exit_code == 1  # jkm-x and jaim-threads have MFA off


@pytest.mark.parametrize(
    "option",
    [
        ["--check", "XYZ-001"],
        ["--agency", "nope"],
        ["--format", "xml"],
        ["--fail-on", "sometimes"],
        ["--as-of", "2026-13-45"],
    ],
)
def test_bad_options_exit_2(runner: CliRunner, sample_inventory: Path, option: list[str]) -> None:
    result = runner.invoke(app, ["scan", str(sample_inventory), *option])
    assert result.exit_code == 2, result.output


def test_csv_output_to_file(runner: CliRunner, sample_inventory: Path, tmp_path: Path) -> None:
    target = tmp_path / "results.csv"
    result = runner.invoke(
        app,
        [
            "scan",
            str(sample_inventory),
            *AS_OF,
            "--format",
            "csv",
            "--output",
            str(target),
            "--fail-on",
            "never",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0].keys() >= {"check", "status", "severity", "agency", "account", "message"}
    assert any(
        r["check"] == "ACC-001" and r["account"] == "jkm-x" and r["status"] == "fail" for r in rows
    )
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file is left behind"


def test_sarif_points_at_the_account_line(runner: CliRunner, sample_inventory: Path) -> None:
    result = runner.invoke(app, ["scan", str(sample_inventory), *AS_OF, "--format", "sarif"])
    document = json.loads(result.stdout)
    results = document["runs"][0]["results"]
    mfa = next(r for r in results if r["ruleId"] == "ACC-001" and "jkm-x" in r["message"]["text"])
    line = mfa["locations"][0]["physicalLocation"]["region"]["startLine"]
    text = sample_inventory.read_text(encoding="utf-8").splitlines()
    assert "id: jkm-x" in text[line - 1]


def test_checks_lists_the_catalogue(runner: CliRunner) -> None:
    result = runner.invoke(app, ["checks", "--format", "json", "--lang", "en"])
    entries = json.loads(result.stdout)
    assert len(entries) == 26
    assert {"id", "title", "severity", "references"} <= entries[0].keys()
    text = runner.invoke(app, ["checks"])
    assert text.exit_code == 0 and "OWN-001" in text.stdout


def test_init_writes_a_starter_that_validates(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "inventory.yaml"
    assert runner.invoke(app, ["init", str(target)]).exit_code == 0
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0
    again = runner.invoke(app, ["init", str(target)])
    assert again.exit_code == 2 and "--force" in again.output
    assert runner.invoke(app, ["init", str(target), "--force"]).exit_code == 0


def _cron_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "LANG", "LC_ALL", "TERM")}
    env["LANG"] = "C"
    return env


def test_installed_script_under_cron(sample_inventory: Path, tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "auditor"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "auditor"]
    done = subprocess.run(
        [*command, "scan", str(sample_inventory), *AS_OF],
        capture_output=True,
        env=_cron_env(),
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 1
    out = done.stdout.decode("utf-8")
    assert "\x1b[" not in out, "no colour codes without a terminal"
    assert "jkm-x" in out
    for fmt in ("json", "csv"):
        done = subprocess.run(
            [*command, "scan", str(sample_inventory), *AS_OF, "--format", fmt],
            capture_output=True,
            env=_cron_env(),
            cwd=tmp_path,
            check=False,
        )
        assert JAWI in done.stdout.decode("utf-8"), fmt


def test_python_dash_m(sample_inventory: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "auditor", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("auditor ")


def test_unwritable_output_is_a_usage_error(
    runner: CliRunner, sample_inventory: Path, tmp_path: Path
) -> None:
    target = tmp_path / "no-such-folder" / "results.json"
    result = runner.invoke(
        app, ["scan", str(sample_inventory), *AS_OF, "--format", "json", "--output", str(target)]
    )
    assert result.exit_code == 2
    assert "cannot write" in result.output and str(target) in result.output


def test_validate_warns_of_clear_text_passwords_without_repeating_them(
    runner: CliRunner, sample_inventory: Path
) -> None:
    result = runner.invoke(app, ["validate", str(sample_inventory)])
    assert result.exit_code == 0
    lines = sample_inventory.read_text(encoding="utf-8").splitlines()
    clear = next(i for i, line in enumerate(lines, 1) if "password: Tani" in line)
    assert f"{sample_inventory}:{clear}:" in result.output
    assert "clear text" in result.output and "pertanian-telegram" in result.output
    assert "Tani#" not in result.output and "Melaka2026" not in result.output
