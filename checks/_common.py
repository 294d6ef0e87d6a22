"""Small pure helpers shared by the check families."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any

from auditor.catalogue import Outcome
from auditor.facts import AccountFacts, ProfileFailure
from auditor.results import NOTHING, Message, Status
from auditor.urls import url_host

if TYPE_CHECKING:
    from auditor.facts import Profile


def _load_domain_list(name: str) -> frozenset[str]:
    text = resources.files("checks").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


FREEMAIL_DOMAINS = _load_domain_list("freemail.txt")
COMMERCIAL_DOMAINS = _load_domain_list("commercial.txt")
# The lookbehind lets a match start only where a run of address characters starts: without
# it, a long run with no "@" was rescanned from every position (quadratic: a 100 KB bio
# took 29 s). With it, each position is tried once.
EMAIL_IN_TEXT = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def domain_matches(host: str, domains: Collection[str]) -> bool:
    """True when host is one of the domains or a subdomain of one."""
    # Each suffix at a dot, longest first, looked up as it is cut: a set of every suffix
    # joined again from the labels was most of the cost of the e-mail checks (160,000
    # addresses and links in a 10,000-account scan).
    suffix = host.lower().rstrip(".")
    while suffix not in domains:
        dot = suffix.find(".")
        if dot == -1:
            return False
        suffix = suffix[dot + 1 :]
    return True


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].lower()


def is_freemail(email: str) -> bool:
    return domain_matches(email_domain(email), FREEMAIL_DOMAINS)


def is_official_email(email: str, official_domains: Collection[str]) -> bool:
    # A free-mail address never counts, even if someone listed the provider as official.
    return not is_freemail(email) and domain_matches(email_domain(email), official_domains)


def is_official_url(url: str, official_domains: Collection[str]) -> bool:
    return domain_matches(url_host(url), official_domains)


def same_email(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.strip().lower() == b.strip().lower()


def has_text(value: str | None) -> bool:
    return value is not None and bool(value.strip())


def msg(key: str, **args: Any) -> Message:
    return Message(key, args) if args else Message(key)


def verdict(
    problems: list[Message],
    unknowns: list[Message],
    ok: Message,
    evidence: Mapping[str, Any] | None = None,
) -> Outcome:
    """Fail on any problem; otherwise manual while evidence is missing; otherwise pass."""
    evidence = evidence or NOTHING  # the engine copies it into the result
    if problems:
        return Outcome(Status.FAIL, tuple(problems), evidence)
    if unknowns:
        return Outcome(Status.MANUAL, tuple(unknowns), evidence)
    return Outcome(Status.PASS, (ok,), evidence)


def with_profile(
    fn: Callable[[AccountFacts, Profile], Outcome],
) -> Callable[[AccountFacts], Outcome]:
    """A profile check: reads AccountFacts.profile, says where it came from in the evidence.

    No snapshot at all says manual (DESIGN.md, the inventory); a platform that could not
    be read says error, naming it, and nothing else is judged in its place.
    """

    def run(facts: AccountFacts) -> Outcome:
        failure = facts.profile_failure
        if failure is not None:
            return Outcome(Status.ERROR, failure_messages(failure), failure_evidence(failure))
        profile = facts.profile
        if profile is None:
            return Outcome(Status.MANUAL, (Message("no_profile"),))
        outcome = fn(facts, profile)
        # Provenance first: a report that shortens long evidence keeps it. A new Outcome
        # rather than dataclasses.replace, which is slow for 70,000 profile results.
        return Outcome(
            status=outcome.status,
            messages=outcome.messages,
            evidence={**provenance(profile), **outcome.evidence},
            severity=outcome.severity,
        )

    run.__doc__ = fn.__doc__
    return run


def provenance(profile: Profile) -> dict[str, Any]:
    fetched = profile.fetched_at.isoformat() if profile.fetched_at else None
    found: dict[str, Any] = {"source": profile.source, "fetched_at": fetched}
    if profile.from_inventory:
        found["from_inventory"] = list(profile.from_inventory)
    return found


# Faults that are an HTTP status the platform answered: the status says it best.
_STATUS_FAULTS = frozenset(
    {"unauthorised", "forbidden", "not_found", "rate_limited", "server", "http"}
)


def failure_messages(failure: ProfileFailure) -> tuple[Message, ...]:
    fault = (
        f"HTTP {failure.status}"
        if failure.status and failure.fault in _STATUS_FAULTS
        else failure.fault
    )
    return (
        Message("profile_unavailable", {"platform": failure.platform, "fault": fault}),
        Message(f"fault_{failure.fault}"),
    )


def failure_evidence(failure: ProfileFailure) -> dict[str, Any]:
    return {
        "source": failure.source,
        "fetched_at": None,
        "platform": failure.platform,
        "fault": failure.fault,
        "http_status": failure.status,
    }
