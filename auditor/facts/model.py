"""Facts gathered once per scan, which the checks read and never fetch themselves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from auditor.workdays import WorkingCalendar

if TYPE_CHECKING:
    # Annotations only (dataclasses keep them as strings): the checks import these facts,
    # and listing the checks must not load the inventory's models (pydantic), which the
    # picture rules import too.
    from auditor.dns.answers import DomainDnsFacts, HostResolution
    from auditor.inventory.model import Account, Agency, Organisation, Platform, Policy, Profile
    from auditor.passwords.facts import PasswordFacts
    from auditor.pictures import PictureFacts


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


INVENTORY_SOURCE = "inventory"


def snapshot_profile(account: Account) -> Profile | None:
    """The inventory's profile snapshot, saying where it came from (the inventory itself
    unless a collector wrote it) and when it was observed."""
    profile = account.profile
    if profile is None or profile.source is not None:
        return profile
    return profile.model_copy(
        update={"source": INVENTORY_SOURCE, "fetched_at": profile.fetched_at or profile.observed_at}
    )


@dataclass(frozen=True)
class ProfileFailure:
    """A platform could not be read for one account: the checks that read the profile say
    error, naming it; the inventory snapshot is not used instead. No secret, no URL query."""

    platform: str  # the account's platform, e.g. "facebook"
    source: str  # the collector, e.g. "facebook-api"
    fault: str  # a word for the failure: "http", "timeout", "connection", "malformed", ...
    status: int | None = None  # the HTTP status, when there was one


@dataclass(frozen=True)
class CollectedProfile:
    """What a platform showed for one account, as profile facts."""

    profile: Profile  # carries source and fetched_at
    picture: bytes | None = None  # the downloaded profile picture, when it could be read
    picture_type: str | None = None  # its file extension ("jpg", "png", ...)


ProfileRead = CollectedProfile | ProfileFailure


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
    # What a collector read from the platform; None: the inventory snapshot is the profile.
    collected: ProfileRead | None = None

    @cached_property
    def profile(self) -> Profile | None:
        """The profile facts every check reads: the platform's when collected, otherwise the
        inventory snapshot; None when there is neither (or the platform could not be read)."""
        if isinstance(self.collected, CollectedProfile):
            return self.collected.profile
        if isinstance(self.collected, ProfileFailure):
            return None
        return snapshot_profile(self.account)

    @property
    def profile_failure(self) -> ProfileFailure | None:
        return self.collected if isinstance(self.collected, ProfileFailure) else None


@dataclass(frozen=True)
class DomainFacts:
    """Everything the domain-scoped checks may read about one official domain."""

    domain: str
    organisation: Organisation
    offline: bool = True
    dns: DomainDnsFacts | None = None  # None: not gathered (offline, or not selected)
