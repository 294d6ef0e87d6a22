"""The workers' answer format: verdicts round-trip, anything else is refused."""

from __future__ import annotations

import pytest

from auditor.passwords.policy import Evaluation, Rule
from auditor.passwords.wire import Failed, Verdict, WireError, decode_verdicts, encode_verdicts


def test_verdicts_round_trip() -> None:
    verdicts: list[Verdict] = [
        Evaluation(broken=(), score=4),
        Evaluation(broken=(Rule.TOO_SHORT, Rule.WEAK), score=1),
        Failed("ValueError"),
    ]
    assert decode_verdicts(encode_verdicts(verdicts)) == verdicts
    assert decode_verdicts(encode_verdicts([])) == []


@pytest.mark.parametrize(
    "answer",
    [
        b"4:\nQv7#rTz!9wLp$Xk2",  # a password after a verdict
        b"4:weak,Melaka2024",  # one where a rule should be
        b"4:password",  # letters only, but not a rule
        b"!cannot judge Qv7#rTz",  # an exception's message, not its type
        b"9:",  # no such score
        "4:\nkata-laluan-\u00e9".encode(),  # not ASCII
    ],
)
def test_anything_but_verdicts_is_refused(answer: bytes) -> None:
    with pytest.raises(WireError):
        decode_verdicts(answer)
