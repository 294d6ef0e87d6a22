"""Email addresses normalised exactly as pydantic's email validation does, the domain of a
plain address checked once per load.

email-validator spends nearly all its time on the domain (IDNA and UTS #46, character by
character), and an inventory names thousands of addresses at a handful of domains: 7,770
addresses took 0.4 s of a 10 MB load. For an address whose part before the @-sign is plain
lower-case ASCII, the library's verdict is its domain's, and its normal form that part, the
@-sign and the domain's normal form; so the domain is checked once, through the library, on
an address that differs only before the @-sign. Anything else goes to the library whole.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic_core import PydanticCustomError

from auditor.kept_file import kept_key, read_kept, write_kept

# Within email-validator's dot-atom (so the library keeps it as it is) and lower case (so
# that its lower-casing of postmaster, info and the like changes nothing).
_PLAIN_LOCAL = re.compile(r"[a-z0-9]+(?:[._+-][a-z0-9]+)*")
# ASCII only, so the domain's normal form is as long as it is and the address's lengths
# are those of the text; whether the labels are valid is the library's to say.
_PLAIN_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_MAX_LOCAL = 64  # RFC 5321's limits, which the library enforces (the local one if strict)
_MAX_ADDRESS = 254
_PROBE_LOCAL = "x"


def normalised_email(value: str, domains: dict[str, str | None] | None = None) -> str:
    """``value`` as pydantic's ``validate_email`` normalises it; raises what it raises.

    ``domains`` holds, for one load, each plain domain's normal form, or None for a domain
    the shortcut leaves to the library (its addresses then go to it whole: its own message).
    """
    local, at, domain = value.partition("@")
    if (
        domains is not None
        and at
        and len(value) <= _MAX_ADDRESS
        and len(local) <= _MAX_LOCAL
        and _PLAIN_LOCAL.fullmatch(local)
        and _PLAIN_DOMAIN.fullmatch(domain)
    ):
        if domain not in domains:
            domains[domain] = _normal_domain(domain)
        normal = domains[domain]
        if normal is not None:
            return f"{local}@{normal}"
    return _validate_email(value)


def _validate_email(value: str) -> str:
    # Imported on use: with the kept domains (below), a load of plain addresses needs
    # neither email-validator nor pydantic's networks module, a tenth of a start-up.
    from pydantic.networks import validate_email

    return validate_email(value)[1]


def _normal_domain(domain: str) -> str | None:
    """The library's normal form of ``domain``; None when it refuses it, or when the normal
    form is more than lower case (an ``xn--`` label shown in Unicode): its length in UTF-8
    could then make the library refuse an address of the same domain."""
    try:
        normal = _validate_email(f"{_PROBE_LOCAL}@{domain}").partition("@")[2]
    except PydanticCustomError:
        return None
    return normal if normal == domain.lower() else None


# The domains the library accepted, each its own normal form, kept in the cache folder
# between loads (kept_file.py) for the library's and pydantic's versions that said so.
# Only such domains are kept, so a kept entry can never change an address's normal form;
# at worst, an edited file lets a malformed plain domain through the syntax check.
DOMAINS_FILE = "email-domains.json"
CACHE_FORMAT = 1
MAX_KEPT = 10_000


def kept_domains(cache: Path | None) -> dict[str, str | None]:
    """A ``domains`` table for normalised_email, holding the domains kept in ``cache``."""
    if cache is None:
        return {}
    stored = read_kept(cache / DOMAINS_FILE, _key())
    valid = stored.get("valid") if stored else None
    if not isinstance(valid, list):
        return {}
    return {domain: domain for domain in valid if isinstance(domain, str) and _own_normal(domain)}


def _own_normal(domain: str) -> bool:
    """Whether ``domain`` can be its own normal form, as every domain kept was: lower case
    (an address is looked up by its domain as written; "Melaka.GOV.my" is not its normal
    form) and no ``xn--`` label (shown in Unicode). Anything not plain is never looked up."""
    return domain.islower() and "xn--" not in domain


def keep_domains(cache: Path | None, before: int, domains: dict[str, str | None]) -> None:
    """The valid domains of ``domains`` kept in ``cache``, when a load added any to the
    ``before`` that kept_domains gave (dicts keep their order: the kept ones come first)."""
    if cache is None or len(domains) == before:
        return
    valid = [domain for domain, normal in domains.items() if normal == domain]
    write_kept(cache / DOMAINS_FILE, {**_key(), "valid": valid[-MAX_KEPT:]})


def _key() -> dict[str, Any]:
    return kept_key(CACHE_FORMAT, "email-validator", "pydantic")
