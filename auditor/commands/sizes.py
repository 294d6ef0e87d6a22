"""``--max-inventory-size``: how large an inventory file the commands agree to read.

The limit keeps a wrong or hostile file from filling memory; a national roll-up needs more
than the default, so it can be raised, never switched off.
"""

from __future__ import annotations

import re
from typing import Annotated

import typer

from auditor import defaults

# Decimal prefixes are powers of 1000 and binary ones of 1024, as their names say; a bare
# K, M or G is taken as binary, the way file managers and `ls -h` show sizes.
_UNITS = {
    "": 1,
    "b": 1,
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
    "k": 1024,
    "kib": 1024,
    "m": 1024**2,
    "mib": 1024**2,
    "g": 1024**3,
    "gib": 1024**3,
}
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]*)", re.ASCII)
# The whole file is held in memory with its values; past this a scan would swap, not audit.
LARGEST = 4 * 1024**3
SMALLEST = 1024


def parse_size(text: str | int) -> int:
    """``12MB``, ``64MiB``, ``512k`` or a number of bytes; raises typer.BadParameter."""
    if isinstance(text, int):  # the default, which Typer passes through the parser too
        return text
    found = _SIZE.fullmatch(text.strip().lower())
    if found is None or found.group(2) not in _UNITS:
        raise typer.BadParameter(
            f"{text!r} is not a size; give bytes or a number with KB, MB, GB, KiB, MiB or GiB"
        )
    size = int(float(found.group(1)) * _UNITS[found.group(2)])
    if not SMALLEST <= size <= LARGEST:
        raise typer.BadParameter(f"must be between {SMALLEST:,} bytes and {LARGEST // 1024**3} GiB")
    return size


def _shown(size: int) -> str:
    """A size as --help shows it, in the largest binary unit that divides it."""
    for unit in ("GiB", "MiB", "KiB"):
        if size % _UNITS[unit.lower()] == 0:
            return f"{size // _UNITS[unit.lower()]}{unit}"
    return str(size)


MaxInventorySize = Annotated[
    int,
    typer.Option(
        "--max-inventory-size",
        metavar="SIZE",
        parser=parse_size,
        show_default=_shown(defaults.INVENTORY_MAX_BYTES),
        help="Refuse inventories larger than this (e.g. 12MB, 64MiB); a fully described "
        "10,000-account inventory is about 12 MB.",
    ),
]
