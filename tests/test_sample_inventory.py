"""The bundled sample finds exactly the violations its comments promise."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from auditor.catalogue import Scope, load_registry
from auditor.engine import ScanOptions, scan
from auditor.inventory.loader import load_inventory
from auditor.results import Status

PROMISE = re.compile(r"^\s*- id: (\S+)\s+# (compliant|breaks: ([A-Z0-9, -]+))")


def promises(path: Path) -> dict[str, set[str]]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PROMISE.match(line)
        if match:
            broken = match.group(3) or ""
            found[match.group(1)] = {c.strip() for c in broken.split(",") if c.strip()}
    return found


def demo_secrets(path: Path) -> dict[str, str]:
    pairs = (
        line.split("=", 1)
        for line in path.read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    )
    return {name: value.strip("'") for name, value in pairs}


def test_sample_is_realistic(sample_inventory: Path) -> None:
    inventory = load_inventory(sample_inventory).inventory
    accounts = inventory.accounts()
    assert len(inventory.agencies) >= 4
    assert len(accounts) >= 12
    assert len({a.platform for _, a in accounts}) >= 5


def test_sample_finds_exactly_what_its_comments_promise(
    sample_inventory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = promises(sample_inventory)
    source = load_inventory(sample_inventory)
    # The sample's env: secrets, as `make demo` exports them.
    for name, value in demo_secrets(sample_inventory.with_name("sample_secrets.env")).items():
        monkeypatch.setenv(name, value)
    assert set(expected) == {a.id for _, a in source.inventory.accounts()}, "every account promises"
    options = ScanOptions(as_of=dt.date(2026, 11, 24), offline=True)
    run = scan(source, load_registry(), options)
    failed: dict[str, set[str]] = {account: set() for account in expected}
    for result in run.results:
        if result.status is Status.FAIL and result.account_id:
            failed[result.account_id].add(result.check_id)
    assert failed == expected
    assert not [r for r in run.results if r.status is Status.ERROR]


def test_sample_breaks_every_implemented_account_check(sample_inventory: Path) -> None:
    broken = set().union(*promises(sample_inventory).values())
    # All but the checks that need something the sample cannot hold offline.
    offline_blind = {"DOM-004"}
    account_checks = {c.meta.id for c in load_registry().for_scope(Scope.ACCOUNT)}
    assert account_checks - offline_blind <= broken


def test_the_demo_steps_run_end_to_end(
    sample_inventory: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`make demo`'s scan to JSON, then `auditor report` from that JSON alone (as HTML here:
    the same reader as the PDF, without the rendering time)."""
    from typer.testing import CliRunner

    from auditor.cli import app

    for name, value in demo_secrets(sample_inventory.with_name("sample_secrets.env")).items():
        monkeypatch.setenv(name, value)
    results = tmp_path / "results.json"
    scan_args = ["scan", "--no-history", str(sample_inventory), "--offline", "--fail-on", "never"]
    done = CliRunner().invoke(
        app, [*scan_args, "--as-of", "2026-11-24", "--format", "json", "-o", str(results)]
    )
    assert done.exit_code == 0, done.output
    report = tmp_path / "audit-en.html"
    assets = str(sample_inventory.parent)
    done = CliRunner().invoke(
        app, ["report", str(results), "-o", str(report), "--lang", "en", "--assets", assets]
    )
    assert done.exit_code == 0, done.output
    assert "Kerajaan Negeri Melaka" in report.read_text("utf-8")
