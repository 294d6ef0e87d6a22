"""The YAML layer under the loader: node tree, values, tags, limits, error wording."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from auditor.inventory.loaded import Position
from auditor.inventory.loader import load_inventory
from auditor.inventory.model import Account, Admin, Inventory, Person, Policy
from auditor.inventory.schema_errors import dotted, field_names, model_at
from auditor.inventory.yaml_nodes import MAX_DEPTH, LoaderClass, compose
from auditor.inventory.yaml_values import Converted, to_values

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "inventories"
LOADERS: list[LoaderClass] = [yaml.SafeLoader]
if hasattr(yaml, "CSafeLoader"):
    LOADERS.append(yaml.CSafeLoader)


def values(text: str, loader: LoaderClass = yaml.SafeLoader) -> Converted:
    composed = compose(text, loader)
    assert not composed.issues, composed.issues
    assert composed.root is not None
    return to_values(composed.root)


@pytest.mark.parametrize("loader", LOADERS)
def test_both_parsers_give_the_same_values_and_positions(loader: LoaderClass) -> None:
    text = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")
    converted = values(text, loader)
    reference = values(text, LOADERS[-1])
    assert converted.data == reference.data
    assert converted.positions == reference.positions
    assert converted.positions[("agencies", 1, "id")] == Position(52, 5)


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("0x10", 16),
        ("1_000", 1000),
        ("-7", -7),
        ("1.5", 1.5),
        ("true", True),
        ("FALSE", False),
        ("yes", "yes"),
        ("off", "off"),
        ("~", None),
        ("null", None),
        ("", None),
        ("2026-06-01", "2026-06-01"),
        ("2026-13-45", "2026-13-45"),
        ("2026-11-10 09:00:00", "2026-11-10 09:00:00"),
        ("=", "="),
        ("'123'", "123"),
        ("!!str 06", "06"),
        ("!!int '42'", 42),
    ],
)
def test_scalars_become_plain_values(scalar: str, expected: object) -> None:
    converted = values(f"key: {scalar}\n")
    assert converted.data == {"key": expected}
    assert type(converted.data["key"]) is type(expected)


@pytest.mark.parametrize("loader", LOADERS)
def test_deep_nesting_is_an_issue_not_a_crash(loader: LoaderClass) -> None:
    composed = compose("[" * 5000 + "]" * 5000, loader)
    assert composed.root is None
    assert len(composed.issues) == 1
    assert "nested" in composed.issues[0].message or "nesting" in composed.issues[0].message


def test_nesting_just_under_the_limit_is_fine() -> None:
    depth = MAX_DEPTH - 1
    converted = values("[" * depth + "]" * depth)
    assert not converted.issues


@pytest.mark.parametrize("loader", LOADERS)
def test_an_alias_cannot_contain_itself(loader: LoaderClass) -> None:
    composed = compose("a: &loop [1, *loop]\n", loader)
    assert composed.root is None
    assert "cannot refer to the value that contains it" in composed.issues[0].message
    assert composed.issues[0].position == Position(1, 14)


def test_a_tagged_value_is_dropped_and_its_location_remembered() -> None:
    converted = values("a: !!python/name:os.system\nb: 2\n")
    assert converted.data == {"a": None, "b": 2}
    assert converted.dropped == {("a",)}
    assert converted.issues[0].position == Position(1, 4)


def test_an_integer_tag_on_text_is_an_issue() -> None:
    converted = values("width: !!int wide\n")
    assert "tagged as a whole number" in converted.issues[0].message


def test_a_list_as_a_key_is_an_issue() -> None:
    converted = values("? [a, b]\n: c\n")
    assert converted.data == {}
    assert "a key must be a plain word" in converted.issues[0].message


def test_shared_aliases_within_the_limit_load() -> None:
    loaded = load_inventory(FIXTURES / "shared_admins.yaml")
    admins = [account.admins for _, account in loaded.inventory.accounts()]
    assert admins[0] == admins[1] == admins[2]
    assert admins[0] is not None and len(admins[0]) == 2
    # The alias's own line, not the anchor's, for the shared value.
    assert loaded.positions[("agencies", 0, "accounts", 2, "admins")].line == 24


def test_yaml_error_text_never_quotes_the_file() -> None:
    composed = compose('password: "Sup3r\\qSecret"\n')
    assert composed.issues[0].message.endswith("found unknown escape character")
    composed = compose("a: 1\n\tb: 2\n", yaml.SafeLoader)
    assert "a tab" in composed.issues[0].message


def test_dotted_locations() -> None:
    assert dotted(("agencies", 0, "accounts", 1, "login_email")) == (
        "agencies[0].accounts[1].login_email"
    )
    assert dotted(()) == ""


@pytest.mark.parametrize(
    ("location", "model"),
    [
        ((), Inventory),
        (("policy",), Policy),
        (("agencies", 3, "accounts", 0), Account),
        (("agencies", 0, "accounts", 2, "handler"), Person),
        (("agencies", 0, "accounts", 2, "admins", 1), Admin),
        (("agencies", 0, "accounts", 2, "login_email"), None),
        (("agencies", "x"), None),
        (("nothing",), None),
    ],
)
def test_model_at_a_location(location: tuple[str | int, ...], model: type | None) -> None:
    assert model_at(location) is model


def test_field_names_cover_nested_models() -> None:
    names = field_names()
    assert {"version", "password", "received", "office", "poster_min_width"} <= names
