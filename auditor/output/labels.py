"""Words the terminal output uses, in both languages."""

from __future__ import annotations

from auditor.results import Severity, Status
from auditor.text import Text

STATUS = {
    Status.PASS: Text(ms="lulus", en="pass"),
    Status.FAIL: Text(ms="gagal", en="fail"),
    Status.ERROR: Text(ms="ralat", en="error"),
    Status.MANUAL: Text(ms="manual", en="manual"),
    Status.SKIPPED: Text(ms="langkau", en="skipped"),
}
SEVERITY = {
    Severity.CRITICAL: Text(ms="kritikal", en="critical"),
    Severity.HIGH: Text(ms="tinggi", en="high"),
    Severity.MEDIUM: Text(ms="sederhana", en="medium"),
    Severity.LOW: Text(ms="rendah", en="low"),
    Severity.INFO: Text(ms="makluman", en="info"),
}
MUTED = Text(ms="diredam", en="muted")  # an accepted risk (a mute), until it expires
FINDINGS = Text(ms="Penemuan yang perlu tindakan", en="Findings that need action")
AGENCIES = Text(ms="Skor pematuhan mengikut agensi", en="Compliance score by agency")
CHECK = Text(ms="Semakan", en="Check")
SEVERITY_HEADING = Text(ms="Tahap", en="Severity")
STATUS_HEADING = Text(ms="Status", en="Status")
AGENCY = Text(ms="Agensi", en="Agency")
ACCOUNT = Text(ms="Akaun", en="Account")
MESSAGE = Text(ms="Keterangan", en="Message")
SCORE = Text(ms="Skor", en="Score")
ACCOUNTS = Text(ms="Akaun", en="Accounts")
NONE = Text(ms="Tiada penemuan yang perlu tindakan.", en="No findings need action.")
TOTALS = Text(
    ms="{accounts} akaun: {pass_} lulus, {fail} gagal, {error} ralat, {manual} manual, "
    "{skipped} dilangkau. Skor organisasi: {score}.",
    en="{accounts} accounts: {pass_} pass, {fail} fail, {error} error, {manual} manual, "
    "{skipped} skipped. Organisation score: {score}.",
)
CATALOGUE = Text(ms="Katalog semakan", en="Check catalogue")
TITLE = Text(ms="Tajuk", en="Title")
REFERENCES = Text(ms="Rujukan", en="References")
