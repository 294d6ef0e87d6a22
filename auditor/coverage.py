"""Clause coverage: which item of the guideline a check enforces, a person must look at, or
no audit of the accounts can judge.

The mapping is data (``auditor/data/coverage.yaml``), shipped in the package and read on
demand; this module parses it into frozen dataclasses, checks it against the check
catalogue, and renders the matrix as text or JSON.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

import yaml

from auditor.catalogue import Registry
from auditor.text import Lang, Text

CLAUSE_ID = re.compile(r"^(GP \d+(\(\d+\))?(\([a-z]\))?|DKICT \d+(\.\d+)*|OSMACC)$")


class Coverage(Enum):
    MACHINE = "machine"
    MANUAL = "manual"
    OUT_OF_SCOPE = "out_of_scope"


_KEYS = {
    "checks": Coverage.MACHINE,
    "manual": Coverage.MANUAL,
    "out_of_scope": Coverage.OUT_OF_SCOPE,
}
COVERAGE_LABEL = {
    Coverage.MACHINE: Text(ms="semakan mesin", en="machine"),
    Coverage.MANUAL: Text(ms="manual", en="manual"),
    Coverage.OUT_OF_SCOPE: Text(ms="di luar skop", en="out of scope"),
}


class CoverageError(Exception):
    """The coverage file shipped with the tool is malformed or disagrees with the catalogue."""


def parent_id(clause_id: str) -> str | None:
    """``GP 13(5)(a)`` → ``GP 13(5)`` → ``GP 13``; a top-level clause has none."""
    head, sep, _ = clause_id.rpartition("(")
    return head if sep else None


@dataclass(frozen=True)
class Clause:
    id: str
    title: Text
    coverage: Coverage
    checks: tuple[str, ...] = ()
    note: Text | None = None  # what to look at (manual) or why not (out of scope)

    @property
    def parent(self) -> str | None:
        return parent_id(self.id)


@dataclass(frozen=True)
class ClauseMap:
    clauses: tuple[Clause, ...]

    def get(self, clause_id: str) -> Clause | None:
        return next((c for c in self.clauses if c.id == clause_id), None)

    def ancestors(self, clause: Clause) -> list[str]:
        found, parent = [], clause.parent
        while parent is not None:
            found.append(parent)
            parent = parent_id(parent)
        return found

    def subtree(self, clause_id: str) -> list[Clause]:
        """The clause and every clause under it."""
        return [c for c in self.clauses if c.id == clause_id or clause_id in self.ancestors(c)]

    def counts(self) -> dict[Coverage, int]:
        totals = dict.fromkeys(Coverage, 0)
        for clause in self.clauses:
            totals[clause.coverage] += 1
        return totals

    def manual(self) -> list[Clause]:
        return [c for c in self.clauses if c.coverage is Coverage.MANUAL]


def _text(value: Any, where: str) -> Text:
    if not isinstance(value, Mapping) or not all(
        isinstance(value.get(lang.value), str) and value[lang.value].strip() for lang in Lang
    ):
        raise CoverageError(f"{where}: needs non-empty ms and en texts")
    return Text(ms=value["ms"], en=value["en"])


def _clause(entry: Any, index: int) -> Clause:
    if not isinstance(entry, Mapping) or not isinstance(entry.get("id"), str):
        raise CoverageError(f"clause #{index + 1}: needs an id")
    clause_id = entry["id"]
    if not CLAUSE_ID.match(clause_id):
        raise CoverageError(f"{clause_id}: not a clause id such as GP 13(5)(a) or DKICT 7.32.2")
    unknown = set(entry) - {"id", "title", *_KEYS}
    if unknown:
        raise CoverageError(f"{clause_id}: unknown keys {sorted(unknown)}")
    given = [key for key in _KEYS if key in entry]
    if len(given) != 1:
        raise CoverageError(f"{clause_id}: needs exactly one of checks, manual, out_of_scope")
    title = _text(entry.get("title"), f"{clause_id} title")
    key = given[0]
    if key == "checks":
        checks = entry["checks"]
        if (
            not isinstance(checks, list)
            or not checks
            or not all(isinstance(c, str) for c in checks)
        ):
            raise CoverageError(f"{clause_id}: checks must be a non-empty list of check ids")
        return Clause(clause_id, title, Coverage.MACHINE, checks=tuple(checks))
    return Clause(clause_id, title, _KEYS[key], note=_text(entry[key], f"{clause_id} {key}"))


def parse_coverage(document: Any) -> ClauseMap:
    if not isinstance(document, Mapping) or document.get("version") != 1:
        raise CoverageError("the coverage file must be a mapping with version: 1")
    entries = document.get("clauses")
    if not isinstance(entries, list):
        raise CoverageError("the coverage file has no clauses list")
    clauses = tuple(_clause(entry, i) for i, entry in enumerate(entries))
    seen: set[str] = set()
    for clause in clauses:
        if clause.id in seen:
            raise CoverageError(f"{clause.id}: listed twice")
        seen.add(clause.id)
    return ClauseMap(clauses)


@cache
def load_coverage() -> ClauseMap:
    """The coverage shipped with the package."""
    source = resources.files("auditor").joinpath("data", "coverage.yaml").read_text("utf-8")
    return parse_coverage(yaml.safe_load(source))


def problems(clause_map: ClauseMap, registry: Registry) -> list[str]:
    """Where the coverage and the catalogue disagree; empty when they agree.

    Every clause a check cites must be listed, with that check under it or under one of
    its sub-items; every check a clause lists must exist and cite the clause or a parent.
    """
    found = []
    for check in registry.checks:
        for reference in check.meta.references:
            if clause_map.get(reference) is None:
                found.append(f"{check.meta.id} cites {reference}, which the coverage lacks")
            elif not any(check.meta.id in c.checks for c in clause_map.subtree(reference)):
                found.append(f"{check.meta.id} cites {reference}, which does not list it")
    for clause in clause_map.clauses:
        cited = {clause.id, *clause_map.ancestors(clause)}
        for check_id in clause.checks:
            meta = registry.meta(check_id)
            if meta is None:
                found.append(f"{clause.id} lists {check_id}, which is not a check")
            elif not cited & set(meta.references):
                found.append(f"{clause.id} lists {check_id}, which cites neither it nor a parent")
    return found


def coverage_document(clause_map: ClauseMap, lang: Lang) -> dict[str, Any]:
    counts = clause_map.counts()
    return {
        "counts": {c.value: counts[c] for c in Coverage},
        "clauses": [
            {
                "id": c.id,
                "title": c.title(lang),
                "coverage": c.coverage.value,
                "checks": list(c.checks),
                "note": c.note(lang) if c.note else None,
            }
            for c in clause_map.clauses
        ],
    }


def render_json(clause_map: ClauseMap, lang: Lang) -> str:
    return json.dumps(coverage_document(clause_map, lang), ensure_ascii=False, indent=2) + "\n"


_COUNTS = Text(
    ms="{total} butiran: {machine} semakan mesin, {manual} manual, {out} di luar skop",
    en="{total} items: {machine} machine, {manual} manual, {out} out of scope",
)


def counts_line(clause_map: ClauseMap, lang: Lang) -> str:
    counts = clause_map.counts()
    return _COUNTS(
        lang,
        total=len(clause_map.clauses),
        machine=counts[Coverage.MACHINE],
        manual=counts[Coverage.MANUAL],
        out=counts[Coverage.OUT_OF_SCOPE],
    )


def how(clause: Clause, lang: Lang) -> str:
    """The checks that enforce a clause, or what to look at, or why it is out of scope."""
    if clause.note is None:
        return ", ".join(clause.checks)
    return clause.note(lang)


def render_text(clause_map: ClauseMap, lang: Lang, width: int = 120) -> str:
    id_width = max(len(c.id) for c in clause_map.clauses)
    label_width = max(len(label(lang)) for label in COVERAGE_LABEL.values())
    lines = []
    for clause in clause_map.clauses:
        head = f"{clause.id:<{id_width}}  {COVERAGE_LABEL[clause.coverage](lang):<{label_width}}"
        lines.append(f"{head}  {clause.title(lang)}")
        lines += _wrap(how(clause, lang), " " * (len(head) + 4), width)
    lines += ["", counts_line(clause_map, lang)]
    return "\n".join(lines) + "\n"


def _wrap(text: str, indent: str, width: int) -> Sequence[str]:
    return textwrap.wrap(
        text, width=max(40, width), initial_indent=indent, subsequent_indent=indent
    )
