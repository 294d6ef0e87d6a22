"""Catalogue entries whose checks arrive with later issues: listed, and skipped with a reason."""

from __future__ import annotations

from auditor.catalogue import Outcome, Scope, check
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
_DOM_REMEDIATION = Text(
    ms="Minta pentadbir domain mengemas kini rekod DNS domain rasmi.",
    en="Ask the domain's administrator to update the official domain's DNS records.",
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
dom_001 = check(
    "DOM-001",
    title=Text(ms="Domain rasmi mempunyai rekod MX", en="Official domain has MX records"),
    severity=Severity.MEDIUM,
    references=["GP 13(15)"],
    remediation=_DOM_REMEDIATION,
    scope=Scope.DOMAIN,
)(_pending)
dom_002 = check(
    "DOM-002",
    title=Text(ms="Rekod SPF yang ketat", en="Strict SPF record"),
    severity=Severity.MEDIUM,
    references=["GP 8", "OSMACC"],
    remediation=_DOM_REMEDIATION,
    scope=Scope.DOMAIN,
)(_pending)
dom_003 = check(
    "DOM-003",
    title=Text(ms="Dasar DMARC quarantine atau reject", en="DMARC policy quarantine or reject"),
    severity=Severity.MEDIUM,
    references=["GP 8", "OSMACC"],
    remediation=_DOM_REMEDIATION,
    scope=Scope.DOMAIN,
)(_pending)
dom_004 = check(
    "DOM-004",
    title=Text(ms="Laman web rasmi boleh dicapai", en="Official website resolves"),
    severity=Severity.LOW,
    references=["GP 5"],
    remediation=_DOM_REMEDIATION,
)(_pending)
