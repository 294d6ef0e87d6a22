"""Opening a file the user named, safely: only a regular file, never blocking, never unbounded.

A FIFO would block forever on open or read, a device such as /dev/zero never ends, and a
1 GB "password file" is not one. Every file the scan reads on a user's word (secret files,
KeePass key files, the breach list, a results document) goes through here. The errors
say what is wrong, never the path: the caller names the file the way it is allowed to
(a secret reference only by kind and position).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


class FileProblem(Exception):
    """Why a file cannot be read (no path in the message: the caller knows it)."""


def _reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "does not exist"
    if isinstance(error, PermissionError):
        return "cannot be read (permission denied)"
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot be read ({(error.strerror or type(error).__name__).lower()})"


@contextlib.contextmanager
def open_regular(path: Path, max_bytes: int | None = None) -> Iterator[BinaryIO]:
    """A binary stream on ``path`` when it is a regular file of at most ``max_bytes``.

    O_NONBLOCK makes opening a FIFO return at once (it is then refused by fstat); the flag
    is cleared again before reading, so a regular file reads as usual.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise FileProblem(_reason(error)) from None
    except ValueError:  # an embedded NUL byte
        raise FileProblem("has a NUL character in its name") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("is not a regular file (a FIFO, socket or device)")
        if max_bytes is not None and info.st_size > max_bytes:
            raise FileProblem(f"is larger than the limit of {max_bytes:,} bytes")
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        stream = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with stream:
        yield stream


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; raises FileProblem."""
    with open_regular(path, max_bytes) as stream:
        try:
            # The file may grow after fstat: never read past the limit.
            data = stream.read(max_bytes + 1)
        except OSError as error:
            raise FileProblem(_reason(error)) from None
    if len(data) > max_bytes:
        raise FileProblem(f"is larger than the limit of {max_bytes:,} bytes")
    return data
