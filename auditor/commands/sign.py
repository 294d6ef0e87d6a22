"""The ``--sign`` options shared by ``report`` and ``scan --report``, and the step that
signs the rendered PDF with them (``auditor.signing``)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from auditor.signing import KeySpec, Pkcs11Key, Pkcs12Key
from auditor.text import Lang

SignOption = Annotated[
    Path | None,
    typer.Option(
        "--sign",
        metavar="CERT.p12",
        help="Sign the PDF (PAdES) with this PKCS#12 key; its passphrase from "
        "AUDITOR_SIGN_PASSPHRASE (a secret reference or the passphrase) or a hidden prompt.",
    ),
]
Pkcs11Option = Annotated[
    Path | None,
    typer.Option(
        "--sign-pkcs11",
        metavar="MODULE",
        help="Sign with a key on a PKCS#11 token or smart card, through this module (.so); "
        "needs --token-label and --key-label; the PIN as for --sign.",
    ),
]
TokenLabelOption = Annotated[
    str | None, typer.Option("--token-label", help="With --sign-pkcs11: the token's label.")
]
KeyLabelOption = Annotated[
    str | None,
    typer.Option("--key-label", help="With --sign-pkcs11: the label of the key and certificate."),
]
TsaOption = Annotated[
    str | None,
    typer.Option(
        "--tsa", metavar="URL", help="Timestamp the signature (PAdES B-T) at this RFC 3161 server."
    ),
]

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
