"""TikTok accounts through the Display API v2, with the account's own user token.

GET {base}/user/info/?fields=open_id,display_name,bio_description,avatar_url,
profile_deep_link,username,is_verified (scope user.info.basic), then
POST {base}/video/list/?fields=create_time {"max_count": 1} (scope video.list) for the
latest video. Every answer carries an ``error`` object; "code": "ok" is success.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditor.collectors.interface import (
    CollectError,
    PlatformCall,
    collect_error,
    json_object,
    parse_time,
    text_or_none,
)
from auditor.inventory.model import Account, Platform
from auditor.web import Answer, HttpStatusError, WebError

USER_FIELDS = (
    "open_id,display_name,bio_description,avatar_url,profile_deep_link,username,is_verified"
)
_FAULTS = {
    "access_token_invalid": "unauthorised",
    "scope_not_authorized": "forbidden",
    "scope_permission_missed": "forbidden",
    "rate_limit_exceeded": "rate_limited",
}


@dataclass(frozen=True)
class TikTokCollector:
    platform: Platform = Platform.TIKTOK
    source: str = "tiktok-api"
    default_base_url: str = "https://open.tiktokapis.com/v2"
    reads: frozenset[str] = frozenset({"display_name", "bio", "picture", "last_post"})
    needs_token: bool = True

    def collect(self, call: PlatformCall, account: Account) -> dict[str, Any]:
        data = _call(call, "user/info/", {"fields": USER_FIELDS})
        user = data.get("user")
        if not isinstance(user, dict):
            raise CollectError("malformed", 200)
        videos = (
            _call(
                call,
                "video/list/",
                {"fields": "id,create_time"},
                method="POST",
                body={"max_count": 1},
            ).get("videos")
            or []
        )
        latest = videos[0].get("create_time") if videos and isinstance(videos[0], dict) else None
        return {
            "display_name": text_or_none(user.get("display_name")),
            "bio": text_or_none(user.get("bio_description")),
            "picture": text_or_none(user.get("avatar_url")),
            "last_post": parse_time(latest) if latest is not None else None,
        }


def _call(
    call: PlatformCall,
    path: str,
    params: dict[str, str],
    method: str = "GET",
    body: Any = None,
) -> dict[str, Any]:
    try:
        answer = call.get(path, params, method=method, json_body=body)
    except HttpStatusError as exc:
        raise _tiktok_error(exc.answer) or collect_error(exc) from None
    except WebError as exc:
        raise collect_error(exc) from None
    found = json_object(answer)
    problem = _tiktok_error(answer, found)
    if problem is not None:
        raise problem
    data = found.get("data")
    if not isinstance(data, dict):
        raise CollectError("malformed", answer.status)
    return data


def _tiktok_error(answer: Answer, body: dict[str, Any] | None = None) -> CollectError | None:
    if body is None:
        try:
            body = json_object(answer)
        except CollectError:
            return None
    error = body.get("error")
    if not isinstance(error, dict):
        return CollectError("malformed", answer.status)
    code = error.get("code")
    if code == "ok":
        return None
    return CollectError(_FAULTS.get(str(code), "http"), answer.status)
