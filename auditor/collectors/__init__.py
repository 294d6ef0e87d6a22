"""One collector per platform; the public page reader for the rest (see interface)."""

from __future__ import annotations

from auditor.collectors.facebook import FacebookCollector
from auditor.collectors.instagram import InstagramCollector
from auditor.collectors.interface import CollectError, Collector, PlatformCall
from auditor.collectors.public_page import PublicPageCollector
from auditor.collectors.tiktok import TikTokCollector
from auditor.collectors.x import XCollector
from auditor.collectors.youtube import YouTubeCollector
from auditor.inventory.model import Platform


def platform_collectors() -> dict[Platform, Collector]:
    """The API collectors, by platform."""
    found: list[Collector] = [
        FacebookCollector(),
        InstagramCollector(),
        YouTubeCollector(),
        XCollector(),
        TikTokCollector(),
    ]
    return {c.platform: c for c in found}


__all__ = [
    "CollectError",
    "Collector",
    "PlatformCall",
    "PublicPageCollector",
    "platform_collectors",
]
