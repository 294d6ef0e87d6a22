"""The clause coverage against the guideline and the check catalogue."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from typing import Any

import pytest

from auditor.catalogue import Registry, load_registry
from auditor.coverage import (
    Coverage,
    CoverageError,
    load_coverage,
    parse_coverage,
    problems,
)

# Every item of the guideline, counted from its text (shared/seed/000_…txt): sections 1–13,
# section 5's five bullets, section 7's ten and section 8's five, section 13's fifteen duties,
# the six sub-points of 13(5) and the five of 13(6); and DKICT 7.32.2, which GP 13(13) cites.
GUIDELINE_ITEMS = (
    [f"GP {n}" for n in range(1, 14)]
    + [f"GP 5({n})" for n in range(1, 6)]
    + [f"GP 7({n})" for n in range(1, 11)]
    + [f"GP 8({n})" for n in range(1, 6)]
    + [f"GP 13({n})" for n in range(1, 16)]
    + [f"GP 13(5)({letter})" for letter in "abcdef"]
    + [f"GP 13(6)({letter})" for letter in "abcde"]
    + ["DKICT 7.32.2"]
)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def test_every_item_of_the_guideline_has_exactly_one_entry() -> None:
    listed = Counter(c.id for c in load_coverage().clauses)
    assert {item: listed[item] for item in GUIDELINE_ITEMS if listed[item] != 1} == {}
    # and nothing else but OSMACC, the national control set some checks cite beyond GP
    assert set(listed) - set(GUIDELINE_ITEMS) == {"OSMACC"}


def test_every_check_reference_is_an_entry_that_lists_the_check(registry: Registry) -> None:
    assert problems(load_coverage(), registry) == []


def test_a_reference_the_coverage_does_not_list_is_found(registry: Registry) -> None:
    document = _shipped_document()
    document["clauses"] = [c for c in document["clauses"] if c["id"] != "GP 13(4)"]
    assert problems(parse_coverage(document), registry) == [
        "ACT-002 cites GP 13(4), which the coverage lacks"
    ]


def test_a_check_listed_under_a_clause_it_does_not_cite_is_found(registry: Registry) -> None:
    document = _shipped_document()
    for clause in document["clauses"]:
        if clause["id"] == "GP 13(9)":
            clause["checks"] = ["PRF-005", "PWD-003"]
    assert problems(parse_coverage(document), registry) == [
        "GP 13(9) lists PWD-003, which cites neither it nor a parent"
    ]


@pytest.mark.parametrize(
    "entry",
    [
        {"id": "GP 3", "title": {"ms": "a", "en": "b"}},
        {
            "id": "GP 3",
            "title": {"ms": "a", "en": "b"},
            "checks": ["X"],
            "manual": {"ms": "a", "en": "b"},
        },
        {"id": "GP 3", "title": {"ms": "a", "en": ""}, "manual": {"ms": "a", "en": "b"}},
        {"id": "GP 3", "title": {"ms": "a", "en": "b"}, "manual": {"ms": "a"}},
        {"id": "Section 3", "title": {"ms": "a", "en": "b"}, "manual": {"ms": "a", "en": "b"}},
    ],
)
def test_an_entry_needs_one_disposition_and_both_languages(entry: dict[str, Any]) -> None:
    with pytest.raises(CoverageError):
        parse_coverage({"version": 1, "clauses": [entry]})


def test_a_clause_listed_twice_is_refused() -> None:
    entry = {"id": "GP 3", "title": {"ms": "a", "en": "b"}, "manual": {"ms": "a", "en": "b"}}
    with pytest.raises(CoverageError, match="listed twice"):
        parse_coverage({"version": 1, "clauses": [entry, entry]})


def test_coverage_command_prints_the_matrix_with_counts() -> None:
    command = [sys.executable, "-m", "auditor", "coverage", "--format", "json", "--lang", "en"]
    done = subprocess.run(command, check=True, capture_output=True)
    document = json.loads(done.stdout)
    by_id = {c["id"]: c for c in document["clauses"]}
    assert by_id["GP 13(4)"]["checks"] == ["ACT-002"]
    assert by_id["GP 13(3)"]["coverage"] == "manual"
    assert by_id["GP 10"]["coverage"] == "out_of_scope"
    counts = Counter(c["coverage"] for c in document["clauses"])
    assert document["counts"] == {c.value: counts[c.value] for c in Coverage}
    text = subprocess.run(
        [sys.executable, "-m", "auditor", "coverage"], check=True, capture_output=True
    ).stdout.decode()
    machine = counts["machine"]
    assert f"{len(by_id)} butiran: {machine} semakan mesin" in text
    assert "GP 13(13)" in text and "PWD-001" in text


def _shipped_document() -> dict[str, Any]:
    from importlib import resources

    import yaml

    source = resources.files("auditor").joinpath("data", "coverage.yaml").read_text("utf-8")
    document: dict[str, Any] = yaml.safe_load(source)
    return document
