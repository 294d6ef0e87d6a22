"""Facts gathered once per scan, which the checks read and never fetch themselves.

This package is all a check imports besides the catalogue, results, text and the pure URL
helpers: the facts' types and the inventory's, and the pure rules the facts are judged by.
Gatherers (one module per source) fill them; see ``gatherer``.

Importing it stays fast, since listing the catalogue (``auditor checks``) imports every
check: the inventory's models (pydantic) and the picture rules (which import them) are
loaded on first use of their names, and the checks import those names for annotations only.
"""

from typing import TYPE_CHECKING, Any

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
from auditor.inventory.kinds import Owner, Role
from auditor.passwords.facts import PasswordFacts
from auditor.passwords.policy import BREACH_CHECK_FAILED, RULE_TEXT, Rule, rule_args
from auditor.secrets import SecretError, SecretKind, is_reference, parse_reference

if TYPE_CHECKING:
    from auditor.inventory.model import Admin, Agency, Profile
    from auditor.pictures import MATCH_THRESHOLD, PictureFacts, PictureProblem
else:
    # Hidden from mypy, which would otherwise accept any name imported from this package.
    def __getattr__(name: str) -> Any:
        if name in {"Admin", "Agency", "Profile"}:
            from auditor.inventory import model

            return getattr(model, name)
        if name in {"MATCH_THRESHOLD", "PictureFacts", "PictureProblem"}:
            from auditor import pictures

            return getattr(pictures, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
