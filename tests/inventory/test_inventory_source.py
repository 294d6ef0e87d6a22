"""The characters the loader refuses before parsing are exactly the ones YAML refuses."""

from __future__ import annotations

import yaml.reader

from auditor.inventory.loaded import Position
from auditor.inventory.source import control_characters

EVERY_CODE_POINT = "".join(map(chr, range(0x110000)))


def _refused(text: str) -> list[int]:
    """Indexes of what control_characters reports, read 16 characters at a time (it stops at 20)."""
    found: list[int] = []
    for start in range(0, len(text), 16):
        block = text[start : start + 16].replace("\n", " ")  # one line: column = index + 1
        issues = control_characters(block)
        assert len(issues) < 20, "a block must stay under the reporting limit"
        found.extend(start + issue.position.column - 1 for issue in issues)
    return found


def test_refuses_exactly_what_pyyaml_refuses_over_every_code_point() -> None:
    # PyYAML's own reader is the reference: it raises on these characters in any stream.
    expected = [m.start() for m in yaml.reader.Reader.NON_PRINTABLE.finditer(EVERY_CODE_POINT)]
    expected = [i for i in expected if EVERY_CODE_POINT[i] != "\n"]
    assert 0x01 in expected and 0xFFFE in expected and 0x85 not in expected
    assert _refused(EVERY_CODE_POINT) == expected


def test_reports_line_and_column() -> None:
    (issue,) = control_characters("a: 1\nb: \x07\n")
    assert issue.position == Position(2, 4)
    assert "U+0007" in issue.message
