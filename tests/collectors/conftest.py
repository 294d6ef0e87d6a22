"""A threaded loopback HTTP server speaking the platforms' APIs, and an inventory naming
one account on each platform, whose snapshot says something else than the platforms."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer

from tests.collectors.platforms import FakePlatforms, Shown, jpeg
from tests.images import draw_crest, draw_photo, recompressed, resized, save_small_png

TOKEN = "EAAGm0PX4ZCpsBAtok3nS3cr3tV4lu3"  # planted: must never be seen in any output
TIKTOK_TOKEN = "act.T1kT0kUs3rT0k3nS3cr3t9"  # the TikTok account's own, via api_token: env:
HANDLES = {
    "facebook": "jkmmelaka",
    "instagram": "jkm.melaka",
    "youtube": "jkmmelaka",
    "x": "JKMMelaka",
    "tiktok": "jkmmelaka",
}
OFFICIAL_NAME = "Rasmi Jabatan Ketua Menteri Melaka"
WEBSITE = "https://www.melaka.gov.my/jkm"


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    found = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    found.start()
    yield found
    found.clear()
    if found.is_running():
        found.stop()


@pytest.fixture
def platforms(server: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> FakePlatforms:
    fake = FakePlatforms(server, TOKEN, tiktok_tokens={TIKTOK_TOKEN: HANDLES["tiktok"]})
    crest_upload = jpeg(recompressed(resized(draw_crest(400), 200), quality=40))
    for platform, handle in HANDLES.items():
        fake.shown[(platform, handle.lower())] = Shown(
            name=f"{platform.capitalize()} {OFFICIAL_NAME}",
            bio=f"Akaun {OFFICIAL_NAME}. Penafian: maklumat am sahaja. Emel: jkm@melaka.gov.my",
            website=WEBSITE if platform in ("facebook", "instagram", "x") else None,
            email="jkm@melaka.gov.my" if platform == "facebook" else None,
            picture=crest_upload,
        )
    for name, value in fake.env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("T_TIKTOK_TOKEN", TIKTOK_TOKEN)
    return fake


def unrelated_picture() -> bytes:
    return jpeg(draw_photo(300))


def write_inventory(folder: Path, extra: dict[str, Any] | None = None) -> Path:
    """One agency with an account on each API platform; every snapshot is stale (no
    official name, a dormant date), so that a live result differs from an offline one."""
    save_small_png(draw_crest(), folder / "assets" / "crest.png")
    accounts = []
    for platform, handle in HANDLES.items():
        account: dict[str, Any] = {
            "id": f"jkm-{platform}",
            "platform": platform,
            "owner": "agency",
            "handle": handle,
            "url": f"https://www.{platform}.com/{handle}",
            "profile": {
                "display_name": "JKM",
                "last_post": "2025-01-01",
                "inquiries": [{"received": "2026-11-16T09:00", "answered": "2026-11-17T09:00"}],
                "liked_accounts": ["https://www.facebook.com/somebrand"],
            },
        }
        if platform == "tiktok":
            account["api_token"] = "env:T_TIKTOK_TOKEN"
        accounts.append(account | (extra or {}).get(platform, {}))
    document = {
        "version": 1,
        "organisation": {
            "name": "Kerajaan Negeri Melaka",
            "official_domains": ["melaka.gov.my"],
            "crest": ["assets/crest.png"],
        },
        "agencies": [
            {
                "id": "jkm",
                "name": "Jabatan Ketua Menteri Melaka",
                "short_name": "JKM",
                "accounts": accounts,
            }
        ],
    }
    path = folder / "inventory.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path
