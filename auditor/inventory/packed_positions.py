"""Positions kept as one integer each, made into ``Position`` objects only when asked for.

A 10 MB inventory has some 400,000 positions, and a scan reads a few thousand of them:
building a frozen dataclass for each at load time costs a third of a second and three times
the memory of an integer. The integers sit in one table per mapping (key to mark) or list
(one mark per item), filed under the container's location, so that a load builds one
location tuple per container rather than one per value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from auditor.inventory.loaded import Location, Position

_SHIFT = 32
_COLUMN_MASK = (1 << _SHIFT) - 1

# The marks of one container's children: a mapping's by key, a list's by index.
ChildMarks = dict[str, int] | list[int]


def pack(line: int, column: int) -> int:
    """``line`` and ``column`` (0-based, as the parser gives them) as one integer."""
    return line << _SHIFT | column


def unpack(packed: int) -> Position:
    """The 1-based position of a packed 0-based mark."""
    return Position((packed >> _SHIFT) + 1, (packed & _COLUMN_MASK) + 1)


class PackedPositions(Mapping[Location, Position]):
    """A read-only mapping of locations to 1-based positions over packed 0-based marks:
    ``root`` is the mark of the top value, ``children`` the marks inside each container."""

    __slots__ = ("_children", "_root")

    def __init__(self, root: int, children: Mapping[Location, ChildMarks]) -> None:
        self._root = root
        self._children = children

    def _packed(self, location: Location) -> int | None:
        if not location:
            return self._root
        marks = self._children.get(location[:-1])
        last = location[-1]
        if isinstance(marks, dict):
            return marks.get(last) if isinstance(last, str) else None
        if marks is not None and isinstance(last, int) and 0 <= last < len(marks):
            return marks[last]
        return None

    def __getitem__(self, location: Location) -> Position:
        packed = self._packed(location)
        if packed is None:
            raise KeyError(location)
        return unpack(packed)

    def __iter__(self) -> Iterator[Location]:
        yield ()
        for location, marks in self._children.items():
            if isinstance(marks, dict):
                for key in marks:
                    yield (*location, key)
            else:
                for index in range(len(marks)):
                    yield (*location, index)

    def __len__(self) -> int:
        return 1 + sum(len(marks) for marks in self._children.values())

    def __contains__(self, location: object) -> bool:
        return isinstance(location, tuple) and self._packed(location) is not None
