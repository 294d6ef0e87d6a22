"""A loopback server speaking the platforms' APIs as their references show them.

Facebook Graph (Page fields with picture{...} and posts.limit(1){created_time} expanded),
Instagram business_discovery, YouTube Data API v3 channels (forHandle) and playlistItems,
X API v2 users/by/username with entities.url.urls and the most recent post expanded, and
TikTok Display API v2 user/info/ and video/list/ with their ``error`` object. Each account
can be given a fault: a status, a slow answer, an HTML page, broken JSON, a 429 with
Retry-After, a redirect to another host.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PIL import Image
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

IG_USER_ID = "17841405309211844"  # the auditing app user's own IG account


@dataclass
class Shown:
    """What one account's platform shows."""

    name: str
    bio: str
    website: str | None = None
    email: str | None = None
    last_post: dt.datetime = dt.datetime(2026, 11, 20, 1, 30, tzinfo=dt.UTC)
    picture: bytes | None = None  # served at /pictures/<handle>.jpg
    poster: tuple[int, int] = (1200, 630)  # the size of the latest post's picture


@dataclass
class Fault:
    status: int | None = None  # answered with this status (in the platform's error shape)
    slow: float = 0.0  # seconds before answering
    html: bool = False
    malformed: bool = False
    retry_after: str | None = None  # with status 429: the Retry-After header, then success
    times: int = 10**6  # how many requests get the fault; later ones are answered normally
    redirect_to: str | None = None  # a 302 to this URL (another host)


@dataclass
class Seen:
    at: float
    path: str
    query: str
    authorization: str | None


@dataclass
class FakePlatforms:
    server: HTTPServer
    token: str
    latency: float = 0.0  # added to every answer (the benchmark's 50 ms)
    shown: dict[tuple[str, str], Shown] = field(default_factory=dict)
    faults: dict[tuple[str, str], Fault] = field(default_factory=dict)
    tiktok_tokens: dict[str, str] = field(default_factory=dict)  # user token -> handle
    seen: list[Seen] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # its request lines hold keys
        self.server.expect_request(re.compile("^/.*")).respond_with_handler(self.handle)

    def env(self) -> dict[str, str]:
        base = self.server.url_for("")
        return {
            "AUDITOR_FACEBOOK_API_URL": f"{base}facebook",
            "AUDITOR_INSTAGRAM_API_URL": f"{base}instagram",
            "AUDITOR_YOUTUBE_API_URL": f"{base}youtube",
            "AUDITOR_X_API_URL": f"{base}x",
            "AUDITOR_TIKTOK_API_URL": f"{base}tiktok",
            "AUDITOR_INSTAGRAM_USER_ID": IG_USER_ID,
            "AUDITOR_FACEBOOK_TOKEN": self.token,
            "AUDITOR_INSTAGRAM_TOKEN": self.token,
            "AUDITOR_YOUTUBE_TOKEN": self.token,
            "AUDITOR_X_TOKEN": self.token,
        }

    def picture_url(self, handle: str) -> str:
        return self.server.url_for(f"/pictures/{handle}.jpg")

    def handle(self, request: Request) -> Response:
        with self._lock:
            self.seen.append(
                Seen(
                    time.monotonic(),
                    request.path,
                    request.query_string.decode(),
                    request.headers.get("Authorization"),
                )
            )
        if self.latency:
            time.sleep(self.latency)
        platform, _, rest = request.path.strip("/").partition("/")
        if platform == "pictures":
            return self._picture(rest.rsplit(".", 1)[0])
        routes: dict[str, Callable[[Request, str], Response]] = {
            "facebook": self._facebook,
            "instagram": self._instagram,
            "youtube": self._youtube,
            "x": self._x,
            "tiktok": self._tiktok,
        }
        route = routes.get(platform)
        return route(request, rest) if route else Response("no such API", status=404)

    # --- what every platform shares --------------------------------------------------

    def _token_of(self, request: Request) -> str | None:
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            return header.removeprefix("Bearer ")
        return request.args.get("key") or request.args.get("access_token")

    def _fault(self, platform: str, handle: str, query: str = "") -> Response | None:
        fault = self.faults.get((platform, handle.lstrip("@").lower()))
        if fault is None:
            return None
        with self._lock:
            if fault.times <= 0:
                return None
            fault.times -= 1
        if fault.slow:
            time.sleep(fault.slow)
        if fault.redirect_to:
            # "{query}": a server that carries the request's query along (keys included).
            target = fault.redirect_to.replace("{query}", query)
            return Response(status=302, headers={"Location": target})
        if fault.html:
            page = "<html><body><h1>502 Bad Gateway</h1></body></html>"
            return Response(page, status=200, content_type="text/html")
        if fault.malformed:
            return Response('{"name": "Facebook Rasmi', status=200, content_type="application/json")
        if fault.status is not None:
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            return _json(_error_body(platform, fault.status), fault.status, headers)
        return None

    def _picture(self, handle: str) -> Response:
        found = next((s for (_, h), s in self.shown.items() if h == handle.lower()), None)
        if found is None or found.picture is None:
            return Response("missing", status=404)
        return Response(found.picture, content_type="image/jpeg")

    def _find(self, platform: str, handle: str) -> Shown | None:
        return self.shown.get((platform, handle.lstrip("@").lower()))

    def _unauthorised(self, request: Request, platform: str) -> Response | None:
        if self._token_of(request) != self.token:
            return _json(_error_body(platform, 401), 401)
        return None

    # --- the platforms ----------------------------------------------------------------

    def _facebook(self, request: Request, rest: str) -> Response:
        handle = rest.rsplit("/", 1)[-1]
        refused = self._unauthorised(request, "facebook")
        faulty = refused or self._fault("facebook", handle)
        if faulty is not None:
            return faulty
        shown = self._find("facebook", handle)
        if shown is None:
            return _json(_error_body("facebook", 404), 404)
        body: dict[str, Any] = {
            "id": "1234567890",
            "name": shown.name,
            "username": handle,
            "about": shown.bio,
            "link": f"https://www.facebook.com/{handle}",
            "verification_status": "blue_verified",
            "picture": {"data": {"url": self.picture_url(handle), "is_silhouette": False}},
            "posts": {
                "data": [
                    {
                        "created_time": _graph_time(shown.last_post),
                        "id": "1234567890_1",
                        "attachments": {
                            "data": [
                                {
                                    "media_type": "photo",
                                    "media": {
                                        "image": {
                                            "height": shown.poster[1],
                                            "src": self.server.url_for("/posters/1.jpg"),
                                            "width": shown.poster[0],
                                        }
                                    },
                                }
                            ]
                        },
                    }
                ],
                "paging": {"cursors": {"before": "QVFI", "after": "QVFJ"}},
            },
        }
        if shown.website:
            body["website"] = shown.website
        if shown.email:
            body["emails"] = [shown.email]
        return _json(body)

    def _instagram(self, request: Request, rest: str) -> Response:
        match = re.match(
            r"business_discovery\.username\(([\w.]+)\)\{", request.args.get("fields", "")
        )
        if rest == "me":  # the account's own token: the token says which account
            handle = next(h for (p, h) in self.shown if p == "instagram")
        elif rest != IG_USER_ID or match is None:
            return _json(_error_body("instagram", 400), 400)
        else:
            handle = match.group(1)
        faulty = self._unauthorised(request, "instagram") or self._fault("instagram", handle)
        if faulty is not None:
            return faulty
        shown = self._find("instagram", handle)
        if shown is None:
            return _json(_error_body("instagram", 404), 400)  # Graph answers 400, code 110
        found: dict[str, Any] = {
            "username": handle,
            "name": shown.name,
            "biography": shown.bio,
            "profile_picture_url": self.picture_url(handle),
            "media": {"data": [{"timestamp": _graph_time(shown.last_post), "id": "1789"}]},
            "id": "17841401441775531",
        }
        if shown.website:
            found["website"] = shown.website
        if rest == "me":
            return _json(found)
        return _json({"business_discovery": found, "id": IG_USER_ID})

    def _youtube(self, request: Request, rest: str) -> Response:
        refused = self._unauthorised(request, "youtube")
        if refused is not None:
            return refused
        if rest == "playlistItems":
            handle = request.args.get("playlistId", "").removeprefix("UU-")
            shown = self._find("youtube", handle)
            if shown is None:
                return _json(_error_body("youtube", 404), 404)
            published = shown.last_post.isoformat().replace("+00:00", "Z")
            item = {
                "kind": "youtube#playlistItem",
                "snippet": {"publishedAt": published, "title": "Video"},
                "contentDetails": {"videoId": "abc", "videoPublishedAt": published},
            }
            return _json({"kind": "youtube#playlistItemListResponse", "items": [item]})
        handle = request.args.get("forHandle", "").lstrip("@").lower()
        faulty = self._fault("youtube", handle, request.query_string.decode())
        if faulty is not None:
            return faulty
        shown = self._find("youtube", handle)
        page = {"totalResults": 0 if shown is None else 1, "resultsPerPage": 5}
        if shown is None:  # the API's answer for a handle that does not exist
            return _json({"kind": "youtube#channelListResponse", "pageInfo": page})
        thumbnail = {"url": self.picture_url(handle), "width": 800, "height": 800}
        channel = {
            "kind": "youtube#channel",
            "id": "UC1234567890123456789012",
            "snippet": {
                "title": shown.name,
                "description": shown.bio,
                "customUrl": f"@{handle}",
                "publishedAt": "2015-01-01T00:00:00Z",
                "thumbnails": {
                    "default": {**thumbnail, "width": 88, "height": 88},
                    "high": thumbnail,
                },
            },
            "contentDetails": {"relatedPlaylists": {"likes": "", "uploads": f"UU-{handle}"}},
            "brandingSettings": {"channel": {"title": shown.name, "description": shown.bio}},
        }
        return _json({"kind": "youtube#channelListResponse", "pageInfo": page, "items": [channel]})

    def _x(self, request: Request, rest: str) -> Response:
        handle = rest.removeprefix("users/by/username/")
        faulty = self._unauthorised(request, "x") or self._fault("x", handle)
        if faulty is not None:
            return faulty
        shown = self._find("x", handle)
        if shown is None:  # X says so with a 200 and an errors array
            return _json(
                {
                    "errors": [
                        {
                            "value": handle,
                            "detail": f"Could not find user with username: [{handle}].",
                            "title": "Not Found Error",
                            "resource_type": "user",
                            "parameter": "username",
                            "resource_id": handle,
                            "type": "https://api.twitter.com/2/problems/resource-not-found",
                        }
                    ]
                }
            )
        user: dict[str, Any] = {
            "id": "2244994945",
            "name": shown.name,
            "username": handle,
            "description": shown.bio,
            "profile_image_url": self.picture_url(handle).replace(".jpg", "_normal.jpg"),
            "verified": False,
            "most_recent_tweet_id": "1460323737035677698",
        }
        if shown.website:
            user["url"] = "https://t.co/3GbXq2wxyz"
            user["entities"] = {
                "url": {
                    "urls": [
                        {
                            "start": 0,
                            "end": 23,
                            "url": "https://t.co/3GbXq2wxyz",
                            "expanded_url": shown.website,
                            "display_url": shown.website.split("//")[-1],
                        }
                    ]
                }
            }
        tweet = {
            "id": "1460323737035677698",
            "text": "Hantaran terkini",
            "created_at": shown.last_post.isoformat().replace("+00:00", ".000Z"),
        }
        return _json({"data": user, "includes": {"tweets": [tweet]}})

    def _tiktok(self, request: Request, rest: str) -> Response:
        handle = self.tiktok_tokens.get(self._token_of(request) or "")
        if handle is None:
            return _json(_error_body("tiktok", 401), 401)
        faulty = self._fault("tiktok", handle)
        if faulty is not None:
            return faulty
        shown = self._find("tiktok", handle)
        ok = {"code": "ok", "message": "", "log_id": "20261124000000000000"}
        if shown is None:
            return _json(_error_body("tiktok", 404), 404)
        if rest.rstrip("/") == "video/list":
            video = {"id": "7077642457847994444", "create_time": int(shown.last_post.timestamp())}
            data = {"videos": [video], "cursor": 0, "has_more": False}
            return _json({"data": data, "error": ok})
        user = {
            "open_id": "723f24d7-e717-40f8-a2b6-cb8464cd23b4",
            "display_name": shown.name,
            "bio_description": shown.bio,
            "avatar_url": self.picture_url(handle),
            "profile_deep_link": f"https://vm.tiktok.com/{handle}",
            "username": handle,
            "is_verified": False,
        }
        return _json({"data": {"user": user}, "error": ok})


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        json.dumps(body), status=status, content_type="application/json", headers=headers
    )


def _graph_time(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S+0000")


def _error_body(platform: str, status: int) -> dict[str, Any]:
    """The platform's own error shape for a status."""
    if platform in ("facebook", "instagram"):
        code = {401: 190, 403: 10, 404: 803, 429: 4}.get(status, 2)
        return {
            "error": {
                "message": f"(#{code}) error",
                "type": "OAuthException",
                "code": code,
                "fbtrace_id": "AbCdEf",
            }
        }
    if platform == "youtube":
        reason = {401: "keyInvalid", 403: "forbidden", 429: "rateLimitExceeded"}.get(
            status, "backendError"
        )
        return {
            "error": {
                "code": status,
                "message": reason,
                "errors": [{"message": reason, "domain": "youtube", "reason": reason}],
            }
        }
    if platform == "tiktok":
        word = {
            401: "access_token_invalid",
            403: "scope_not_authorized",
            429: "rate_limit_exceeded",
        }.get(status, "internal_error")
        return {"data": {}, "error": {"code": word, "message": word, "log_id": "2026"}}
    return {"title": "Error", "detail": f"status {status}", "type": "about:blank", "status": status}


def jpeg(image: Image.Image, quality: int = 70) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()
