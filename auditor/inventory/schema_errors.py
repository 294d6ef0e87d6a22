"""Pydantic's validation errors turned into messages an ICT officer can act on.

A message names the place (``agencies[0].accounts[1].login_email``) and what is wrong,
never the value found there: the file holds passwords.
"""

from __future__ import annotations

import difflib
import re
import types
from collections.abc import Callable, Iterable
from typing import Annotated, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from auditor.inventory.loaded import Location, Position
from auditor.inventory.model import ID_PATTERN, Inventory
from auditor.inventory.source import Issue

_NOUNS: dict[type[BaseModel], str] = {Inventory: "the top level"}
_NOT_A_MAPPING = "should be a mapping of keys and values (key: value), not a list or single value"
_PLAIN_REWORDS = {
    "model_type": _NOT_A_MAPPING,
    "model_attributes_type": _NOT_A_MAPPING,
    "dict_type": _NOT_A_MAPPING,
    "list_type": "should be a list (lines starting with '- ', or [a, b])",
    "string_type": "should be text; put the value in quotes if it looks like a number or date",
    "bool_parsing": "should be true or false",
    "bool_type": "should be true or false",
    "int_parsing": "should be a whole number",
    "int_type": "should be a whole number",
    "int_from_float": "should be a whole number",
}
_DATE_TYPES = frozenset({"date_from_datetime_parsing", "date_parsing", "date_type"})
_DATETIME_TYPES = frozenset({"datetime_from_date_parsing", "datetime_parsing", "datetime_type"})


def schema_issues(
    errors: Iterable[ErrorDetails],
    position_of: Callable[[Location], Position],
    dropped: set[Location],
) -> list[Issue]:
    """One issue per error, except errors under a value the YAML walk already reported."""
    issues: list[Issue] = []
    for error in errors:
        location: Location = tuple(error["loc"])
        if any(location[:end] in dropped for end in range(len(location) + 1)):
            continue
        anchor, message = _describe(error, location)
        issues.append(Issue(position_of(anchor), message))
    return issues


def field_names() -> frozenset[str]:
    """Every key the inventory model knows, at any level."""
    names: set[str] = set()
    seen: set[type[BaseModel]] = set()
    pending: list[type[BaseModel]] = [Inventory]
    while pending:
        model = pending.pop()
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(name)
            pending += [found for found in _models_in(info.annotation) if found not in seen]
    return frozenset(names)


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


def dotted(location: Location) -> str:
    """``("agencies", 0, "accounts", 1)`` as ``agencies[0].accounts[1]``."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


def model_at(location: Location) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``location``, if there is one."""
    current: object = Inventory
    for part in location:
        current = _unwrap(current)
        if isinstance(part, int):
            current = get_args(current)[0] if get_origin(current) is list else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            found = current.model_fields.get(part)
            current = found.annotation if found else None
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: object) -> object:
    """``X | None`` and ``Annotated[X, ...]`` as ``X``."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        return _unwrap(members[0]) if len(members) == 1 else annotation
    return annotation


def _describe(error: ErrorDetails, location: Location) -> tuple[Location, str]:
    """Where the issue points, and its message."""
    kind = error["type"]
    if kind == "missing":
        return location[:-1], _prefix(location[:-1]) + _missing(location)
    if kind == "extra_forbidden":
        return location, _prefix(location[:-1]) + _unknown_key(location)
    if location == ("version",):
        return location, "version: unsupported inventory version; this auditor reads `version: 1`"
    return location, _prefix(location) + _redact(_reword(error), error["input"])


def _prefix(location: Location) -> str:
    return f"{dotted(location)}: " if location else ""


def _missing(location: Location) -> str:
    hint = " (start the file with `version: 1`)" if location == ("version",) else ""
    return f"missing required key '{location[-1]}'{hint}"


# Only a key written like the model's own (lower case words and underscores, short) is
# repeated in a message: anything else could be a password typed where a key belongs, or
# a megabyte of text.
_KEY_LIKE = re.compile(r"[a-z][a-z_]{0,39}")


def _unknown_key(location: Location) -> str:
    key = str(location[-1])
    model = model_at(location[:-1])
    if not _KEY_LIKE.fullmatch(key):
        where = f" in {_NOUNS.get(model, model.__name__.lower())}" if model else ""
        return (
            f"unknown key{where} (not repeated here: it does not look like a key name "
            "and could be a secret); remove it"
        )
    if model is None:
        return f"unknown key '{key}'"
    noun = _NOUNS.get(model, model.__name__.lower())
    allowed = list(model.model_fields)
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown key '{key}' in {noun}; did you mean '{close[0]}'?"
    return f"unknown key '{key}' in {noun}; the keys allowed here are: {', '.join(allowed)}"


def _reword(error: ErrorDetails) -> str:
    kind, message = error["type"], error["msg"]
    if kind in _PLAIN_REWORDS:
        return _PLAIN_REWORDS[kind]
    if kind in _DATE_TYPES | _DATETIME_TYPES:
        reason = message.partition(", ")[2]
        form = "YYYY-MM-DD" if kind in _DATE_TYPES else "YYYY-MM-DDTHH:MM"
        return f"should be a date written {form}" + (f" ({reason})" if reason else "")
    if kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == ID_PATTERN:
        return (
            "should use only lowercase letters, digits and hyphens, starting with a letter or digit"
        )
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
        email, _, reason = message.partition(": ")
        if email == "value is not a valid email address":
            return "not a valid email address" + (f" ({reason})" if reason else "")
    return message.replace("Input should be", "should be", 1)


def _redact(message: str, value: object) -> str:
    """Belt and braces: cut any sizeable piece of the input that a library echoed."""
    if not isinstance(value, str):
        return message
    for piece in sorted({value, *re.split(r"[@\s]+", value)}, key=len, reverse=True):
        if len(piece) >= 4:
            message = re.sub(re.escape(piece), "…", message, flags=re.IGNORECASE)
    return message
