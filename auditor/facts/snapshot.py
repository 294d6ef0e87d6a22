"""Profile facts from the inventory snapshot: what an officer (or `auditor collect`) wrote."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.facts.gatherer import GatherContext
from auditor.facts.kinds import Fact, Phase
from auditor.facts.model import CollectedProfile, snapshot_profile
from auditor.inventory.model import Account


def snapshot_read(account: Account) -> CollectedProfile | None:
    profile = snapshot_profile(account)
    return CollectedProfile(profile=profile) if profile is not None else None


@dataclass(frozen=True)
class SnapshotGatherer:
    """The profile of each account as the inventory holds it (no I/O: already loaded)."""

    provides: frozenset[Fact] = frozenset({Fact.PROFILE})
    phase: Phase = Phase.COLLECT

    def gather(self, context: GatherContext) -> Mapping[Fact, Mapping[str, Any]]:
        found = {account.id: snapshot_read(account) for _, account in context.accounts}
        return {Fact.PROFILE: {key: read for key, read in found.items() if read is not None}}
