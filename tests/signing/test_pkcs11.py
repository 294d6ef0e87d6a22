"""Signing through PKCS#11 with a SoftHSM2 token made for the test (Debian's softhsm2).

Skipped, with the reason, where SoftHSM2 is not installed: `make test` does not need it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.signing.conftest import FIXTURE, Pki, run_cli
from tests.signing.pki import key_pem

MODULES = [
    Path("/usr/lib/softhsm/libsofthsm2.so"),
    Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
    Path("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
]
MODULE = next((m for m in MODULES if m.is_file()), None)
PIN, SO_PIN, TOKEN, LABEL = "246810", "13579135", "auditor-test", "signer"

pytestmark = pytest.mark.skipif(
    MODULE is None or shutil.which("softhsm2-util") is None,
    reason="SoftHSM2 is not installed (apt-get install softhsm2)",
)


@pytest.fixture(scope="module")
def token(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A fresh token holding the signer's key and certificate; the environment to reach it."""
    import pkcs11
    from cryptography.hazmat.primitives import serialization
    from pkcs11 import Attribute, CertificateType, ObjectClass

    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    config = folder / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    env = {"SOFTHSM2_CONF": str(config)}
    util = ["softhsm2-util"]
    tool_env = env | {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    init = ["--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", SO_PIN]
    subprocess.run([*util, *init], check=True, capture_output=True, env=tool_env)
    key_file = folder / "key.pem"
    key_file.write_bytes(key_pem(pki.signer))
    load = ["--import", str(key_file), "--token", TOKEN, "--label", LABEL, "--id", "01"]
    subprocess.run([*util, *load, "--pin", PIN], check=True, capture_output=True, env=tool_env)
    key_file.unlink()
    # softhsm2-util imports keys only: the certificate goes in through PKCS#11 itself
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(config)
    try:
        lib = pkcs11.lib(str(MODULE))
        with lib.get_token(token_label=TOKEN).open(rw=True, user_pin=PIN) as session:
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.LABEL: LABEL,
                    Attribute.ID: b"\x01",
                    Attribute.SUBJECT: pki.signer.cert.subject.public_bytes(),
                    Attribute.ISSUER: pki.signer.cert.issuer.public_bytes(),
                    Attribute.VALUE: pki.signer.cert.public_bytes(serialization.Encoding.DER),
                }
            )
    finally:
        if previous is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = previous
    return env


def _sign_on_token(
    token: dict[str, str], output: Path, *, key_label: str = LABEL, pin: str = PIN
) -> subprocess.CompletedProcess[str]:
    """``auditor report`` of the fixture, signed with the token's key ``key_label``."""
    return run_cli(
        "report",
        str(FIXTURE),
        "-o",
        str(output),
        "--lang",
        "en",
        "--sign-pkcs11",
        str(MODULE),
        "--token-label",
        TOKEN,
        "--key-label",
        key_label,
        env=token | {"AUDITOR_SIGN_PASSPHRASE": pin},
    )


def test_signs_through_pkcs11_and_verifies(token: dict[str, str], pki: Pki, tmp_path: Path) -> None:
    output = tmp_path / "audit.pdf"
    done = _sign_on_token(token, output)
    assert done.returncode == 0, done.stderr
    verified = run_cli("verify", str(output), "--trust", str(pki.pem(pki.root, "root.pem")))
    assert verified.returncode == 0, verified.stdout
    assert "signer: Common Name: Siti Aminah binti Abdullah" in verified.stdout


def test_a_wrong_pin_is_exit_2(token: dict[str, str], tmp_path: Path) -> None:
    done = _sign_on_token(token, tmp_path / "a.pdf", pin="000000")
    assert done.returncode == 2 and "the PIN is wrong" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "000000" not in done.stderr


def test_an_unknown_key_label_is_exit_2(token: dict[str, str], tmp_path: Path) -> None:
    done = _sign_on_token(token, tmp_path / "a.pdf", key_label="nobody")
    assert done.returncode == 2 and "no usable key and certificate labelled 'nobody'" in done.stderr
