"""What the Graph API (Facebook and Instagram) says when it refuses: its error object."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.collectors.interface import CollectError, PlatformCall, collect_error, json_object
from auditor.web import HttpStatusError, WebError

# Graph error codes (developers.facebook.com, "Graph API error handling").
_EXPIRED = frozenset({190, 102, 463, 467})  # token invalid, expired, session gone
_PERMISSION = frozenset({10, 200, 299})  # permission missing
_MISSING = frozenset({803})  # "Some of the aliases you requested do not exist"
_THROTTLED = frozenset({4, 17, 32, 613})


def graph_get(call: PlatformCall, path: str, params: Mapping[str, str]) -> dict[str, Any]:
    try:
        answer = call.get(path, params)
    except HttpStatusError as exc:
        raise graph_error(exc) from None
    except WebError as exc:
        raise collect_error(exc) from None
    return json_object(answer)


def graph_error(exc: HttpStatusError) -> CollectError:
    status = exc.answer.status
    try:
        body = exc.answer.json()
    except WebError:
        return collect_error(exc)
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return collect_error(exc)
    code = error.get("code")
    if code in _EXPIRED:
        return CollectError("unauthorised", status)
    if code in _PERMISSION:
        return CollectError("forbidden", status)
    if code in _THROTTLED:
        return CollectError("rate_limited", status)
    if code in _MISSING or (code == 100 and "does not exist" in str(error.get("message", ""))):
        return CollectError("not_found", status)
    return collect_error(exc)
