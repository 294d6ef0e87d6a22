"""Issue 10, item 1: a clear-text password that looks like a reference is never shown.

Each value below is a password with a reference's prefix. Whatever becomes of it (an
unreadable reference, a clear-text password), its text must appear in no output of any
format, nor in validate's warnings, nor in the report's HTML.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from tests.hostile.conftest import AS_OF, hostile_account, invoke, write_hostile_inventory

LOOKALIKES = {
    "file-pw": ("file:Hx4#Pw!91", "Hx4#Pw!91"),
    "keyring-pw": ("keyring:A$b/Pw!33", "A$b/Pw!33"),
    "keepass-pw": ("keepass:Kd2#X.kdbx#Pw!44", "Kd2#X.kdbx#Pw!44"),
    "env-pw": ("env:TG5SNEAKYPW55", "TG5SNEAKYPW55"),
}


@pytest.fixture
def inventory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("TG5SNEAKYPW55", raising=False)
    accounts = [
        hostile_account(name, password=value, password_changed="2026-09-01")
        for name, (value, _) in LOOKALIKES.items()
    ]
    return write_hostile_inventory(tmp_path, accounts)


def _outputs(inventory: Path, tmp_path: Path) -> str:
    texts = []
    for fmt in ("text", "json", "csv", "sarif"):
        code, output = invoke("scan", str(inventory), *AS_OF, "--format", fmt)
        assert code == 0, output
        texts.append(output)
    html = tmp_path / "report.html"
    code, output = invoke("scan", str(inventory), *AS_OF, "--report", str(html))
    assert code == 0, output
    texts += [output, html.read_text("utf-8")]
    code, output = invoke("validate", str(inventory))
    assert code == 0, output
    texts.append(output)
    return "\n".join(texts)


def test_no_lookalike_text_in_any_output(inventory: Path, tmp_path: Path) -> None:
    everything = _outputs(inventory, tmp_path)
    for _, shown in LOOKALIKES.values():
        assert shown not in everything


def test_unreadable_lookalikes_are_clear_text(inventory: Path) -> None:
    result = CliRunner().invoke(app, ["scan", str(inventory), *AS_OF, "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)  # stdout alone: warnings go to stderr
    results = {(r["account"], r["check"]): r for r in document["results"]}
    # Not shaped like a reference of its kind, and unreadable: a password in clear text.
    for name in ("file-pw", "keyring-pw", "keepass-pw"):
        assert results[(name, "PWD-003")]["status"] == "fail"
        assert results[(name, "PWD-003")]["evidence"] == {"reference": "clear-text"}
    # A well-formed variable name that is not set: an error naming kind and position only.
    unset = results[("env-pw", "PWD-001")]
    assert unset["status"] == "error"
    assert unset["evidence"] == {"reference": "env"}
    assert f"env reference at {inventory}:" in unset["message"]
