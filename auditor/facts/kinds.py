"""The kinds of facts a check may need, and the phases in which they are gathered."""

from __future__ import annotations

from enum import Enum


class Fact(Enum):
    """What a check reads beyond the inventory itself; declared in its catalogue entry."""

    PROFILE = "profile"  # what the public profile shows (the snapshot or the platform)
    PICTURE = "picture"  # the profile picture compared with the crest and logos
    MEDIA = "media"  # pixel sizes of the profile's media
    DOMAIN_DNS = "domain_dns"  # the official domains' DNS records
    WEBSITE_DNS = "website_dns"  # whether the profile's website hosts resolve
    PASSWORD = "password"  # noqa: S105 (a fact's name) the judgement of the account's password (never the password)


class Phase(Enum):
    """Gatherers of a later phase may read what the earlier phases found."""

    COLLECT = 1  # the profiles: from the inventory snapshot or the platforms
    DERIVED = 2  # what follows from a profile: pictures, media, DNS of its website
    PASSWORDS = 3  # secrets last, so that a KeePass prompt comes after the network work


# A fact read from a profile needs the profile first.
REQUIRES: dict[Fact, frozenset[Fact]] = {
    Fact.PICTURE: frozenset({Fact.PROFILE}),
    Fact.MEDIA: frozenset({Fact.PROFILE}),
    Fact.WEBSITE_DNS: frozenset({Fact.PROFILE}),
}


def closure(needs: frozenset[Fact]) -> frozenset[Fact]:
    """The facts needed, with those they are derived from."""
    found = set(needs)
    for fact in needs:
        found |= REQUIRES.get(fact, frozenset())
    return frozenset(found)
