"""Issue 10, "Also": an unknown key is not echoed when it could be a secret (nor a
megabyte of it), and --dns-timeout nan is a usage error."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.conftest import invoke

BASE = (
    "version: 1\n"
    "organisation: {name: Kerajaan Negeri Melaka, official_domains: [melaka.gov.my]}\n"
    "agencies:\n  - id: jkm\n    name: JKM\n    accounts:\n"
    "      - id: a\n        platform: facebook\n        owner: agency\n"
)


@pytest.mark.parametrize("key", ["Hx4#Pw!91", "k" * 1000, "Sup3rSecret"])
def test_an_unknown_key_that_could_be_a_secret_is_not_echoed(tmp_path: Path, key: str) -> None:
    path = tmp_path / "inv.yaml"
    path.write_text(BASE + f"        '{key}': x\n", "utf-8")
    code, output = invoke("validate", str(path))
    assert code == 2
    assert key not in output and "unknown key" in output
    assert f"{path}:10:" in output
    assert len(output) < 1000


def test_a_misspelt_key_is_still_named(tmp_path: Path) -> None:
    path = tmp_path / "inv.yaml"
    path.write_text(BASE + "        login_emial: a@melaka.gov.my\n", "utf-8")
    code, output = invoke("validate", str(path))
    assert code == 2 and "login_emial" in output and "login_email" in output


@pytest.mark.parametrize("value", ["nan", "inf", "-nan"])
def test_dns_timeout_must_be_a_number(sample_inventory: Path, value: str) -> None:
    code, output = invoke("scan", str(sample_inventory), "--dns-timeout", value)
    assert code == 2 and "--dns-timeout" in output
