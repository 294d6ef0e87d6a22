"""Instagram professional accounts through the Graph API.

With AUDITOR_INSTAGRAM_USER_ID (the auditing app user's own IG user id), any business or
creator account is read by ``business_discovery``:
GET {base}/{ig-user-id}?fields=business_discovery.username(NAME){username,name,biography,
website,profile_picture_url,media.limit(1){timestamp,media_type}}
Without it, the token must be the account's own (Instagram Login), and ``me`` is read with
the same fields from graph.instagram.com.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Any

from auditor.collectors.graph import graph_get
from auditor.collectors.interface import (
    CollectError,
    PlatformCall,
    handle_of,
    parse_time,
    text_or_none,
)
from auditor.inventory.model import Account, Platform

USER_FIELDS = "username,name,biography,website,profile_picture_url,media.limit(1){timestamp}"
USER_ID_ENV = "AUDITOR_INSTAGRAM_USER_ID"
INSTAGRAM_LOGIN_BASE_URL = "https://graph.instagram.com/v21.0"


@dataclass(frozen=True)
class InstagramCollector:
    platform: Platform = Platform.INSTAGRAM
    source: str = "instagram-api"
    default_base_url: str = "https://graph.facebook.com/v21.0"
    reads: frozenset[str] = frozenset({"display_name", "bio", "website", "picture", "last_post"})
    needs_token: bool = True

    def collect(self, call: PlatformCall, account: Account) -> dict[str, Any]:
        own_id = os.environ.get(USER_ID_ENV, "").strip()
        if own_id:
            username = handle_of(account)
            if not username.replace(".", "").replace("_", "").isalnum():
                raise CollectError("no_handle")  # it goes inside the fields expression
            fields = f"business_discovery.username({username}){{{USER_FIELDS}}}"
            found = graph_get(call, own_id, {"fields": fields}).get("business_discovery")
            if not isinstance(found, dict):
                raise CollectError("not_found")
            user = found
        else:
            # The account's own token (Instagram Login) is answered by graph.instagram.com.
            if call.base_url == self.default_base_url:
                call = replace(call, base_url=INSTAGRAM_LOGIN_BASE_URL)
            user = graph_get(call, "me", {"fields": USER_FIELDS})
        media = (user.get("media") or {}).get("data") or []
        return {
            "display_name": text_or_none(user.get("name")) or text_or_none(user.get("username")),
            "bio": text_or_none(user.get("biography")),
            "website": text_or_none(user.get("website")),
            "picture": text_or_none(user.get("profile_picture_url")),
            "last_post": parse_time(media[0].get("timestamp")) if media else None,
        }
