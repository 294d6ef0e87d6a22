"""``auditor verify REPORT.pdf``: checks a signed report and says what it checked.

Exit codes: 0 every signature and the evidence hold; 1 something is invalid or altered;
2 the file cannot be read, carries no signature, or ``--trust`` is unusable.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from auditor.signing.errors import VerifyInputError

if TYPE_CHECKING:
    from auditor.signing.verify import Verdict

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _time(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value is not None else "not given"


def render_verdict(path: Path, verdict: Verdict) -> str:
    lines = [f"{path}: {'VALID' if verdict.valid else 'INVALID'}"]
    for number, sig in enumerate(verdict.signatures, start=1):
        lines.append(f"signature {number} ({sig.field}): {'valid' if sig.valid else 'INVALID'}")
        lines.append(f"  signer: {sig.signer}")
        lines.append(f"  signed at: {_time(sig.signed_at)} (as the signer's clock said)")
        if sig.timestamp is not None:
            lines.append(f"  timestamp: {_time(sig.timestamp)} (from the timestamp authority)")
        lines += [f"  ok: {item}" for item in sig.checked]
        lines += [f"  FAILED: {item}" for item in sig.problems]
    lines.append("evidence:")
    lines += [f"  ok: {item}" for item in verdict.evidence_checked]
    lines += [f"  FAILED: {item}" for item in verdict.evidence_problems]
    lines.append(f"trust anchors: {verdict.trust}")
    lines += [f"note: {note}" for note in verdict.notes]
    return "\n".join(lines) + "\n"


def verify_command(
    report: Annotated[Path, typer.Argument(help="The signed report (PDF).")],
    trust: Annotated[
        Path | None,
        typer.Option(
            "--trust",
            metavar="CA.pem",
            help="Trust only these CA certificates (PEM); default the system's trust store.",
        ),
    ] = None,
) -> None:
    """Verify a signed report: its signatures, certificate chain, timestamp, and that the
    embedded results and the cover are the ones it was rendered with."""
    from auditor.signing.verify import load_trust, verify_report

    try:
        anchors = load_trust(trust) if trust is not None else None
    except VerifyInputError as exc:
        _stop(f"--trust: {exc}")
    try:
        verdict = verify_report(report.read_bytes(), anchors)
    except OSError as exc:
        _stop(f"cannot read {report} ({exc.strerror})")
    except VerifyInputError as exc:
        _stop(f"{report}: {exc}")
    sys.stdout.buffer.write(render_verdict(report, verdict).encode("utf-8"))
    sys.stdout.flush()
    raise typer.Exit(EXIT_VALID if verdict.valid else EXIT_INVALID)


def _stop(message: str) -> NoReturn:
    sys.stderr.write(f"auditor: {message}\n")
    raise typer.Exit(EXIT_USAGE)
