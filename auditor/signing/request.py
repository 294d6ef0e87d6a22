"""What the ``--sign`` options ask for, and the step that signs a rendered PDF with it.

Core, not CLI: ``scan --report`` (the scan job) and ``report`` both sign through here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from auditor.signing.keys import KeySpec, Pkcs11Key, Pkcs12Key
from auditor.text import Lang

Finish = Callable[[bytes], bytes]


class SignUsageError(Exception):
    """The --sign options do not make sense together."""


@dataclass(frozen=True)
class SignRequest:
    key: KeySpec
    tsa_url: str | None


def sign_request(
    sign: Path | None,
    sign_pkcs11: Path | None,
    token_label: str | None,
    key_label: str | None,
    tsa: str | None,
) -> SignRequest | None:
    """What the options ask for; None when the report is not to be signed."""
    if sign is not None and sign_pkcs11 is not None:
        raise SignUsageError("give --sign or --sign-pkcs11, not both")
    if sign_pkcs11 is None and (token_label or key_label):
        raise SignUsageError("--token-label and --key-label go with --sign-pkcs11")
    if tsa is not None and sign is None and sign_pkcs11 is None:
        raise SignUsageError("--tsa goes with --sign or --sign-pkcs11")
    if tsa is not None and not tsa.startswith(("http://", "https://")):
        raise SignUsageError(f"--tsa {tsa!r} is not an http(s) URL")
    if sign is not None:
        return SignRequest(Pkcs12Key(sign), tsa)
    if sign_pkcs11 is None:
        return None
    if not token_label or not key_label:
        raise SignUsageError("--sign-pkcs11 needs --token-label and --key-label")
    return SignRequest(Pkcs11Key(sign_pkcs11, token_label, key_label), tsa)


@contextmanager
def signing_step(request: SignRequest | None, lang: Lang) -> Iterator[Finish | None]:
    """Unlocks the key first (a wrong passphrase fails before seconds of rendering), then
    yields the step that signs the rendered PDF; raises auditor.signing.SigningError."""
    if request is None:
        yield None
        return
    from auditor.signing import open_signer
    from auditor.signing.sign import sign_pdf

    with open_signer(request.key, os.environ) as signer:
        yield lambda pdf: sign_pdf(pdf, signer, lang=lang, tsa_url=request.tsa_url)
