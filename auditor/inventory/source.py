"""Reading an inventory file's bytes and text safely, before any YAML parsing.

Every failure is an ``Issue`` (a position and a message), never an exception, so the
loader can report it beside the others. Messages never quote the file's content.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path

from auditor.inventory.loaded import Position

START = Position(1, 1)
UTF8_BOM = b"\xef\xbb\xbf"
MAX_CONTROL_ISSUES = 20

# Characters YAML 1.1 does not allow anywhere in a stream: the spec's c-printable
# ([^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]),
# written as what it excludes, which compiles in a millisecond rather than twenty.
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)


@dataclass(frozen=True)
class Issue:
    """One problem found in the file, before the file's name is attached."""

    position: Position
    message: str


def read_source(path: Path, max_bytes: int) -> bytes | Issue:
    """The file's bytes, or why they cannot be read; never reads more than ``max_bytes + 1``."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return Issue(START, "cannot read the inventory: no such file")
    except OSError as error:
        return Issue(START, f"cannot read the inventory: {_reason(error)}")
    if stat.S_ISDIR(info.st_mode):
        return Issue(START, "cannot read the inventory: this is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or device could block or never end; an inventory is a plain file.
        return Issue(START, "cannot read the inventory: this is not a regular file")
    if info.st_size > max_bytes:
        return _too_large(max_bytes)
    try:
        with path.open("rb") as stream:
            # The file may have grown since stat(): never read past the limit.
            data = stream.read(max_bytes + 1)
    except OSError as error:
        return Issue(START, f"cannot read the inventory: {_reason(error)}")
    if len(data) > max_bytes:
        return _too_large(max_bytes)
    return data


def decode_text(data: bytes) -> str | Issue:
    """The file as text: UTF-8, with an optional byte order mark dropped."""
    body = data.removeprefix(UTF8_BOM)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = body.rfind(b"\n", 0, error.start) + 1
        line = body.count(b"\n", 0, error.start) + 1
        column = len(body[line_start : error.start].decode("utf-8", errors="replace")) + 1
        return Issue(
            Position(line, column),
            "the file is not UTF-8 text (this byte cannot be decoded); "
            "save the file with the UTF-8 encoding",
        )


def control_characters(text: str) -> list[Issue]:
    """Characters YAML rejects, each at its own position (the first few only)."""
    issues: list[Issue] = []
    for match in _NOT_PRINTABLE.finditer(text):
        index = match.start()
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        issues.append(
            Issue(
                Position(line, column),
                f"the file contains a control character (U+{ord(match.group()):04X}) "
                "that YAML does not allow; remove it",
            )
        )
        if len(issues) >= MAX_CONTROL_ISSUES:
            break
    return issues


def _too_large(max_bytes: int) -> Issue:
    return Issue(
        START,
        f"the file is larger than the limit of {max_bytes:,} bytes; "
        "if this inventory really is that large, raise the limit with --max-inventory-size",
    )


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return (error.strerror or type(error).__name__).lower()
