"""A signed report verifies; every kind of tampering fails `verify` with its reason."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter

from auditor.report.evidence import ATTACHMENT_NAME
from auditor.signing.verify import verify_report
from tests.signing.conftest import Pki, run_cli, sign_with
from tests.signing.tsa import timestamp_server


def _problems(pdf: bytes, pki: Pki, trust: Any = None) -> list[str]:
    from pyhanko.keys import load_certs_from_pemder_data

    anchors = list(load_certs_from_pemder_data((trust or pki.root).pem()))
    verdict = verify_report(pdf, anchors)
    return [p for s in verdict.signatures for p in s.problems] + list(verdict.evidence_problems)


def test_signed_report_verifies_and_says_what_it_checked(
    signed: bytes, pki: Pki, tmp_path: Path
) -> None:
    report = tmp_path / "audit.pdf"
    report.write_bytes(signed)
    done = run_cli("verify", str(report), "--trust", str(pki.pem(pki.root, "root.pem")))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"{report}: VALID")
    assert "signer: Common Name: Siti Aminah binti Abdullah" in done.stdout
    assert "signed at: 20" in done.stdout
    for checked in ("intact", "covers the whole file", "certificate chain", "SHA-256", "cover"):
        assert checked in done.stdout
    assert done.stderr == ""


def test_one_byte_changed_after_signing_is_altered(signed: bytes, pki: Pki) -> None:
    # a byte of the binary comment on the second line: the file still parses, the digest not
    assert signed[10:11] != b"\xe3"
    changed = signed[:10] + b"\xe3" + signed[11:]
    assert _problems(changed, pki)[0].startswith("altered")


def test_a_page_appended_without_signing_is_found(signed: bytes, pki: Pki) -> None:
    writer = PdfWriter(io.BytesIO(signed), incremental=True)
    writer.add_blank_page()
    out = io.BytesIO()
    writer.write(out)
    assert out.getvalue().startswith(signed)  # an incremental update, the signature intact
    problems = _problems(out.getvalue(), pki)
    assert problems == ["does not cover the whole file: something was added after signing"], (
        problems
    )


def test_swapped_embedded_results_are_found(rendered: bytes, pki: Pki, results: Any) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(rendered)))
    forged = dict(results, summary=dict(results["summary"], fail=0))
    writer._root_object.pop("/Names", None)  # drop the original attachment with its name tree
    writer.add_attachment(ATTACHMENT_NAME, json.dumps(forged).encode())
    out = io.BytesIO()
    writer.write(out)
    # signed after the swap: the signature holds, the evidence does not
    problems = _problems(sign_with(out.getvalue(), pki.p12(pki.signer, "signer.p12")), pki)
    assert len(problems) == 1
    assert "are not the ones the report was built from" in problems[0]


def test_an_expired_certificate_fails(rendered: bytes, pki: Pki) -> None:
    problems = _problems(sign_with(rendered, pki.p12(pki.expired, "expired.p12")), pki)
    assert problems and problems[0].startswith("certificate not trusted or not valid"), problems


def test_an_untrusted_certificate_fails(signed: bytes, pki: Pki, tmp_path: Path) -> None:
    report = tmp_path / "audit.pdf"
    report.write_bytes(signed)
    stranger = pki.pem(pki.stranger_root, "stranger.pem")
    done = run_cli("verify", str(report), "--trust", str(stranger))
    assert done.returncode == 1
    assert "FAILED: certificate not trusted or not valid" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_unsigned_or_unreadable_is_exit_2(rendered: bytes, tmp_path: Path) -> None:
    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(rendered)
    done = run_cli("verify", str(unsigned))
    assert (done.returncode, done.stderr.strip()) == (
        2,
        f"auditor: {unsigned}: the PDF carries no signature",
    )
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    done = run_cli("verify", str(junk))
    assert done.returncode == 2 and "not a readable PDF" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unusable_trust_file_is_exit_2(signed: bytes, tmp_path: Path) -> None:
    report = tmp_path / "audit.pdf"
    report.write_bytes(signed)
    (tmp_path / "ca.pem").write_text("not a certificate\n")
    done = run_cli("verify", str(report), "--trust", str(tmp_path / "ca.pem"))
    assert done.returncode == 2 and done.stderr.startswith("auditor: --trust: "), done.stderr


def test_timestamp_from_a_loopback_server_gives_b_t(rendered: bytes, pki: Pki) -> None:
    from pyhanko.keys import load_certs_from_pemder_data

    with timestamp_server(pki.tsa) as (url, requests):
        stamped = sign_with(rendered, pki.p12(pki.signer, "signer.p12"), tsa_url=url)
    assert requests  # pyHanko asks once to size the signature, once to stamp it
    verdict = verify_report(stamped, list(load_certs_from_pemder_data(pki.root.pem())))
    assert verdict.valid, verdict
    (signature,) = verdict.signatures
    assert signature.timestamp is not None
    assert "timestamp (PAdES B-T)" in signature.checked


def test_a_timestamp_from_an_untrusted_authority_fails(rendered: bytes, pki: Pki) -> None:
    from tests.signing.pki import issue

    rogue = issue(pki.stranger_root, "Rogue TSA", timestamping=True)
    with timestamp_server(rogue) as (url, _):
        stamped = sign_with(rendered, pki.p12(pki.signer, "signer.p12"), tsa_url=url)
    assert "the timestamp is altered or its authority is not trusted" in _problems(stamped, pki)


def test_a_cover_that_does_not_match_the_embedded_results_is_found(results: Any, pki: Pki) -> None:
    """Rendered from one scan with another scan embedded (its digest recorded): the
    signature and the digest hold, the cover's summary does not."""
    from auditor.report import pdf
    from auditor.report.build import build_view
    from auditor.report.fetcher import allowed_roots
    from auditor.report.html import render_html
    from auditor.resources import templates_dir
    from auditor.text import Lang

    other = dict(results, summary=dict(results["summary"], score=12.5, fail=99))
    folder = templates_dir() / "report"
    mismatched = pdf.html_to_pdf(
        render_html(build_view(results, lang=Lang.EN), for_pdf=True),
        base_dir=folder,
        fetcher=pdf.RestrictedFetcher(allowed_roots(folder, None)),
        attachment=pdf.PdfAttachment(ATTACHMENT_NAME, "results", json.dumps(other).encode()),
    )
    problems = _problems(sign_with(mismatched, pki.p12(pki.signer, "signer.p12")), pki)
    assert problems == ["the summary on the cover does not match the embedded results"]


def test_a_later_signature_is_allowed_but_a_later_change_is_not(signed: bytes, pki: Pki) -> None:
    p12 = pki.p12(pki.signer, "signer.p12")
    countersigned = sign_with(signed, p12)  # e.g. "verified by", after "prepared by"
    verdict = verify_report(countersigned, _anchors(pki))
    assert [s.field for s in verdict.signatures] == ["auditor-signature-1", "auditor-signature-2"]
    assert verdict.valid, verdict
    assert "covers the file but for later signatures" in verdict.signatures[0].checked
    writer = PdfWriter(io.BytesIO(signed), incremental=True)
    writer.add_blank_page()
    out = io.BytesIO()
    writer.write(out)
    problems = _problems(sign_with(out.getvalue(), p12), pki)
    assert problems == [
        "the file was changed after this signature, not only by later signatures"
    ], problems


def _anchors(pki: Pki) -> list[Any]:
    from pyhanko.keys import load_certs_from_pemder_data

    return list(load_certs_from_pemder_data(pki.root.pem()))
