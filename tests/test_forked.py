"""auditor.forked: shares in order, failures said, and no child outlives the call."""

from __future__ import annotations

import os
import time

import pytest

from auditor.forked import WorkerError, run_forked, shares


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.parametrize(("total", "parts"), [(0, 2), (1, 2), (7, 2), (10, 3), (5, 8)])
def test_shares_cover_the_range_in_order(total: int, parts: int) -> None:
    cut = shares(total, parts)
    assert [i for share in cut for i in share] == list(range(total))
    assert len(cut) <= max(1, parts)
    assert max(map(len, cut)) - min(map(len, cut)) <= 1


def test_each_share_worked_on_once_in_order() -> None:
    def work(share: range) -> bytes:
        return f"{os.getpid()}:{share.start}-{share.stop}".encode()

    answers = [a.decode().split(":") for a in run_forked(work, 10, 3)]
    assert [span for _, span in answers] == ["0-4", "4-7", "7-10"]
    pids = [int(pid) for pid, _ in answers]
    assert pids[0] == os.getpid()  # the first share in this process, the others not
    assert len(set(pids)) == 3
    assert no_children_left()


def test_a_failing_child_is_an_error() -> None:
    def work(share: range) -> bytes:
        if share.start:
            raise ValueError("the child's share")
        return b""

    with pytest.raises(WorkerError):
        run_forked(work, 4, 2)
    assert no_children_left()


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_children_are_ended_when_this_process_stops(error: type[BaseException]) -> None:
    def work(share: range) -> bytes:
        if share.start == 0:
            raise error("the parent's share")
        time.sleep(600)  # only a killed child ends before the test times out
        return b""

    with pytest.raises(error):
        run_forked(work, 6, 3)
    assert no_children_left()
