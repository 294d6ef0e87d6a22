"""What every platform collector is: one account in, the profile facts it read out.

A collector knows its platform's API (paths, fields, response shapes, error bodies) and
nothing about threads, retries or secrets storage: it sends its requests through the
``PlatformCall`` it is given, which holds the run's HTTP client, the API's base URL and the
credential. What it returns is a dict of ``Profile`` fields; ``reads`` names the fields the
platform can show at all (the others stay as the inventory snapshot has them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from auditor.inventory.model import Account, Platform
from auditor.web import Answer, HttpStatusError, WebClient, WebError


class CollectError(Exception):
    """An account the platform did not (usably) show. ``fault`` is a word the checks turn
    into a sentence: unauthorised, forbidden, not_found, rate_limited, server, http,
    timeout, connection, malformed, html, redirects, too_large, credential, no_handle."""

    def __init__(self, fault: str, status: int | None = None) -> None:
        super().__init__(fault if status is None else f"{fault} (HTTP {status})")
        self.fault = fault
        self.status = status


def fault_of_status(status: int) -> str:
    if status == 401:
        return "unauthorised"
    if status == 403:
        return "forbidden"
    if status == 404:
        return "not_found"
    if status == 429:
        return "rate_limited"
    return "server" if status >= 500 else "http"


def collect_error(error: WebError) -> CollectError:
    """The collector's word for a failed request (no URL, no secret: only fault and status)."""
    if isinstance(error, HttpStatusError):
        return CollectError(fault_of_status(error.answer.status), error.answer.status)
    return CollectError(error.fault, error.status)


@dataclass(frozen=True)
class PlatformCall:
    """One account's way to its platform's API: base URL, credential, the run's client."""

    client: WebClient
    queue: str  # the platform: its 429s pause only its own requests
    base_url: str
    token: str | None  # revealed only here, for the request itself

    def get(
        self,
        path: str,
        params: Mapping[str, str] | None = None,
        *,
        token_param: str | None = None,
        method: str = "GET",
        json_body: Any = None,
    ) -> Answer:
        """A request to the API; the token goes in ``token_param`` or a Bearer header."""
        query = dict(params or {})
        headers = {}
        if self.token is not None:
            if token_param:
                query[token_param] = self.token
            else:
                headers["Authorization"] = f"Bearer {self.token}"
        return self.client.get(
            self.queue,
            f"{self.base_url.rstrip('/')}/{path.lstrip('/')}",
            params=query,
            headers=headers,
            secrets=[self.token] if self.token else [],
            method=method,
            json_body=json_body,
        )

    def fetch(self, url: str, *, max_bytes: int, content_types: tuple[str, ...]) -> Answer:
        """A page or a picture the API named: fetched without the credential."""
        return self.client.get(self.queue, url, max_bytes=max_bytes, content_types=content_types)


class Collector(Protocol):
    @property
    def platform(self) -> Platform: ...

    @property
    def source(self) -> str: ...  # the evidence's name for it, e.g. "facebook-api"

    @property
    def default_base_url(self) -> str: ...

    @property
    def reads(self) -> frozenset[str]: ...  # the Profile fields this platform can show

    @property
    def needs_token(self) -> bool: ...

    def collect(self, call: PlatformCall, account: Account) -> dict[str, Any]: ...


def handle_of(account: Account) -> str:
    """The account's handle (without @), or the last part of its URL's path."""
    if account.handle and account.handle.strip().lstrip("@"):
        return account.handle.strip().lstrip("@")
    from urllib.parse import urlsplit

    path = [part for part in urlsplit(account.url or "").path.split("/") if part]
    if not path:
        raise CollectError("no_handle")
    return path[-1].lstrip("@")


def parse_time(value: Any) -> dt.datetime | None:
    """An API's timestamp (ISO 8601, with "Z" or "+0000", or Unix seconds) in UTC."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(value, dt.UTC)
    if not isinstance(value, str) or not value:
        return None
    text = value.replace("Z", "+00:00")
    if len(text) > 5 and text[-5] in "+-" and text[-3] != ":":
        text = f"{text[:-2]}:{text[-2:]}"  # Graph's +0000
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CollectError("malformed") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


MALAYSIA = dt.timezone(dt.timedelta(hours=8))  # a post's date is the day in Melaka


def local_date(when: dt.datetime) -> dt.date:
    return when.astimezone(MALAYSIA).date()


def text_or_none(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def json_object(answer: Answer) -> dict[str, Any]:
    try:
        found = answer.json()
    except WebError as exc:
        raise CollectError(exc.fault, exc.status) from None
    if not isinstance(found, dict):
        raise CollectError("malformed", answer.status)
    return found
