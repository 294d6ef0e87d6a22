"""Catalogue entries whose checks arrive with later issues: listed, and skipped with a reason."""

from __future__ import annotations

from auditor.catalogue import Outcome, Scope, check
from auditor.facts import AccountFacts, DomainFacts
from auditor.results import Severity
from auditor.text import Text
from checks._common import not_implemented


def _pending(facts: AccountFacts | DomainFacts) -> Outcome:
    return not_implemented()


_DOM_REMEDIATION = Text(
    ms="Minta pentadbir domain mengemas kini rekod DNS domain rasmi.",
    en="Ask the domain's administrator to update the official domain's DNS records.",
)

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
