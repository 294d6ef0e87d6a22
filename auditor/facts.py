"""Facts gathered once per scan, which the checks read and never fetch themselves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from auditor.inventory.model import Account, Agency, Organisation, Platform, Policy
from auditor.workdays import WorkingCalendar


def normalise_url(url: str) -> str:
    """A profile URL reduced to what identifies the page (host without www/m, path)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    for prefix in ("www.", "m.", "mobile."):
        host = host.removeprefix(prefix)
    return f"{host}{parts.path.rstrip('/').lower()}"


def normalise_handle(handle: str) -> str:
    return handle.strip().lstrip("@").lower()


@dataclass(frozen=True)
class AccountRef:
    agency_id: str
    account_id: str
    platform: Platform
    url: str | None
    handle: str | None


@dataclass(frozen=True)
class AccountDirectory:
    """Every account in the inventory, to recognise links to and likes of other agencies."""

    accounts: tuple[AccountRef, ...]

    @classmethod
    def of(cls, agencies: list[Agency]) -> AccountDirectory:
        return cls(
            tuple(
                AccountRef(agency.id, a.id, a.platform, a.url, a.handle)
                for agency in agencies
                for a in agency.accounts
            )
        )

    def find(self, reference: str) -> AccountRef | None:
        """The inventory account a URL or @handle points to, if any."""
        ref = reference.strip()
        if "://" in ref:
            key = normalise_url(ref)
            return next((a for a in self.accounts if a.url and normalise_url(a.url) == key), None)
        key = normalise_handle(ref)
        return next(
            (a for a in self.accounts if a.handle and normalise_handle(a.handle) == key), None
        )


@dataclass(frozen=True)
class AccountFacts:
    """Everything the account-scoped checks may read about one account."""

    organisation: Organisation
    policy: Policy
    agency: Agency
    account: Account
    as_of: dt.date
    directory: AccountDirectory
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)
    # Pixel sizes of media files read from disk, keyed by the media's file or URL as written.
    media_sizes: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    offline: bool = True


@dataclass(frozen=True)
class DomainFacts:
    """Everything the domain-scoped checks may read about one official domain."""

    domain: str
    organisation: Organisation
    offline: bool = True
    extra: Mapping[str, object] = field(default_factory=dict)
