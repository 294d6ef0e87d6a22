"""Secret references read from real sources; errors name the source, never the secret."""

from __future__ import annotations

import traceback
from pathlib import Path

import pytest

from auditor.secrets import (
    KEEPASS_KEYFILE_ENV,
    KEEPASS_PASSWORD_ENV,
    Secret,
    SecretError,
    SecretKind,
    SecretReader,
    is_reference,
    looks_like_reference,
    parse_reference,
    permission_problem,
)
from tests.passwords.conftest import KEEPASS_MASTER, KEEPASS_SECRETS, FileKeyring

SECRET = "Zp4!rWq9#Lm2$Tx"


def reader(base: Path, env: dict[str, str] | None = None) -> SecretReader:
    return SecretReader(base, environ=env or {}, ask_master_password=lambda _: None)


@pytest.mark.parametrize(
    ("value", "kind", "location", "entry"),
    [
        ("env:JKM_FB", SecretKind.ENV, "JKM_FB", None),
        ("file:secrets/jkm.txt", SecretKind.FILE, "secrets/jkm.txt", None),
        ("keyring:auditor-melaka/jkm-fb", SecretKind.KEYRING, "auditor-melaka/jkm-fb", None),
        ("keyring:svc/with/slash/user", SecretKind.KEYRING, "svc/with/slash/user", None),
        ("keepass:db.kdbx#Social/jkm", SecretKind.KEEPASS, "db.kdbx", "Social/jkm"),
    ],
)
def test_parse_reference(value: str, kind: SecretKind, location: str, entry: str | None) -> None:
    ref = parse_reference(value)
    assert (ref.kind, ref.location, ref.entry) == (kind, location, entry)
    assert looks_like_reference(value)
    assert location not in repr(ref) and location not in str(ref)


@pytest.mark.parametrize(
    "value", ["env:", "file:", "keyring:nouser", "keyring:/u", "keepass:db.kdbx", "keepass:#entry"]
)
def test_malformed_reference(value: str) -> None:
    assert is_reference(value)
    with pytest.raises(SecretError):
        parse_reference(value)


@pytest.mark.parametrize("value", ["hunter2", "Melaka:2024", "ENV:X", "https://x", ""])
def test_not_a_reference(value: str) -> None:
    assert not is_reference(value)


def test_env(tmp_path: Path) -> None:
    secret = reader(tmp_path, {"JKM_FB": SECRET}).read(parse_reference("env:JKM_FB"))
    assert secret.reveal() == SECRET


@pytest.mark.parametrize(("env", "expected"), [({}, "is not set"), ({"JKM_FB": ""}, "is empty")])
def test_env_unreadable(tmp_path: Path, env: dict[str, str], expected: str) -> None:
    with pytest.raises(SecretError, match=f"variable {expected}") as info:
        reader(tmp_path, env).read(parse_reference("env:JKM_FB"))
    assert "JKM_FB" not in str(info.value)  # it may be a password typed after "env:"


def test_file_relative_to_inventory_folder(tmp_path: Path) -> None:
    (tmp_path / "s").mkdir()
    path = tmp_path / "s" / "jkm.txt"
    path.write_text(SECRET + "\n", "utf-8")
    path.chmod(0o600)
    assert reader(tmp_path).read(parse_reference("file:s/jkm.txt")).reveal() == SECRET
    assert permission_problem(path) is None


def test_file_readable_by_others_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "open.txt"
    path.write_text(SECRET, "utf-8")
    path.chmod(0o644)
    problem = permission_problem(path)
    assert problem is not None and "0644" in problem and SECRET not in problem
    path.chmod(0o640)
    assert permission_problem(path) is not None
    path.chmod(0o600)
    assert permission_problem(path) is None


@pytest.mark.parametrize(
    ("content", "expected"),
    [(None, "does not exist"), (b"", "is empty"), (b"\xff\xfe\x00", "not UTF-8")],
)
def test_file_unreadable(tmp_path: Path, content: bytes | None, expected: str) -> None:
    if content is not None:
        (tmp_path / "x.txt").write_bytes(content)
    with pytest.raises(SecretError, match=expected) as info:
        reader(tmp_path).read(parse_reference("file:x.txt"))
    assert "x.txt" not in str(info.value)


def test_keyring(file_keyring: FileKeyring, tmp_path: Path) -> None:
    file_keyring.set_password("auditor-melaka", "jkm-fb", SECRET)
    ref = parse_reference("keyring:auditor-melaka/jkm-fb")
    assert reader(tmp_path).read(ref).reveal() == SECRET
    with pytest.raises(SecretError, match="no password for that service and user") as info:
        reader(tmp_path).read(parse_reference("keyring:auditor-melaka/nobody"))
    assert "nobody" not in str(info.value) and "auditor-melaka" not in str(info.value)


@pytest.mark.parametrize("entry", ["jkm-fb", "Social/mbmb-yt"])
def test_keepass(keepass_db: Path, entry: str) -> None:
    env = {KEEPASS_PASSWORD_ENV: KEEPASS_MASTER}
    ref = parse_reference(f"keepass:{keepass_db.name}#{entry}")
    assert reader(keepass_db.parent, env).read(ref).reveal() == KEEPASS_SECRETS[entry]


def test_keepass_master_password_from_prompt(keepass_db: Path) -> None:
    asked: list[Path] = []

    def prompt(database: Path) -> str:
        asked.append(database)
        return KEEPASS_MASTER

    secrets = SecretReader(keepass_db.parent, environ={}, ask_master_password=prompt)
    for entry in KEEPASS_SECRETS:
        secrets.read(parse_reference(f"keepass:{keepass_db.name}#{entry}"))
    assert asked == [keepass_db]  # once per database, not once per entry


def test_keepass_with_key_file(keepass_db: Path, tmp_path: Path) -> None:
    from pykeepass import PyKeePass

    keyfile = tmp_path / "db.key"
    keyfile.write_bytes(b"0123456789abcdef0123456789abcdef")
    kp = PyKeePass(str(keepass_db), password=KEEPASS_MASTER)
    kp.keyfile = str(keyfile)
    kp.save()
    ref = parse_reference(f"keepass:{keepass_db.name}#jkm-fb")
    env = {KEEPASS_PASSWORD_ENV: KEEPASS_MASTER, KEEPASS_KEYFILE_ENV: str(keyfile)}
    assert reader(tmp_path, env).read(ref).reveal() == KEEPASS_SECRETS["jkm-fb"]
    with pytest.raises(SecretError, match="wrong master password or key file"):
        reader(tmp_path, {KEEPASS_PASSWORD_ENV: KEEPASS_MASTER}).read(ref)


@pytest.mark.parametrize(
    ("env", "entry", "expected"),
    [
        ({KEEPASS_PASSWORD_ENV: "wrong"}, "jkm-fb", "wrong master password"),
        ({}, "jkm-fb", "no master password"),
        ({KEEPASS_PASSWORD_ENV: KEEPASS_MASTER}, "nope", "has no such entry"),
        ({KEEPASS_PASSWORD_ENV: KEEPASS_MASTER}, "Social/empty", "has no password"),
    ],
)
def test_keepass_unreadable(
    keepass_db: Path, env: dict[str, str], entry: str, expected: str
) -> None:
    ref = parse_reference(f"keepass:{keepass_db.name}#{entry}")
    with pytest.raises(SecretError, match=expected) as info:
        reader(keepass_db.parent, env).read(ref)
    assert KEEPASS_MASTER not in str(info.value)
    assert keepass_db.name not in str(info.value) and entry not in str(info.value)


def test_keepass_missing_database(tmp_path: Path) -> None:
    with pytest.raises(SecretError, match="does not exist"):
        reader(tmp_path, {KEEPASS_PASSWORD_ENV: "x"}).read(parse_reference("keepass:no.kdbx#e"))


def test_secret_does_not_show_itself() -> None:
    secret = Secret(SECRET)
    assert SECRET not in repr(secret) and SECRET not in str(secret) and SECRET not in f"{secret}"
    try:
        raise ValueError(secret)
    except ValueError:
        assert SECRET not in traceback.format_exc()
    with pytest.raises(TypeError):
        import pickle

        pickle.dumps(secret)
