"""The ``--sign`` options shared by ``report`` and ``scan --report``, and the step that
signs the rendered PDF with them (``auditor.signing.request``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from auditor.signing.request import (
    Finish,
    SignRequest,
    SignUsageError,
    sign_request,
    signing_step,
)

__all__ = [
    "Finish",
    "KeyLabelOption",
    "Pkcs11Option",
    "SignOption",
    "SignRequest",
    "SignUsageError",
    "TokenLabelOption",
    "TsaOption",
    "sign_request",
    "signing_step",
]

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
