"""Secret references in the inventory: ``env:``, ``file:``, ``keyring:`` and ``keepass:``.

The inventory never holds a password, only where to read it. This module turns a reference
into the secret and nothing else: every error it raises says *what* could not be read (the
variable's name, the file's path, the keyring service and user, the KeePass entry) and never
the secret, so that an error message can go into a report as it is.
"""

from __future__ import annotations

import getpass
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

KEEPASS_PASSWORD_ENV = "AUDITOR_KEEPASS_PASSWORD"  # noqa: S105 (a variable name)
KEEPASS_KEYFILE_ENV = "AUDITOR_KEEPASS_KEYFILE"


class SecretKind(Enum):
    ENV = "env"
    FILE = "file"
    KEYRING = "keyring"
    KEEPASS = "keepass"


class SecretError(Exception):
    """A reference that cannot be read; the message names the source, never the secret."""


class Secret:
    """A secret value that does not show itself: repr/str are masked, so that a traceback
    with local variables, a log line or an f-string never prints it by accident."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __reduce__(self) -> Any:  # pickling would write it somewhere
        raise TypeError("a Secret cannot be pickled")


@dataclass(frozen=True)
class SecretRef:
    """A parsed reference. ``location`` is the variable name, path, SERVICE/USER or DB."""

    kind: SecretKind
    location: str
    entry: str | None = None  # the KeePass entry (title or Group/Title)

    def __str__(self) -> str:
        # A reference is not a secret: it is safe to show, and names what was read.
        suffix = f"#{self.entry}" if self.entry is not None else ""
        return f"{self.kind.value}:{self.location}{suffix}"


def is_reference(value: str) -> bool:
    """Whether an inventory ``password:`` value is written as a reference (well formed or not).

    Anything else is taken for a password in clear text.
    """
    prefix, sep, _ = value.partition(":")
    return bool(sep) and prefix in {k.value for k in SecretKind}


def parse_reference(value: str) -> SecretRef:
    """Parse a reference; raises SecretError (naming only the kind) when it is malformed."""
    prefix, _, rest = value.partition(":")
    try:
        kind = SecretKind(prefix)
    except ValueError:
        raise SecretError("not a secret reference (env:, file:, keyring:, keepass:)") from None
    rest = rest.strip()
    if kind is SecretKind.KEYRING:
        service, sep, user = rest.rpartition("/")
        if not sep or not service or not user:
            raise SecretError("keyring reference must be keyring:SERVICE/USER")
        return SecretRef(kind, f"{service}/{user}")
    if kind is SecretKind.KEEPASS:
        database, sep, entry = rest.partition("#")
        if not sep or not database or not entry:
            raise SecretError("keepass reference must be keepass:DATABASE.kdbx#ENTRY")
        return SecretRef(kind, database, entry)
    if not rest:
        raise SecretError(f"{kind.value} reference names no {_WHAT[kind]}")
    return SecretRef(kind, rest)


_WHAT = {SecretKind.ENV: "variable", SecretKind.FILE: "file"}


def permission_problem(path: Path) -> str | None:
    """Why a secret file is too open (readable by group or others), or None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # reading it will report the real problem
    if mode & (stat.S_IRGRP | stat.S_IROTH):
        return f"{path} is readable by group or others (mode {stat.S_IMODE(mode):04o})"
    return None


def resolve_path(location: str, base_dir: Path) -> Path:
    path = Path(location).expanduser()
    return path if path.is_absolute() else base_dir / path


MasterPasswordPrompt = Callable[[Path], str | None]


def prompt_when_interactive(database: Path) -> str | None:
    """Ask for a KeePass master password on the terminal; None when not interactive."""
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(f"KeePass master password for {database}: ")


@dataclass
class SecretReader:
    """Reads references relative to an inventory folder; opens each KeePass database once.

    One reader lives for one scan: it caches opened KeePass databases (not secrets) so that
    the master password is asked for at most once per database.
    """

    base_dir: Path
    environ: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    ask_master_password: MasterPasswordPrompt = prompt_when_interactive
    _databases: dict[Path, Any] = field(default_factory=dict, repr=False)

    def read(self, ref: SecretRef) -> Secret:
        if ref.kind is SecretKind.ENV:
            return self._read_env(ref.location)
        if ref.kind is SecretKind.FILE:
            return self._read_file(resolve_path(ref.location, self.base_dir))
        if ref.kind is SecretKind.KEYRING:
            return self._read_keyring(ref.location)
        assert ref.entry is not None
        return self._read_keepass(resolve_path(ref.location, self.base_dir), ref.entry)

    def _read_env(self, name: str) -> Secret:
        value = self.environ.get(name)
        if value is None:
            raise SecretError(f"environment variable {name} is not set")
        if not value:
            raise SecretError(f"environment variable {name} is empty")
        return Secret(value)

    def _read_file(self, path: Path) -> Secret:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise SecretError(f"secret file {path} does not exist") from None
        except OSError as exc:
            raise SecretError(f"secret file {path} cannot be read ({exc.strerror})") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise SecretError(f"secret file {path} is not UTF-8 text") from None
        # The first line is the secret; a trailing newline is how editors save files.
        value = text.splitlines()[0] if text else ""
        if not value:
            raise SecretError(f"secret file {path} is empty")
        return Secret(value)

    def _read_keyring(self, location: str) -> Secret:
        import keyring
        import keyring.errors

        service, _, user = location.rpartition("/")
        try:
            value = keyring.get_password(service, user)
        except keyring.errors.KeyringError as exc:
            raise SecretError(
                f"keyring service {service!r} user {user!r} cannot be read ({type(exc).__name__})"
            ) from None
        if not value:
            raise SecretError(f"keyring has no password for service {service!r} user {user!r}")
        return Secret(value)

    def _read_keepass(self, database: Path, entry_name: str) -> Secret:
        kp = self._open_keepass(database)
        entry = _find_entry(kp, entry_name)
        if entry is None:
            raise SecretError(f"KeePass database {database} has no entry {entry_name!r}")
        value = entry.password
        if not value:
            raise SecretError(f"KeePass entry {entry_name!r} in {database} has no password")
        return Secret(str(value))

    def _open_keepass(self, database: Path) -> Any:
        if database in self._databases:
            return self._databases[database]
        from pykeepass import PyKeePass
        from pykeepass.exceptions import CredentialsError

        if not database.is_file():
            raise SecretError(f"KeePass database {database} does not exist")
        keyfile = self.environ.get(KEEPASS_KEYFILE_ENV) or None
        master = self.environ.get(KEEPASS_PASSWORD_ENV)
        if master is None and keyfile is None:
            master = self.ask_master_password(database)
            if master is None:
                raise SecretError(
                    f"KeePass database {database}: no master password "
                    f"(set {KEEPASS_PASSWORD_ENV} or run interactively)"
                )
        try:
            kp = PyKeePass(str(database), password=master, keyfile=keyfile)
        except CredentialsError:
            raise SecretError(
                f"KeePass database {database}: wrong master password or key file"
            ) from None
        except Exception as exc:  # a corrupt file, a missing key file: pykeepass varies
            raise SecretError(
                f"KeePass database {database} cannot be opened ({type(exc).__name__})"
            ) from None
        self._databases[database] = kp
        return kp


def _find_entry(kp: Any, name: str) -> Any:
    """An entry by Group/Sub/Title path, or else by title anywhere in the database."""
    if "/" in name:
        found = kp.find_entries(path=name.split("/"))
        if found is not None:
            return found
    return kp.find_entries(title=name, first=True)
