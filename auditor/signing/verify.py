"""``auditor verify``: is this signed report the one its officer signed, whole and unaltered?

Checks every signature (intact, valid, covering the whole file but for later signatures,
a certificate chain to the given trust anchors or the system's store, its timestamp if
any), then the evidence: the embedded results JSON against the SHA-256 recorded in the
XMP metadata at render time, and the summary printed on the cover against that JSON.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from auditor.report.evidence import (
    ATTACHMENT_NAME,
    cover_summary,
    recorded_digest,
    results_digest,
)
from auditor.report.labels import Labels
from auditor.signing.errors import VerifyInputError
from auditor.signing.quiet import import_quietly, quiet_libraries
from auditor.text import Lang

import_quietly()  # this module is imported only to sign or verify


@dataclass(frozen=True)
class SignatureCheck:
    field: str
    signer: str
    signed_at: datetime | None
    timestamp: datetime | None  # the timestamp token's time (B-T), if any
    checked: tuple[str, ...]  # what was checked and held
    problems: tuple[str, ...]  # what was checked and failed

    @property
    def valid(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Verdict:
    signatures: tuple[SignatureCheck, ...]
    evidence_checked: tuple[str, ...] = ()
    evidence_problems: tuple[str, ...] = ()
    trust: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def valid(self) -> bool:
        return not self.evidence_problems and all(s.valid for s in self.signatures)


def load_trust(path: Path) -> list[Any]:
    """The trust anchors in a PEM (or DER) file, as asn1crypto certificates."""
    from pyhanko.keys import load_certs_from_pemder_data

    try:
        certs = list(load_certs_from_pemder_data(path.read_bytes()))
    except OSError as exc:
        raise VerifyInputError(f"cannot read {path} ({exc.strerror})") from None
    except ValueError:
        raise VerifyInputError(f"{path}: not a PEM or DER certificate file") from None
    if not certs:
        raise VerifyInputError(f"{path}: holds no certificate")
    return certs


def verify_report(data: bytes, trust: Sequence[Any] | None) -> Verdict:
    """Every check on a signed report; raises VerifyInputError when it cannot be read or
    carries no signature."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_regular_signatures)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise VerifyInputError(f"not a readable PDF ({type(exc).__name__})") from None
    if not embedded:
        raise VerifyInputError("the PDF carries no signature")
    context = _validation_context(trust)
    with quiet_libraries():
        checks = tuple(
            _check_signature(sig, context, last=index == len(embedded) - 1)
            for index, sig in enumerate(embedded)
        )
    evidence_checked, evidence_problems = _check_evidence(data)
    return Verdict(
        signatures=checks,
        evidence_checked=evidence_checked,
        evidence_problems=evidence_problems,
        trust="--trust" if trust else "the system's trust store",
        notes=("revocation (CRL/OCSP) was not checked: verify works offline",),
    )


def _validation_context(trust: Sequence[Any] | None) -> Any:
    from pyhanko_certvalidator import ValidationContext

    # Offline on purpose: a verification must not depend on, or leak to, the network.
    if trust:
        return ValidationContext(trust_roots=list(trust), allow_fetching=False)
    return ValidationContext(allow_fetching=False)


def _check_signature(sig: Any, context: Any, *, last: bool) -> SignatureCheck:
    from pyhanko.sign.validation import validate_pdf_signature

    status = validate_pdf_signature(sig, context, ts_validation_context=context)
    judged = _judgements(status, last=last)
    stamp = status.timestamp_validity
    return SignatureCheck(
        field=str(sig.field_name),
        signer=status.signing_cert.subject.human_friendly,
        signed_at=status.signer_reported_dt,
        timestamp=stamp.timestamp if stamp is not None else None,
        checked=tuple(held for ok, held, _ in judged if ok),
        problems=tuple(failed for ok, _, failed in judged if not ok),
    )


def _judgements(status: Any, *, last: bool) -> list[tuple[bool, str, str]]:
    """Each check on one signature: whether it held, what held, what failed."""
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    judged = [
        (
            status.intact and status.valid,
            "intact (the signed bytes are unchanged)",
            "altered: the signed bytes no longer match the signature",
        )
    ]
    if last:
        judged.append(
            (
                status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
                "covers the whole file",
                "does not cover the whole file: something was added after signing",
            )
        )
    else:
        level = status.modification_level
        later_ok = level is not None and level <= ModificationLevel.FORM_FILLING
        judged.append(
            (
                later_ok and bool(status.docmdp_ok),
                "covers the file but for later signatures",
                "the file was changed after this signature, not only by later signatures",
            )
        )
    judged.append(
        (
            status.trusted,
            "certificate chain to a trust anchor",
            f"certificate not trusted or not valid at the signing time ({_trust_problem(status)})",
        )
    )
    stamp = status.timestamp_validity
    if stamp is not None:
        judged.append(
            (
                stamp.intact and stamp.valid and stamp.trusted,
                "timestamp (PAdES B-T)",
                "the timestamp is altered or its authority is not trusted",
            )
        )
    return judged


def _trust_problem(status: Any) -> str:
    indication = getattr(status, "trust_problem_indic", None)
    if indication is None:
        return "no path to a trust anchor"
    return str(getattr(indication, "name", indication)).lower().replace("_", " ")


def _check_evidence(data: bytes) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The embedded results against the recorded digest, and the cover against them."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        attachments = reader.attachments.get(ATTACHMENT_NAME) or []
        root: Any = reader.trailer["/Root"]
        metadata = root.get("/Metadata")
        xmp = metadata.get_object().get_data() if metadata is not None else b""
        cover = reader.pages[0].extract_text() if reader.pages else ""
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        return (), (f"the evidence could not be read ({type(exc).__name__})",)
    if len(attachments) != 1:
        return (), (f"the PDF does not embed exactly one {ATTACHMENT_NAME}",)
    embedded = attachments[0]
    recorded = recorded_digest(xmp)
    if recorded is None:
        return (), ("the PDF's metadata records no SHA-256 of the embedded results",)
    actual = results_digest(embedded)
    if actual != recorded:
        return (), (
            f"the embedded results (SHA-256 {actual[:16]}…) are not the ones the report was "
            f"built from (recorded {recorded[:16]}…)",
        )
    checked = [f"embedded results match the SHA-256 recorded at render time ({actual[:16]}…)"]
    try:
        results = json.loads(embedded.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return tuple(checked), ("the embedded results are not JSON",)
    if not _cover_matches(results, cover):
        return tuple(checked), ("the summary on the cover does not match the embedded results",)
    checked.append("the cover's summary matches the embedded results")
    return tuple(checked), ()


def _squeeze(text: str) -> str:
    # Text extraction breaks lines and spaces where the layout did; compare without them.
    return re.sub(r"\s+", "", text)


def _cover_matches(results: Any, cover: str) -> bool:
    if not isinstance(results, dict):
        return False
    page = _squeeze(cover)
    return any(_squeeze(cover_summary(results, Labels(lang))) in page for lang in Lang)
