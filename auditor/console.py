"""Writing to the terminal (or cron's mail): stdout as UTF-8 bytes, stderr line by line."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from auditor.escape import printable


def stderr(message: str) -> None:
    # Messages may carry file names and inventory text: one line each, nothing that acts.
    sys.stderr.write(printable(message.rstrip("\n")) + "\n")
    sys.stderr.flush()


def stdout(text: str | Iterable[str]) -> None:
    # Bytes, so that Malay and Jawi text survives LANG=C and odd terminal encodings.
    sys.stdout.flush()
    for piece in [text] if isinstance(text, str) else text:
        sys.stdout.buffer.write(piece.encode("utf-8"))
    sys.stdout.flush()


def color_wanted() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def progress_wanted() -> bool:
    # Only for a person watching: never under cron, in a pipe or a log file.
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


def width() -> int:
    if sys.stdout.isatty():
        return max(80, os.get_terminal_size().columns)
    return 120
