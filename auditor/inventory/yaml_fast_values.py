"""Plain values and positions straight from the parser's events, for the common valid file.

The precise path (yaml_nodes.py, then yaml_values.py) first builds a node tree, so that it
can size every alias before expanding it and word every problem; on a 10 MB inventory that
tree is most of the load time. This path reads the same parser's events once and builds the
same values and positions directly, and gives up (returns None) at the first thing that is
not plain: an anchor, an alias or a tag, a duplicate or merge key, a key that is a list or a
mapping, a number the precise path would refuse, an over-long text or a NUL, nesting at the
precise path's limit, a second document, a top level that is not a mapping, or any parse
error. The loader then takes the precise path, so every message stays its own. Only over
the node limit does this path word the issue itself (see ``_TooManyValues``).

With libyaml's parser, the walk runs in C (_libyaml_values.c) where that module was built
at install: the same walk without a Python object per event, three times faster on a 10 MB
file. ``_Builder.run`` is its reference and the path taken without it.
"""

from __future__ import annotations

from typing import Protocol

import yaml
from yaml.constructor import SafeConstructor

from auditor.inventory.loaded import Location, Position
from auditor.inventory.packed_positions import ChildMarks, PackedPositions, pack, unpack
from auditor.inventory.source import START, Issue
from auditor.inventory.yaml_nodes import (
    FASTEST_LOADER,
    MAX_DEPTH,
    MAX_NODES,
    LoaderClass,
    too_many_values,
)
from auditor.inventory.yaml_values import (
    BOOL,
    FLOAT,
    INT,
    KEY_TAGS,
    MAX_TEXT,
    NULL,
    STR,
    TEXT_TAGS,
    Converted,
    Value,
    number_value,
)

try:
    from auditor.inventory import _libyaml_values as _native
except ImportError:  # built at install only where a C compiler and libyaml's headers are
    _native = None  # type: ignore[assignment]  # mypy types the module as always there

_SCALAR = yaml.ScalarEvent
_MAPPING_START = yaml.MappingStartEvent
_SEQUENCE_START = yaml.SequenceStartEvent
_MAPPING_END = yaml.MappingEndEvent
_SEQUENCE_END = yaml.SequenceEndEvent
_DOCUMENT_START = yaml.DocumentStartEvent
_BOOLEANS = {"true": True, "false": False}
_GIVE_UP = object()  # what the C walk's callbacks return for "the precise path must see it"
# A container around the one being filled: its mapping or list, the marks of its children
# and its location.
_Outer = tuple[dict[str, Value] | None, list[Value] | None, dict[str, int], list[int], Location]


class _Mark(Protocol):
    line: int  # 0-based, as PyYAML and libyaml give them
    column: int


class _GiveUp(Exception):
    """Something the precise path must see for itself."""


class _TooManyValues(Exception):
    """The file holds more values than allowed: the precise path would stop at this same
    value with the same words (it counts the same events in the same order), after as long
    a walk again, so this path says it itself."""

    def __init__(self, position: Position) -> None:
        super().__init__()
        self.position = position

    @classmethod
    def at(cls, mark: _Mark | None) -> _TooManyValues:
        return cls(START if mark is None else Position(mark.line + 1, mark.column + 1))


def native_walk_built() -> bool:
    """Whether the C walk over libyaml's events was built at install."""
    return _native is not None


def fast_values(
    text: str,
    loader_class: LoaderClass = FASTEST_LOADER,
    max_nodes: int = MAX_NODES,
    *,
    native: bool = True,
) -> Converted | None:
    """The document's values and positions, exactly as the precise path gives them for the
    same text; None when the text holds anything but plain keys, values and collections.

    A file over ``max_nodes`` values gives the precise path's issue (``aborted``) instead.
    ``native``: walk libyaml's events in C when the loader is libyaml's and the module is
    built (``native_walk_built``); False walks them in Python, as the tests compare both.
    """
    loader = loader_class(text)
    if loader.yaml_path_resolvers or None in loader.yaml_implicit_resolvers:
        # Tags that depend on where a value sits, or patterns for any first character:
        # resolvers added by some other code, which only the precise path follows exactly.
        loader.dispose()
        return None
    try:
        builder = _Builder(loader, max_nodes)
        if native and _native is not None and loader_class is getattr(yaml, "CSafeLoader", None):
            return builder.run_native(text)
        return builder.run()
    except _TooManyValues as stop:
        return Converted(issues=[Issue(stop.position, too_many_values(max_nodes))], aborted=True)
    except (_GiveUp, yaml.YAMLError):
        return None
    finally:
        loader.dispose()


class _Builder:
    def __init__(self, loader: yaml.SafeLoader | yaml.CSafeLoader, max_nodes: int) -> None:
        self.loader = loader
        self.max_nodes = max_nodes
        # Only a plain scalar whose first character starts one of the resolver's patterns
        # can be anything but text; the others skip the regular expressions altogether.
        self.starts = frozenset(loader.yaml_implicit_resolvers)
        self.tags: dict[str, str] = {}
        self.constructor = SafeConstructor()

    def run(self) -> Converted:
        # One loop, the scalars inline and the container being filled in local variables:
        # at about a million events per 10 MB, each function call or attribute per event
        # costs a tenth of a second.
        starts, tag_of, scalar, max_nodes = self.starts, self.tag_of, self.scalar, self.max_nodes
        resolved: dict[str, Value] = {}  # plain texts that may not be text, and their values
        key_texts: dict[str, str] = {}
        # The containers around the current one: (mapping, items, keys, marks, location).
        stack: list[_Outer] = []
        mapping: dict[str, Value] | None = None  # the mapping being filled, or
        items: list[Value] | None = None  # the list being filled (neither: the top level)
        key: str | None = None  # the mapping's key waiting for its value
        keys: dict[str, int] = {}  # the mapping's keys' marks
        marks: list[int] = []  # the list's items' marks
        location: Location = ()
        children: dict[Location, ChildMarks] = {}
        root: Value = None
        root_mark = -1
        nodes = documents = 0
        for event in iter(self.loader.get_event, None):
            kind = event.__class__
            if kind is _SCALAR:
                nodes += 1
                if nodes > max_nodes:
                    raise _TooManyValues.at(event.start_mark)
                if event.anchor is not None or event.tag is not None:
                    raise _GiveUp
                text: str = event.value
                plain = event.implicit[0]
                if mapping is not None and key is None:
                    if text in keys or (
                        plain and text[:1] in starts and tag_of(text) not in KEY_TAGS
                    ):
                        raise _GiveUp
                    mark = event.start_mark
                    key = key_texts.setdefault(text, text)  # each key's text once, kept long
                    keys[key] = mark.line << 32 | mark.column
                    continue
                value: Value = text
                if plain and text[:1] in starts:
                    # Dates, numbers, true and false repeat all through a file: each text
                    # is resolved once.
                    try:
                        value = resolved[text]
                    except KeyError:
                        value = resolved[text] = scalar(text, tag_of(text))
                elif len(text) > MAX_TEXT or "\0" in text:
                    value = scalar(text, tag_of(text) if plain else STR)
                if mapping is not None and key is not None:
                    mapping[key] = value
                    key = None
                elif items is not None:
                    mark = event.start_mark
                    marks.append(mark.line << 32 | mark.column)
                    items.append(value)
                else:
                    raise _GiveUp  # a single value at the top level
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                if len(stack) >= MAX_DEPTH:
                    raise _GiveUp
                nodes += 1
                if nodes > max_nodes:
                    raise _TooManyValues.at(event.start_mark)
                mark = event.start_mark
                if event.anchor is not None or event.tag is not None or mark is None:
                    raise _GiveUp  # libyaml marks every event; another parser might not
                new: dict[str, Value] | list[Value] = {} if kind is _MAPPING_START else []
                if mapping is not None:
                    if key is None:
                        raise _GiveUp  # a list or mapping as a key
                    mapping[key] = new
                    inner: Location = (*location, key)
                    key = None
                elif items is not None:
                    inner = (*location, len(items))
                    marks.append(mark.line << 32 | mark.column)
                    items.append(new)
                else:
                    root, root_mark, inner = new, pack(mark.line, mark.column), ()
                stack.append((mapping, items, keys, marks, location))
                location = inner
                if isinstance(new, dict):
                    mapping, items, keys = new, None, {}
                    children[inner] = keys
                else:
                    mapping, items, marks = None, new, []
                    children[inner] = marks
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                # A mapping ends only once its last key has its value: no key is pending.
                mapping, items, keys, marks, location = stack.pop()
                key = None
            elif kind is _DOCUMENT_START:
                documents += 1
                if documents > 1:
                    raise _GiveUp
            elif kind is yaml.AliasEvent:
                raise _GiveUp
        if not isinstance(root, dict):
            raise _GiveUp
        return Converted(data=root, positions=PackedPositions(root_mark, children))

    def run_native(self, text: str) -> Converted:
        """The same walk as ``run`` over the same parser's events, in C."""
        assert _native is not None
        scalar, tag_of = self.scalar, self.tag_of

        def resolve(plain: str) -> Value | object:
            try:
                return scalar(plain, tag_of(plain))
            except _GiveUp:
                return _GIVE_UP

        def key_ok(plain: str) -> bool:
            return tag_of(plain) in KEY_TAGS

        found = _native.values(
            text, self.max_nodes, MAX_DEPTH, MAX_TEXT, self.starts, resolve, key_ok, _GIVE_UP
        )
        if found is None:
            raise _GiveUp
        if isinstance(found, int):
            raise _TooManyValues(unpack(found))
        root, root_mark, children = found
        return Converted(data=root, positions=PackedPositions(root_mark, children))

    def tag_of(self, text: str) -> str:
        """The parser's own implicit resolution of a plain untagged scalar, remembered."""
        found = self.tags.get(text)
        if found is None:
            # PyYAML's resolver is untyped; it returns the tag as a str.
            resolved = self.loader.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, text, (True, False)
            )
            found = self.tags[text] = str(resolved)
        return found

    def scalar(self, text: str, tag: str) -> Value:
        if len(text) > MAX_TEXT or "\0" in text:
            raise _GiveUp
        if tag is STR or tag in TEXT_TAGS:
            return text
        if tag == NULL:
            return None
        if tag == BOOL:
            return _BOOLEANS.get(text.lower(), text)
        if tag in (INT, FLOAT):
            number = number_value(self.constructor, tag, text)
            if isinstance(number, str):
                raise _GiveUp
            return number
        raise _GiveUp
