"""Mail on what changed, received by a real SMTP server on loopback and parsed back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from auditor.exit_codes import EXIT_INTERNAL
from auditor.job import Cron, JobError, run_job
from auditor.text import Lang
from tests.cron.inventories import job, write_inventory
from tests.cron.smtp import free_port, self_signed, smtp_server


def smtp_env(port: int, **extra: str) -> dict[str, str]:
    return {
        "AUDITOR_SMTP_HOST": "127.0.0.1",
        "AUDITOR_SMTP_PORT": str(port),
        "AUDITOR_SMTP_TLS": "none",
        "AUDITOR_SMTP_FROM": "auditor@melaka.gov.my",
        **extra,
    }


NOTIFY = Cron(notify=("ict@melaka.gov.my", "ciso@melaka.gov.my"))


def test_one_mail_lists_new_and_resolved_failures_with_the_pdf_attached(tmp_path: Path) -> None:
    history = tmp_path / "history.db"
    with smtp_server() as (inbox, port):
        first = write_inventory(tmp_path, no_mfa=frozenset({"jkm-fb"}))
        assert run_job(job(first, history, cron=NOTIFY, environ=smtp_env(port))) == 1
        second = write_inventory(tmp_path, individual=frozenset({"mbmb-fb"}))
        report = tmp_path / "audit.pdf"
        code = run_job(job(second, history, cron=NOTIFY, environ=smtp_env(port), report=report))
        assert code == 1
        unchanged = run_job(job(second, history, cron=NOTIFY, environ=smtp_env(port)))
    assert unchanged == 1
    assert len(inbox.messages) == 2  # nothing changed on the third night: no mail
    assert inbox.logins == []  # no AUDITOR_SMTP_USER: no AUTH attempted
    mail = inbox.messages[1]
    assert inbox.envelopes[1] == (
        "auditor@melaka.gov.my",
        ["ict@melaka.gov.my", "ciso@melaka.gov.my"],
    )
    assert mail["Subject"].startswith("auditor: 1 kegagalan baharu, 1 diselesaikan")
    plain = mail.get_body(("plain",))
    html = mail.get_body(("html",))
    assert plain is not None and html is not None
    text = plain.get_content()
    new_part, resolved_part = text.split("Kegagalan yang diselesaikan")
    assert "OWN-001  mbmb-fb" in new_part and "ACC-001" not in new_part
    assert "ACC-001  jkm-fb" in resolved_part
    assert "<td>OWN-001</td><td>mbmb-fb</td>" in html.get_content()
    (attachment,) = list(mail.iter_attachments())
    assert attachment.get_filename() == "audit.pdf"
    data = attachment.get_content()
    assert data == report.read_bytes()
    pdf = tmp_path / "received.pdf"
    pdf.write_bytes(data)
    assert "mbmb-fb" in "".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_starttls_and_auth_with_the_password_from_a_secret_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts the test's certificate
    history = tmp_path / "history.db"
    inventory = write_inventory(tmp_path, no_mfa=frozenset({"jkm-x"}))
    env = smtp_env(
        0,
        AUDITOR_SMTP_TLS="starttls",
        AUDITOR_SMTP_USER="auditor",
        AUDITOR_SMTP_PASSWORD="env:SMTP_SECRET",
        SMTP_SECRET="s3cret-Mel4ka",
    )
    with smtp_server(tls=(cert, key), user="auditor", password="s3cret-Mel4ka") as (inbox, port):
        env["AUDITOR_SMTP_PORT"] = str(port)
        cron = Cron(notify=("ict@melaka.gov.my",))
        scan = job(inventory, history, cron=cron, environ=env)
        assert run_job(scan) == 1
    assert inbox.logins == [("auditor", "s3cret-Mel4ka")]
    (mail,) = inbox.messages
    assert "1 new" not in mail["Subject"]  # Malay by default
    assert (
        run_job(
            job(
                inventory,
                history,
                cron=Cron(notify=("x@melaka.gov.my",), notify_always=True),
                environ=env,
            )
        )
        == 3
    )


def test_english_mail_when_the_scan_is_in_english(tmp_path: Path) -> None:
    inventory = write_inventory(tmp_path, no_mfa=frozenset({"jkm-x"}))
    with smtp_server() as (inbox, port):
        scan = job(inventory, tmp_path / "h.db", cron=NOTIFY, environ=smtp_env(port))
        run_job(scan.__class__(**{**scan.__dict__, "lang": Lang.EN}))
    (mail,) = inbox.messages
    assert mail["Subject"].startswith("auditor: 1 new failures, 0 resolved")
    assert "New failures:" in mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_a_mail_server_that_is_down_exits_3_after_the_history_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = tmp_path / "history.db"
    inventory = write_inventory(tmp_path, no_mfa=frozenset({"jkm-fb"}))
    down = smtp_env(free_port())  # nothing listens there
    assert run_job(job(inventory, history, cron=NOTIFY, environ=down)) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "mail not sent: cannot reach the mail server 127.0.0.1" in err
    with sqlite3.connect(history) as db:
        assert db.execute("SELECT count(*) FROM runs").fetchone() == (1,)
    assert run_job(job(inventory, history)) == 1  # and the next scan goes on


def test_implicit_tls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cert, key = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    inventory = write_inventory(tmp_path, no_mfa=frozenset({"jkm-x"}))
    with smtp_server(tls=(cert, key), implicit_tls=True) as (inbox, port):
        env = smtp_env(port, AUDITOR_SMTP_TLS="tls")
        assert run_job(job(inventory, tmp_path / "h.db", cron=NOTIFY, environ=env)) == 1
    assert len(inbox.messages) == 1


def test_an_untrusted_certificate_is_refused(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)  # SSL_CERT_FILE not set: the system does not trust it
    inventory = write_inventory(tmp_path, no_mfa=frozenset({"jkm-x"}))
    with smtp_server(tls=(cert, key)) as (inbox, port):
        env = smtp_env(port, AUDITOR_SMTP_TLS="starttls")
        code = run_job(job(inventory, tmp_path / "h.db", cron=NOTIFY, environ=env))
    assert code == EXIT_INTERNAL and inbox.messages == []


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({}, "needs AUDITOR_SMTP_HOST and AUDITOR_SMTP_FROM"),
        ({**smtp_env(25), "AUDITOR_SMTP_TLS": "ssl3"}, "none, starttls or tls"),
        ({**smtp_env(25), "AUDITOR_SMTP_PORT": "smtp"}, "must be a port number"),
        # a password written in clear is refused, and not repeated
        ({**smtp_env(25), "AUDITOR_SMTP_PASSWORD": "Rahsia-Melaka-2026"}, "secret reference"),
    ],
)
def test_bad_mail_settings_stop_the_scan_before_it_starts(
    tmp_path: Path, environ: dict[str, str], message: str
) -> None:
    inventory = write_inventory(tmp_path)
    with pytest.raises(JobError) as caught:
        run_job(job(inventory, tmp_path / "h.db", cron=NOTIFY, environ=environ))
    assert caught.value.code == 2 and message in str(caught.value)
    assert "Rahsia" not in str(caught.value)
    assert not (tmp_path / "h.db").exists()  # nothing was scanned or recorded
