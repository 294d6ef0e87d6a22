"""What a forked password worker sends back: each password's verdict, never the password.

A verdict is the zxcvbn score and the broken rules' stable keys, or the type name of the
exception that judging raised. The format has no room for anything else: a line per
password, ``SCORE:RULE,RULE`` or ``!TypeName``, and decoding refuses any other text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from auditor.passwords.policy import Evaluation, Rule


@dataclass(frozen=True)
class Failed:
    """Judging a password raised; only the exception's type, its message may hold it."""

    error: str


Verdict = Evaluation | Failed

_RULES = {rule.value: rule for rule in Rule}
_LINE = re.compile(r"(?:[0-4]:(?:[a-z_]+(?:,[a-z_]+)*)?|![A-Za-z_][A-Za-z0-9_]*)")


class WireError(ValueError):
    """A worker's answer is not a list of verdicts."""


def encode_verdicts(verdicts: Sequence[Verdict]) -> bytes:
    lines = []
    for verdict in verdicts:
        if isinstance(verdict, Failed):
            lines.append(f"!{verdict.error}")
        else:
            # a breach error comes from the parent's breach sources, never from a worker
            assert verdict.breach_error is None
            lines.append(f"{verdict.score}:{','.join(r.value for r in verdict.broken)}")
    return "\n".join(lines).encode("ascii")


def decode_verdicts(data: bytes) -> list[Verdict]:
    if not data:
        return []
    verdicts: list[Verdict] = []
    try:
        lines = data.decode("ascii").split("\n")
    except UnicodeDecodeError:
        raise WireError("a worker's answer is not ASCII") from None
    for line in lines:
        if not _LINE.fullmatch(line):
            raise WireError("a worker's answer holds something other than verdicts")
        if line.startswith("!"):
            verdicts.append(Failed(line[1:]))
            continue
        score, _, rules = line.partition(":")
        try:
            broken = tuple(_RULES[key] for key in rules.split(",") if key)
        except KeyError:
            raise WireError("a worker's answer names an unknown rule") from None
        verdicts.append(Evaluation(broken=broken, score=int(score)))
    return verdicts
