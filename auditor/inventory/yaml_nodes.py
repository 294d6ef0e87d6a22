"""A YAML node tree built from PyYAML's parser events, without constructing any object.

PyYAML's own composer recurses once per nesting level (a deep file raises RecursionError
in the pure-Python parser) and lets an alias point into the node that contains it (a
cycle). This composer is iterative, bounds the depth and the number of nodes, and only
lets an alias refer to a node that is already complete, so the tree is always acyclic
and every node knows how many nodes it expands to (``size``) before anyone expands it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

import yaml

from auditor.inventory.loaded import Position
from auditor.inventory.source import START, Issue

MAX_DEPTH = 64  # an inventory needs about 8 levels
# Nodes written in the file, aliases not expanded, in a file of the default size limit; a
# larger limit (--max-inventory-size) allows proportionally more.
MAX_NODES = 1_000_000

LoaderClass = type[yaml.SafeLoader] | type[yaml.CSafeLoader]
# libyaml's parser is much faster; both only parse here, they construct nothing.
FASTEST_LOADER: LoaderClass = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(eq=False, slots=True)
class Scalar:
    tag: str
    value: str
    start: Position
    size: int = 1


@dataclass(eq=False, slots=True)
class Sequence:
    tag: str
    start: Position
    anchor: str | None
    items: list[Node] = field(default_factory=list)
    size: int = 1


@dataclass(eq=False, slots=True)
class Mapping:
    tag: str
    start: Position
    anchor: str | None
    pairs: list[tuple[Node, Node]] = field(default_factory=list)
    pending_key: Node | None = None
    size: int = 1


@dataclass(eq=False, slots=True)
class Alias:
    target: Node
    start: Position

    @property
    def size(self) -> int:
        return self.target.size


Node = Scalar | Sequence | Mapping | Alias


@dataclass(frozen=True)
class Composed:
    root: Node | None
    issues: list[Issue]


def too_many_values(max_nodes: int) -> str:
    return f"the file holds more than {max_nodes:,} values"


class _Stop(Exception):
    """Composition cannot go on; carries the issue to report."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue


def compose(
    text: str, loader_class: LoaderClass = FASTEST_LOADER, max_nodes: int = MAX_NODES
) -> Composed:
    """The document's node tree, or the issue that stopped the parser."""
    loader = loader_class(text)
    try:
        return Composed(_Composer(loader, max_nodes).run(), [])
    except _Stop as stop:
        return Composed(None, [stop.issue])
    except yaml.MarkedYAMLError as error:
        return Composed(None, [_syntax_issue(error, text)])
    except yaml.YAMLError:
        return Composed(None, [Issue(START, "the file is not valid YAML")])
    finally:
        loader.dispose()


class _Mark(Protocol):
    line: int  # 0-based, as PyYAML and libyaml give them
    column: int


def _position(mark: _Mark | None) -> Position:
    if mark is None:
        return START
    return Position(mark.line + 1, mark.column + 1)


def _syntax_issue(error: yaml.MarkedYAMLError, text: str) -> Issue:
    mark = error.problem_mark or error.context_mark
    parts = [_scrub(part) for part in (error.context, error.problem) if part]
    message = "YAML syntax error: " + ", ".join(parts)
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        message += " (a tab: indent with spaces only)"
    return Issue(_position(mark), message)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    if line >= len(lines) or column >= len(lines[line]):
        return ""
    return lines[line][column]


def _scrub(text: str) -> str:
    """PyYAML's message without quoted fragments of the file (they may be part of a secret).

    Token names such as '<block end>' and single punctuation marks such as ':' say where
    the syntax broke and reveal nothing, so they stay.
    """
    text = text.replace("'\\t'", "a tab (indent with spaces)")
    return " ".join(_QUOTED.sub(_keep_harmless, text).split())


_QUOTED = re.compile(r"'([^']*)'")
_HARMLESS = re.compile(r"<[a-z ]+>|[^\w\s]")


def _keep_harmless(match: re.Match[str]) -> str:
    return match.group(0) if _HARMLESS.fullmatch(match.group(1)) else ""


class _Composer:
    def __init__(self, loader: yaml.SafeLoader | yaml.CSafeLoader, max_nodes: int) -> None:
        self.loader = loader
        self.max_nodes = max_nodes
        self.stack: list[Sequence | Mapping] = []
        self.anchors: dict[str, Node] = {}
        self.root: Node | None = None
        self.documents = 0
        self.nodes = 0

    def run(self) -> Node | None:
        while self.loader.check_event():
            event = self.loader.get_event()
            if event is not None:
                self.handle(event)
        return self.root

    def handle(self, event: yaml.Event) -> None:
        start = _position(event.start_mark)
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _Stop(Issue(start, "the file holds more than one YAML document (---)"))
        elif isinstance(event, yaml.AliasEvent):
            self.attach(Alias(self.resolve_alias(event.anchor, start), start))
        elif isinstance(event, yaml.ScalarEvent):
            tag = self.scalar_tag(event)
            node = Scalar(tag, event.value, start)
            self.attach(node)
            if event.anchor is not None:
                self.anchors[event.anchor] = node
        elif isinstance(event, yaml.SequenceStartEvent):
            self.open(Sequence(self.collection_tag(event, "seq"), start, event.anchor))
        elif isinstance(event, yaml.MappingStartEvent):
            self.open(Mapping(self.collection_tag(event, "map"), start, event.anchor))
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            self.close()

    def scalar_tag(self, event: yaml.ScalarEvent) -> str:
        if event.tag is None or event.tag == "!":
            # PyYAML's resolver is untyped; it returns the tag as a str.
            resolved = self.loader.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit
            )
            return str(resolved)
        return str(event.tag)

    @staticmethod
    def collection_tag(event: yaml.CollectionStartEvent, kind: str) -> str:
        if event.tag is None or event.tag == "!":
            return f"tag:yaml.org,2002:{kind}"
        return str(event.tag)

    def resolve_alias(self, anchor: str | None, start: Position) -> Node:
        if anchor is not None and anchor in self.anchors:
            return self.anchors[anchor]
        if any(open_node.anchor == anchor for open_node in self.stack):
            raise _Stop(Issue(start, "an alias cannot refer to the value that contains it"))
        raise _Stop(
            Issue(
                start,
                "this alias (*) refers to no anchor (&) defined before it; "
                "put a value that starts with '*' in quotes",
            )
        )

    def open(self, node: Sequence | Mapping) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise _Stop(Issue(node.start, f"values are nested more than {MAX_DEPTH} levels deep"))
        self.count(node.start)
        self.stack.append(node)

    def close(self) -> None:
        node = self.stack.pop()
        if isinstance(node, Sequence):
            node.size = 1 + sum(item.size for item in node.items)
        else:
            node.size = 1 + sum(key.size + value.size for key, value in node.pairs)
        if node.anchor is not None:
            self.anchors[node.anchor] = node
        self.attach(node, counted=True)

    def attach(self, node: Node, *, counted: bool = False) -> None:
        if not counted:
            self.count(node.start)
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
        elif parent.pending_key is None:
            parent.pending_key = node
        else:
            parent.pairs.append((parent.pending_key, node))
            parent.pending_key = None

    def count(self, start: Position) -> None:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise _Stop(Issue(start, too_many_values(self.max_nodes)))
