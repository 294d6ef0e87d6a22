"""Positions kept as one integer each, made into ``Position`` objects only when asked for.

A 10 MB inventory has some 400,000 positions, and a scan reads a few thousand of them:
building a frozen dataclass for each at load time costs a third of a second and three times
the memory of an integer.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from auditor.inventory.loaded import Location, Position

_SHIFT = 32
_COLUMN_MASK = (1 << _SHIFT) - 1


def pack(line: int, column: int) -> int:
    """``line`` and ``column`` (0-based, as the parser gives them) as one integer."""
    return line << _SHIFT | column


class PackedPositions(Mapping[Location, Position]):
    """A read-only mapping of locations to 1-based positions over packed 0-based marks."""

    __slots__ = ("_packed",)

    def __init__(self, packed: dict[Location, int]) -> None:
        self._packed = packed

    def __getitem__(self, location: Location) -> Position:
        packed = self._packed[location]
        return Position((packed >> _SHIFT) + 1, (packed & _COLUMN_MASK) + 1)

    def __iter__(self) -> Iterator[Location]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __contains__(self, location: object) -> bool:
        return location in self._packed
