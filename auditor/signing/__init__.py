"""Signing the audit report (PAdES, with pyHanko) and verifying a signed report.

Imported only by the commands that sign or verify: pyHanko and its crypto are slow to
import and a scan without ``--sign`` has no use for them.
"""

from auditor.signing.errors import SigningError, VerifyInputError
from auditor.signing.keys import KeySpec, Pkcs11Key, Pkcs12Key, open_signer, unlock_secret

__all__ = [
    "KeySpec",
    "Pkcs11Key",
    "Pkcs12Key",
    "SigningError",
    "VerifyInputError",
    "open_signer",
    "unlock_secret",
]
