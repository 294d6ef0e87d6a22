"""Catalogue entries whose checks arrive with later issues: listed, and skipped with a reason."""

from __future__ import annotations

from auditor.catalogue import Outcome, check
from auditor.facts import AccountFacts, DomainFacts
from auditor.results import Severity
from auditor.text import Text
from checks._common import not_implemented


def _pending(facts: AccountFacts | DomainFacts) -> Outcome:
    return not_implemented()


_PWD_REMEDIATION = Text(
    ms="Tetapkan kata laluan pentadbir mengikut DKICT Negeri Melaka v2.3 klausa 7.32.2.",
    en="Set the admin password according to DKICT Negeri Melaka v2.3 clause 7.32.2.",
)
pwd_001 = check(
    "PWD-001",
    title=Text(ms="Kata laluan pentadbir menepati dasar", en="Admin password meets the policy"),
    severity=Severity.HIGH,
    references=["GP 13(13)", "DKICT 7.32.2"],
    remediation=_PWD_REMEDIATION,
)(_pending)
pwd_002 = check(
    "PWD-002",
    title=Text(ms="Kata laluan ditukar dalam tempoh", en="Password changed in time"),
    severity=Severity.MEDIUM,
    references=["DKICT 7.32.2"],
    remediation=_PWD_REMEDIATION,
)(_pending)
pwd_003 = check(
    "PWD-003",
    title=Text(
        ms="Tiada kata laluan teks jelas dalam inventori",
        en="No clear-text password in the inventory",
    ),
    severity=Severity.CRITICAL,
    references=["DKICT 7.32.2"],
    remediation=_PWD_REMEDIATION,
)(_pending)
pwd_004 = check(
    "PWD-004",
    title=Text(ms="Kata laluan tidak digunakan semula", en="Password not reused"),
    severity=Severity.HIGH,
    references=["DKICT 7.32.2"],
    remediation=_PWD_REMEDIATION,
)(_pending)
