"""Every check of the account scope, with passing, failing and manual examples in one table."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.catalogue import Registry, Scope, load_registry
from auditor.results import Severity, Status
from tests.factories import REMOVE, account_facts

P, F, M, S = Status.PASS, Status.FAIL, Status.MANUAL, Status.SKIPPED

CASES: list[tuple[str, str, dict[str, Any], Status]] = [
    # OWN-001: owned by the agency, login not an officer's own mailbox
    ("OWN-001", "compliant", {}, P),
    ("OWN-001", "individual owner", {"owner": "individual"}, F),
    ("OWN-001", "login is an admin's address", {"login_email": "Rahim.Ali@melaka.gov.my"}, F),
    ("OWN-001", "login is the handler's address", {"login_email": "siti.aminah@melaka.gov.my"}, F),
    ("OWN-001", "login email missing", {"login_email": REMOVE}, M),
    # OWN-002: login email on an official domain
    ("OWN-002", "official domain", {}, P),
    ("OWN-002", "official subdomain", {"login_email": "unit@pertanian.melaka.gov.my"}, P),
    ("OWN-002", "gmail", {"login_email": "jkm.melaka@gmail.com"}, F),
    ("OWN-002", "look-alike domain", {"login_email": "a@fakemelaka.gov.my"}, F),
    ("OWN-002", "other organisation", {"login_email": "a@selangor.gov.my"}, F),
    ("OWN-002", "missing", {"login_email": REMOVE}, M),
    # OWN-003: recovery email official, recovery phone an office line
    ("OWN-003", "compliant", {}, P),
    ("OWN-003", "no phone given is fine", {"recovery_phone": REMOVE}, P),
    ("OWN-003", "yahoo recovery", {"recovery_email": "x@yahoo.com"}, F),
    ("OWN-003", "personal phone", {"recovery_phone": {"office": False}}, F),
    ("OWN-003", "phone kind unknown", {"recovery_phone": {"number": "06-1", "office": REMOVE}}, M),
    ("OWN-003", "recovery email missing", {"recovery_email": REMOVE}, M),
    # OWN-004: a handler named with an official email
    ("OWN-004", "compliant", {}, P),
    ("OWN-004", "handler on gmail", {"handler": {"email": "siti@gmail.com"}}, F),
    ("OWN-004", "handler without a name", {"handler": {"name": " "}}, F),
    ("OWN-004", "no handler recorded", {"handler": REMOVE}, M),
    # ACC-001: MFA
    ("ACC-001", "on", {}, P),
    ("ACC-001", "off", {"mfa": False}, F),
    ("ACC-001", "unknown", {"mfa": REMOVE}, M),
    # ACC-002: no shared login
    ("ACC-002", "compliant", {}, P),
    ("ACC-002", "shared login", {"shared_login": True}, F),
    ("ACC-002", "shared role", {"admins": [{"name": "Unit Media", "role": "shared"}]}, F),
    ("ACC-002", "unnamed admin", {"admins": [{"email": "a@melaka.gov.my", "role": "admin"}]}, F),
    (
        "ACC-002",
        "two admins one mailbox",
        {
            "admins": [
                {"name": "A", "email": "media@melaka.gov.my", "role": "admin"},
                {"name": "B", "email": "MEDIA@melaka.gov.my", "role": "admin"},
            ]
        },
        F,
    ),
    ("ACC-002", "not recorded", {"shared_login": REMOVE}, M),
    ("ACC-002", "admins not recorded", {"admins": REMOVE}, M),
    # ACC-003: every admin still in service
    ("ACC-003", "compliant", {}, P),
    ("ACC-003", "inactive admin", {"admins": [{"name": "A", "role": "admin", "active": False}]}, F),
    (
        "ACC-003",
        "end date passed",
        {"admins": [{"name": "A", "role": "admin", "active": True, "until": "2026-01-31"}]},
        F,
    ),
    (
        "ACC-003",
        "end date ahead",
        {"admins": [{"name": "A", "role": "admin", "active": True, "until": "2027-01-31"}]},
        P,
    ),
    ("ACC-003", "status unrecorded", {"admins": [{"name": "A", "role": "admin"}]}, M),
    ("ACC-003", "admins not recorded", {"admins": REMOVE}, M),
    # ACC-004: at least two serving agency admins
    ("ACC-004", "two", {}, P),
    (
        "ACC-004",
        "one",
        {"admins": [{"name": "A", "email": "a@melaka.gov.my", "role": "admin", "active": True}]},
        F,
    ),
    (
        "ACC-004",
        "second is an editor",
        {
            "admins": [
                {"name": "A", "email": "a@melaka.gov.my", "role": "admin", "active": True},
                {"name": "B", "email": "b@melaka.gov.my", "role": "editor", "active": True},
            ]
        },
        F,
    ),
    (
        "ACC-004",
        "second is outside the agency",
        {
            "admins": [
                {"name": "A", "email": "a@melaka.gov.my", "role": "admin", "active": True},
                {"name": "B", "email": "b@gmail.com", "role": "admin", "active": True},
            ]
        },
        F,
    ),
    (
        "ACC-004",
        "second has left",
        {
            "admins": [
                {"name": "A", "email": "a@melaka.gov.my", "role": "admin", "active": True},
                {"name": "B", "email": "b@melaka.gov.my", "role": "admin", "active": False},
            ]
        },
        F,
    ),
    (
        "ACC-004",
        "second's records incomplete",
        {
            "admins": [
                {"name": "A", "email": "a@melaka.gov.my", "role": "admin", "active": True},
                {"name": "B", "role": "admin", "active": True},
            ]
        },
        M,
    ),
    # PRF-001: display name says official and names the agency
    ("PRF-001", "Rasmi and full name", {}, P),
    ("PRF-001", "Official and acronym, any case", {"profile": {"display_name": "jkm official"}}, P),
    ("PRF-001", "derived acronym", {"profile": {"display_name": "Instagram Rasmi JKMM"}}, P),
    ("PRF-001", "no Rasmi", {"profile": {"display_name": "Jabatan Ketua Menteri Melaka"}}, F),
    ("PRF-001", "no agency", {"profile": {"display_name": "Facebook Rasmi Melaka"}}, F),
    ("PRF-001", "acronym inside a word", {"profile": {"display_name": "Rasmi JKMX"}}, F),
    ("PRF-001", "display name not shown", {"profile": {"display_name": REMOVE}}, F),
    ("PRF-001", "no snapshot", {"profile": REMOVE}, M),
    # PRF-003: link to the official website
    ("PRF-003", "official website", {}, P),
    (
        "PRF-003",
        "official link in links only",
        {"profile": {"website": REMOVE, "links": ["https://portal.melaka.gov.my/x"]}},
        P,
    ),
    (
        "PRF-003",
        "blog instead",
        {"profile": {"website": "https://jkm.blogspot.com", "links": REMOVE}},
        F,
    ),
    ("PRF-003", "no link shown", {"profile": {"website": REMOVE, "links": REMOVE}}, F),
    ("PRF-003", "no snapshot", {"profile": REMOVE}, M),
    # PRF-004: introduction
    ("PRF-004", "present", {}, P),
    ("PRF-004", "absent", {"profile": {"bio": REMOVE}}, F),
    ("PRF-004", "blank", {"profile": {"bio": "   "}}, F),
    ("PRF-004", "no snapshot", {"profile": REMOVE}, M),
    # PRF-005: disclaimer in the profile or a pinned post
    ("PRF-005", "disclaimer field", {}, P),
    (
        "PRF-005",
        "pinned post",
        {"profile": {"disclaimer": REMOVE, "pinned_post": "PENAFIAN: tiada liabiliti"}},
        P,
    ),
    ("PRF-005", "absent", {"profile": {"disclaimer": REMOVE}}, F),
    ("PRF-005", "no snapshot", {"profile": REMOVE}, M),
    # PRF-006: official email shown
    ("PRF-006", "official email", {}, P),
    (
        "PRF-006",
        "official email in the bio",
        {"profile": {"email": REMOVE, "bio": "Hubungi korporat@melaka.gov.my"}},
        P,
    ),
    ("PRF-006", "gmail shown", {"profile": {"email": "jkm@gmail.com"}}, F),
    ("PRF-006", "no email shown", {"profile": {"email": REMOVE}}, F),
    ("PRF-006", "no snapshot", {"profile": REMOVE}, M),
    # ACT-001: not dormant
    ("ACT-001", "recent post", {}, P),
    ("ACT-001", "exactly at the limit", {"profile": {"last_post": "2026-08-26"}}, P),
    ("ACT-001", "one day past the limit", {"profile": {"last_post": "2026-08-25"}}, F),
    ("ACT-001", "no post shown", {"profile": {"last_post": REMOVE}}, F),
    ("ACT-001", "a last post after the scan date", {"profile": {"last_post": "2034-01-01"}}, M),
    ("ACT-001", "no snapshot", {"profile": REMOVE}, M),
    # ACT-002: inquiries within 3 working days on the Melaka calendar
    ("ACT-002", "next day", {}, P),
    (
        "ACT-002",
        "Friday to Wednesday is 3 working days",
        {
            "profile": {
                "inquiries": [{"received": "2026-11-13T16:00", "answered": "2026-11-18T17:00"}]
            }
        },
        P,
    ),
    (
        "ACT-002",
        "Friday to Thursday is 4",
        {
            "profile": {
                "inquiries": [{"received": "2026-11-13T16:00", "answered": "2026-11-19T09:00"}]
            }
        },
        F,
    ),
    (
        "ACT-002",
        "Deepavali holidays do not count",
        {
            "profile": {
                "inquiries": [{"received": "2026-11-05T09:00", "answered": "2026-11-11T09:00"}]
            }
        },
        P,
    ),
    (
        "ACT-002",
        "Melaka governor's birthday does not count",
        {
            "profile": {
                "inquiries": [{"received": "2026-08-20T09:00", "answered": "2026-08-27T09:00"}]
            }
        },
        P,
    ),
    (
        "ACT-002",
        "unanswered past the limit",
        {"profile": {"inquiries": [{"received": "2026-11-02T09:00"}]}},
        F,
    ),
    (
        "ACT-002",
        "unanswered within the limit",
        {"profile": {"inquiries": [{"received": "2026-11-23T09:00"}]}},
        P,
    ),
    ("ACT-002", "none recorded", {"profile": {"inquiries": REMOVE}}, M),
    # ACT-003: poster sizes
    ("ACT-003", "recommended size", {}, P),
    ("ACT-003", "below the minimum", {"profile": {"media": [{"width": 599, "height": 315}]}}, F),
    ("ACT-003", "size unknown", {"profile": {"media": [{"file": "x.png"}]}}, M),
    ("ACT-003", "none recorded", {"profile": {"media": REMOVE}}, M),
    # ACT-004: no links to or likes of other agencies, no commercial links
    ("ACT-004", "own links only", {}, P),
    (
        "ACT-004",
        "likes another agency by URL",
        {"profile": {"liked_accounts": ["https://m.facebook.com/mbmbofficial/"]}},
        F,
    ),
    (
        "ACT-004",
        "likes another agency by handle",
        {"profile": {"liked_accounts": ["@MBMBOfficial"]}},
        F,
    ),
    (
        "ACT-004",
        "links to a marketplace",
        {"profile": {"links": ["https://shopee.com.my/some-shop"]}},
        F,
    ),
    (
        "ACT-004",
        "likes an account outside the inventory",
        {"profile": {"liked_accounts": ["@TourismMalaysia"]}},
        P,
    ),
    ("ACT-004", "no snapshot", {"profile": REMOVE}, M),
]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


@pytest.mark.parametrize(
    ("check_id", "case", "patch", "expected"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES]
)
def test_account_check(
    registry: Registry, check_id: str, case: str, patch: dict[str, Any], expected: Status
) -> None:
    check = registry.get(check_id)
    assert check is not None
    outcome = check(account_facts(patch))
    assert outcome.status is expected, [m.key for m in outcome.messages]
    assert outcome.messages, "every outcome explains itself"
    for message in outcome.messages:
        assert message.key in check.meta.messages or message.key == "no_profile", message.key


def test_every_implemented_account_check_has_a_pass_and_a_fail_case(registry: Registry) -> None:
    covered = {(c[0], c[3]) for c in CASES}
    for check_id in {c[0] for c in CASES}:
        assert (check_id, P) in covered and (check_id, F) in covered, check_id


def test_poster_between_minimum_and_recommended_is_an_info_failure(registry: Registry) -> None:
    check = registry.get("ACT-003")
    assert check is not None
    outcome = check(account_facts({"profile": {"media": [{"width": 1080, "height": 1080}]}}))
    assert (outcome.status, outcome.severity) == (Status.FAIL, Severity.INFO)


def test_every_account_check_is_implemented(registry: Registry) -> None:
    facts = account_facts()
    for check in registry.for_scope(Scope.ACCOUNT):
        outcome = check(facts)
        assert outcome.status is not S, check.meta.id
