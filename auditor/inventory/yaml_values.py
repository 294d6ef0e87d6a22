"""Plain Python values from a YAML node tree, with the position of every value.

Only str, int, float, bool and None come out, plus dicts and lists of them. Timestamps
stay strings so that pydantic parses (and precisely rejects) dates; ``yes``/``no``/
``on``/``off`` stay strings so that ``handle: on`` means the text "on". Any other tag is
an issue, never an object: nothing in the file can make Python run code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import yaml
from yaml.constructor import SafeConstructor

from auditor.inventory.loaded import Location, Position
from auditor.inventory.source import Issue
from auditor.inventory.yaml_nodes import MAX_DEPTH, Alias, Node, Scalar, Sequence
from auditor.inventory.yaml_nodes import Mapping as MappingNode

# Values reached through aliases (*name): stops "billion laughs" bombs. Sharing a list of
# admins between a hundred accounts needs a few thousand.
MAX_ALIASED = 100_000
# Field bounds. The longest text a platform holds is a YouTube description (5,000
# characters); a 100 KB "bio" only slows every check and stalls the PDF layout.
MAX_TEXT = 5_000
# Numbers: a policy needs days and lengths. Python ints have no bound, but JSON, CSV and the
# report cannot print one over 4,300 digits; YAML's 0x and sexagesimal forms make such.
MAX_NUMBER = 10**12
_MAX_NUMBER_CHARS = 40

_CORE = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_CORE + name for name in ("str", "int", "float", "bool", "null"))
TIMESTAMP, MERGE, MAP, SEQ = (_CORE + name for name in ("timestamp", "merge", "map", "seq"))
# PyYAML's implicit resolver gives "value" to a plain "=": it is just text here.
TEXT_TAGS = frozenset({STR, TIMESTAMP, _CORE + "value"})
# A key is its text whatever it resolves to (``1: x`` is the key "1"), but for these tags.
KEY_TAGS = TEXT_TAGS | {INT, FLOAT, BOOL, NULL}
# Tag names safe to repeat in a message: fixed vocabulary, not text from the file.
_NAMED_TAGS = frozenset(
    {"binary", "set", "omap", "pairs", "python/none", "python/bool", "python/str"}
    | {"python/unicode", "python/bytes", "python/int", "python/long", "python/float"}
    | {"python/complex", "python/list", "python/tuple", "python/dict", "python/name"}
    | {"python/module", "python/object", "python/object/new", "python/object/apply"}
)

Value = str | int | float | bool | None | dict[str, "Value"] | list["Value"]


@dataclass
class Converted:
    """What the walk produced: the data, where each part is, and what went wrong where."""

    data: Value = None
    positions: Mapping[Location, Position] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    # Locations whose value was dropped: schema errors at or under them are noise.
    dropped: set[Location] = field(default_factory=set)
    aborted: bool = False


def to_values(root: Node, known_keys: frozenset[str] = frozenset()) -> Converted:
    """Convert the tree; stops early (``aborted``) when aliases expand too far.

    ``known_keys`` are the keys a message may name: any other key could be a secret
    written in the wrong place (``password: {Sup3rSecret!: ...}``).
    """
    walker = _Walker(known_keys)
    walker.positions[()] = root.start
    walker.out.data = walker.value(root, (), 0)
    walker.out.positions = walker.positions
    return walker.out


def describe_tag(tag: str) -> str:
    name = tag.removeprefix(_CORE).split(":", 1)[0]
    found = f" (found !!{name})" if tag.startswith(_CORE) and name in _NAMED_TAGS else ""
    return (
        f"tags are not allowed{found}; write plain values, "
        "and put a value that starts with '!' in quotes"
    )


def number_value(constructor: SafeConstructor, tag: str, text: str) -> int | float | str:
    """The number a scalar tagged INT or FLOAT stands for, or why it is refused."""
    kind = "whole number" if tag == INT else "number"
    try:
        if len(text) > _MAX_NUMBER_CHARS:
            raise OverflowError
        yaml_node = yaml.ScalarNode(tag, text)
        value: int | float = (
            int(constructor.construct_yaml_int(yaml_node))
            if tag == INT
            else float(constructor.construct_yaml_float(yaml_node))
        )
        if not abs(value) <= MAX_NUMBER:  # also refuses .inf and .nan
            raise OverflowError
    except OverflowError:
        return f"this {kind} is too large (at most {MAX_NUMBER:,})"
    except (ValueError, TypeError):
        return f"this value is tagged as a {kind} but is not one"
    return value


class _Walker:
    def __init__(self, known_keys: frozenset[str]) -> None:
        self.known_keys = known_keys
        self.out = Converted()
        self.positions: dict[Location, Position] = {}
        self.aliased = 0
        self.in_alias = 0
        self.constructor = SafeConstructor()

    def value(self, node: Node, location: Location, depth: int) -> Value:
        if self.out.aborted:
            return None
        if isinstance(node, Alias):
            return self.alias(node, location, depth)
        if depth > MAX_DEPTH:
            self.abort(node.start, f"values are nested more than {MAX_DEPTH} levels deep")
            return None
        if isinstance(node, Scalar):
            return self.scalar(node, location)
        if isinstance(node, Sequence):
            return self.sequence(node, location, depth)
        return self.mapping(node, location, depth)

    def alias(self, node: Alias, location: Location, depth: int) -> Value:
        # Sizes are known before expanding, so a bomb is refused without being walked; an
        # alias inside an expanded alias is already counted in the outer one's size.
        if not self.in_alias:
            self.aliased += node.size
        if self.aliased > MAX_ALIASED:
            self.abort(
                node.start,
                f"aliases (*) expand to more than {MAX_ALIASED:,} values here "
                "(a YAML alias bomb?); aliases must stay small",
            )
            return None
        self.in_alias += 1
        try:
            return self.value(node.target, location, depth)
        finally:
            self.in_alias -= 1

    def abort(self, start: Position, message: str) -> None:
        self.out.issues.append(Issue(start, message))
        self.out.aborted = True

    def drop(self, start: Position, location: Location, message: str) -> None:
        self.out.issues.append(Issue(start, message))
        self.out.dropped.add(location)

    def scalar(self, node: Scalar, location: Location) -> Value:
        if len(node.value) > MAX_TEXT:
            self.drop(node.start, location, f"this value is longer than {MAX_TEXT:,} characters")
            return None
        if "\0" in node.value:
            self.drop(node.start, location, "a value cannot contain a NUL character (\\0)")
            return None
        if node.tag in TEXT_TAGS:
            return node.value
        if node.tag == NULL:
            return None
        if node.tag == BOOL:
            lowered = node.value.lower()
            return {"true": True, "false": False}.get(lowered, node.value)
        if node.tag in (INT, FLOAT):
            return self.number(node, location)
        self.drop(node.start, location, describe_tag(node.tag))
        return None

    def number(self, node: Scalar, location: Location) -> Value:
        number = number_value(self.constructor, node.tag, node.value)
        if isinstance(number, str):
            self.drop(node.start, location, number)
            return None
        return number

    def sequence(self, node: Sequence, location: Location, depth: int) -> Value:
        if node.tag != SEQ:
            self.drop(node.start, location, describe_tag(node.tag))
            return None
        items: list[Value] = []
        for index, item in enumerate(node.items):
            child = (*location, index)
            self.positions[child] = item.start
            items.append(self.value(item, child, depth + 1))
        return items

    def mapping(self, node: MappingNode, location: Location, depth: int) -> Value:
        if node.tag != MAP:
            self.drop(node.start, location, describe_tag(node.tag))
            return None
        result: dict[str, Value] = {}
        for key_node, value_node in node.pairs:
            key = self.key(key_node, location)
            if key is None:
                continue
            child = (*location, key)
            first = self.positions.get(child) if key in result else None
            if first is not None:
                name = f" '{key}'" if key in self.known_keys else ""
                self.out.issues.append(
                    Issue(
                        key_node.start,
                        f"duplicate key{name}; it is already set at line {first.line}, "
                        "and only that first value is used",
                    )
                )
                continue
            self.positions[child] = key_node.start
            result[key] = self.value(value_node, child, depth + 1)
        return result

    def key(self, node: Node, location: Location) -> str | None:
        target = node.target if isinstance(node, Alias) else node
        if not isinstance(target, Scalar):
            self.drop(node.start, location, "a key must be a plain word, not a list or mapping")
            return None
        if target.tag == MERGE:
            self.drop(
                node.start,
                location,
                "merge keys (<<) are not supported; write the keys out in full",
            )
            return None
        if target.tag not in KEY_TAGS:
            self.drop(node.start, location, describe_tag(target.tag))
            return None
        return target.value
