"""Text from the inventory made safe to show a person: on a terminal, in a spreadsheet.

An inventory string may hold ESC sequences (clearing the screen, OSC 52 writing the
clipboard), bidi overrides (U+202E turning "gpj.exe" around) or a newline that forges
another warning line. Every human-facing output (the text table, CSV cells, stderr
messages, log lines and the report's values) passes its text through ``printable``, which shows such
characters as visible escapes (``\\x1b``, ``\\u202e``) instead of letting them act.
"""

from __future__ import annotations

import logging
import re

# C0 and C1 controls, DEL, bidi embeddings/overrides/isolates and marks, line separators.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
_UNSAFE_KEEPING_NEWLINES = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control and bidi character shown as an escape.

    ``keep_newlines`` keeps LF (a CSV cell, quoted, may hold several lines); CR is
    always escaped, since a bare CR ends a row for some spreadsheets.
    """
    pattern = _UNSAFE_KEEPING_NEWLINES if keep_newlines else _UNSAFE
    return pattern.sub(_visible, text)


class PrintableFormatter(logging.Formatter):
    """Log lines for stderr: a message or argument cannot add lines or act on the terminal."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return printable(super().formatMessage(record))
