"""The inventory loader, against real fixture files (tests/fixtures/inventories)."""

from __future__ import annotations

import hashlib
import os
import tracemalloc
from pathlib import Path

import pytest
import yaml

from auditor.inventory.loaded import InventoryError, InventoryProblem, Position
from auditor.inventory.loader import DEFAULT_MAX_BYTES, load_inventory, validate_inventory
from auditor.inventory.model import Platform

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "inventories"
SECRETS = ("Sup3rSecret", "Hunter2Hunter2", "12345678901")


def problems_of(name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[InventoryProblem]:
    path = FIXTURES / name
    with pytest.raises(InventoryError) as caught:
        load_inventory(path, max_bytes=max_bytes)
    problems = list(caught.value.problems)
    assert problems, "InventoryError without problems"
    assert all(problem.path == str(path) for problem in problems)
    return problems


def position_in(name: str, needle: str) -> Position:
    """Where ``needle`` first appears in a fixture, counted the way an editor does."""
    text = (FIXTURES / name).read_text(encoding="utf-8-sig")
    index = text.index(needle)
    line_start = text.rfind("\n", 0, index) + 1
    return Position(text.count("\n", 0, index) + 1, index - line_start + 1)


# (fixture, [(line, column, part of the message)]): exactly these problems, in this order.
CASES: list[tuple[str, list[tuple[int, int, str]]]] = [
    (
        "bad_email.yaml",
        [
            (
                16,
                9,
                "agencies[0].accounts[1].login_email: not a valid email address "
                "(There must be something after the @-sign.)",
            )
        ],
    ),
    ("bad_url.yaml", [(13, 9, "agencies[0].accounts[0].url: must be an http:// or https://")]),
    (
        "impossible_date.yaml",
        [(11, 9, "password_changed: should be a date written YYYY-MM-DD (month value")],
    ),
    (
        "unknown_platform.yaml",
        [(9, 9, "agencies[0].accounts[0].platform: should be 'facebook', 'instagram', 'x'")],
    ),
    ("misspelt_key.yaml", [(7, 5, "unknown key 'acounts' in agency; did you mean 'accounts'?")]),
    (
        "misspelt_password_key.yaml",
        [(11, 9, "unknown key 'pasword' in account; did you mean 'password'?")],
    ),
    (
        "duplicate_ids.yaml",
        [
            (11, 5, "agencies[1].id: duplicate agency id; the same id is already used at line 5"),
            (14, 9, "accounts[0].id: duplicate account id; the same id is already used at line 8"),
        ],
    ),
    ("missing_required.yaml", [(14, 9, "agencies[0].accounts[2]: missing required key 'owner'")]),
    ("empty.yaml", [(1, 1, "the file is empty; run `auditor init` to write a starter inventory")]),
    ("not_utf8.yaml", [(6, 44, "is not UTF-8")]),
    ("control_char.yaml", [(3, 24, "control character (U+0007)")]),
    ("top_list.yaml", [(1, 1, "the top level must be a mapping of keys")]),
    ("top_scalar.yaml", [(1, 1, "not a single value")]),
    ("alias_bomb.yaml", [(10, 14, "alias bomb")]),
    ("python_tag.yaml", [(11, 19, "tags are not allowed (found !!python/object/apply)")]),
    ("python_tag_root.yaml", [(1, 1, "tags are not allowed (found !!python/object/apply)")]),
    (
        "other_tags.yaml",
        [
            (3, 9, "tags are not allowed;"),
            (4, 21, "tags are not allowed (found !!set)"),
            (5, 10, "tags are not allowed (found !!binary)"),
        ],
    ),
    ("duplicate_keys.yaml", [(12, 9, "duplicate key 'mfa'; it is already set at line 11")]),
    ("merge_key.yaml", [(12, 9, "merge keys (<<) are not supported")]),
    ("two_documents.yaml", [(4, 1, "more than one YAML document")]),
    ("syntax_error.yaml", [(9, 1, "YAML syntax error: while parsing a flow mapping")]),
    ("tab_indent.yaml", [(3, 1, "(a tab: indent with spaces only)")]),
    ("version_2.yaml", [(1, 1, "version: unsupported inventory version")]),
    ("no_version.yaml", [(1, 1, "missing required key 'version'")]),
    (
        "unquoted_phone.yaml",
        [(11, 26, "recovery_phone.number: should be text; put the value in quotes")],
    ),
    (
        "several_problems.yaml",
        [
            (10, 9, "agencies[0].accounts[0].platform: should be 'facebook'"),
            (12, 9, "agencies[0].accounts[0].login_email: not a valid email address"),
            (13, 9, "password_changed: should be a date written YYYY-MM-DD (day value"),
            (14, 9, "duplicate account id; the same id is already used at line 9"),
            (17, 9, "agencies[0].accounts[1].shared_login: should be true or false"),
            (22, 9, "agencies[1].accounts[0]: missing required key 'id'"),
            (24, 9, "did you mean 'recovery_email'?"),
        ],
    ),
]


@pytest.mark.parametrize(("fixture", "expected"), CASES, ids=[case[0] for case in CASES])
def test_each_bad_file_reports_its_problems(
    fixture: str, expected: list[tuple[int, int, str]]
) -> None:
    problems = problems_of(fixture)
    found = [(p.line, p.column, p.message) for p in problems]
    assert len(found) == len(expected), found
    for (line, column, message), (want_line, want_column, part) in zip(
        found, expected, strict=True
    ):
        assert (line, column) == (want_line, want_column), found
        assert part in message, found


def test_problems_read_file_line_column_message_and_are_sorted() -> None:
    problems = problems_of("several_problems.yaml")
    path = FIXTURES / "several_problems.yaml"
    first = problems[0]
    assert str(first) == f"{path}:{first.line}:{first.column}: {first.message}"
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_a_valid_file_loads_with_positions() -> None:
    path = FIXTURES / "valid.yaml"
    loaded = load_inventory(path)
    assert loaded.path == path
    assert loaded.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    accounts = [account for _, account in loaded.inventory.accounts()]
    assert [a.id for a in accounts] == ["jkm-facebook", "jkm-instagram", "jpnm-x"]
    assert accounts[0].platform is Platform.FACEBOOK
    assert accounts[1].handle == "on"  # YAML 1.1 would have made this True
    location = loaded.account_location("jkm-instagram")
    assert location == ("agencies", 0, "accounts", 1)
    assert loaded.positions[(*location, "id")] == position_in("valid.yaml", "id: jkm-instagram")
    assert loaded.positions[location] == position_in("valid.yaml", "id: jkm-instagram")
    until = ("agencies", 0, "accounts", 0, "admins", 1, "until")
    assert loaded.positions[until] == position_in("valid.yaml", "until: 2026-01-31")
    assert loaded.position_of((*location, "recovery_phone")) == loaded.positions[location]
    assert validate_inventory(path) == []


def test_models_given_the_same_fields_share_one_set_of_their_names() -> None:
    sample = FIXTURES.parents[2] / "sample_inventory.yaml"
    loaded = load_inventory(sample)
    data = yaml.safe_load(sample.read_text(encoding="utf-8"))
    models = [account for _, account in loaded.inventory.accounts()]
    admins = [admin for account in models for admin in account.admins or ()]
    given = [a for agency in data["agencies"] for a in agency["accounts"]]
    given_admins = [admin for account in given for admin in account.get("admins", [])]
    # each model's fields are still exactly those the file gives it
    assert [m.model_fields_set for m in models] == [set(a) for a in given]
    assert [m.model_fields_set for m in admins] == [set(a) for a in given_admins]
    alike = [
        (a, b)
        for a in admins
        for b in admins
        if a is not b and set(a.model_fields_set) == set(b.model_fields_set)
    ]
    assert alike, "the sample has admins given the same fields"
    assert all(a.__pydantic_fields_set__ is b.__pydantic_fields_set__ for a, b in alike)
    # a copy with an update has its own set: the others' stay as they were
    first, second = alike[0]
    before = set(second.model_fields_set)
    copied = first.model_copy(update={"until": None})
    assert "until" in copied.model_fields_set and second.model_fields_set == before


def test_every_key_and_item_has_a_position() -> None:
    loaded = load_inventory(FIXTURES / "valid.yaml")
    dumped = loaded.inventory.model_dump(mode="json", exclude_defaults=True)

    def walk(value: object, location: tuple[str | int, ...]) -> None:
        if location:
            assert location in loaded.positions, location
        if isinstance(value, dict):
            for key, child in value.items():
                walk(child, (*location, key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                walk(child, (*location, index))

    walk(dumped, ())


def test_a_byte_order_mark_is_fine() -> None:
    with_bom = load_inventory(FIXTURES / "bom.yaml")
    plain = load_inventory(FIXTURES / "valid.yaml")
    assert with_bom.inventory == plain.inventory
    assert with_bom.positions == plain.positions
    assert with_bom.sha256 != plain.sha256


def test_yes_no_on_off_stay_text_and_booleans_are_true_false_only() -> None:
    loaded = load_inventory(FIXTURES / "yes_no_strings.yaml")
    agency = loaded.inventory.agencies[0]
    account = agency.accounts[0]
    assert agency.short_name == "NO"
    assert account.handle == "on"
    assert account.mfa is True
    assert account.shared_login is False


def test_a_file_over_the_size_limit_is_refused() -> None:
    problems = problems_of("valid.yaml", max_bytes=100)
    assert [(p.line, p.column) for p in problems] == [(1, 1)]
    assert "larger than the limit of 100 bytes" in problems[0].message


def test_the_size_message_names_the_option_and_a_raised_limit_loads() -> None:
    size = (FIXTURES / "valid.yaml").stat().st_size
    problems = problems_of("valid.yaml", max_bytes=size - 1)
    assert "--max-inventory-size" in problems[0].message
    assert load_inventory(FIXTURES / "valid.yaml", max_bytes=size).inventory.agencies


@pytest.mark.parametrize(
    ("make", "part"),
    [
        (lambda folder: folder / "missing.yaml", "no such file"),
        (lambda folder: folder, "this is a folder"),
    ],
    ids=["missing", "folder"],
)
def test_a_path_that_is_not_a_readable_file(tmp_path: Path, make: object, part: str) -> None:
    assert callable(make)
    path = make(tmp_path)
    problems = validate_inventory(path)
    assert [(p.line, p.column) for p in problems] == [(1, 1)]
    assert part in problems[0].message


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "inventory.yaml"
    os.mkfifo(fifo)
    problems = validate_inventory(fifo)
    assert "not a regular file" in problems[0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "inventory.yaml"
    path.write_bytes((FIXTURES / "valid.yaml").read_bytes())
    path.chmod(0)
    try:
        problems = validate_inventory(path)
    finally:
        path.chmod(0o600)
    assert "permission denied" in problems[0].message


def test_the_alias_bomb_is_refused_without_expanding_it() -> None:
    tracemalloc.start()
    try:
        problems = problems_of("alias_bomb.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # Expanding 9**9 values would take gigabytes; refusing it early takes a few megabytes.
    assert peak < 64 * 1024 * 1024
    assert "alias bomb" in problems[0].message


@pytest.mark.parametrize("fixture", ["python_tag.yaml", "python_tag_root.yaml"])
def test_python_tags_run_nothing(fixture: str, capfd: pytest.CaptureFixture[str]) -> None:
    problems_of(fixture)
    captured = capfd.readouterr()
    assert "hi" not in captured.out + captured.err


SECRET_FIXTURES = [
    "password_beside_error.yaml",
    "password_mapping.yaml",
    "secret_as_alias.yaml",
    "secret_as_tag.yaml",
    "secret_as_core_tag.yaml",
    "secret_as_keys.yaml",
    "secret_bad_escape.yaml",
    "secret_backtick.yaml",
    "secret_colon.yaml",
]


@pytest.mark.parametrize("fixture", SECRET_FIXTURES)
def test_no_value_from_the_file_appears_in_any_message(fixture: str) -> None:
    with pytest.raises(InventoryError) as caught:
        load_inventory(FIXTURES / fixture)
    text = "\n".join([str(caught.value), repr(caught.value), str(caught.getrepr())])
    for secret in SECRETS:
        assert secret not in text


def test_a_password_beside_an_invalid_field_is_not_echoed() -> None:
    problems = problems_of("password_beside_error.yaml")
    assert [p.line for p in problems] == [12, 13, 14]
    assert "login_email: not a valid email address" in problems[0].message
    assert "mfa: should be true or false" in problems[1].message
    assert "did you mean 'password'?" in problems[2].message


def test_a_password_that_is_not_text_is_reported_without_its_value() -> None:
    problems = problems_of("password_mapping.yaml")
    assert [(p.line, p.column) for p in problems] == [(11, 9), (15, 9), (19, 9)]
    assert all("password: should be text" in p.message for p in problems)
