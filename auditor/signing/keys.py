"""Where the signing key comes from: a PKCS#12 file or a PKCS#11 token (smart card, HSM).

The passphrase (or token PIN) is read from ``AUDITOR_SIGN_PASSPHRASE``, which holds a
secret reference (``env:``, ``file:``, ``keyring:``, ``keepass:``, read by
``auditor.secrets``) or the passphrase itself; else from a hidden prompt on a terminal.
It lives in a ``Secret`` and is revealed only to the library that unlocks the key.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.secrets import Secret, SecretError, SecretReader, is_reference, parse_reference
from auditor.signing.errors import SigningError
from auditor.signing.quiet import import_quietly

PASSPHRASE_ENV = "AUDITOR_SIGN_PASSPHRASE"  # noqa: S105 (a variable name)


@dataclass(frozen=True)
class Pkcs12Key:
    path: Path


@dataclass(frozen=True)
class Pkcs11Key:
    module: Path
    token_label: str
    key_label: str


KeySpec = Pkcs12Key | Pkcs11Key
Prompt = Callable[[str], str | None]


def prompt_when_interactive(question: str) -> str | None:
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(question)


def unlock_secret(
    what: str, environ: Mapping[str, str], prompt: Prompt = prompt_when_interactive
) -> Secret | None:
    """The passphrase or PIN for ``what``; None when none is set and nobody can be asked."""
    value = environ.get(PASSPHRASE_ENV)
    if value and is_reference(value):
        try:
            return SecretReader(base_dir=Path.cwd(), environ=dict(environ)).read(
                parse_reference(value)
            )
        except SecretError as exc:
            raise SigningError(f"{PASSPHRASE_ENV}: {exc}") from None
    if value:
        return Secret(value)
    asked = prompt(f"Passphrase for {what} (not shown): ")
    return Secret(asked) if asked else None


@contextmanager
def open_signer(
    spec: KeySpec, environ: Mapping[str, str], prompt: Prompt = prompt_when_interactive
) -> Iterator[Any]:
    """A pyHanko signer for the key, unlocked; a token's session is closed on exit."""
    if isinstance(spec, Pkcs12Key):
        yield _pkcs12_signer(spec.path, unlock_secret(str(spec.path), environ, prompt))
        return
    pin = unlock_secret(f"token {spec.token_label!r}", environ, prompt)
    with _pkcs11_signer(spec, pin) as signer:
        yield signer


def _pkcs12_signer(path: Path, passphrase: Secret | None) -> Any:
    import_quietly()
    from pyhanko.sign import signers

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(f"cannot read the signing key {path} ({exc.strerror})") from None
    try:
        return signers.SimpleSigner.load_pkcs12_data(
            data,
            other_certs=(),
            passphrase=passphrase.reveal().encode("utf-8") if passphrase else None,
        )
    except ValueError:
        hint = f"set {PASSPHRASE_ENV} or run interactively" if passphrase is None else "check it"
        raise SigningError(
            f"cannot open the signing key {path}: not a PKCS#12 file, or the passphrase "
            f"is wrong ({hint})"
        ) from None


@contextmanager
def _pkcs11_signer(spec: Pkcs11Key, pin: Secret | None) -> Iterator[Any]:
    import pkcs11

    import_quietly()
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    if not spec.module.is_file():
        raise SigningError(f"PKCS#11 module {spec.module} does not exist")
    try:
        session = open_pkcs11_session(
            str(spec.module),
            token_criteria=TokenCriteria(label=spec.token_label),
            user_pin=pin.reveal() if pin else None,
        )
    except pkcs11.PinIncorrect:
        raise SigningError(f"token {spec.token_label!r}: the PIN is wrong") from None
    except (pkcs11.PKCS11Error, OSError, RuntimeError) as exc:
        raise SigningError(
            f"cannot open token {spec.token_label!r} with {spec.module} ({type(exc).__name__})"
        ) from None
    try:
        signer = PKCS11Signer(session, key_label=spec.key_label, cert_label=spec.key_label)
        try:
            signer.signing_cert  # noqa: B018 -- loads key and certificate now, to fail early
        except Exception as exc:  # pyHanko and python-pkcs11 raise many types for this
            hint = (
                f"; no PIN was given: set {PASSPHRASE_ENV} or run interactively"
                if pin is None
                else ""
            )
            raise SigningError(
                f"token {spec.token_label!r} has no usable key and certificate labelled "
                f"{spec.key_label!r} ({type(exc).__name__}){hint}"
            ) from None
        yield signer
    finally:
        session.close()
