"""Any account's public page, read without a credential (only with --public-pages).

GET the account's URL (text/html only, at most 2 MB) and read <title>, og:title,
og:description, og:image and meta description with the standard library's HTML parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

from auditor.collectors.interface import CollectError, PlatformCall, collect_error, text_or_none
from auditor.inventory.model import Account, Platform
from auditor.web import WebError

MAX_PAGE_BYTES = 2 * 1024 * 1024


class _HeadReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k.lower(): v or "" for k, v in attrs}
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            name = (found.get("property") or found.get("name") or "").lower()
            if name and name not in self.meta and "content" in found:
                self.meta[name] = found["content"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


@dataclass(frozen=True)
class PublicPageCollector:
    platform: Platform = Platform.OTHER  # stands in for any platform
    source: str = "public-page"
    default_base_url: str = ""
    reads: frozenset[str] = frozenset({"display_name", "bio", "picture"})
    needs_token: bool = False

    def collect(self, call: PlatformCall, account: Account) -> dict[str, Any]:
        if not account.url:
            raise CollectError("no_handle")
        try:
            answer = call.fetch(account.url, max_bytes=MAX_PAGE_BYTES, content_types=("text/html",))
        except WebError as exc:
            raise collect_error(exc) from None
        if answer.content_type != "text/html":
            raise CollectError("content_type", answer.status)
        reader = _HeadReader()
        reader.feed(answer.body.decode("utf-8", errors="replace"))
        meta = reader.meta
        image = text_or_none(meta.get("og:image"))
        return {
            "display_name": text_or_none(meta.get("og:title")) or text_or_none(reader.title),
            "bio": text_or_none(meta.get("og:description"))
            or text_or_none(meta.get("description")),
            "picture": urljoin(answer.url, image) if image else None,
        }
