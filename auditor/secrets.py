"""Secret references in the inventory: ``env:``, ``file:``, ``keyring:`` and ``keepass:``.

The inventory never holds a password, only where to read it. This module turns a reference
into the secret and nothing else. Its errors say *why* a reference could not be read, never
the reference's text: a clear-text password that happens to start with ``file:`` or
``env:`` would otherwise be printed as a path or a variable name. The caller names the
reference by its kind and its position in the inventory (FILE:LINE:COL).
"""

from __future__ import annotations

import getpass
import io
import os
import re
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from auditor.regular_file import FileProblem, open_regular, read_regular

KEEPASS_PASSWORD_ENV = "AUDITOR_KEEPASS_PASSWORD"  # noqa: S105 (a variable name)
KEEPASS_KEYFILE_ENV = "AUDITOR_KEEPASS_KEYFILE"


class SecretKind(Enum):
    ENV = "env"
    FILE = "file"
    KEYRING = "keyring"
    KEEPASS = "keepass"


# A password file holds one line; anything larger is not a password file (and /dev/zero or
# a 1 GB file must not be read whole). Key files are small too: XML ones are about 250 bytes.
MAX_SECRET_FILE_BYTES = 4096
MAX_KEY_FILE_BYTES = 64 * 1024
MAX_KEEPASS_DATABASE_BYTES = 256 * 1024 * 1024


class SecretError(Exception):
    """A reference that cannot be read: why, never the reference's text nor the secret."""


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
    # Not in repr: a traceback or log line must not show text that may be a password.
    location: str = field(repr=False)
    entry: str | None = field(default=None, repr=False)  # KeePass: Title or Group/Title


def is_reference(value: str) -> bool:
    """Whether an inventory ``password:`` value is written as a reference (well formed or not).

    Anything else is taken for a password in clear text.
    """
    prefix, sep, _ = value.partition(":")
    return bool(sep) and prefix in {k.value for k in SecretKind}


# What the text after the prefix looks like in a real reference of each kind. A value that
# does not look like one (spaces, "#", "$", "!"…) and cannot be read is a clear-text password.
_PATH = r"[\w./~+-]+"
_PLAUSIBLE = {
    SecretKind.ENV: re.compile(r"[A-Za-z_][A-Za-z0-9_]*"),
    SecretKind.FILE: re.compile(_PATH),
    SecretKind.KEYRING: re.compile(r"[\w.@:+/-]+/[\w.@:+-]+"),
    SecretKind.KEEPASS: re.compile(_PATH + r"\.kdbx#[\w./@:+-]+(?: [\w./@:+-]+)*"),
}


def looks_like_reference(value: str) -> bool:
    """Whether ``value`` reads as a reference of its kind, not as a password with a prefix."""
    if not is_reference(value):
        return False
    prefix, _, rest = value.partition(":")
    return _PLAUSIBLE[SecretKind(prefix)].fullmatch(rest) is not None


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
    except (OSError, ValueError):
        return None  # reading it will report the real problem
    if mode & (stat.S_IRGRP | stat.S_IROTH):
        return f"the file is readable by group or others (mode {stat.S_IMODE(mode):04o})"
    return None


def resolve_path(location: str, base_dir: Path) -> Path:
    """The path a reference names; raises SecretError for ``~user`` of no such user."""
    try:
        path = Path(location).expanduser()
    except RuntimeError:  # "Could not determine home directory"
        raise SecretError("the home folder of its ~user does not exist") from None
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
            raise SecretError("the environment variable is not set")
        if not value:
            raise SecretError("the environment variable is empty")
        return Secret(value)

    def _read_file(self, path: Path) -> Secret:
        try:
            data = read_regular(path, MAX_SECRET_FILE_BYTES)
        except FileProblem as problem:
            raise SecretError(f"the secret file {problem}") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise SecretError("the secret file is not UTF-8 text") from None
        # The first line is the secret; a trailing newline is how editors save files.
        value = text.splitlines()[0] if text else ""
        if not value:
            raise SecretError("the secret file is empty")
        return Secret(value)

    def _read_keyring(self, location: str) -> Secret:
        import keyring
        import keyring.errors

        service, _, user = location.rpartition("/")
        try:
            value = keyring.get_password(service, user)
        except keyring.errors.KeyringError as exc:
            raise SecretError(f"the keyring cannot be read ({type(exc).__name__})") from None
        if not value:
            raise SecretError("the keyring has no password for that service and user")
        return Secret(value)

    def _read_keepass(self, database: Path, entry_name: str) -> Secret:
        kp = self._open_keepass(database)
        entry = _find_entry(kp, entry_name)
        if entry is None:
            raise SecretError("the KeePass database has no such entry")
        value = entry.password
        if not value:
            raise SecretError("the KeePass entry has no password")
        return Secret(str(value))

    def _open_keepass(self, database: Path) -> Any:
        if database in self._databases:
            return self._databases[database]
        from pykeepass import PyKeePass
        from pykeepass.exceptions import CredentialsError

        keyfile = self._key_file()
        try:
            with open_regular(database, MAX_KEEPASS_DATABASE_BYTES) as handle:
                master = self.environ.get(KEEPASS_PASSWORD_ENV)
                if master is None and keyfile is None:
                    master = self.ask_master_password(database)
                    if master is None:
                        raise SecretError(
                            "the KeePass database has no master password given "
                            f"(set {KEEPASS_PASSWORD_ENV} or run interactively)"
                        )
                kp = PyKeePass(handle, password=master, keyfile=keyfile)
        except FileProblem as problem:
            raise SecretError(f"the KeePass database {problem}") from None
        except CredentialsError:
            raise SecretError("the KeePass database: wrong master password or key file") from None
        except SecretError:
            raise
        except Exception as exc:  # a corrupt file, a bad key file: pykeepass varies
            raise SecretError(
                f"the KeePass database cannot be opened ({type(exc).__name__})"
            ) from None
        self._databases[database] = kp
        return kp

    def _key_file(self) -> io.BytesIO | None:
        """The KeePass key file named by the environment, read within bounds."""
        name = self.environ.get(KEEPASS_KEYFILE_ENV)
        if not name:
            return None
        try:
            return io.BytesIO(read_regular(Path(name), MAX_KEY_FILE_BYTES))
        except FileProblem as problem:
            raise SecretError(f"the KeePass key file ({KEEPASS_KEYFILE_ENV}) {problem}") from None


def _find_entry(kp: Any, name: str) -> Any:
    """An entry by Group/Sub/Title path, or else by title anywhere in the database."""
    if "/" in name:
        found = kp.find_entries(path=name.split("/"))
        if found is not None:
            return found
    return kp.find_entries(title=name, first=True)
