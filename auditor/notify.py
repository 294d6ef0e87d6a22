"""Mail on what changed: one message (plain text and HTML, the scan's language) over SMTP.

Configured by AUDITOR_SMTP_HOST, _PORT, _TLS (none|starttls|tls), _USER, _PASSWORD (a
secret reference, read through ``auditor.secrets``) and _FROM. The password is handed to
smtplib and to nothing else: no message, log line or exception here contains it.
"""

from __future__ import annotations

import html
import smtplib
import ssl
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from enum import Enum
from pathlib import Path

from auditor.catalogue import Registry
from auditor.change import Change
from auditor.results import Result
from auditor.secrets import SecretError, SecretReader, is_reference, parse_reference
from auditor.text import Lang, Text

TIMEOUT = 30.0  # seconds per SMTP operation
ATTEMPTS = 3  # a connection that fails is tried again, this many times in all
PAUSE = 1.0  # seconds between attempts


class TlsMode(Enum):
    NONE = "none"
    STARTTLS = "starttls"
    TLS = "tls"


class NotifyConfigError(Exception):
    """The AUDITOR_SMTP_* settings are missing or wrong (exit 2)."""


class NotifyError(Exception):
    """The mail server is down or refused the mail (exit 3, after history is written)."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    tls: TlsMode
    sender: str
    user: str | None = None
    password_ref: str | None = None  # a secret reference, never the password


def smtp_settings(environ: Mapping[str, str]) -> SmtpSettings:
    host = environ.get("AUDITOR_SMTP_HOST", "").strip()
    sender = environ.get("AUDITOR_SMTP_FROM", "").strip()
    if not host or not sender:
        raise NotifyConfigError("--notify needs AUDITOR_SMTP_HOST and AUDITOR_SMTP_FROM set")
    try:
        tls = TlsMode(environ.get("AUDITOR_SMTP_TLS", "starttls").strip().lower())
    except ValueError:
        raise NotifyConfigError("AUDITOR_SMTP_TLS must be none, starttls or tls") from None
    default_port = {TlsMode.NONE: 25, TlsMode.STARTTLS: 587, TlsMode.TLS: 465}[tls]
    port_text = environ.get("AUDITOR_SMTP_PORT", "").strip() or str(default_port)
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise NotifyConfigError("AUDITOR_SMTP_PORT must be a port number (1-65535)")
    password = environ.get("AUDITOR_SMTP_PASSWORD") or None
    if password is not None and not is_reference(password):
        # the value itself is never repeated: it may be the password written in clear
        raise NotifyConfigError(
            "AUDITOR_SMTP_PASSWORD must be a secret reference such as env:NAME or file:PATH"
        )
    return SmtpSettings(
        host=host,
        port=int(port_text),
        tls=tls,
        sender=sender,
        user=environ.get("AUDITOR_SMTP_USER") or None,
        password_ref=password,
    )


def _password(settings: SmtpSettings, base_dir: Path, environ: Mapping[str, str]) -> str | None:
    if settings.password_ref is None:
        return None
    try:
        return (
            SecretReader(base_dir, environ=dict(environ))
            .read(parse_reference(settings.password_ref))
            .reveal()
        )
    except SecretError as exc:
        raise NotifyConfigError(f"AUDITOR_SMTP_PASSWORD: {exc}") from None


def send(
    settings: SmtpSettings, message: EmailMessage, base_dir: Path, environ: Mapping[str, str]
) -> None:
    """Deliver ``message``; connection failures are tried again, refusals are not.
    A ``file:`` password reference is relative to ``base_dir`` (the inventory's folder)."""
    password = _password(settings, base_dir, environ) if settings.user else None
    for attempt in range(1, ATTEMPTS + 1):
        try:
            _deliver(settings, message, password)
            return
        except (smtplib.SMTPAuthenticationError, smtplib.SMTPRecipientsRefused) as exc:
            raise NotifyError(f"the mail server {settings.host} refused: {_why(exc)}") from None
        except smtplib.SMTPResponseException as exc:
            raise NotifyError(f"the mail server {settings.host} refused: {_why(exc)}") from None
        except (OSError, smtplib.SMTPException) as exc:
            if attempt == ATTEMPTS:
                raise NotifyError(
                    f"cannot reach the mail server {settings.host}:{settings.port} "
                    f"({type(exc).__name__}) after {ATTEMPTS} attempts"
                ) from None
            time.sleep(PAUSE)


def _why(exc: smtplib.SMTPException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        error = exc.smtp_error
        text = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)
        return f"{exc.smtp_code} {text}"
    return type(exc).__name__


def _deliver(settings: SmtpSettings, message: EmailMessage, password: str | None) -> None:
    # the system's trusted certificates (SSL_CERT_FILE may name others)
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if settings.tls is TlsMode.TLS:
        smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=TIMEOUT, context=context)
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT)
    with smtp:
        if settings.tls is TlsMode.STARTTLS:
            smtp.starttls(context=context)
        if settings.user is not None:
            smtp.login(settings.user, password or "")
        smtp.send_message(message)


_SUBJECT = Text(
    ms="auditor: {new} kegagalan baharu, {resolved} diselesaikan — {organisation}",
    en="auditor: {new} new failures, {resolved} resolved — {organisation}",
)
_NEW = Text(ms="Kegagalan baharu", en="New failures")
_RESOLVED = Text(ms="Kegagalan yang diselesaikan", en="Resolved failures")
_NONE = Text(ms="(tiada)", en="(none)")
_INTRO = Text(
    ms="Imbasan {as_of}: skor {score}, {fail} gagal. Berbanding imbasan sebelumnya:",
    en="Scan of {as_of}: score {score}, {fail} failing. Compared with the previous scan:",
)
_ATTACHED = Text(ms="Laporan PDF dilampirkan.", en="The PDF report is attached.")


def _lines(results: Sequence[Result], registry: Registry, lang: Lang) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for r in results:
        meta = registry.meta(r.check_id)
        title = meta.title(lang) if meta else r.check_id
        rows.append((r.check_id, r.account_id or r.domain or r.agency_id or "-", title))
    return rows


def compose(
    change: Change,
    registry: Registry,
    lang: Lang,
    sender: str,
    recipients: Sequence[str],
    attachment: Path | None = None,
) -> EmailMessage:
    """The mail: plain text and HTML alternatives, the report attached when given."""
    score = "-" if change.score is None else f"{change.score:.1f}"
    intro = _INTRO(lang, as_of=change.as_of, score=score, fail=change.failing)
    sections = [
        (_NEW(lang), _lines(change.new, registry, lang)),
        (_RESOLVED(lang), _lines(change.resolved, registry, lang)),
    ]
    message = EmailMessage()
    message["Subject"] = _SUBJECT(
        lang, new=len(change.new), resolved=len(change.resolved), organisation=change.organisation
    )
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message.set_content(_plain(intro, sections, lang, attachment is not None))
    message.add_alternative(_html(intro, sections, lang, attachment is not None), subtype="html")
    if attachment is not None:
        message.add_attachment(
            attachment.read_bytes(),
            maintype="application",
            subtype="pdf",
            filename=attachment.name,
        )
    return message


def _plain(
    intro: str, sections: list[tuple[str, list[tuple[str, ...]]]], lang: Lang, attached: bool
) -> str:
    out = [intro, ""]
    for heading, rows in sections:
        out.append(f"{heading}:")
        out += [f"  {check}  {subject}  {title}" for check, subject, title in rows] or [
            f"  {_NONE(lang)}"
        ]
        out.append("")
    if attached:
        out.append(_ATTACHED(lang))
    return "\n".join(out) + "\n"


def _html(
    intro: str, sections: list[tuple[str, list[tuple[str, ...]]]], lang: Lang, attached: bool
) -> str:
    e = html.escape
    parts = [f'<html lang="{lang.value}"><body><p>{e(intro)}</p>']
    for heading, rows in sections:
        parts.append(f"<h2>{e(heading)}</h2>")
        if not rows:
            parts.append(f"<p>{e(_NONE(lang))}</p>")
            continue
        parts.append("<table>")
        parts += ["<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>" for row in rows]
        parts.append("</table>")
    if attached:
        parts.append(f"<p>{e(_ATTACHED(lang))}</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
