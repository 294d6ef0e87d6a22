"""Issue 10, item 5: a breach answer that is not a range list is an error, never "not
breached"; and item 16 for the breach list: a FIFO is refused, not waited on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from auditor.inventory.model import Policy
from auditor.passwords.breach import BreachListFile, BreachLookupError, HibpClient
from auditor.passwords.policy import evaluate
from tests.passwords.conftest import RangeApi

STRONG = "Kx9#mT4!qWz7@Lp2-not-breached"


@pytest.mark.parametrize(
    "body",
    [
        "<html><body>Service temporarily unavailable</body></html>",
        "",
        "OK",
        "0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n<html>",
        "x" * (2 * 1024 * 1024),
    ],
)
def test_broken_range_answer_is_an_error(range_api: RangeApi, body: str) -> None:
    range_api.bogus_body = body
    evaluation = evaluate(STRONG, Policy(), (), [HibpClient(backoff=0, retries=0)])
    assert evaluation.breach_error is not None
    assert "not a range list" in evaluation.breach_error
    assert not evaluation.meets_policy


def test_a_real_range_answer_still_passes(range_api: RangeApi) -> None:
    evaluation = evaluate(STRONG, Policy(), (), [HibpClient(backoff=0, retries=0)])
    assert evaluation.breach_error is None and evaluation.meets_policy


def test_breach_list_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pwned.txt"
    os.mkfifo(fifo)
    with pytest.raises(BreachLookupError, match="not a regular file"):
        BreachListFile(fifo)
