"""Accepted risks: mutes read from a mutes file or the inventory's ``mutes:``, applied to a run.

A muted result keeps its status and is marked muted; it does not count towards
``--fail-on``. A mute is live through its ``expires`` date (judged on the scan's as-of day);
after that its result is unmuted and the mute itself is reported.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from pathlib import Path

from auditor.inventory.loaded import LoadedInventory, Location, Position
from auditor.inventory.loader import read_yaml, validate_as
from auditor.inventory.model import MuteEntry, Strict
from auditor.results import Result
from auditor.run import Mute, ScanRun


class MutesFile(Strict):
    mutes: list[MuteEntry]


def _mutes(
    path: Path, entries: Iterable[MuteEntry], positions: Mapping[Location, Position]
) -> tuple[Mute, ...]:
    found = []
    for index, entry in enumerate(entries):
        position = positions.get(("mutes", index))
        where = f"{path}:{position.line}:{position.column}" if position else str(path)
        found.append(
            Mute(
                check=entry.check,
                account=entry.account,
                agency=entry.agency,
                reason=entry.reason,
                owner=entry.owner,
                expires=entry.expires,
                where=where,
            )
        )
    return tuple(found)


def load_mutes(path: Path) -> tuple[Mute, ...]:
    """The mutes of a mutes file; raises ``InventoryError`` (FILE:LINE:COL) when invalid."""
    _, converted = read_yaml(path)
    model = validate_as(path, MutesFile, converted)
    return _mutes(path, model.mutes, converted.positions)


def inventory_mutes(source: LoadedInventory) -> tuple[Mute, ...]:
    return _mutes(source.path, source.inventory.mutes or (), source.positions)


def apply_mutes(run: ScanRun, mutes: Iterable[Mute]) -> ScanRun:
    """``run`` with the live mutes' results marked, and the expired and unmatched mutes."""
    mutes = tuple(mutes)
    live = [m for m in mutes if m.live_on(run.as_of)]
    expired = tuple(m for m in mutes if not m.live_on(run.as_of))
    applied: dict[str, Mute] = {}
    used: set[Mute] = set()
    results: list[Result] = []
    # Each result is matched only against its check's mutes (in file order: the first that
    # matches wins): a national roll-up has 230,000 results per 10,000 accounts.
    by_check: dict[str, list[Mute]] = {}
    for one in live:
        by_check.setdefault(one.check, []).append(one)
    for result in run.results:
        candidates = by_check.get(result.check_id)
        mute = next((m for m in candidates if m.matches(result)), None) if candidates else None
        if mute is None:
            results.append(result)
            continue
        applied[result.key] = mute
        used.add(mute)
        results.append(dataclasses.replace(result, muted=True))
    return dataclasses.replace(
        run,
        results=tuple(results),
        mutes=applied,
        expired_mutes=expired,
        unmatched_mutes=tuple(m for m in live if m not in used),
    )
