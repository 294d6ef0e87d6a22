"""OWN: the account belongs to the agency and is registered and recovered through it."""

from __future__ import annotations

from auditor.catalogue import Outcome, check
from auditor.facts import AccountFacts, Owner
from auditor.results import Message, Severity
from auditor.text import Text
from checks._common import is_freemail, is_official_email, msg, same_email, verdict


def _email_messages(ms_subject: str, en_subject: str) -> dict[str, Text]:
    """The messages of _email_findings, about one address ("The login email", ...)."""
    return {
        "freemail": Text(
            ms=f"{ms_subject} {{email}} ialah e-mel percuma.",
            en=f"{en_subject} {{email}} is a free-mail address.",
        ),
        "unofficial": Text(
            ms=f"{ms_subject} {{email}} bukan pada domain rasmi ({{domains}}).",
            en=f"{en_subject} {{email}} is not on an official domain ({{domains}}).",
        ),
        "no_domains": Text(
            ms="Inventori tidak menyenaraikan domain rasmi (organisation.official_domains).",
            en="The inventory lists no official domains (organisation.official_domains).",
        ),
    }


def _officer_emails(facts: AccountFacts) -> list[str]:
    account = facts.account
    emails = [a.email for a in account.admins or [] if a.email]
    if account.handler and account.handler.email:
        emails.append(account.handler.email)
    return emails


@check(
    "OWN-001",
    title=Text(
        ms="Akaun milik agensi, bukan individu",
        en="Account owned by the agency, not an individual",
    ),
    severity=Severity.HIGH,
    references=["GP 7", "GP 8"],
    remediation=Text(
        ms="Daftarkan akaun atas nama agensi dengan e-mel rasmi unit atau jawatan "
        "(bukan peti mel peribadi pegawai) dan pindahkan pemilikan kepada agensi.",
        en="Register the account in the agency's name with an official unit or role mailbox "
        "(not an officer's personal mailbox) and transfer ownership to the agency.",
    ),
    messages={
        "ok": Text(
            ms="Akaun milik agensi dan e-mel log masuk bukan peti mel pegawai.",
            en="The account is the agency's and its login email is no officer's own.",
        ),
        "individual": Text(
            ms="Akaun direkodkan sebagai milik individu.",
            en="The account is recorded as owned by an individual.",
        ),
        "personal_login": Text(
            ms="E-mel log masuk {email} ialah peti mel peribadi pegawai.",
            en="The login email {email} is an officer's own mailbox.",
        ),
        "no_login_email": Text(
            ms="E-mel log masuk tidak direkodkan; sahkan ia bukan peti mel pegawai.",
            en="No login email is recorded; confirm it is not an officer's own mailbox.",
        ),
    },
)
def owned_by_agency(facts: AccountFacts) -> Outcome:
    account = facts.account
    problems: list[Message] = []
    unknowns: list[Message] = []
    if account.owner is Owner.INDIVIDUAL:
        problems.append(msg("individual"))
    if account.login_email is None:
        unknowns.append(msg("no_login_email"))
    elif any(same_email(account.login_email, e) for e in _officer_emails(facts)):
        problems.append(msg("personal_login", email=account.login_email))
    evidence = {"owner": account.owner.value, "login_email": account.login_email}
    return verdict(problems, unknowns, msg("ok"), evidence)


@check(
    "OWN-002",
    title=Text(
        ms="E-mel pendaftaran pada domain rasmi",
        en="Registration email on an official domain",
    ),
    severity=Severity.HIGH,
    references=["GP 13(15)", "GP 8"],
    remediation=Text(
        ms="Tukar e-mel log masuk akaun kepada alamat pada domain rasmi organisasi "
        "(contohnya unit@melaka.gov.my); jangan gunakan e-mel percuma.",
        en="Change the account's login email to an address on the organisation's official "
        "domain (e.g. unit@melaka.gov.my); never a free-mail address.",
    ),
    messages={
        "ok": Text(
            ms="E-mel log masuk {email} berada pada domain rasmi.",
            en="The login email {email} is on an official domain.",
        ),
        **_email_messages("E-mel log masuk", "The login email"),
        "no_login_email": Text(
            ms="E-mel log masuk tidak direkodkan.", en="No login email is recorded."
        ),
    },
)
def login_email_official(facts: AccountFacts) -> Outcome:
    email = facts.account.login_email
    problems, unknowns = _email_findings(facts, email, "no_login_email")
    evidence = {"email": email, "official_domains": list(facts.organisation.official_domains)}
    return verdict(problems, unknowns, msg("ok", email=email), evidence)


def _email_findings(
    facts: AccountFacts, email: str | None, missing: str
) -> tuple[list[Message], list[Message]]:
    """(problems, unknowns) of one address that must be on an official domain."""
    domains = facts.organisation.official_domains
    if email is None:
        return [], [msg(missing)]
    if is_freemail(email):
        return [msg("freemail", email=email)], []
    if not domains:
        return [], [msg("no_domains")]
    if not is_official_email(email, domains):
        return [msg("unofficial", email=email, domains=", ".join(domains))], []
    return [], []


@check(
    "OWN-003",
    title=Text(
        ms="Pemulihan akaun dikawal oleh agensi",
        en="Account recovery controlled by the agency",
    ),
    severity=Severity.HIGH,
    references=["GP 8"],
    remediation=Text(
        ms="Tetapkan e-mel pemulihan pada domain rasmi dan nombor telefon pemulihan kepada "
        "talian pejabat, bukan telefon peribadi pegawai.",
        en="Set the recovery email to an official-domain address and the recovery phone to an "
        "office line, not an officer's personal phone.",
    ),
    messages={
        "ok": Text(
            ms="E-mel dan telefon pemulihan dikawal oleh agensi.",
            en="The recovery email and phone are controlled by the agency.",
        ),
        **_email_messages("E-mel pemulihan", "The recovery email"),
        "no_recovery_email": Text(
            ms="E-mel pemulihan tidak direkodkan.", en="No recovery email is recorded."
        ),
        "personal_phone": Text(
            ms="Telefon pemulihan {number} bukan talian pejabat.",
            en="The recovery phone {number} is not an office line.",
        ),
        "phone_unknown": Text(
            ms="Tidak direkodkan sama ada telefon pemulihan {number} ialah talian pejabat.",
            en="It is not recorded whether the recovery phone {number} is an office line.",
        ),
    },
)
def recovery_controlled(facts: AccountFacts) -> Outcome:
    account = facts.account
    problems, unknowns = _email_findings(facts, account.recovery_email, "no_recovery_email")
    phone = account.recovery_phone
    if phone is not None:
        if phone.office is False:
            problems.append(msg("personal_phone", number=phone.number))
        elif phone.office is None:
            unknowns.append(msg("phone_unknown", number=phone.number))
    evidence = {
        "recovery_email": account.recovery_email,
        "recovery_phone": phone.number if phone else None,
        "office_line": phone.office if phone else None,
    }
    return verdict(problems, unknowns, msg("ok"), evidence)


@check(
    "OWN-004",
    title=Text(
        ms="Pengendali bertanggungjawab dinamakan dengan e-mel rasmi",
        en="A responsible handler is named with an official email",
    ),
    severity=Severity.MEDIUM,
    references=["GP 13"],
    remediation=Text(
        ms="Lantik dan rekodkan pengendali media sosial (nama dan e-mel rasmi) bagi akaun ini.",
        en="Appoint and record the account's social media handler (name and official email).",
    ),
    messages={
        "ok": Text(
            ms="Pengendali {name} dinamakan dengan e-mel rasmi.",
            en="Handler {name} is named with an official email.",
        ),
        "no_handler": Text(
            ms="Tiada pengendali direkodkan bagi akaun ini.",
            en="No handler is recorded for this account.",
        ),
        "no_name": Text(
            ms="Nama pengendali tidak direkodkan.", en="The handler's name is not recorded."
        ),
        "no_email": Text(
            ms="E-mel pengendali tidak direkodkan.", en="The handler's email is not recorded."
        ),
        **_email_messages("E-mel pengendali", "The handler's email"),
    },
)
def handler_named(facts: AccountFacts) -> Outcome:
    handler = facts.account.handler
    if handler is None:
        return verdict([], [msg("no_handler")], msg("ok"))
    problems, unknowns = _email_findings(facts, handler.email, "no_email")
    if not (handler.name and handler.name.strip()):
        problems.insert(0, msg("no_name"))
    evidence = {"handler": handler.name, "email": handler.email}
    return verdict(problems, unknowns, msg("ok", name=handler.name), evidence)
