"""Reading a saved results document (schema ``auditor.scan/1``) that may be hostile.

``auditor report`` renders a file someone gives it: it may be a FIFO, /dev/zero, a
gigabyte, brackets nested 100,000 deep, an integer of 5,000 digits, a score of 1e308 or
message arguments named ``lang``. ``load_results_document`` reads it bounded (a regular
file, a size cap, bounded numbers and depth) and ``validate_results_document`` checks every
field a reader uses against the schema with bounds, so that rendering only ever meets the
shapes it expects. Every failure is a ``ResultsDocumentError`` saying where and what.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from auditor.gc_pause import collector_paused
from auditor.regular_file import FileProblem, read_regular
from auditor.results import Severity, Status

SCHEMA = "auditor.scan/1"
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024  # a 1,000-account scan is 14 MB, 10,000 are 160 MB
MAX_DEPTH = 32  # the schema needs 6 levels; evidence a few more
MAX_NUMBER_CHARS = 24
MAX_NUMBER = 10**15
MAX_TEXT = 100_000
# A scan writes a value per 14 bytes (1.01 million of them for 1,000 accounts): one per 8
# bytes admits every scan up to the size cap, and refuses a file of bare zeros, which
# would hold 128 million, before walking most of them.
MAX_ITEMS = MAX_DOCUMENT_BYTES // 8
_ARG_NAME = re.compile(r"[a-z_][a-z0-9_]{0,63}")
_RESERVED_ARGS = frozenset({"lang", "self"})  # Text.__call__'s own parameters


class ResultsDocumentError(Exception):
    """The results document cannot be used; the message says where and why."""


def load_results_document(path: Path) -> dict[str, Any]:
    """The validated document at ``path``; raises ResultsDocumentError."""
    try:
        data = read_regular(path, MAX_DOCUMENT_BYTES)
    except FileProblem as problem:
        raise ResultsDocumentError(f"{path} {problem}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ResultsDocumentError(f"{path}: not UTF-8 text") from None
    try:
        # a 1,000-account scan is a million values, made at once and kept: the collector's
        # full passes over them while parsing found nothing and took a sixth of the read
        with collector_paused():
            document = json.loads(
                text,
                parse_int=_bounded_int,
                parse_float=_bounded_float,
                parse_constant=_no_constant,
            )
    except json.JSONDecodeError as exc:
        raise ResultsDocumentError(
            f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})"
        ) from None
    except RecursionError:
        raise ResultsDocumentError(
            f"{path}: values are nested more than {MAX_DEPTH} levels deep"
        ) from None
    except ValueError as exc:  # from the number hooks
        raise ResultsDocumentError(f"{path}: {exc}") from None
    try:
        validate_results_document(document)
    except ResultsDocumentError as exc:
        raise ResultsDocumentError(f"{path}: {exc}") from None
    assert isinstance(document, dict)
    return document


def _bounded_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"a number has more than {MAX_NUMBER_CHARS} digits")
    return int(text)


def _bounded_float(text: str) -> float:
    value = float(text[: MAX_NUMBER_CHARS + 1])
    if len(text) > MAX_NUMBER_CHARS or not math.isfinite(value):
        raise ValueError("a number is too long or not finite")
    return value


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def validate_results_document(document: Any) -> None:
    """Check an already parsed document against the schema, with bounds.

    Raises ResultsDocumentError naming the first field that is wrong.
    """
    _check_bounds(document)
    top = _object(document, "the document")
    if top.get("schema") != SCHEMA:
        raise ResultsDocumentError(f"not scan results of schema {SCHEMA!r}")
    for key in ("started_at", "finished_at", "as_of"):
        _optional_text(top, key, "", 64)
    if top.get("lang") not in (None, "ms", "en"):
        raise ResultsDocumentError("lang: should be 'ms' or 'en'")
    for key, fields in (
        ("tool", ("name", "version")),
        ("catalogue", ("version",)),
        ("inventory", ("path", "sha256")),
        ("organisation", ("name",)),
    ):
        part = _optional_object(top, key)
        for name in fields:
            _optional_text(part, name, f"{key}.", MAX_TEXT)
    _text_list(_optional_object(top, "organisation").get("official_domains"), "organisation")
    _policy(_optional_object(top, "policy"))
    _selection(_optional_object(top, "selection"))
    _summary(_optional_object(top, "summary"))
    for index, agency in enumerate(_list(top.get("agencies"), "agencies", optional=True)):
        _agency(_object(agency, f"agencies[{index}]"), f"agencies[{index}]")
    results = _list(top.get("results"), "results", optional=False)
    for index, result in enumerate(results):
        _result(_object(result, f"results[{index}]"), f"results[{index}]")


def _check_bounds(document: Any) -> None:
    """Depth, number sizes, text lengths and item counts anywhere, without recursion.

    The walk visits containers, not values: a scan's million values are checked where
    their container lists them, by exact type first (what ``json.loads`` makes), which
    is a third of the time a visit per value took.
    """
    _check_value(document)
    stack: list[tuple[Any, int]] = [(document, 1)] if isinstance(document, dict | list) else []
    seen = 1
    while stack:
        container, depth = stack.pop()
        if not container:
            continue
        if depth >= MAX_DEPTH:  # its items are one level deeper
            raise ResultsDocumentError(f"values are nested more than {MAX_DEPTH} levels deep")
        if isinstance(container, dict):
            seen += 2 * len(container)
            items: Any = container.values()
            for key in container:
                if type(key) is not str or len(key) > MAX_TEXT:
                    _check_value(key)
        else:
            seen += len(container)
            items = container
        if seen > MAX_ITEMS:
            raise ResultsDocumentError(f"more than {MAX_ITEMS:,} values: not a scan's results")
        for item in items:
            kind = type(item)
            if kind is str:
                if len(item) > MAX_TEXT:
                    raise _text_too_long()
            elif kind is dict or kind is list:
                stack.append((item, depth + 1))
            elif kind is int or kind is float:
                if not -MAX_NUMBER <= item <= MAX_NUMBER:  # NaN compares false too
                    raise _number_beyond()
            elif not (kind is bool or item is None):
                _check_value(item)
                if isinstance(item, dict | list):
                    stack.append((item, depth + 1))


def _text_too_long() -> ResultsDocumentError:
    return ResultsDocumentError(f"a text is longer than {MAX_TEXT:,} characters")


def _number_beyond() -> ResultsDocumentError:
    return ResultsDocumentError(f"a number is beyond {MAX_NUMBER:,}")


def _check_value(value: Any) -> None:
    """One value of any other type: a subclass of a JSON type, a number, or not JSON."""
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise _text_too_long()
    elif isinstance(value, bool | dict | list) or value is None:
        return
    elif isinstance(value, int | float):
        if not (math.isfinite(value) and abs(value) <= MAX_NUMBER):
            raise _number_beyond()
    else:
        raise ResultsDocumentError(f"a value of type {type(value).__name__} is not JSON")


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ResultsDocumentError(f"{where}: should be an object")
    return value


def _optional_object(parent: dict[str, Any], key: str) -> dict[str, Any]:
    value = parent.get(key)
    return {} if value is None else _object(value, key)


def _list(value: Any, where: str, *, optional: bool) -> list[Any]:
    if value is None and optional:
        return []
    if not isinstance(value, list):
        raise ResultsDocumentError(f"{where}: should be a list")
    return value


def _optional_text(parent: dict[str, Any], key: str, prefix: str, limit: int) -> None:
    value = parent.get(key)
    if value is not None and (not isinstance(value, str) or len(value) > limit):
        raise ResultsDocumentError(f"{prefix}{key}: should be a text of at most {limit:,}")


def _text_list(value: Any, where: str) -> None:
    for index, item in enumerate(_list(value, where, optional=True)):
        if not isinstance(item, str):
            raise ResultsDocumentError(f"{where}[{index}]: should be a text")


def _number(parent: dict[str, Any], key: str, where: str, low: float, high: float) -> None:
    value = parent.get(key)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ResultsDocumentError(f"{where}{key}: should be a number from {low:g} to {high:g}")


# The policy's lists of days (workdays.py); every other policy value is a number.
_POLICY_DAYS = ("extra_holidays", "extra_working_days")
_MAX_POLICY_DAYS = 10_000


def _policy(policy: dict[str, Any]) -> None:
    for key in policy:
        if key in _POLICY_DAYS:
            _days(policy[key], f"policy.{key}")
        else:
            _number(policy, key, "policy.", 0, 10**6)


def _days(value: Any, where: str) -> None:
    days = _list(value, where, optional=True)
    if len(days) > _MAX_POLICY_DAYS:
        raise ResultsDocumentError(f"{where}: more than {_MAX_POLICY_DAYS:,} days")
    for index, day in enumerate(days):
        try:
            dt.date.fromisoformat(day if isinstance(day, str) and len(day) == 10 else "")
        except ValueError:
            raise ResultsDocumentError(f"{where}[{index}]: should be a date (YYYY-MM-DD)") from None


def _selection(selection: dict[str, Any]) -> None:
    _text_list(selection.get("checks"), "selection.checks")
    _text_list(selection.get("agencies"), "selection.agencies")
    if not isinstance(selection.get("offline", False), bool):
        raise ResultsDocumentError("selection.offline: should be true or false")


def _summary(summary: dict[str, Any]) -> None:
    for key in ("accounts", *(status.value for status in Status)):
        _number(summary, key, "summary.", 0, MAX_ITEMS)
    _number(summary, "score", "summary.", 0, 100)
    by_severity = _optional_object(summary, "by_severity")
    for key in by_severity:
        _number(by_severity, key, "summary.by_severity.", 0, MAX_ITEMS)


def _agency(agency: dict[str, Any], where: str) -> None:
    for key in ("id", "name", "short_name", "website"):
        _optional_text(agency, key, f"{where}.", MAX_TEXT)
    _number(agency, "score", f"{where}.", 0, 100)
    accounts = _list(agency.get("accounts"), f"{where}.accounts", optional=True)
    for index, account in enumerate(accounts):
        inner = f"{where}.accounts[{index}]"
        entry = _object(account, inner)
        for key in ("id", "platform", "url", "handle"):
            _optional_text(entry, key, f"{inner}.", MAX_TEXT)
        _number(entry, "score", f"{inner}.", 0, 100)


_CHOICES: dict[str, Callable[[Any], object]] = {"status": Status, "severity": Severity}


def _result(result: dict[str, Any], where: str) -> None:
    if not isinstance(result.get("check"), str) or not result["check"]:
        raise ResultsDocumentError(f"{where}.check: should be a check id")
    for key, choice in _CHOICES.items():
        try:
            choice(result.get(key, "info" if key == "severity" else None))
        except ValueError:
            raise ResultsDocumentError(f"{where}.{key}: not a known {key}") from None
    for key in ("agency", "account", "platform", "title", "message", "remediation"):
        _optional_text(result, key, f"{where}.", MAX_TEXT)
    _text_list(result.get("references"), f"{where}.references")
    _optional_object(result, "evidence")
    for index, detail in enumerate(_list(result.get("details"), f"{where}.details", optional=True)):
        _detail(_object(detail, f"{where}.details[{index}]"), f"{where}.details[{index}]")


def _detail(detail: dict[str, Any], where: str) -> None:
    if not isinstance(detail.get("key"), str):
        raise ResultsDocumentError(f"{where}.key: should be a message key")
    for name in _optional_object(detail, "args"):
        if not _ARG_NAME.fullmatch(name) or name in _RESERVED_ARGS:
            # Message arguments become keyword arguments: "lang" or "self" would collide.
            raise ResultsDocumentError(f"{where}.args: an argument name is not allowed")
