"""`auditor report --sign`: the key and its passphrase, what signing keeps, the visible block."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from auditor.secrets import Secret
from auditor.signing import SigningError, unlock_secret
from auditor.signing.sign import SIGNATURE_BOX, signature_placement
from tests.signing.conftest import FIXTURE, PASSPHRASE, Pki, run_cli


@pytest.fixture(scope="module")
def signed_by_cli(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`auditor report --sign`, the passphrase behind a file: reference (chmod 600)."""
    folder = tmp_path_factory.mktemp("cli")
    secret = folder / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    secret.chmod(0o600)
    output = folder / "audit.pdf"
    done = _signed_report(output, pki.p12(pki.signer, "signer.p12"), f"file:{secret}")
    assert done.returncode == 0, done.stderr
    assert PASSPHRASE not in done.stdout + done.stderr
    return output


def _signed_report(output: Path, key: Path, passphrase: str) -> subprocess.CompletedProcess[str]:
    """``auditor report`` of the fixture to ``output``, signed with the PKCS#12 ``key``."""
    return run_cli(
        "report",
        str(FIXTURE),
        "-o",
        str(output),
        "--sign",
        str(key),
        env={"AUDITOR_SIGN_PASSPHRASE": passphrase},
    )


def test_cli_signs_and_the_signature_verifies(signed_by_cli: Path, pki: Pki) -> None:
    done = run_cli("verify", str(signed_by_cli), "--trust", str(pki.pem(pki.root, "root.pem")))
    assert done.returncode == 0, done.stdout


def test_signing_keeps_pdfa_tags_and_the_embedded_results(
    signed_by_cli: Path, rendered: bytes, results: Any
) -> None:
    data = signed_by_cli.read_bytes()
    reader = PdfReader(io.BytesIO(data))
    catalog: Any = reader.trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert "/StructTreeRoot" in catalog and "/OutputIntents" in catalog
    (embedded,) = reader.attachments["auditor-results.json"]
    assert json.loads(embedded) == results
    # an incremental update: the rendered revision is still there, byte for byte
    assert b"%%EOF" in data[: len(data) - 100]
    assert data.count(b"%%EOF") >= 2


def test_the_visible_signature_sits_in_the_signoff_box(signed_by_cli: Path) -> None:
    data = signed_by_cli.read_bytes()
    placement = signature_placement(data)
    reader = PdfReader(io.BytesIO(data))
    assert SIGNATURE_BOX in reader.named_destinations
    widgets = [
        annot.get_object()
        for annot in reader.pages[placement.page].get("/Annots") or []
        if annot.get_object().get("/FT") == "/Sig"
    ]
    assert len(widgets) == 1
    widget = widgets[0]
    assert [round(float(v)) for v in widget["/Rect"]] == list(placement.box)
    assert "/N" in widget["/AP"]  # it has an appearance: the signer and the time
    assert "Pengesahan" in (reader.pages[placement.page].extract_text() or "")  # Sign-off, ms


def test_a_wrong_passphrase_is_exit_2_without_traceback(pki: Pki, tmp_path: Path) -> None:
    wrong = "not-the-passphrase-42"
    done = _signed_report(tmp_path / "a.pdf", pki.p12(pki.signer, "signer.p12"), wrong)
    assert done.returncode == 2
    assert "passphrase is wrong" in done.stderr
    assert "Traceback" not in done.stderr and wrong not in done.stderr + done.stdout
    assert not (tmp_path / "a.pdf").exists()


@pytest.mark.parametrize(
    ("key", "expected"),
    [("garbage.p12", "not a PKCS#12 file"), ("missing.p12", "cannot read the signing key")],
)
def test_an_unreadable_key_is_exit_2(tmp_path: Path, key: str, expected: str) -> None:
    if key == "garbage.p12":
        (tmp_path / key).write_bytes(b"\x30\x03\x02\x01\x00 not a key")
    done = _signed_report(tmp_path / "a.pdf", tmp_path / key, "x")
    assert (done.returncode, expected in done.stderr) == (2, True), done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--tsa", "http://127.0.0.1:9/"], "--tsa goes with --sign"),
        (["--sign", "a.p12", "--sign-pkcs11", "m.so"], "not both"),
        (["--sign-pkcs11", "m.so", "--token-label", "t"], "needs --token-label and --key-label"),
        (["--sign", "a.p12", "--tsa", "ftp://x"], "not an http(s) URL"),
    ],
)
def test_sign_options_that_do_not_fit_are_exit_2(
    tmp_path: Path, options: list[str], expected: str
) -> None:
    done = run_cli("report", str(FIXTURE), "-o", str(tmp_path / "a.pdf"), *options)
    assert done.returncode == 2 and expected in done.stderr, done.stderr


def test_only_a_pdf_can_be_signed(pki: Pki, tmp_path: Path) -> None:
    done = _signed_report(tmp_path / "a.html", pki.p12(pki.signer, "signer.p12"), PASSPHRASE)
    assert done.returncode == 2 and "only a .pdf report can be signed" in done.stderr


def test_the_passphrase_comes_from_a_reference_the_variable_or_a_prompt() -> None:
    env = {"AUDITOR_SIGN_PASSPHRASE": "env:OTHER", "OTHER": "from-a-reference"}
    found = unlock_secret("key", env, lambda _: None)
    assert isinstance(found, Secret) and found.reveal() == "from-a-reference"
    plain = unlock_secret("key", {"AUDITOR_SIGN_PASSPHRASE": "plain"}, lambda _: None)
    assert plain is not None and plain.reveal() == "plain"
    asked = unlock_secret("key", {}, lambda question: "typed" if "key" in question else None)
    assert asked is not None and asked.reveal() == "typed"
    assert unlock_secret("key", {}, lambda _: None) is None
    with pytest.raises(SigningError, match="AUDITOR_SIGN_PASSPHRASE: the environment variable"):
        unlock_secret("key", {"AUDITOR_SIGN_PASSPHRASE": "env:OTHER"}, lambda _: None)


def test_scan_report_takes_the_same_sign_options(pki: Pki, tmp_path: Path) -> None:
    from tests.signing.conftest import REPO

    output = tmp_path / "scan.pdf"
    done = run_cli(
        "scan",
        str(REPO / "sample_inventory.yaml"),
        "--offline",
        "--as-of",
        "2026-11-24",
        "--fail-on",
        "never",
        "--format",
        "json",
        "--output",
        str(tmp_path / "r.json"),
        "--report",
        str(output),
        "--sign",
        str(pki.p12(pki.signer, "signer.p12")),
        env={"AUDITOR_SIGN_PASSPHRASE": PASSPHRASE},
    )
    assert done.returncode == 0, done.stderr
    verified = run_cli("verify", str(output), "--trust", str(pki.pem(pki.root, "root.pem")))
    assert verified.returncode == 0, verified.stdout


def test_scan_sign_without_a_report_is_exit_2(tmp_path: Path) -> None:
    from tests.signing.conftest import REPO

    done = run_cli("scan", str(REPO / "sample_inventory.yaml"), "--offline", "--sign", "a.p12")
    assert done.returncode == 2 and "give --report FILE.pdf too" in done.stderr, done.stderr
