"""Facts gathered once per scan, which the checks read and never fetch themselves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from auditor.dns.gather import DomainDnsFacts, HostResolution
from auditor.inventory.model import Account, Agency, Organisation, Platform, Policy
from auditor.passwords.facts import PasswordFacts
from auditor.pictures import PictureFacts
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

    by_url: Mapping[str, AccountRef]
    by_handle: Mapping[str, AccountRef]

    @classmethod
    def of(cls, agencies: list[Agency]) -> AccountDirectory:
        refs = [
            AccountRef(agency.id, a.id, a.platform, a.url, a.handle)
            for agency in agencies
            for a in agency.accounts
        ]
        # Indexed once per scan: every account's links are looked up here.
        return cls(
            by_url={normalise_url(r.url): r for r in reversed(refs) if r.url},
            by_handle={normalise_handle(r.handle): r for r in reversed(refs) if r.handle},
        )

    def find(self, reference: str) -> AccountRef | None:
        """The inventory account a URL or @handle points to, if any."""
        ref = reference.strip()
        if "://" in ref:
            return self.by_url.get(normalise_url(ref))
        return self.by_handle.get(normalise_handle(ref))


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
    # DNS answers for the hosts of auditor.urls.account_websites(); None: not gathered.
    websites: tuple[HostResolution, ...] | None = None
    # What the PWD checks need about the password (never the password); None: not gathered.
    password: PasswordFacts | None = None
    # The profile picture against the crest and logos (PRF-002); None: not compared (no
    # picture file, a URL, no reference image, or PRF-002 not selected).
    picture: PictureFacts | None = None


@dataclass(frozen=True)
class DomainFacts:
    """Everything the domain-scoped checks may read about one official domain."""

    domain: str
    organisation: Organisation
    offline: bool = True
    dns: DomainDnsFacts | None = None  # None: not gathered (offline, or not selected)
