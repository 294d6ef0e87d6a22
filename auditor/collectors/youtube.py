"""YouTube channels through the Data API v3; the credential is an API key (``key=``).

GET {base}/channels?part=snippet,brandingSettings,contentDetails&forHandle=@NAME (or id=UC…)
then GET {base}/playlistItems?part=contentDetails&playlistId=<uploads>&maxResults=1 for the
latest upload's date. The Data API does not show a channel's links or email.
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


@dataclass(frozen=True)
class YouTubeCollector:
    platform: Platform = Platform.YOUTUBE
    source: str = "youtube-api"
    default_base_url: str = "https://www.googleapis.com/youtube/v3"
    reads: frozenset[str] = frozenset({"display_name", "bio", "picture", "last_post"})
    needs_token: bool = True

    def collect(self, call: PlatformCall, account: Account) -> dict[str, Any]:
        handle = handle_of(account)
        which = (
            {"id": handle}
            if handle.startswith("UC") and len(handle) == 24
            else {"forHandle": f"@{handle}"}
        )
        params = {"part": "snippet,brandingSettings,contentDetails", **which}
        items = _get(call, "channels", params).get("items") or []
        if not items:
            raise CollectError("not_found", 404)  # the API answers 200 with no items
        channel = items[0]
        snippet = channel.get("snippet") or {}
        branding = (channel.get("brandingSettings") or {}).get("channel") or {}
        uploads = ((channel.get("contentDetails") or {}).get("relatedPlaylists") or {}).get(
            "uploads"
        )
        return {
            "display_name": text_or_none(snippet.get("title"))
            or text_or_none(branding.get("title")),
            "bio": text_or_none(snippet.get("description"))
            or text_or_none(branding.get("description")),
            "picture": _largest_thumbnail(snippet.get("thumbnails") or {}),
            "last_post": _latest_upload(call, uploads) if isinstance(uploads, str) else None,
        }


def _get(call: PlatformCall, path: str, params: dict[str, str]) -> dict[str, Any]:
    try:
        return json_object(call.get(path, params, token_param="key"))  # noqa: S106 (a name)
    except HttpStatusError as exc:
        raise _youtube_error(exc) from None
    except WebError as exc:
        raise collect_error(exc) from None


def _youtube_error(exc: HttpStatusError) -> CollectError:
    # 403 with reason quotaExceeded is a rate limit, not a missing permission.
    try:
        body = exc.answer.json()
    except WebError:
        return collect_error(exc)
    errors = ((body.get("error") or {}).get("errors") or []) if isinstance(body, dict) else []
    reasons = {e.get("reason") for e in errors if isinstance(e, dict)}
    if reasons & {"quotaExceeded", "rateLimitExceeded", "dailyLimitExceeded"}:
        return CollectError("rate_limited", exc.answer.status)
    if reasons & {"keyInvalid", "keyExpired"}:
        return CollectError("unauthorised", exc.answer.status)
    return collect_error(exc)


def _largest_thumbnail(thumbnails: dict[str, Any]) -> str | None:
    for size in ("high", "medium", "default"):
        found = thumbnails.get(size)
        if isinstance(found, dict) and text_or_none(found.get("url")):
            return str(found["url"])
    return None


def _latest_upload(call: PlatformCall, playlist: str) -> Any:
    params = {"part": "contentDetails,snippet", "playlistId": playlist, "maxResults": "1"}
    try:
        items = _get(call, "playlistItems", params).get("items") or []
    except CollectError as exc:
        if exc.fault == "not_found":  # a channel that never uploaded has no uploads list
            return None
        raise
    if not items:
        return None
    details = items[0].get("contentDetails") or {}
    published = details.get("videoPublishedAt") or (items[0].get("snippet") or {}).get(
        "publishedAt"
    )
    return parse_time(published)
