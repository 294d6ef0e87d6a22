"""Writes files atomically: a killed run leaves the old file or the new one, never half.

A regular file (or a name not yet taken) is written to a temporary file beside it, then
renamed over it. A character device or FIFO (``/dev/stdout``, ``/dev/null``, a named pipe)
is written to directly: renaming over one would replace the device node with a file, and
as root that breaks ``/dev/null`` for the whole system. Anything else is refused.

Temporary files are named ``.NAME.auditor-PID-RANDOM.tmp`` so that a person seeing one
knows whose it is; one left by a killed run (its PID gone) is removed by the next write
of the same target.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

_TEMP_TAG = ".auditor-"
_TEMP_SUFFIX = ".tmp"


class OutputError(Exception):
    """An output file cannot be written; the message says which and why."""


def write_atomic(path: Path, data: bytes | str | Iterable[str]) -> None:
    """Write ``data`` (or its pieces, as they come) to ``path``.

    Whatever goes wrong, a temporary file does not stay behind and the old file stays.
    """
    pieces: Iterable[bytes] = (
        [data.encode("utf-8")]
        if isinstance(data, str)
        else [data]
        if isinstance(data, bytes)
        else (piece.encode("utf-8") for piece in data)
    )
    mode = _existing_mode(path)
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        _write_stream(path, pieces)
        return
    if mode is not None and not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise OutputError(f"cannot write {path}: it is {kind}")
    folder = path.parent if str(path.parent) else Path()
    remove_stale_temporaries(path)
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}{_TEMP_TAG}{os.getpid()}-", suffix=_TEMP_SUFFIX, dir=folder
        )
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


def _existing_mode(path: Path) -> int | None:
    try:
        return path.stat().st_mode
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "bad name"
        raise OutputError(f"cannot write {path}: {reason}") from None


def _write_stream(path: Path, pieces: Iterable[bytes]) -> None:
    """Write to a device or FIFO in place; there is nothing to rename, nothing to fsync."""
    try:
        with path.open("wb", buffering=0) as handle:
            for piece in pieces:
                handle.write(piece)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def remove_stale_temporaries(path: Path) -> None:
    """Remove temporary files of ``path`` left by runs that no longer exist (SIGKILL)."""
    folder = path.parent if str(path.parent) else Path()
    prefix = f".{path.name}{_TEMP_TAG}"
    try:
        names = [p.name for p in folder.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return  # the write itself will report the folder's problem
    for name in names:
        pid_text = name[len(prefix) :].split("-", 1)[0]
        if name.endswith(_TEMP_SUFFIX) and pid_text.isdigit() and not _alive(int(pid_text)):
            with contextlib.suppress(OSError):
                (folder / name).unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OverflowError:
        return False  # a number no process can have
    except PermissionError:
        return True  # someone else's process: leave its file alone
    return True


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: by resolved path, or by inode when both exist."""
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and a.samefile(b)
    except (OSError, ValueError, RuntimeError):
        return False


def _umask() -> int:
    # os.umask can only be read by setting it; put it straight back.
    current = os.umask(0o022)
    os.umask(current)
    return current
