"""Work shared with forked copies of this process, which already hold everything it reads.

A child is forked after the data is in memory, so nothing is ever sent to it, neither
pickled nor written: it is told only which share (a range of indices) is its own, by being
forked with it. What comes back is the bytes its share's work returns, through a pipe read
by this process alone; the caller decides what those bytes may say (the password workers:
scores and broken rules, never a secret).

This process works on the first share itself while the children work on the others. Every
child is waited for, however this process leaves (an exception, Ctrl-C): one still running
is killed first, so none is left behind as a zombie or an orphan.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# The work done for one share: its result as bytes, all that crosses back to the parent.
Work = Callable[[range], bytes]


class WorkerError(Exception):
    """A forked worker died or failed (the caller may do its share itself)."""


def can_fork() -> bool:
    """Whether work may go to forked children here: a platform that forks (Linux, macOS),
    and a single thread, because a child forked beside another thread may inherit a lock
    that thread held (logging's, stderr's) and wait for it forever."""
    return hasattr(os, "fork") and threading.active_count() == 1


def shares(total: int, parts: int) -> list[range]:
    """range(total) cut into ``parts`` consecutive ranges of nearly equal length."""
    parts = max(1, min(parts, total))
    size, extra = divmod(total, parts)
    cuts = [0]
    for part in range(parts):
        cuts.append(cuts[-1] + size + (part < extra))
    return [range(start, end) for start, end in itertools.pairwise(cuts)]


@dataclass
class _Child:
    pid: int
    fd: int  # the read end of its pipe
    reaped: bool = False


def run_forked(work: Work, total: int, workers: int) -> list[bytes]:
    """``work`` on each of ``workers`` shares of range(total), in order of the shares.

    Raises ``WorkerError`` when a child fails; the caller's own exceptions pass through.
    """
    parts = shares(total, workers)
    children: list[_Child] = []
    try:
        for share in parts[1:]:
            children.append(_start(work, share))
        first = work(parts[0]) if parts else b""
        return [first, *(_collect(child) for child in children)]
    finally:
        for child in children:
            _reap(child)


def _start(work: Work, share: range) -> _Child:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the parent's code
        code = 1
        try:
            os.close(read_end)
            _write_all(write_end, work(share))
            code = 0
        finally:
            os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
    os.close(write_end)
    return _Child(pid, read_end)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.close(fd)


def _collect(child: _Child) -> bytes:
    chunks = _read_all(child.fd)
    _, status = os.waitpid(child.pid, 0)
    child.reaped = True
    if os.waitstatus_to_exitcode(status) != 0:
        raise WorkerError(f"worker {child.pid} failed ({os.waitstatus_to_exitcode(status)})")
    return b"".join(chunks)


def _read_all(fd: int) -> Sequence[bytes]:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return chunks


def _reap(child: _Child) -> None:
    os.close(child.fd)
    if child.reaped:
        return
    with contextlib.suppress(ProcessLookupError):  # exited already: still to be waited for
        os.kill(child.pid, signal.SIGKILL)
    os.waitpid(child.pid, 0)
    child.reaped = True
