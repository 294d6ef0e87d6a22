"""One scan at a time per history: an exclusive lock on ``HISTORY.lock`` held for the scan.

``flock`` is released by the kernel when the process dies, even by SIGKILL, so a killed
scan never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

POLL = 0.1  # seconds between tries while waiting


class LockBusy(Exception):
    """Another scan holds the lock (and it was not released within the wait)."""


def lock_path(history: Path) -> Path:
    return history.with_name(history.name + ".lock")


@contextlib.contextmanager
def history_lock(history: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the scan lock of ``history``; raise ``LockBusy`` after ``wait`` seconds."""
    path = lock_path(history)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockBusy(
                        f"another scan is using the history {history} "
                        f"(lock {path}); try again later or use --wait SECONDS"
                    ) from None
                time.sleep(POLL)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
