"""Pure helpers about the URLs and images an inventory or a profile names (no I/O).

Checks, fact gatherers and the DNS code all read hosts through these, so that one rule
decides what a URL points to.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from auditor.inventory.model import Account, Agency, Organisation, Profile


def is_url(reference: str) -> bool:
    """True for a URL, False for a path (a picture, crest or media reference)."""
    return "://" in reference


def url_host(url: str) -> str:
    """The URL's host, lower case and without a trailing dot; empty when it has none."""
    return (urlsplit(url).hostname or "").strip().lower().rstrip(".")


def account_websites(agency: Agency, account: Account) -> tuple[str, ...]:
    """The website URLs DOM-004 checks for an account: the profile's link, the agency's site."""
    return profile_websites(agency, account.profile)


def profile_websites(agency: Agency, profile: Profile | None) -> tuple[str, ...]:
    """The website URLs DOM-004 checks: the given profile's link, then the agency's site."""
    urls = [profile.website if profile else None, agency.website]
    return tuple(dict.fromkeys(url for url in urls if url))


def reference_images(organisation: Organisation, agency: Agency) -> tuple[str, ...]:
    """The images an account's picture may be: the state crest, then the agency's logos."""
    return (*(organisation.crest or ()), *(agency.logo or ()))
