"""PWD: the admin password (DKICT 7.32.2), judged from gathered facts that hold no secret.

The engine reads each secret once (auditor.passwords.gather) and keeps only what these
checks need: the rules broken, the zxcvbn score, reuse, and what could not be read.
"""

from __future__ import annotations

from typing import Any

from auditor.catalogue import Outcome, check
from auditor.facts import (
    BREACH_CHECK_FAILED,
    RULE_TEXT,
    AccountFacts,
    Fact,
    PasswordFacts,
    Rule,
    SecretError,
    SecretKind,
    is_reference,
    parse_reference,
    rule_args,
)
from auditor.results import Message, Severity, Status
from auditor.text import Text
from checks._common import msg

_NOT_RECORDED = Text(
    ms="Tiada rujukan kata laluan direkodkan dalam inventori.",
    en="No password reference is recorded in the inventory.",
)
_NOT_GATHERED = Text(
    ms="Kata laluan belum dinilai (fakta kata laluan tidak dikumpul).",
    en="The password was not evaluated (password facts were not gathered).",
)
_UNREADABLE = Text(
    ms="Kata laluan tidak dapat dibaca: {problem}.",
    en="The password could not be read: {problem}.",
)


def _sentence(text: Text) -> Text:
    def capitalised(s: str) -> str:
        return s[:1].upper() + s[1:] + "."

    return Text(ms=capitalised(text.ms), en=capitalised(text.en))


_RULE_MESSAGES = {f"rule_{rule.value}": _sentence(RULE_TEXT[rule]) for rule in Rule}


def _password_state(facts: AccountFacts) -> Outcome | PasswordFacts:
    """The gathered facts, or the outcome to give when there are none to judge."""
    if facts.account.password is None:
        return Outcome(Status.MANUAL, (msg("not_recorded"),))
    if facts.password is None:
        return Outcome(Status.MANUAL, (msg("not_gathered"),))
    if facts.password.read_error is not None or facts.password.score is None:
        problem = facts.password.read_error or "unknown"
        return Outcome(
            Status.ERROR,
            (msg("unreadable", problem=problem),),
            {"reference": facts.password.reference},
        )
    return facts.password


@check(
    "PWD-001",
    title=Text(ms="Kata laluan pentadbir menepati dasar", en="Admin password meets the policy"),
    severity=Severity.HIGH,
    needs=[Fact.PASSWORD],
    references=["GP 13(13)", "DKICT 7.32.2"],
    remediation=Text(
        ms="Tukar kata laluan kepada frasa laluan panjang (sekurang-kurangnya 12 aksara, huruf "
        "besar dan kecil, angka dan aksara khas) yang tidak mengandungi nama akaun, agensi atau "
        "organisasi dan tidak pernah bocor; gunakan pengurus kata laluan untuk menjananya.",
        en="Change the password to a long passphrase (at least 12 characters with upper and "
        "lower case, digits and special characters) that contains no account, agency or "
        "organisation name and was never breached; let a password manager generate it.",
    ),
    messages={
        "ok": Text(
            ms="Kata laluan menepati dasar (skor zxcvbn {score}).",
            en="The password meets the policy (zxcvbn score {score}).",
        ),
        "broken": Text(
            ms="Kata laluan melanggar {count} peraturan dasar (skor zxcvbn {score}):",
            en="The password breaks {count} rule(s) of the policy (zxcvbn score {score}):",
        ),
        "breach_failed": BREACH_CHECK_FAILED,
        "not_recorded": _NOT_RECORDED,
        "not_gathered": _NOT_GATHERED,
        "unreadable": _UNREADABLE,
        **_RULE_MESSAGES,
    },
)
def password_meets_policy(facts: AccountFacts) -> Outcome:
    state = _password_state(facts)
    if isinstance(state, Outcome):
        return state
    score = state.score if state.score is not None else 0
    args = rule_args(facts.policy, score)
    evidence: dict[str, Any] = {
        "reference": state.reference,
        "rules_broken": [r.value for r in state.broken_rules],
        "score": score,
        "min_score": facts.policy.min_zxcvbn_score,
        "min_length": facts.policy.password_min_length,
    }
    breach: list[Message] = []
    if state.breach_error is not None:
        breach = [msg("breach_failed", problem=state.breach_error)]
    if state.broken_rules:
        rules = [Message(f"rule_{r.value}", args) for r in state.broken_rules]
        head = msg("broken", count=len(rules), score=score)
        return Outcome(Status.FAIL, (head, *rules, *breach), evidence)
    if breach:  # every other rule holds, but "not breached" could not be established
        return Outcome(Status.ERROR, tuple(breach), evidence)
    return Outcome(Status.PASS, (msg("ok", score=score),), evidence)


@check(
    "PWD-002",
    title=Text(ms="Kata laluan ditukar dalam tempoh", en="Password changed in time"),
    severity=Severity.MEDIUM,
    references=["DKICT 7.32.2"],
    remediation=Text(
        ms="Tukar kata laluan akaun dan rekodkan tarikh pertukaran (password_changed) "
        "dalam inventori.",
        en="Change the account's password and record the date (password_changed) in the inventory.",
    ),
    messages={
        "ok": Text(
            ms="Kata laluan ditukar {days} hari lalu (had {max_days} hari).",
            en="The password was changed {days} days ago (limit {max_days} days).",
        ),
        "too_old": Text(
            ms="Kata laluan ditukar {days} hari lalu, melebihi had {max_days} hari.",
            en="The password was changed {days} days ago, over the limit of {max_days} days.",
        ),
        "unknown": Text(
            ms="Tarikh pertukaran kata laluan tidak direkodkan.",
            en="The date the password was changed is not recorded.",
        ),
        "future": Text(
            ms="Tarikh pertukaran kata laluan ({date}) selepas tarikh imbasan.",
            en="The recorded password change date ({date}) is after the scan date.",
        ),
    },
)
def password_changed_in_time(facts: AccountFacts) -> Outcome:
    changed = facts.account.password_changed
    max_days = facts.policy.password_max_age_days
    if changed is None:
        return Outcome(Status.MANUAL, (msg("unknown"),))
    days = (facts.as_of - changed).days
    evidence = {"password_changed": changed.isoformat(), "days": days, "max_days": max_days}
    if days < 0:
        return Outcome(Status.MANUAL, (msg("future", date=changed.isoformat()),), evidence)
    if days > max_days:
        return Outcome(Status.FAIL, (msg("too_old", days=days, max_days=max_days),), evidence)
    return Outcome(Status.PASS, (msg("ok", days=days, max_days=max_days),), evidence)


@check(
    "PWD-003",
    title=Text(
        ms="Tiada kata laluan teks jelas dalam inventori",
        en="No clear-text password in the inventory",
    ),
    severity=Severity.CRITICAL,
    needs=[Fact.PASSWORD],
    references=["DKICT 7.32.2"],
    remediation=Text(
        ms="Buang kata laluan daripada inventori dan tukarkannya (ia telah terdedah); simpan "
        "yang baharu dalam keyring, KeePass, pemboleh ubah persekitaran atau fail yang hanya "
        "boleh dibaca oleh pemiliknya (chmod 600), dan rujuk dengan env:, file:, keyring: "
        "atau keepass:.",
        en="Remove the password from the inventory and change it (it has been exposed); keep "
        "the new one in a keyring, KeePass, an environment variable or a file only its owner "
        "can read (chmod 600), and refer to it with env:, file:, keyring: or keepass:.",
    ),
    messages={
        "ok": Text(
            ms="Kata laluan dirujuk melalui {kind}:, bukan teks jelas.",
            en="The password is referred to through {kind}:, not in clear text.",
        ),
        "clear_text": Text(
            ms="Kata laluan ditulis sebagai teks jelas dalam inventori (nilainya tidak "
            "dipaparkan).",
            en="The password is written in clear text in the inventory (its value is not shown).",
        ),
        "malformed": Text(
            ms="Medan password bukan rujukan rahsia yang sah: {problem}.",
            en="The password field is not a valid secret reference: {problem}.",
        ),
        "file_open": Text(
            ms="Fail rahsia boleh dibaca oleh orang lain: {problem}.",
            en="The secret file can be read by others: {problem}.",
        ),
        "not_recorded": _NOT_RECORDED,
        "not_gathered": _NOT_GATHERED,
    },
)
def no_clear_text_password(facts: AccountFacts) -> Outcome:
    value = facts.account.password
    if value is None:
        return Outcome(Status.MANUAL, (msg("not_recorded"),))
    # The gatherer read it: a "reference" that could not be read and does not look like one
    # of its kind (file:Hx4#Pw!91) is a password in clear text.
    gathered_clear = facts.password is not None and facts.password.kind is None
    if not is_reference(value) or gathered_clear:
        # Never the value, not even its length: the evidence says only what kind it is.
        return Outcome(Status.FAIL, (msg("clear_text"),), {"reference": "clear-text"})
    try:
        kind = parse_reference(value).kind
    except SecretError as exc:
        return Outcome(
            Status.FAIL, (msg("malformed", problem=str(exc)),), {"reference": "malformed"}
        )
    evidence = {"reference": kind.value}
    if kind is SecretKind.FILE:
        if facts.password is None:
            return Outcome(Status.MANUAL, (msg("not_gathered"),), evidence)
        if facts.password.permission_problem is not None:
            problem = facts.password.permission_problem
            return Outcome(Status.FAIL, (msg("file_open", problem=problem),), evidence)
    return Outcome(Status.PASS, (msg("ok", kind=kind.value),), evidence)


@check(
    "PWD-004",
    title=Text(ms="Kata laluan tidak digunakan semula", en="Password not reused"),
    severity=Severity.HIGH,
    needs=[Fact.PASSWORD],
    references=["DKICT 7.32.2"],
    remediation=Text(
        ms="Berikan setiap akaun kata laluan tersendiri; tukar kata laluan akaun yang "
        "berkongsi kata laluan yang sama.",
        en="Give every account a password of its own; change the passwords of the accounts "
        "that share one.",
    ),
    messages={
        "ok": Text(
            ms="Kata laluan ini tidak digunakan pada akaun lain dalam inventori.",
            en="This password is not used on any other account in the inventory.",
        ),
        "reused": Text(
            ms="Kata laluan yang sama digunakan pada akaun: {accounts}.",
            en="The same password is used on these accounts: {accounts}.",
        ),
        "not_recorded": _NOT_RECORDED,
        "not_gathered": _NOT_GATHERED,
        "unreadable": _UNREADABLE,
    },
)
def password_not_reused(facts: AccountFacts) -> Outcome:
    state = _password_state(facts)
    if isinstance(state, Outcome):
        return state
    if state.reused_with:
        accounts = ", ".join(state.reused_with)
        return Outcome(
            Status.FAIL,
            (msg("reused", accounts=accounts),),
            {"reused_with": list(state.reused_with)},
        )
    return Outcome(Status.PASS, (msg("ok"),), {"reused_with": []})
