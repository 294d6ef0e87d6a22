"""One network deadline for a whole scan.

Time limits per question bound one answer, not a scan: a stalled HIBP mirror or a silent
DNS server multiplied by hundreds of questions took minutes. A Deadline is fixed when the
scan starts gathering; every network question is given at most what remains, and one
asked after it has passed is not sent at all (its result says so, as an ``error``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

# Long enough for a real scan of a few hundred accounts and domains on a slow link, short
# enough that a stalled service costs a nightly cron job minutes, not hours.
DEFAULT_NETWORK_DEADLINE = 120.0


@dataclass(frozen=True)
class Deadline:
    end: float  # time.monotonic() value

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds)

    def remaining(self) -> float:
        """Seconds left, never below zero."""
        return max(0.0, self.end - time.monotonic())

    @property
    def passed(self) -> bool:
        return self.remaining() <= 0.0

    def bound(self, timeout: float) -> float:
        """``timeout``, or what is left of the deadline when that is less."""
        return min(timeout, self.remaining())
