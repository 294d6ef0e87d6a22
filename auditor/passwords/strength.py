"""zxcvbn strength, bounded so that input of any length is scored in milliseconds.

We use the Rust binding (``zxcvbn-rs-py``): it scores like the Python port on 99.5% of
passwords and is about 7x faster, which is what keeps the median under a millisecond.

zxcvbn has two costs that grow badly with its input: matching is quadratic in the length,
and its l33t matcher enumerates substitution combinations, exponential in the number of
distinct look-alike characters (a 20-character string of ``4@8({[<3691!|0$57+%2`` takes
tens of milliseconds, 40 of them a tenth of a second). So zxcvbn only ever sees windows of
at most ``MAX_WINDOW`` characters holding at most ``MAX_LEET`` distinct look-alikes:

* a password that fits in one window (every realistic one: 40-character passphrases
  included) is scored by one zxcvbn call, exactly as zxcvbn would score it;
* a longer one is cut into consecutive windows. The first is scored alone; each next one
  is scored together with the last ``CONTEXT`` characters before it, and adds only what it
  brings beyond that context (log10 guesses of context+window minus that of the context),
  so a sequence running across windows adds little, and a window that merely repeats
  earlier text (context included) adds nothing;
* the sum stops once it reaches score 4 (nothing higher exists) or after ``MAX_WINDOWS``
  windows. Characters never looked at add no guesses, so the estimate of a long password
  can only be too low, never too high: a weak password is never passed because it is long.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.passwords.words import words_in

if TYPE_CHECKING:
    from zxcvbn_rs_py import Entropy
    from zxcvbn_rs_py import Warning as ZxWarning

MAX_WINDOW = 40
MAX_LEET = 10
CONTEXT = 8
MAX_WINDOWS = 8

# zxcvbn's own score boundaries, in log10 guesses (guesses < 10**3 + 5 is score 0, ...).
_SCORE_BOUNDS = tuple(math.log10(10**e + 5) for e in (3, 6, 8, 10))
# The characters zxcvbn's l33t table substitutes.
_LEET = frozenset("4@8({[<3691!|70$5+%2")


@dataclass(frozen=True)
class Strength:
    score: int  # 0..4, zxcvbn's scale
    guesses_log10: float
    common: bool  # zxcvbn recognises it as a common password (or a variant of one)
    windowed: bool  # scored by windows because it is too long for one zxcvbn call


def score_of(guesses_log10: float) -> int:
    return sum(guesses_log10 >= bound for bound in _SCORE_BOUNDS)


def estimate(password: str, user_inputs: Sequence[str] = ()) -> Strength:
    """The zxcvbn strength of a password of any length (see the module notes)."""
    windows = _windows(password)
    if len(windows) == 1:
        result = _zxcvbn(password, user_inputs)
        warning = result.feedback.warning if result.feedback else None
        return Strength(
            score=int(result.score),
            guesses_log10=result.guesses_log10,
            common=_is_common(warning),
            windowed=False,
        )
    total = 0.0
    for start, end in windows[:MAX_WINDOWS]:
        total += _gain(password, max(0, start - CONTEXT), start, end, user_inputs)
        if total >= _SCORE_BOUNDS[-1]:
            break
    return Strength(score=score_of(total), guesses_log10=total, common=False, windowed=True)


def _is_common(warning: ZxWarning | None) -> bool:
    # Imported on use: `auditor checks` imports this module and must start fast.
    from zxcvbn_rs_py import Warning as ZxWarning

    # A tuple: the binding's Warning values are not hashable.
    return warning in (
        ZxWarning.ThisIsATop10Password,
        ZxWarning.ThisIsATop100Password,
        ZxWarning.ThisIsACommonPassword,
        ZxWarning.ThisIsSimilarToACommonlyUsedPassword,
    )


def _gain(
    password: str, context_start: int, start: int, end: int, user_inputs: Sequence[str]
) -> float:
    """log10 guesses that password[start:end] adds to what precedes it."""
    if context_start < start and password.find(password[context_start:end], 0, end - 1) != -1:
        # Context and window occurred together earlier: a repetition, which zxcvbn prices
        # as a mere count. Counting it again would make "abcabc…" look strong.
        return 0.0
    gained = _zxcvbn(password[context_start:end], user_inputs).guesses_log10
    if context_start < start:
        gained -= _zxcvbn(password[context_start:start], user_inputs).guesses_log10
    return max(0.0, gained)


def _zxcvbn(text: str, user_inputs: Sequence[str]) -> Entropy:
    # Imported on use: `auditor checks` imports this module and must start fast.
    from zxcvbn_rs_py import zxcvbn

    # The Malay words occurring in this text, after the caller's own inputs.
    inputs = list(dict.fromkeys([*user_inputs, *words_in(text)]))
    return zxcvbn(text, inputs)


def _windows(password: str) -> list[tuple[int, int]]:
    """Consecutive (start, end) windows covering the password, each small enough that
    one zxcvbn call on it (with its context) stays within a few milliseconds."""
    windows: list[tuple[int, int]] = []
    start = 0
    while start < len(password):
        leet = {c for c in password[max(0, start - CONTEXT) : start] if c in _LEET}
        end = start
        while end < len(password) and end - start < MAX_WINDOW:
            char = password[end]
            if char in _LEET and char not in leet:
                if len(leet) >= MAX_LEET and end > start:
                    break
                leet.add(char)
            end += 1
        windows.append((start, end))
        start = end
        if len(windows) > MAX_WINDOWS:
            break  # the rest is never scored
    return windows
