"""One test PKI and one rendered report per session: rendering takes seconds, signing
a fraction of one, so every test signs the same rendered bytes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from auditor.report import report_pdf
from auditor.signing import Pkcs12Key, open_signer
from auditor.signing.sign import sign_pdf
from auditor.text import Lang
from tests.signing.pki import Issued, issue, make_root, write_pkcs12

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "report_scan.json"
PASSPHRASE = "kunci-ujian-Melaka-2026"
OFFICER = "Siti Aminah binti Abdullah, Pegawai Keselamatan ICT"


@dataclass(frozen=True)
class Pki:
    folder: Path
    root: Issued
    signer: Issued
    expired: Issued
    tsa: Issued
    stranger_root: Issued  # a CA that issued none of these

    def p12(self, issued: Issued, name: str) -> Path:
        path = self.folder / name
        if not path.exists():
            write_pkcs12(path, issued, self.root, PASSPHRASE)
        return path

    def pem(self, issued: Issued, name: str) -> Path:
        path = self.folder / name
        path.write_bytes(issued.pem())
        return path


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    root = make_root()
    return Pki(
        folder=tmp_path_factory.mktemp("pki"),
        root=root,
        signer=issue(root, "Siti Aminah binti Abdullah"),
        expired=issue(root, "Pegawai Bersara", expired=True),
        tsa=issue(root, "Test Timestamp Authority", timestamping=True),
        stranger_root=make_root("Another Root CA"),
    )


@pytest.fixture(scope="session")
def results() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def rendered(results: dict[str, Any]) -> bytes:
    return report_pdf(results, lang=Lang.EN, auditor=OFFICER)


def sign_with(pdf: bytes, p12: Path, tsa_url: str | None = None) -> bytes:
    with open_signer(Pkcs12Key(p12), {"AUDITOR_SIGN_PASSPHRASE": PASSPHRASE}, lambda _: None) as s:
        return sign_pdf(pdf, s, lang=Lang.EN, tsa_url=tsa_url)


@pytest.fixture(scope="session")
def signed(rendered: bytes, pki: Pki) -> bytes:
    return sign_with(rendered, pki.p12(pki.signer, "signer.p12"))


def run_cli(*args: str, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "AUDITOR_SIGN_PASSPHRASE"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=environment,
        stdin=subprocess.DEVNULL,
        check=False,
    )
