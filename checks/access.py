"""ACC: who can get into the account, and how."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from auditor.catalogue import Outcome, check
from auditor.facts import AccountFacts, Role
from auditor.results import Message, Severity
from auditor.text import Text
from checks._common import has_text, is_official_email, msg, verdict

if TYPE_CHECKING:
    from auditor.facts import Admin

_MANAGING_ROLES = (Role.OWNER, Role.ADMIN)


@check(
    "ACC-001",
    title=Text(
        ms="Pengesahan dua faktor (MFA) diaktifkan",
        en="Two-factor / multi-factor authentication enabled",
    ),
    severity=Severity.HIGH,
    references=["GP 8", "OSMACC"],
    remediation=Text(
        ms="Aktifkan pengesahan dua faktor pada akaun, sebaik-baiknya aplikasi pengesah atau "
        "kunci keselamatan yang didaftarkan kepada agensi, bukan SMS ke telefon peribadi.",
        en="Turn on two-factor authentication for the account, preferably an authenticator app "
        "or security key registered to the agency rather than SMS to a personal phone.",
    ),
    messages={
        "ok": Text(ms="MFA diaktifkan.", en="MFA is enabled."),
        "off": Text(ms="MFA tidak diaktifkan.", en="MFA is not enabled."),
        "unknown": Text(ms="Status MFA tidak direkodkan.", en="The MFA status is not recorded."),
    },
)
def mfa_enabled(facts: AccountFacts) -> Outcome:
    mfa = facts.account.mfa
    problems = [msg("off")] if mfa is False else []
    unknowns = [msg("unknown")] if mfa is None else []
    return verdict(problems, unknowns, msg("ok"), {"mfa": mfa})


@check(
    "ACC-002",
    title=Text(ms="Tiada log masuk dikongsi", en="No shared login"),
    severity=Severity.HIGH,
    references=["GP 8"],
    remediation=Text(
        ms="Berikan setiap pentadbir akses melalui akaun peribadinya sendiri dengan peranan "
        "individu; hentikan perkongsian kata laluan akaun dan tukar kata laluannya.",
        en="Give each administrator access through their own account with an individual role; "
        "stop sharing the account's password and change it.",
    ),
    messages={
        "ok": Text(
            ms="Tiada log masuk dikongsi; setiap pentadbir dinamakan.",
            en="No shared login; every admin is a named person.",
        ),
        "shared_login": Text(
            ms="Log masuk akaun dikongsi oleh beberapa orang.",
            en="The account's login is shared by several people.",
        ),
        "shared_role": Text(
            ms="Pentadbir '{name}' mempunyai peranan dikongsi.",
            en="Admin '{name}' has a shared role.",
        ),
        "unnamed": Text(
            ms="Pentadbir ke-{index} tidak dinamakan.", en="Admin number {index} is not named."
        ),
        "same_email": Text(
            ms="Beberapa pentadbir menggunakan e-mel yang sama ({email}).",
            en="Several admins use the same email ({email}).",
        ),
        "unknown": Text(
            ms="Tidak direkodkan sama ada log masuk dikongsi.",
            en="It is not recorded whether the login is shared.",
        ),
        "no_admins": Text(
            ms="Senarai pentadbir tidak direkodkan.", en="The list of admins is not recorded."
        ),
        "no_role": Text(
            ms="Peranan pentadbir '{name}' tidak direkodkan.",
            en="The role of admin '{name}' is not recorded.",
        ),
    },
)
def no_shared_login(facts: AccountFacts) -> Outcome:
    account = facts.account
    admins = account.admins
    problems = [msg("shared_login")] if account.shared_login else []
    unknowns = [msg("unknown")] if account.shared_login is None else []
    if admins is None:
        unknowns.append(msg("no_admins"))
    else:
        problems += _admin_identity_problems(admins)
        unknowns += [msg("no_role", name=a.name) for a in admins if a.name and a.role is None]
    evidence = {"shared_login": account.shared_login, "admins": len(admins or [])}
    return verdict(problems, unknowns, msg("ok"), evidence)


def _admin_identity_problems(admins: list[Admin]) -> list[Message]:
    problems = []
    for index, admin in enumerate(admins, start=1):
        if not has_text(admin.name):
            problems.append(msg("unnamed", index=index))
        if admin.role is Role.SHARED:
            problems.append(msg("shared_role", name=admin.name or index))
    counts = Counter(a.email.lower() for a in admins if a.email)
    problems += [msg("same_email", email=email) for email, n in counts.items() if n > 1]
    return problems


def _has_left(admin: Admin, facts: AccountFacts) -> bool | None:
    """True when the admin is known to have left, None when it is not recorded."""
    if admin.active is False or (admin.until is not None and admin.until < facts.as_of):
        return True
    if admin.active is None and admin.until is None:
        return None
    return False


@check(
    "ACC-003",
    title=Text(ms="Semua pentadbir masih berkhidmat", en="Every admin still in service"),
    severity=Severity.HIGH,
    references=["GP 8", "OSMACC"],
    remediation=Text(
        ms="Tarik balik akses pegawai yang telah bertukar, bersara atau berhenti serta-merta, "
        "dan tukar kata laluan akaun.",
        en="Revoke the access of officers who have transferred, retired or left at once, and "
        "change the account's password.",
    ),
    messages={
        "ok": Text(ms="Semua pentadbir masih berkhidmat.", en="Every admin is still in service."),
        "left": Text(
            ms="Pentadbir '{name}' tidak lagi berkhidmat tetapi masih mempunyai akses.",
            en="Admin '{name}' is no longer in service but still has access.",
        ),
        "unknown": Text(
            ms="Status perkhidmatan pentadbir '{name}' tidak direkodkan.",
            en="Whether admin '{name}' is still in service is not recorded.",
        ),
        "no_admins": Text(
            ms="Senarai pentadbir tidak direkodkan.", en="The list of admins is not recorded."
        ),
    },
)
def admins_in_service(facts: AccountFacts) -> Outcome:
    admins = facts.account.admins
    if admins is None:
        return verdict([], [msg("no_admins")], msg("ok"))
    states = [(admin, _has_left(admin, facts)) for admin in admins]
    problems = [msg("left", name=a.name or "?") for a, left in states if left]
    unknowns = [msg("unknown", name=a.name or "?") for a, left in states if left is None]
    evidence = {"leavers": [a.name for a, left in states if left]}
    return verdict(problems, unknowns, msg("ok"), evidence)


@check(
    "ACC-004",
    title=Text(ms="Sekurang-kurangnya dua pentadbir agensi", en="At least two agency admins"),
    severity=Severity.MEDIUM,
    references=["GP 7", "OSMACC"],
    remediation=Text(
        ms="Lantik sekurang-kurangnya dua pegawai agensi yang masih berkhidmat sebagai pentadbir "
        "supaya akaun tidak terputus akses apabila seorang pegawai tiada.",
        en="Appoint at least two serving agency officers as admins so that the account is not "
        "locked out when one officer is away.",
    ),
    messages={
        "ok": Text(
            ms="{count} pentadbir agensi yang masih berkhidmat.",
            en="{count} serving agency admins.",
        ),
        "too_few": Text(
            ms="Pentadbir agensi yang masih berkhidmat: {count}; sekurang-kurangnya 2 diperlukan.",
            en="Serving agency admins: {count}; at least 2 are needed.",
        ),
        "unclear": Text(
            ms="{count} pentadbir agensi disahkan; status {unknown} lagi tidak lengkap.",
            en="{count} agency admins confirmed; the records of {unknown} more are incomplete.",
        ),
        "no_admins": Text(
            ms="Senarai pentadbir tidak direkodkan.", en="The list of admins is not recorded."
        ),
    },
)
def two_agency_admins(facts: AccountFacts) -> Outcome:
    admins = facts.account.admins
    if admins is None:
        return verdict([], [msg("no_admins")], msg("ok"))
    confirmed = unknown = 0
    for admin in admins:
        state = _agency_admin(admin, facts)
        confirmed += state is True
        unknown += state is None
    evidence = {"confirmed": confirmed, "unconfirmed": unknown}
    if confirmed >= 2:
        return verdict([], [], msg("ok", count=confirmed), evidence)
    if confirmed + unknown >= 2:
        return verdict([], [msg("unclear", count=confirmed, unknown=unknown)], msg("ok"), evidence)
    return verdict([msg("too_few", count=confirmed)], [], msg("ok"), evidence)


def _agency_admin(admin: Admin, facts: AccountFacts) -> bool | None:
    """Whether this is a serving agency officer with a managing role; None if unrecorded."""
    if admin.role not in (*_MANAGING_ROLES, None) or _has_left(admin, facts):
        return False
    official = (
        is_official_email(admin.email, facts.organisation.official_domains) if admin.email else None
    )
    if official is False:
        return False
    if admin.role is None or official is None or _has_left(admin, facts) is None:
        return None
    return has_text(admin.name)
