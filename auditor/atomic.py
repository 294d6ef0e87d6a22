"""Writes files atomically: a killed run leaves the old file or the new one, never half."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    """An output file cannot be written; the message says which and why."""


def write_atomic(path: Path, data: bytes | str | Iterable[str]) -> None:
    """Write ``data`` (or its pieces, as they come) to a temporary file beside ``path``, then
    rename it over ``path``. Whatever goes wrong, the temporary file does not stay behind."""
    pieces: Iterable[bytes] = (
        [data.encode("utf-8")]
        if isinstance(data, str)
        else [data]
        if isinstance(data, bytes)
        else (piece.encode("utf-8") for piece in data)
    )
    folder = path.parent if str(path.parent) else Path()
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(pieces)
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(0o644 & ~_umask())
        temp.replace(path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:  # a failing producer or an interrupt: leave nothing half-written
        temp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    # os.umask can only be read by setting it; put it straight back.
    current = os.umask(0o022)
    os.umask(current)
    return current
