"""Issue 10, items 2 and 3: CSV row injection and terminal escapes.

Inventory strings holding a bare CR, ESC sequences, an OSC 52 clipboard write, a bidi
override, or a newline in a file name must reach no human-facing output raw: the text
table, CSV, stderr warnings and validate's messages show them as visible escapes.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.escape import printable
from auditor.output.csv_format import _defuse
from tests.hostile.conftest import (
    AS_OF,
    hostile_account,
    invoke,
    scan_process,
    write_hostile_inventory,
)

CLEAR = "\x1b[2J"
CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"
BIDI = "\u202e"
HOSTILE_NAME = f"JKM {CLEAR}{CLIPBOARD}{BIDI}gpj.exe\r=1+1"
FORGED = "pic.png\nauditor: forged line"
RAW = ("\x1b", "\x07", BIDI, "\r")


@pytest.fixture
def inventory(tmp_path: Path) -> Path:
    account = hostile_account(
        "jkm-fb", profile={"display_name": HOSTILE_NAME, "picture": FORGED, "bio": "x"}
    )
    return write_hostile_inventory(tmp_path, [account], crest=["crest.png"])


def test_csv_cell_with_cr_cannot_split_the_row(inventory: Path) -> None:
    result = CliRunner().invoke(app, ["scan", str(inventory), *AS_OF, "--format", "csv"])
    assert result.exit_code == 0
    output = result.stdout  # the CSV alone, without the warnings on stderr
    assert "\r" not in output
    rows = list(csv.reader(io.StringIO(output)))
    assert all(len(row) == len(rows[0]) for row in rows)
    # Split as a spreadsheet that ends rows at a CR would: no line starts a formula.
    for line in output.replace("\r", "\n").split("\n"):
        for cell in line.split(","):
            assert not cell.lstrip('"').startswith(("=", "+", "@")), line


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("ok\r=1+1", "ok\\r=1+1"),
        ("ok\n=1+1", "ok\n'=1+1"),
        ("a\n@x\n-y", "a\n'@x\n'-y"),
        ("plain", "plain"),
    ],
)
def test_defuse_every_line(cell: str, expected: str) -> None:
    assert _defuse(cell) == expected


def test_text_table_shows_escapes(inventory: Path) -> None:
    code, output = invoke("scan", str(inventory), *AS_OF)
    assert code == 0
    assert "JKM" in output
    for char in RAW:
        assert char not in output, repr(char)
    assert "\\x1b[2J" in output or "\\x1b" in output


def test_stderr_warnings_are_one_line_each(inventory: Path) -> None:
    # A real process: the log handler on stderr is the product's, not the test runner's.
    done = scan_process(inventory)
    assert done.returncode == 0, done.stderr
    assert "forged line" in done.stderr  # the warning about the missing picture is there
    assert not any(line.startswith("auditor: forged") for line in done.stderr.splitlines())
    for char in RAW:
        assert char not in done.stderr


def test_validate_messages_escape_the_file_name(tmp_path: Path) -> None:
    folder = tmp_path / f"a{CLEAR}b"
    folder.mkdir()
    path = folder / "inv.yaml"
    path.write_text("version: 99\n", "utf-8")
    code, output = invoke("validate", str(path))
    assert code == 2
    assert "\x1b" not in output and "a\\x1b[2Jb" in output


def test_printable() -> None:
    assert printable("a\x1bb\u202ec\nd\te") == "a\\x1bb\\u202ec\\nd\\te"
    assert printable("a\nb\rc", keep_newlines=True) == "a\nb\\rc"
    assert printable("Jabatan Ketua Menteri — جابتن") == "Jabatan Ketua Menteri — جابتن"
