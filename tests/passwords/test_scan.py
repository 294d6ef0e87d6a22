"""PWD-001…004 through the engine, on an inventory whose secrets live in real sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from auditor.catalogue import load_registry, render_messages
from auditor.engine import ScanOptions, scan
from auditor.inventory.loader import load_inventory
from auditor.passwords.gather import PasswordScanOptions, gather_password_facts
from auditor.results import Result, Severity, Status
from auditor.secrets import KEEPASS_PASSWORD_ENV
from auditor.text import Lang
from tests.passwords.conftest import (
    KEEPASS_MASTER,
    KEEPASS_SECRETS,
    FileKeyring,
    RangeApi,
    sha1,
    write_breach_list,
)

STRONG = "Qv7#rTz!9wLp$Xk2"
STRONG_2 = "Hj4&nB8^mC1*uY6e"
CLEAR = "Bx3!kDw7#Rq9@Zm5"
P, F, E, M = Status.PASS, Status.FAIL, Status.ERROR, Status.MANUAL


def account(
    account_id: str, password: str | None, changed: str = "2026-09-01"
) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": account_id,
        "platform": "facebook",
        "owner": "agency",
        "handle": f"Handle{account_id.replace('-', '')}",
        "password_changed": changed,
    }
    if password is not None:
        entry["password"] = password
    return entry


def write_inventory(folder: Path, accounts: list[dict[str, object]]) -> Path:
    path = folder / "inventory.yaml"
    data = {
        "version": 1,
        "organisation": {"name": "Kerajaan Negeri Melaka", "official_domains": ["melaka.gov.my"]},
        "agencies": [
            {
                "id": "jkm",
                "name": "Jabatan Ketua Menteri Melaka",
                "short_name": "JKM",
                "accounts": accounts,
            }
        ],
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return path


def secret_file(folder: Path, name: str, value: str, mode: int) -> str:
    (folder / "secrets").mkdir(exist_ok=True)
    path = folder / "secrets" / name
    path.write_text(value + "\n", "utf-8")
    path.chmod(mode)
    return f"file:secrets/{name}"


def results(path: Path, **options: Any) -> dict[tuple[str, str], Result]:
    run = scan(
        load_inventory(path), load_registry(), ScanOptions(as_of=dt.date(2026, 11, 24), **options)
    )
    return {
        (r.account_id or "", r.check_id): r for r in run.results if r.check_id.startswith("PWD-")
    }


@pytest.fixture
def every_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_keyring: FileKeyring, keepass_db: Path
) -> Path:
    monkeypatch.setenv("T_ENV_STRONG", STRONG)
    monkeypatch.setenv("T_ENV_WEAK", "Melaka2024!")
    monkeypatch.setenv(KEEPASS_PASSWORD_ENV, KEEPASS_MASTER)
    monkeypatch.delenv("T_ENV_UNSET", raising=False)
    file_keyring.set_password("auditor-melaka", "jkm-ig", STRONG)  # same as env: reuse
    return write_inventory(
        tmp_path,
        [
            account("env-strong", "env:T_ENV_STRONG"),
            account("env-weak", "env:T_ENV_WEAK", changed="2025-01-01"),
            account("env-unset", "env:T_ENV_UNSET"),
            account("file-private", secret_file(tmp_path, "a.txt", STRONG_2, 0o600)),
            account("file-open", secret_file(tmp_path, "b.txt", "Nf6$yGh2@Kw8!Pd", 0o644)),
            account("file-missing", "file:secrets/none.txt"),
            account("keyring", "keyring:auditor-melaka/jkm-ig"),
            account("keyring-empty", "keyring:auditor-melaka/nobody"),
            account("keepass", f"keepass:{keepass_db.name}#Social/mbmb-yt"),
            account("keepass-bad-entry", f"keepass:{keepass_db.name}#nope"),
            account("clear", CLEAR),
            account("malformed", "keyring:no-user"),
            account("none", None),
        ],
    )


EXPECTED = {
    "env-strong": (P, P, P, F),
    "env-weak": (F, F, P, P),
    "env-unset": (E, P, P, E),
    "file-private": (P, P, P, P),
    "file-open": (P, P, F, P),
    "file-missing": (E, P, P, E),
    "keyring": (P, P, P, F),
    "keyring-empty": (E, P, P, E),
    "keepass": (P, P, P, P),
    "keepass-bad-entry": (E, P, P, E),
    "clear": (P, P, F, P),
    # Not readable and not shaped like a keyring reference: a password in clear text.
    "malformed": (F, P, F, P),
    "none": (M, P, M, M),
}


def test_every_source(every_source: Path) -> None:
    found = results(every_source, offline=True)
    for account_id, statuses in EXPECTED.items():
        got = tuple(found[(account_id, f"PWD-00{i}")].status for i in range(1, 5))
        assert got == statuses, account_id
    assert found[("clear", "PWD-003")].severity is Severity.CRITICAL
    assert found[("env-strong", "PWD-004")].evidence["reused_with"] == ["keyring"]
    assert found[("keyring", "PWD-004")].evidence["reused_with"] == ["env-strong"]
    assert set(found[("env-weak", "PWD-001")].evidence["rules_broken"]) >= {"too_short", "weak"}


@pytest.mark.parametrize(
    ("account_id", "check_id", "expected", "hidden"),
    [
        ("env-unset", "PWD-001", "env reference at ", "T_ENV_UNSET"),
        ("env-unset", "PWD-001", "the environment variable is not set", "T_ENV_UNSET"),
        ("file-missing", "PWD-001", "the secret file does not exist", "none.txt"),
        ("keyring-empty", "PWD-001", "no password for that service", "nobody"),
        ("keepass-bad-entry", "PWD-001", "has no such entry", "nope"),
        ("file-open", "PWD-003", "(mode 0644)", "b.txt"),
        ("clear", "PWD-003", "clear text", CLEAR),
        ("env-strong", "PWD-004", "keyring", STRONG),
    ],
)
def test_messages_say_what(
    every_source: Path, account_id: str, check_id: str, expected: str, hidden: str
) -> None:
    registry = load_registry()
    result = results(every_source, offline=True)[(account_id, check_id)]
    text = render_messages(registry.meta(check_id), result.messages, Lang.EN)
    assert expected in text
    # A reference is named by its kind and position, never by its text.
    assert hidden not in text and hidden not in repr(result)
    for secret in (STRONG, STRONG_2, CLEAR, KEEPASS_MASTER, *KEEPASS_SECRETS.values()):
        assert secret not in text and secret not in repr(result)


def test_unreadable_reference_is_named_by_position(every_source: Path) -> None:
    result = results(every_source, offline=True)[("env-unset", "PWD-001")]
    text = render_messages(load_registry().meta("PWD-001"), result.messages, Lang.EN)
    loaded = load_inventory(every_source)
    location = loaded.account_location("env-unset")
    assert location is not None
    position = loaded.position_of((*location, "password"))
    assert position is not None
    assert f"{every_source}:{position.line}:{position.column}" in text
    assert result.evidence["reference"] == "env"


def test_facts_hold_no_hash_of_the_password(every_source: Path) -> None:
    # Nothing derived from a password survives the run: the facts hold no hash at all.
    loaded = load_inventory(every_source)
    facts = gather_password_facts(loaded, loaded.inventory.accounts(), PasswordScanOptions())
    assert all("digest" not in repr(f) for f in facts.values())
    assert facts["env-strong"].reused_with == ("keyring",)


def test_breach_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("T_A", STRONG)
    monkeypatch.setenv("T_B", STRONG_2)
    path = write_inventory(tmp_path, [account("a", "env:T_A"), account("b", "env:T_B")])
    breach = write_breach_list(tmp_path / "pwned.txt", {STRONG: 3})
    found = results(path, offline=True, breach_list=breach)
    assert found[("a", "PWD-001")].status is F
    assert found[("a", "PWD-001")].evidence["rules_broken"] == ["breached"]
    assert found[("b", "PWD-001")].status is P


def test_hibp_online_and_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, range_api: RangeApi
) -> None:
    monkeypatch.setenv("T_A", STRONG)
    monkeypatch.setenv("T_B", STRONG_2)
    range_api.breached = {sha1(STRONG_2): 12}
    path = write_inventory(tmp_path, [account("a", "env:T_A"), account("b", "env:T_B")])
    offline = results(path, offline=True, hibp=True)
    assert range_api.requests == []  # --offline sends nothing, whatever --hibp says
    assert offline[("b", "PWD-001")].status is P
    online = results(path, hibp=True)
    assert online[("b", "PWD-001")].status is F
    assert online[("a", "PWD-001")].status is P
    assert len(range_api.requests) == 2


def test_hibp_down_is_an_error_not_a_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, range_api: RangeApi
) -> None:
    monkeypatch.setenv("T_A", STRONG)
    range_api.failures_first = 100
    path = write_inventory(tmp_path, [account("a", "env:T_A")])
    found = results(path, hibp=True)
    assert found[("a", "PWD-001")].status is E


def test_secrets_read_only_when_a_pwd_check_runs(
    tmp_path: Path, keepass_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEEPASS_PASSWORD_ENV, raising=False)
    path = write_inventory(tmp_path, [account("k", f"keepass:{keepass_db.name}#jkm-fb")])
    loaded = load_inventory(path)
    run = scan(
        loaded,
        load_registry(),
        ScanOptions(as_of=dt.date(2026, 11, 24), offline=True, check_ids=frozenset({"ACC-001"})),
    )
    assert [r.check_id for r in run.results] == ["ACC-001"]
