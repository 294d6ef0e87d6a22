"""The inventory's enumerations, apart from its models.

The checks compare against these when they run, yet must import quickly: listing the
catalogue (``auditor checks``) loads every check, and the models need pydantic.
``auditor.inventory.model`` re-exports them.
"""

from __future__ import annotations

from enum import Enum


class Platform(Enum):
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    X = "x"
    YOUTUBE = "youtube"
    TIKTOK = "tiktok"
    THREADS = "threads"
    TELEGRAM = "telegram"
    LINKEDIN = "linkedin"
    OTHER = "other"


class Owner(Enum):
    AGENCY = "agency"
    INDIVIDUAL = "individual"


class Role(Enum):
    OWNER = "owner"
    ADMIN = "admin"
    EDITOR = "editor"
    MODERATOR = "moderator"
    ANALYST = "analyst"
    ADVERTISER = "advertiser"
    SHARED = "shared"  # a login used by several people: what ACC-002 forbids
