"""What changed since the last recorded scan: what a cron job exits on and mails."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from auditor.results import Result


@dataclass(frozen=True)
class Change:
    """What a mail says: the run, its new and resolved failures."""

    organisation: str
    as_of: str
    score: float | None
    failing: int
    new: Sequence[Result]
    resolved: Sequence[Result]
