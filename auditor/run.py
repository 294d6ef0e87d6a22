"""A finished scan as plain data: what was scanned, how, and every result.

Nothing here holds the loaded inventory: outputs, history and the report read only what
is recorded here (names as well as ids), so a run can be written, stored and read back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from auditor.catalogue import Registry
from auditor.results import Result, Status
from auditor.scoring import Tallies, tally

if TYPE_CHECKING:
    from auditor.inventory.loaded import LoadedInventory


@dataclass(frozen=True)
class RunAccount:
    id: str
    platform: str
    url: str | None
    handle: str | None
    line: int | None = None  # where the account is in the inventory (for SARIF)
    column: int | None = None


@dataclass(frozen=True)
class RunAgency:
    id: str
    name: str
    short_name: str | None
    website: str | None
    accounts: tuple[RunAccount, ...]


@dataclass(frozen=True)
class Selection:
    checks: frozenset[str] | None = None  # None: every check
    agencies: frozenset[str] | None = None  # None: every agency
    offline: bool = False


@dataclass(frozen=True)
class Mute:
    """An accepted risk: a check on an account (or a whole agency), for a while, with a reason."""

    check: str
    reason: str
    owner: str
    expires: dt.date
    account: str | None = None
    agency: str | None = None
    where: str = ""  # FILE:LINE:COL of the mute, for messages

    def matches(self, result: Result) -> bool:
        # only a result that needs action is an accepted risk: a mute of a passing result
        # is stale and reported as matching nothing
        if result.check_id != self.check or result.status in (Status.PASS, Status.SKIPPED):
            return False
        if self.account is not None:
            return result.account_id == self.account
        return self.agency is not None and result.agency_id == self.agency

    def live_on(self, day: dt.date) -> bool:
        return day <= self.expires


@dataclass(frozen=True)
class ScanRun:
    """A finished scan: what was scanned, how, and every result."""

    tool_version: str
    started_at: dt.datetime
    finished_at: dt.datetime
    as_of: dt.date
    registry: Registry
    inventory_path: str
    inventory_sha256: str
    organisation: str
    official_domains: tuple[str, ...]
    agencies: tuple[RunAgency, ...]  # the agencies in scope, in inventory order
    policy: Mapping[str, Any]
    selection: Selection
    results: tuple[Result, ...]
    expired_mutes: tuple[Mute, ...] = ()
    unmatched_mutes: tuple[Mute, ...] = ()
    mutes: Mapping[str, Mute] = field(default_factory=dict)  # by result key: live mutes applied
    # (line, column) in the inventory of each official domain and of the organisation, so
    # that organisation results can be located as account results are (SARIF)
    domain_positions: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    organisation_position: tuple[int, int] | None = None

    @property
    def account_count(self) -> int:
        return sum(len(agency.accounts) for agency in self.agencies)

    @cached_property
    def _accounts(self) -> Mapping[str, RunAccount]:
        return {a.id: a for agency in self.agencies for a in agency.accounts}

    @cached_property
    def tallies(self) -> Tallies:
        """Counts and scores of the results, counted once for every output that shows them."""
        return tally(self.results)

    def account(self, account_id: str | None) -> RunAccount | None:
        return self._accounts.get(account_id) if account_id else None

    def mute_of(self, result: Result) -> Mute | None:
        return self.mutes.get(result.key) if result.muted else None


def organisation_positions(
    source: LoadedInventory,
) -> tuple[dict[str, tuple[int, int]], tuple[int, int] | None]:
    """Where each official domain (lower case) and the organisation are in the inventory."""
    domains = {}
    for index, domain in enumerate(source.inventory.organisation.official_domains):
        found = source.positions.get(("organisation", "official_domains", index))
        if found:
            domains[domain.lower()] = (found.line, found.column)
    organisation = source.positions.get(("organisation",))
    return domains, (organisation.line, organisation.column) if organisation else None


def scope_of(source: LoadedInventory, selected: frozenset[str] | None) -> tuple[RunAgency, ...]:
    """The agencies in scope, with what outputs say about their accounts."""
    agencies = []
    for a_index, agency in enumerate(source.inventory.agencies):
        if selected is not None and agency.id not in selected:
            continue
        accounts = []
        for c_index, account in enumerate(agency.accounts):
            position = source.positions.get(("agencies", a_index, "accounts", c_index))
            accounts.append(
                RunAccount(
                    id=account.id,
                    platform=account.platform.value,
                    url=account.url,
                    handle=account.handle,
                    line=position.line if position else None,
                    column=position.column if position else None,
                )
            )
        agencies.append(
            RunAgency(
                id=agency.id,
                name=agency.name,
                short_name=agency.short_name,
                website=agency.website,
                accounts=tuple(accounts),
            )
        )
    return tuple(agencies)
