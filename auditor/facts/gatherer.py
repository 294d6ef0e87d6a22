"""The one interface every fact gatherer has, and the runner that calls only those needed.

A gatherer reads one source (the inventory snapshot, the platforms, images, media files,
DNS, secrets) for the selected accounts and domains and returns what it found, by fact and
then by account id (or domain). Gatherers run phase by phase; a later phase reads the profiles the
first one found, through ``GatherContext.profile``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from auditor.deadline import DEFAULT_NETWORK_DEADLINE, Deadline
from auditor.facts.kinds import Fact, Phase
from auditor.facts.model import CollectedProfile, ProfileFailure, ProfileRead, snapshot_profile
from auditor.inventory.model import Account, Agency, Profile

if TYPE_CHECKING:
    from auditor.engine import ScanOptions
    from auditor.inventory.loaded import LoadedInventory

# Told (done, total) as a gatherer goes, for a progress bar.
GatherProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class GatherContext:
    source: LoadedInventory
    accounts: Sequence[tuple[Agency, Account]]  # the selected accounts
    domains: Sequence[str]  # the official domains in scope
    options: ScanOptions
    needed: frozenset[Fact]
    # What the collect phase read, by account id; empty before it (and when offline).
    collected: Mapping[str, ProfileRead] = field(default_factory=dict)
    progress: GatherProgress | None = None
    # One network deadline for the whole scan (DNS, HIBP, platforms); fixed when gathering starts.
    deadline: Deadline = field(default_factory=lambda: Deadline.after(DEFAULT_NETWORK_DEADLINE))

    def profile(self, account: Account) -> Profile | None:
        """The profile the later phases work on: the same rule as AccountFacts.profile."""
        read = self.collected.get(account.id)
        if isinstance(read, CollectedProfile):
            return read.profile
        if isinstance(read, ProfileFailure):
            return None
        return snapshot_profile(account)

    def with_profiles(self) -> list[tuple[Agency, Account]]:
        """The selected accounts, each carrying the profile the checks will read."""
        return list(self._with_profiles)

    @cached_property
    def _with_profiles(self) -> tuple[tuple[Agency, Account], ...]:
        # Copied once per context, not once per gatherer that asks (three do): a model copy
        # of every account is a good part of a large offline scan's gathering.
        return tuple(
            (agency, account.model_copy(update={"profile": self.profile(account)}))
            for agency, account in self.accounts
        )


class Gatherer(Protocol):
    """One source of facts. ``provides`` says which facts; the runner calls it only when a
    selected check needs one of them."""

    @property
    def provides(self) -> frozenset[Fact]: ...

    @property
    def phase(self) -> Phase: ...

    def gather(self, context: GatherContext) -> Mapping[Fact, Mapping[str, Any]]: ...


@dataclass(frozen=True)
class Gathered:
    """Every gatherer's findings, by fact."""

    found: Mapping[Fact, Mapping[str, Any]]

    def get(self, fact: Fact, key: str) -> Any:
        return self.found.get(fact, {}).get(key)


def run_gatherers(gatherers: Sequence[Gatherer], context: GatherContext) -> Gathered:
    """Calls the gatherers the context needs, phase by phase; the collect phase's profiles
    are handed to the later ones."""
    found: dict[Fact, Mapping[str, Any]] = {}
    for phase in Phase:
        for gatherer in gatherers:
            if gatherer.phase is not phase or not (gatherer.provides & context.needed):
                continue
            found.update(gatherer.gather(context))
        if phase is Phase.COLLECT and Fact.PROFILE in found:
            context = replace(context, collected=dict(found[Fact.PROFILE]))
    return Gathered(found)
