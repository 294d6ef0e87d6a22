"""The scan's outcome as data: statuses, severities and results.

Strings appear only where results leave the program (JSON, CSV, templates); inside, a
status or severity is always one of these enums.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any


class Status(Enum):
    PASS = "pass"  # noqa: S105 (a status, not a password)
    FAIL = "fail"
    ERROR = "error"
    MANUAL = "manual"
    SKIPPED = "skipped"


class Severity(Enum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def weight(self) -> int:
        """The weight of a result of this severity in a compliance score (CHECKS.md)."""
        return _WEIGHTS[self]

    @property
    def rank(self) -> int:
        """Higher is more serious; used for ordering and for --fail-on thresholds."""
        return len(_WEIGHTS) - list(Severity).index(self)


_WEIGHTS = {
    Severity.CRITICAL: 10,
    Severity.HIGH: 5,
    Severity.MEDIUM: 3,
    Severity.LOW: 1,
    Severity.INFO: 0,
}


# One empty mapping for every message without arguments and result without evidence: a
# 10,000-account scan has 160,000 of them, each an empty dict of 64 bytes otherwise.
NOTHING: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Message:
    """One thing a check has to say, as a key into its message catalogue plus arguments.

    Kept unrendered so that the same result can be shown in Malay or English later
    (the PDF report is rendered from saved JSON, possibly in the other language).
    """

    key: str
    args: Mapping[str, Any] = field(default_factory=lambda: NOTHING)


@dataclass(frozen=True, slots=True)
class Result:
    check_id: str
    status: Status
    severity: Severity
    agency_id: str | None
    account_id: str | None
    platform: str | None
    messages: tuple[Message, ...] = ()
    evidence: Mapping[str, Any] = field(default_factory=lambda: NOTHING)
    domain: str | None = None  # the subject of an organisation result (DOM-001…003)
    muted: bool = False  # an accepted risk: keeps its status, counts towards no threshold

    @property
    def key(self) -> str:
        """The finding's identity across runs: check, agency, account and domain."""
        return finding_key(self.check_id, self.agency_id, self.account_id, self.domain)


def finding_key(check: str, agency: str | None, account: str | None, domain: str | None) -> str:
    return "|".join((check, agency or "", account or "", domain or ""))
