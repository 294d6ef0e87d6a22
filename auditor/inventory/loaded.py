"""A loaded inventory, and the problems that keep a file from loading."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.inventory.model import Inventory

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class InventoryProblem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class InventoryError(Exception):
    """The inventory cannot be used; ``problems`` lists every reason at once."""

    def __init__(self, problems: Sequence[InventoryProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class LoadedInventory:
    path: Path
    sha256: str
    inventory: Inventory
    positions: Mapping[Location, Position] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.path.resolve().parent

    def position_of(self, location: Location) -> Position | None:
        """The position of a node, or of its nearest ancestor that has one."""
        for end in range(len(location), -1, -1):
            found = self.positions.get(location[:end])
            if found:
                return found
        return None

    def account_location(self, account_id: str) -> Location | None:
        return self._account_locations.get(account_id)

    @cached_property
    def _account_locations(self) -> dict[str, Location]:
        # Built once: a scan asks for every result. The first account of an id wins, as
        # the search did (a file with a repeated id does not load anyway).
        locations: dict[str, Location] = {}
        for a_index, agency in enumerate(self.inventory.agencies):
            for c_index, account in enumerate(agency.accounts):
                locations.setdefault(account.id, ("agencies", a_index, "accounts", c_index))
        return locations
