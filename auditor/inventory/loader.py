"""Loading and validating an inventory file (DESIGN.md, "The inventory").

Every problem in the file is reported at once, each as ``FILE:LINE:COL: message``; the
loader never raises anything but ``InventoryError``, never runs code from the file, and
never puts a value from the file in a message (the file holds passwords).

The steps: read at most ``max_bytes`` (source.py), decode UTF-8, turn the YAML into plain
values with positions, validate with the pydantic model (schema_errors.py words the
errors), then the rules the model cannot see (unique ids across the file).

The YAML has two paths to values. The fast one (yaml_fast_values.py) builds them straight
from the parser's events and gives up at anything unusual; the precise one builds a node
tree from the same events (yaml_nodes.py), then walks it (yaml_values.py) to bound aliases
and word every problem. Both give the same values and positions for a plain file; any file
the fast path gives up on takes the precise one, so messages never depend on the path.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from auditor import defaults
from auditor.gc_pause import collector_paused
from auditor.inventory.emails import keep_domains, kept_domains
from auditor.inventory.loaded import (
    InventoryError,
    InventoryProblem,
    LoadedInventory,
    Location,
    Position,
)
from auditor.inventory.model import Inventory, share_field_sets, validation_context
from auditor.inventory.schema_errors import dotted, field_names, schema_issues
from auditor.inventory.source import (
    START,
    Issue,
    control_characters,
    decode_text,
    read_source,
)
from auditor.inventory.yaml_fast_values import fast_values
from auditor.inventory.yaml_nodes import MAX_NODES, compose
from auditor.inventory.yaml_values import Converted, Value, to_values

M = TypeVar("M", bound=BaseModel)
DEFAULT_MAX_BYTES = defaults.INVENTORY_MAX_BYTES
EMPTY_MESSAGE = "the file is empty; run `auditor init` to write a starter inventory"


def load_inventory(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, cache: Path | None = None
) -> LoadedInventory:
    """The validated inventory at ``path``; raises ``InventoryError`` listing every problem.

    ``max_bytes`` is the size limit that ``--max-inventory-size`` sets; ``cache`` a folder
    where the email domains checked are kept for the next load (emails.py).
    """
    # The cycle collector paused: a large inventory is millions of new containers, none in
    # a cycle, which it would walk again and again (half the load time for 10 MB).
    with collector_paused():
        digest, inventory, positions, issues = _read_and_validate(path, max_bytes, cache)
    if inventory is None or issues:
        raise _error(path, issues)
    return LoadedInventory(
        path=path, sha256=digest, inventory=inventory, positions=MappingProxyType(positions)
    )


def _read_and_validate(
    path: Path, max_bytes: int, cache: Path | None
) -> tuple[str, Inventory | None, Mapping[Location, Position], list[Issue]]:
    """What load_inventory keeps: the plain values are freed on return, while the collector
    is still paused, so that its first pass afterwards does not walk them (0.04 s for 10 MB)."""
    digest, converted = read_yaml(path, max_bytes=max_bytes)
    domains = kept_domains(cache)
    before = len(domains)
    inventory, issues = _validate(converted, domains)
    keep_domains(cache, before, domains)
    return digest, inventory, converted.positions, issues


def read_yaml(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, Converted]:
    """The file's SHA-256 and its plain values with positions, before any schema; raises
    ``InventoryError`` for what leaves nothing to validate (also used for the mutes file)."""
    data = read_source(path, max_bytes)
    if isinstance(data, Issue):
        raise _error(path, [data])
    digest = hashlib.sha256(data).hexdigest()
    text = decode_text(data)
    if isinstance(text, Issue):
        raise _error(path, [text])
    issues = control_characters(text)
    if issues:
        raise _error(path, issues)
    converted = _convert(text, _node_limit(max_bytes))
    if isinstance(converted, list):
        raise _error(path, converted)
    return digest, converted


def validate_as(path: Path, model: type[M], converted: Converted) -> M:
    """``converted`` validated by ``model``; every schema problem as ``FILE:LINE:COL``."""
    try:
        return model.model_validate(converted.data, context=validation_context())
    except ValidationError as error:
        issues = list(converted.issues) + schema_issues(
            error.errors(include_url=False), _position_finder(converted), converted.dropped
        )
        raise _error(path, issues) from None


def validate_inventory(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, cache: Path | None = None
) -> list[InventoryProblem]:
    """Every problem in the file, sorted by line; an empty list when it loads."""
    try:
        load_inventory(path, max_bytes=max_bytes, cache=cache)
    except InventoryError as error:
        return list(error.problems)
    return []


def _convert(text: str, max_nodes: int) -> Converted | list[Issue]:
    """Plain values from the text, or the issues that leave nothing to validate."""
    fast = fast_values(text, max_nodes=max_nodes)
    if fast is not None:
        return fast.issues if fast.aborted else fast
    composed = compose(text, max_nodes=max_nodes)
    if composed.issues:
        return composed.issues
    root = composed.root
    if root is None:
        return [Issue(START, EMPTY_MESSAGE)]
    converted = to_values(root, field_names())
    if converted.aborted:
        return converted.issues
    if converted.data is None and not converted.issues:
        # "---" alone, or "~": a document with nothing in it.
        return [Issue(START, EMPTY_MESSAGE)]
    if not isinstance(converted.data, dict) and () not in converted.dropped:
        kind = "a list" if isinstance(converted.data, list) else "a single value"
        converted.issues.append(
            Issue(
                root.start,
                f"the top level must be a mapping of keys (version, organisation, agencies), "
                f"not {kind}",
            )
        )
    if not isinstance(converted.data, dict):
        return converted.issues
    return converted


def _node_limit(max_bytes: int) -> int:
    """The values a file may hold: MAX_NODES at the default size, more for a raised one, so
    that a 64 MB inventory is not refused for its values once its size is allowed."""
    return max(MAX_NODES, MAX_NODES * max_bytes // DEFAULT_MAX_BYTES)


def _validate(
    converted: Converted, domains: dict[str, str | None]
) -> tuple[Inventory | None, list[Issue]]:
    """The model, and every issue: the YAML walk's, the schema's and the cross-checks'."""
    issues = list(converted.issues)
    inventory: Inventory | None = None
    try:
        context = validation_context(domains)
        inventory = Inventory.model_validate(converted.data, context=context)
        share_field_sets(inventory)
    except ValidationError as error:
        issues += schema_issues(
            error.errors(include_url=False), _position_finder(converted), converted.dropped
        )
    issues += duplicate_ids(converted.data, converted.positions)
    return inventory, issues


def _position_finder(converted: Converted) -> Callable[[Location], Position]:
    positions = converted.positions

    def position_of(location: Location) -> Position:
        for end in range(len(location), -1, -1):
            found = positions.get(location[:end])
            if found is not None:
                return found
        return START

    return position_of


def duplicate_ids(data: Value, positions: Mapping[Location, Position]) -> list[Issue]:
    """Agency ids unique among agencies, account ids unique across the whole file."""
    issues: list[Issue] = []
    agencies_seen: dict[str, Position] = {}
    accounts_seen: dict[str, Position] = {}
    agencies = data.get("agencies") if isinstance(data, dict) else None
    for a_index, agency in enumerate(agencies if isinstance(agencies, list) else []):
        if not isinstance(agency, dict):
            continue
        location: Location = ("agencies", a_index)
        issues += _check_id(agency, location, "agency", agencies_seen, positions)
        accounts = agency.get("accounts")
        for c_index, account in enumerate(accounts if isinstance(accounts, list) else []):
            if isinstance(account, dict):
                account_location = (*location, "accounts", c_index)
                issues += _check_id(account, account_location, "account", accounts_seen, positions)
    return issues


def _check_id(
    item: dict[str, Value],
    location: Location,
    noun: str,
    seen: dict[str, Position],
    positions: Mapping[Location, Position],
) -> list[Issue]:
    identifier = item.get("id")
    id_location = (*location, "id")
    position = positions.get(id_location)
    if not isinstance(identifier, str) or position is None:
        return []
    first = seen.get(identifier)
    if first is None:
        seen[identifier] = position
        return []
    return [
        Issue(
            position,
            f"{dotted(id_location)}: duplicate {noun} id; the same id is already used "
            f"at line {first.line}",
        )
    ]


def _error(path: Path, issues: list[Issue]) -> InventoryError:
    ordered = sorted(
        set(issues), key=lambda issue: (issue.position.line, issue.position.column, issue.message)
    )
    return InventoryError(
        [
            InventoryProblem(str(path), i.position.line, i.position.column, i.message)
            for i in ordered
        ]
    )
