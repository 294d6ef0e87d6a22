"""Writes a large realistic inventory for benchmarks: N accounts over N/10 agencies."""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import yaml

PLATFORMS = ["facebook", "instagram", "x", "youtube", "tiktok", "threads", "telegram", "linkedin"]
UNITS = ["Jabatan", "Majlis", "Perbadanan", "Pejabat", "Lembaga", "Unit"]
TOPICS = [
    "Pertanian",
    "Kebajikan",
    "Pelancongan",
    "Kesihatan",
    "Perumahan",
    "Belia",
    "Sukan",
    "Air",
    "Tanah",
    "Zakat",
    "Muzium",
    "Perbandaran",
    "Pendidikan",
    "Alam Sekitar",
]


def account(rng: random.Random, agency_id: str, index: int, name: str) -> dict[str, Any]:
    platform = PLATFORMS[index % len(PLATFORMS)]
    ok = rng.random() > 0.3
    domain = "melaka.gov.my" if ok else rng.choice(["gmail.com", "melaka.gov.my"])
    return {
        "id": f"{agency_id}-{platform}-{index}",
        "platform": platform,
        "url": f"https://www.{platform}.com/{agency_id}{index}",
        "handle": f"{agency_id}{index}",
        "owner": "agency" if rng.random() > 0.05 else "individual",
        "handler": {"name": "Pegawai Media", "email": f"media.{agency_id}@melaka.gov.my"},
        "login_email": f"korporat.{agency_id}@{domain}",
        "recovery_email": f"ict.{agency_id}@melaka.gov.my",
        "recovery_phone": {"number": "06-2321234", "office": rng.random() > 0.1},
        "mfa": rng.random() > 0.2,
        "shared_login": rng.random() < 0.1,
        "password": f"env:PW_{agency_id.upper().replace('-', '_')}_{index}",
        "password_changed": "2026-06-01",
        "admins": [
            {
                "name": f"Pegawai {i}",
                "email": f"pegawai{i}.{agency_id}@melaka.gov.my",
                "role": "admin",
                "active": rng.random() > 0.05,
            }
            for i in range(rng.randint(1, 4))
        ],
        "profile": {
            "display_name": f"{platform.title()} Rasmi {name}" if ok else name,
            "bio": f"Laman rasmi {name}.",
            "website": "https://www.melaka.gov.my",
            "email": f"korporat.{agency_id}@melaka.gov.my",
            "disclaimer": "Penafian: maklumat umum." if rng.random() > 0.2 else None,
            "last_post": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
            "links": ["https://www.melaka.gov.my"],
            "media": [
                {"file": "poster.png", "width": rng.choice([500, 1080, 1200]), "height": 630}
            ],
            "inquiries": [{"received": "2026-11-02T09:00", "answered": "2026-11-05T10:00"}],
        },
    }


def inventory(accounts: int, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    agencies = []
    for a in range(max(1, accounts // 10)):
        agency_id = f"agensi-{a}"
        name = f"{rng.choice(UNITS)} {rng.choice(TOPICS)} Negeri Melaka {a}"
        count = min(10, accounts - 10 * a)
        items = [account(rng, agency_id, i, name) for i in range(count)]
        for item in items:
            profile = {k: v for k, v in item["profile"].items() if v is not None}
            # As in real inventories, a third of the accounts have no profile snapshot yet
            # and half of the snapshots list no media or inquiries; this also keeps 10,000
            # accounts under the loader's 10 MB limit.
            if rng.random() < 0.5:
                for key in ("media", "inquiries", "links"):
                    profile.pop(key, None)
            if rng.random() < 0.33:
                del item["profile"]
            else:
                item["profile"] = profile
        agencies.append({"id": agency_id, "name": name, "accounts": items})
    return {
        "version": 1,
        "organisation": {"name": "Kerajaan Negeri Melaka", "official_domains": ["melaka.gov.my"]},
        "agencies": agencies,
    }


def password_environment(document: dict[str, Any], seed: int = 11) -> dict[str, str]:
    """Values for the inventory's env: password references, as an officer would export them:
    mostly strong and distinct, one in ten weak, one in twenty shared with another account."""
    rng = random.Random(seed)
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#$%&*+-=?@^_"
    environment: dict[str, str] = {}
    for agency in document["agencies"]:
        for account in agency["accounts"]:
            name = account["password"].removeprefix("env:")
            roll = rng.random()
            if roll < 0.1:
                value = rng.choice(["Melaka2024!", "password123", "Jabatan@123", "Abc12345"])
            elif roll < 0.15 and environment:
                value = rng.choice(list(environment.values()))
            else:
                value = "".join(rng.choice(alphabet) for _ in range(rng.randint(12, 20)))
            environment[name] = value
    return environment


def dump(document: dict[str, Any]) -> str:
    # Flow style for the leaves, as people write inventories, keeps 10,000 accounts < 10 MB.
    return yaml.safe_dump(
        document, allow_unicode=True, sort_keys=False, default_flow_style=None, width=200
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("accounts", type=int)
    parser.add_argument("output", type=Path)
    args = parser.parse_args()
    args.output.write_text(
        dump(inventory(args.accounts)),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
