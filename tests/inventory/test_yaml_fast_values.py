"""The fast path to values agrees with the precise one, and leaves every problem to it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.inventory.loaded import Location, Position
from auditor.inventory.packed_positions import ChildMarks, PackedPositions, pack
from auditor.inventory.schema_errors import field_names
from auditor.inventory.source import control_characters, decode_text
from auditor.inventory.yaml_fast_values import fast_values, native_walk_built
from auditor.inventory.yaml_nodes import LoaderClass, compose
from auditor.inventory.yaml_values import Converted, to_values
from benchmarks.bench_loader import large_inventory
from benchmarks.generate_inventory import dump, inventory
from tests.fuzz.properties import inventories, yaml_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "inventories").glob("*.yaml"))
# Fixtures the fast path must take: nothing in them but plain keys, values and collections.
PLAIN_FIXTURES = {
    "bad_email.yaml", "bad_url.yaml", "bom.yaml", "duplicate_ids.yaml", "impossible_date.yaml",
    "missing_required.yaml", "misspelt_key.yaml", "misspelt_password_key.yaml",
    "no_version.yaml", "password_beside_error.yaml", "password_mapping.yaml",
    "several_problems.yaml",
    "unknown_platform.yaml", "unquoted_phone.yaml", "valid.yaml", "version_2.yaml",
    "yes_no_strings.yaml",
}  # fmt: skip
# Each way to the fast path's values: a parser, and whether libyaml's events are walked in C.
Walk = tuple[LoaderClass, bool]
WALKS: list[Walk] = [(yaml.SafeLoader, False)]
if hasattr(yaml, "CSafeLoader"):
    WALKS.append((yaml.CSafeLoader, False))
    if native_walk_built():
        WALKS.append((yaml.CSafeLoader, True))
WALK_IDS = [f"{loader.__name__}{'-C' if native else ''}" for loader, native in WALKS]
CI = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def precise(text: str, loader: LoaderClass) -> Converted | None:
    """What the precise path makes of ``text``; None when it reports anything."""
    composed = compose(text, loader)
    if composed.issues or composed.root is None:
        return None
    converted = to_values(composed.root, field_names())
    return None if converted.issues or not isinstance(converted.data, dict) else converted


def text_of(path: Path) -> str | None:
    """The file's text as the loader hands it to the YAML paths, or None when it stops first."""
    text = decode_text(path.read_bytes())
    return None if not isinstance(text, str) or control_characters(text) else text


def assert_agree(text: str, walk: Walk) -> Converted | None:
    """The fast path's result, after checking that it is the precise path's."""
    loader, native = walk
    fast = fast_values(text, loader, native=native)
    reference = precise(text, loader)
    if fast is None:
        return None
    if fast.aborted:  # over the node limit: the precise path's own issue
        assert fast.issues == compose(text, loader).issues
        return fast
    assert reference is not None, "the fast path took a file the precise path reports"
    assert fast.data == reference.data
    assert dict(fast.positions) == dict(reference.positions)
    assert not fast.issues and not fast.dropped and not fast.aborted
    return fast


@pytest.mark.parametrize("walk", WALKS, ids=WALK_IDS)
@pytest.mark.parametrize("path", FIXTURES, ids=[path.name for path in FIXTURES])
def test_every_fixture_agrees_or_falls_back(path: Path, walk: Walk) -> None:
    text = text_of(path)
    if text is None:
        return
    fast = assert_agree(text, walk)
    assert (fast is not None) == (path.name in PLAIN_FIXTURES)


@pytest.mark.parametrize("walk", WALKS, ids=WALK_IDS)
def test_the_sample_inventory_takes_the_fast_path(walk: Walk) -> None:
    text = (ROOT / "sample_inventory.yaml").read_text(encoding="utf-8")
    assert assert_agree(text, walk) is not None


@pytest.mark.parametrize(
    "text",
    [
        dump(inventory(60)),
        large_inventory(3, 4),
        yaml.safe_dump(inventory(12), default_flow_style=False, allow_unicode=True),
        yaml.safe_dump(inventory(12), default_flow_style=True, width=60),
    ],
    ids=["generated", "bench", "block", "flow"],
)
def test_generated_inventories_agree(text: str) -> None:
    for walk in WALKS:
        assert assert_agree(text, walk) is not None


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key
        "a: &x 1\nb: *x\n",  # anchor and alias
        "a: &x 1\n",  # an anchor alone
        "a: !!str 1\n",  # a tag
        "a: !custom 1\n",
        "<<: {b: 1}\n",  # merge key
        "? [a]\n: 1\n",  # a list as a key
        "a: 0x" + "f" * 60 + "\n",  # a number too large
        "a: .inf\n",
        "a: " + "x" * 5001 + "\n",  # a text too long
        'a: "\\0"\n',  # NUL
        "a: [" * 70 + "]" * 70 + "\n",  # nesting at the limit
        "a: 1\n---\nb: 2\n",  # two documents
        "- a\n",  # a list at the top
        "just text\n",
        "",
        "~\n",
        "a: [1\n",  # a syntax error
        "a:\n\t- b\n",  # a tab
        "a: !\n",
        "a: ! x\n",
        "*: 1\n",
        yaml.safe_dump({"a": 1}, canonical=True),  # every value tagged
    ],
)
def test_anything_unusual_falls_back(text: str) -> None:
    for loader, native in WALKS:
        assert fast_values(text, loader, native=native) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1_000\n", 1000),
        ("a: 0o17\n", "0o17"),  # YAML 1.1: no 0o prefix, so text
        ("a: 017\n", 15),
        ("a: 1:30\n", 90),
        ("a: -1.5e+3\n", -1500.0),
        ("a: 1.5e3\n", "1.5e3"),  # YAML 1.1: an exponent needs its sign
        ("a: 'yes'\n", "yes"),
        ("a: Yes\n", "Yes"),
        ("a: TRUE\n", True),
        ("a: null\n", None),
        ("a:\n", None),
        ("a: ''\n", ""),
        ("a: =\n", "="),
        ("a: 2026-06-01\n", "2026-06-01"),
        ("1: x\n", "x"),
    ],
)
def test_scalars_become_the_same_values(text: str, expected: object) -> None:
    for walk in WALKS:
        fast = assert_agree(text, walk)
        assert fast is not None and isinstance(fast.data, dict)
        assert list(fast.data.values()) == [expected]
        assert type(next(iter(fast.data.values()))) is type(expected)


@settings(CI, max_examples=150)
@given(inventories().map(yaml_text))
def test_fuzzed_inventories_agree(text: str) -> None:
    for walk in WALKS:
        assert_agree(text, walk)


YAMLISH = st.text(alphabet=st.sampled_from(list("ab1 :-,[]{}'\"#&*!|>?\n\t~.0x<=")), max_size=60)


@settings(CI, max_examples=400)
@given(YAMLISH)
def test_fuzzed_text_agrees_or_falls_back(text: str) -> None:
    for walk in WALKS[1:] or WALKS:
        assert_agree(text, walk)


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2, 3]\n",
        "a: [1, 2, {b: c}]\n",
        "a: [1, 2, &x 3]\n",
        "a: [1, !!str 2, [3]]\n",
        "a: [1, 2]\nb: *x\n",
        "a: {b: [[[[[[1]]]]]]}\n",
        "a: [1, 2, 3]\n---\nb: 4\n",
        "a: [1, 2, 3\n",
    ],
)
@pytest.mark.parametrize("max_nodes", range(1, 12))
def test_both_paths_stop_at_the_same_node_limit(text: str, max_nodes: int) -> None:
    for loader, native in WALKS:
        fast = fast_values(text, loader, max_nodes, native=native)
        if fast is not None and fast.aborted:
            assert fast.issues == compose(text, loader, max_nodes).issues
            assert "the file holds more than" in fast.issues[0].message
        elif fast is not None:
            assert not compose(text, loader, max_nodes).issues


def test_packed_positions_are_a_read_only_mapping_of_positions() -> None:
    children: dict[Location, ChildMarks] = {(): {"a": pack(3, 0)}, ("a",): [pack(41, 6)]}
    positions = PackedPositions(pack(0, 0), children)
    assert positions[("a", 0)].line == 42 and positions[("a", 0)].column == 7
    assert positions[("a",)] == Position(4, 1) and positions[()] == Position(1, 1)
    assert ("a", 0) in positions and len(positions) == 3
    expected = {(): Position(1, 1), ("a",): Position(4, 1), ("a", 0): Position(42, 7)}
    assert dict(positions) == expected


@pytest.mark.parametrize(
    "location", [("b",), ("a", 1), ("a", -1), ("a", "0"), (0,), ("a", 0, "c"), ("x", "y")]
)
def test_packed_positions_know_only_what_the_file_holds(location: Location) -> None:
    positions = PackedPositions(pack(0, 0), {(): {"a": pack(3, 0)}, ("a",): [pack(41, 6)]})
    assert positions.get(location) is None and location not in positions
    with pytest.raises(KeyError):
        positions[location]


@pytest.mark.parametrize("walk", WALKS, ids=WALK_IDS)
def test_the_fast_path_words_the_node_limit_where_it_stops(walk: Walk) -> None:
    loader, native = walk
    fast = fast_values("a: [1, 2,\n  3]\n", loader, 5, native=native)
    assert fast is not None and fast.aborted
    assert fast.issues[0].position == Position(2, 3)


def test_the_c_walk_is_built_where_a_compiler_and_libyaml_are() -> None:
    # The install builds it when it can (hatch_build.py); where it can, a missing module
    # means the build hook broke and every load takes the three times slower Python walk.
    if shutil.which("cc") is None or not Path("/usr/include/yaml.h").exists():
        pytest.skip("no C compiler or no libyaml headers: the Python walk is the only one")
    assert native_walk_built()
