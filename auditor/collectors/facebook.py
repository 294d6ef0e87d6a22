"""Facebook Pages through the Graph API: one request with field expansion.

GET {base}/{page}?fields=name,username,about,description,website,emails,link,
picture{url,is_silhouette},verification_status,posts.limit(1){created_time}
The Page token (or a user token with pages_read_engagement) is sent as a Bearer header.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditor.collectors.graph import graph_get
from auditor.collectors.interface import (
    PlatformCall,
    handle_of,
    local_date,
    parse_time,
    text_or_none,
)
from auditor.inventory.model import Account, Platform

# The latest posts' attachments give the pictures' sizes (ACT-003): media{image{...}} is a
# StoryAttachmentMedia with an ImageSource of height, src and width.
RECENT_POSTS = 5
FIELDS = (
    "name,username,about,description,website,emails,link,picture{url,is_silhouette},"
    f"verification_status,posts.limit({RECENT_POSTS}){{created_time,attachments{{media}}}}"
)


@dataclass(frozen=True)
class FacebookCollector:
    platform: Platform = Platform.FACEBOOK
    source: str = "facebook-api"
    default_base_url: str = "https://graph.facebook.com/v21.0"
    reads: frozenset[str] = frozenset(
        {"display_name", "bio", "website", "email", "picture", "last_post", "links", "media"}
    )
    needs_token: bool = True

    def collect(self, call: PlatformCall, account: Account) -> dict[str, Any]:
        page = graph_get(call, handle_of(account), {"fields": FIELDS})
        picture = (page.get("picture") or {}).get("data") or {}
        posts = (page.get("posts") or {}).get("data") or []
        emails = [e for e in page.get("emails") or [] if isinstance(e, str)]
        websites = str(page.get("website") or "").split()  # Pages list several, space-separated
        bio = "\n\n".join(
            t for t in (text_or_none(page.get("about")), text_or_none(page.get("description"))) if t
        )
        return {
            "display_name": text_or_none(page.get("name")),
            "bio": bio or None,
            "website": websites[0] if websites else None,
            "email": emails[0] if emails else None,
            # A silhouette is Facebook's placeholder: the Page shows no picture.
            "picture": None if picture.get("is_silhouette") else text_or_none(picture.get("url")),
            "last_post": parse_time(posts[0].get("created_time")) if posts else None,
            "links": websites[1:] or None,
            "media": _posted_images(posts) or None,
        }


def _posted_images(posts: list[Any]) -> list[dict[str, Any]]:
    """The pictures of the latest posts, with the sizes Facebook reports."""
    found = []
    for post in posts:
        if not isinstance(post, dict):
            continue
        posted = parse_time(post.get("created_time"))
        for attachment in (post.get("attachments") or {}).get("data") or []:
            image = ((attachment or {}).get("media") or {}).get("image") or {}
            width, height, src = image.get("width"), image.get("height"), image.get("src")
            if isinstance(width, int) and isinstance(height, int) and text_or_none(src):
                found.append(
                    {
                        "url": src,
                        "width": width,
                        "height": height,
                        "posted": local_date(posted) if posted else None,
                    }
                )
    return found
