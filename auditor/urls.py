"""Pure helpers about the URLs and images an inventory or a profile names (no I/O).

Checks, fact gatherers and the DNS code all read hosts through these, so that one rule
decides what a URL points to. That rule is a browser's: URLs are parsed by the WHATWG URL
standard (ada-url), since a person clicking the link gets what the browser opens, not what
Python's urllib reads (``https://evil.example\\@www.melaka.gov.my/`` opens evil.example).
URLs on which readers disagree at all (a backslash, user information before the host,
control characters) are refused: they have no host here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.inventory.model import Account, Agency, Organisation, Profile


def is_url(reference: str) -> bool:
    """True for a URL, False for a path (a picture, crest or media reference)."""
    return "://" in reference


# What str.isspace() calls space (re's \s, by definition), C0 and DEL with C1: one search
# instead of a Python test per character, which was a third of an inventory's validation.
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
_AUTHORITY_END = re.compile(r"[/?#]")
# What url_problem reads from the parser: fetched in one call, not one per attribute (an
# inventory's 10,000 account URLs took 0.18 s as URL objects, 0.1 s so).
_PARTS = ("protocol", "hostname", "username", "password")


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a plain http(s) URL with a host, or None when it is one."""
    problem, _ = _read(url)
    return problem


def url_host(url: str) -> str:
    """The host a browser opens, lower case and without a trailing dot; empty when the URL
    has none or is refused by ``url_problem``."""
    problem, host = _read(url)
    return "" if problem is not None else host.lower().rstrip(".")


def _read(url: str) -> tuple[str | None, str]:
    """Why ``url`` is refused (or None), and the host the parser read: one parse for both."""
    text = url.strip()
    if _SPACE_OR_CONTROL.search(text):
        return "a URL cannot contain spaces or control characters", ""
    if "\\" in text:
        # WHATWG reads "\" as "/" in http(s) URLs, urllib as part of the user name.
        return "a URL cannot contain a backslash (browsers read it as '/')", ""
    # Imported on use: `auditor checks` imports this module and must start fast.
    import ada_url

    try:
        parsed = ada_url.parse_url(text, _PARTS)
    except ValueError:
        return "must be an http:// or https:// URL with a host name", ""
    host = str(parsed["hostname"])
    if parsed["protocol"] not in ("http:", "https:") or not host:
        return "must be an http:// or https:// URL with a host name", ""
    authority = _AUTHORITY_END.split(text.split("//", 1)[-1], maxsplit=1)[0]
    if parsed["username"] or parsed["password"] or "@" in authority:
        return "a URL cannot name a user before its host (user@host)", ""
    return None, host


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
