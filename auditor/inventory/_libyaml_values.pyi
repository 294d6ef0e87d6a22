# The C walk over libyaml's events (_libyaml_values.c); yaml_fast_values.py uses it.
from collections.abc import Callable

from auditor.inventory.packed_positions import ChildMarks
from auditor.inventory.yaml_values import Value

def values(
    text: str,
    max_nodes: int,
    max_depth: int,
    max_text: int,
    starts: frozenset[str],
    resolve: Callable[[str], Value | object],
    key_ok: Callable[[str], bool],
    give_up: object,
    /,
) -> tuple[dict[str, Value], int, dict[tuple[str | int, ...], ChildMarks]] | int | None: ...
