"""X accounts through API v2 user lookup, with the most recent post expanded.

GET {base}/users/by/username/NAME?user.fields=name,username,description,url,entities,
profile_image_url,verified,most_recent_tweet_id&expansions=most_recent_tweet_id
&tweet.fields=created_at, with an app Bearer token. The website is the expanded URL in
entities.url.urls, not the t.co short link in ``url``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditor.collectors.interface import (
    CollectError,
    PlatformCall,
    collect_error,
    handle_of,
    json_object,
    parse_time,
    text_or_none,
)
from auditor.inventory.model import Account, Platform
from auditor.web import HttpStatusError, WebError

USER_FIELDS = (
    "name,username,description,url,entities,profile_image_url,verified,most_recent_tweet_id"
)


@dataclass(frozen=True)
class XCollector:
    platform: Platform = Platform.X
    source: str = "x-api"
    default_base_url: str = "https://api.x.com/2"
    reads: frozenset[str] = frozenset(
        {"display_name", "bio", "website", "picture", "last_post", "links"}
    )
    needs_token: bool = True

    def collect(self, call: PlatformCall, account: Account) -> dict[str, Any]:
        username = handle_of(account)
        if not username.replace("_", "").isalnum():
            raise CollectError("no_handle")
        params = {
            "user.fields": USER_FIELDS,
            "expansions": "most_recent_tweet_id",
            "tweet.fields": "created_at",
        }
        try:
            body = json_object(call.get(f"users/by/username/{username}", params))
        except HttpStatusError as exc:
            raise collect_error(exc) from None
        except WebError as exc:
            raise collect_error(exc) from None
        user = body.get("data")
        if not isinstance(user, dict):
            # A missing user is a 200 with errors[].type ".../resource-not-found".
            problems = [e for e in body.get("errors") or [] if isinstance(e, dict)]
            if any("not-found" in str(e.get("type", "")) for e in problems):
                raise CollectError("not_found", 404)
            raise CollectError("malformed", 200)
        entities = user.get("entities") or {}
        urls = [_expanded(u) for u in ((entities.get("url") or {}).get("urls") or [])]
        described = [_expanded(u) for u in ((entities.get("description") or {}).get("urls") or [])]
        return {
            "display_name": text_or_none(user.get("name")),
            "bio": text_or_none(user.get("description")),
            "website": next((u for u in urls if u), None),
            "picture": _full_size(text_or_none(user.get("profile_image_url"))),
            "last_post": _latest(body, user.get("most_recent_tweet_id")),
            "links": [u for u in described if u] or None,
        }


def _expanded(entity: Any) -> str | None:
    if not isinstance(entity, dict):
        return None
    return text_or_none(entity.get("expanded_url")) or text_or_none(entity.get("url"))


def _full_size(url: str | None) -> str | None:
    # profile_image_url is the 48 px "_normal" rendition; the same path without it is the
    # original upload, which compares better with the crest.
    return url.replace("_normal.", ".") if url else None


def _latest(body: dict[str, Any], tweet_id: Any) -> Any:
    tweets = (body.get("includes") or {}).get("tweets") or []
    for tweet in tweets:
        if isinstance(tweet, dict) and tweet.get("id") == tweet_id:
            return parse_time(tweet.get("created_at"))
    return None
