"""Builds check facts from small dictionaries: a compliant account, then what a case changes."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from auditor.catalogue import Registry, load_registry
from auditor.facts import AccountDirectory, AccountFacts
from auditor.inventory.model import Agency, Inventory
from auditor.results import Status
from auditor.workdays import WorkingCalendar

AS_OF = dt.date(2026, 11, 24)
REMOVE = object()  # a patch value that deletes the key

COMPLIANT_ACCOUNT: dict[str, Any] = {
    "id": "jkm-facebook",
    "platform": "facebook",
    "url": "https://www.facebook.com/KerajaanNegeriMelaka",
    "handle": "KerajaanNegeriMelaka",
    "owner": "agency",
    "handler": {"name": "Siti Aminah", "email": "siti.aminah@melaka.gov.my"},
    "login_email": "korporat.suk@melaka.gov.my",
    "recovery_email": "ict.suk@melaka.gov.my",
    "recovery_phone": {"number": "06-3333333", "office": True},
    "mfa": True,
    "shared_login": False,
    "password": "env:JKM_FB_PASSWORD",
    "password_changed": "2026-09-01",
    "admins": [
        {
            "name": "Siti Aminah",
            "email": "siti.aminah@melaka.gov.my",
            "role": "admin",
            "active": True,
        },
        {"name": "Rahim Ali", "email": "rahim.ali@melaka.gov.my", "role": "admin", "active": True},
    ],
    "profile": {
        "display_name": "Facebook Rasmi Jabatan Ketua Menteri Melaka",
        "bio": "Laman rasmi Jabatan Ketua Menteri Melaka.",
        "website": "https://www.melaka.gov.my",
        "email": "korporat.suk@melaka.gov.my",
        "disclaimer": "Penafian: tiada tanggungjawab atas kerugian.",
        "last_post": "2026-11-20",
        "links": ["https://www.melaka.gov.my"],
        "media": [{"file": "poster.png", "width": 1200, "height": 630}],
        "inquiries": [{"received": "2026-11-16T09:00", "answered": "2026-11-17T09:00"}],
    },
}

OTHER_AGENCY: dict[str, Any] = {
    "id": "mbmb",
    "name": "Majlis Bandaraya Melaka Bersejarah",
    "short_name": "MBMB",
    "accounts": [
        {
            "id": "mbmb-facebook",
            "platform": "facebook",
            "owner": "agency",
            "url": "https://www.facebook.com/MBMBOfficial",
            "handle": "MBMBOfficial",
        }
    ],
}


def patched(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of base with patch merged in; nested dicts merge, REMOVE deletes."""
    result = copy.deepcopy(base)
    for key, value in patch.items():
        if value is REMOVE:
            result.pop(key, None)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = patched(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def inventory(
    account_patch: dict[str, Any] | None = None, organisation: dict[str, Any] | None = None
) -> Inventory:
    account = patched(COMPLIANT_ACCOUNT, account_patch or {})
    return Inventory.model_validate(
        {
            "version": 1,
            "organisation": organisation
            or {
                "name": "Kerajaan Negeri Melaka",
                "official_domains": ["melaka.gov.my", "mbmb.gov.my"],
            },
            "agencies": [
                {
                    "id": "jkm",
                    "name": "Jabatan Ketua Menteri Melaka",
                    "short_name": "JKM",
                    "accounts": [account],
                },
                OTHER_AGENCY,
            ],
        }
    )


def account_facts(
    account_patch: dict[str, Any] | None = None,
    organisation: dict[str, Any] | None = None,
    as_of: dt.date = AS_OF,
) -> AccountFacts:
    inv = inventory(account_patch, organisation)
    agency: Agency = inv.agencies[0]
    return AccountFacts(
        organisation=inv.organisation,
        policy=inv.policy,
        agency=agency,
        account=agency.accounts[0],
        as_of=as_of,
        directory=AccountDirectory.of(inv.agencies),
        calendar=WorkingCalendar.melaka([2025, 2026]),
    )


def run_account_check(registry: Registry, check_id: str, facts: AccountFacts) -> Status:
    found = registry.get(check_id)
    assert found is not None, check_id
    return found(facts).status


def registry() -> Registry:
    return load_registry()
