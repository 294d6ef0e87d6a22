"""Facts gathered once per scan, which the checks read and never fetch themselves.

This package is all a check imports besides the catalogue, results, text and the pure URL
helpers: the facts' types and the inventory's, and the pure rules the facts are judged by.
Gatherers (one module per source) fill them; see ``gatherer``.
"""

from auditor.dns import DomainDnsFacts, LookupStatus, Resolution
from auditor.dns.dmarc import ENFORCING, DmarcProblem, DmarcRecord, dmarc_name
from auditor.dns.spf import SpfEvaluation, SpfProblem
from auditor.facts.kinds import Fact, Phase
from auditor.facts.model import (
    INVENTORY_SOURCE,
    AccountDirectory,
    AccountFacts,
    AccountRef,
    CollectedProfile,
    DomainFacts,
    ProfileFailure,
    ProfileRead,
    snapshot_profile,
)
from auditor.inventory.model import Admin, Agency, Owner, Profile, Role
from auditor.passwords.facts import PasswordFacts
from auditor.passwords.policy import BREACH_CHECK_FAILED, RULE_TEXT, Rule, rule_args
from auditor.pictures import MATCH_THRESHOLD, PictureFacts, PictureProblem
from auditor.secrets import SecretError, SecretKind, is_reference, parse_reference

__all__ = [
    "BREACH_CHECK_FAILED",
    "ENFORCING",
    "INVENTORY_SOURCE",
    "MATCH_THRESHOLD",
    "RULE_TEXT",
    "AccountDirectory",
    "AccountFacts",
    "AccountRef",
    "Admin",
    "Agency",
    "CollectedProfile",
    "DmarcProblem",
    "DmarcRecord",
    "DomainDnsFacts",
    "DomainFacts",
    "Fact",
    "LookupStatus",
    "Owner",
    "PasswordFacts",
    "Phase",
    "PictureFacts",
    "PictureProblem",
    "Profile",
    "ProfileFailure",
    "ProfileRead",
    "Resolution",
    "Role",
    "Rule",
    "SecretError",
    "SecretKind",
    "SpfEvaluation",
    "SpfProblem",
    "dmarc_name",
    "is_reference",
    "parse_reference",
    "rule_args",
    "snapshot_profile",
]
