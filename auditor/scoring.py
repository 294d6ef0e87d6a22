"""Compliance scores and counts (CHECKS.md, "Scores") and the exit-code threshold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from auditor.results import Result, Severity, Status


def score(results: Iterable[Result]) -> float | None:
    """Weighted share of passes among passes and fails, 0-100; None when nothing was judged."""
    passed = judged = 0
    for result in results:
        passed, judged = _tally(result, passed, judged)
    return _percent(passed, judged)


def _tally(result: Result, passed: int, judged: int) -> tuple[int, int]:
    """(passed, judged) with one more result counted."""
    status = result.status
    if status is Status.PASS or status is Status.FAIL:
        # _WEIGHT, not Severity.weight: this runs once per result and group (460,000 times
        # for a 10,000-account scan's output), where the enum property is the slow part.
        weight = _WEIGHT[result.severity]
        judged += weight
        if status is Status.PASS:
            passed += weight
    return passed, judged


def _percent(passed: int, judged: int) -> float | None:
    return None if judged == 0 else round(100 * passed / judged, 1)


_WEIGHT = {severity: severity.weight for severity in Severity}


@dataclass(frozen=True)
class Summary:
    accounts: int
    counts: Mapping[Status, int]
    score: float | None
    failures_by_severity: Mapping[Severity, int]


def summarise(results: Iterable[Result], accounts: int) -> Summary:
    results = list(results)
    counts = Counter(r.status for r in results)
    failures = Counter(r.severity for r in results if r.status is Status.FAIL)
    return Summary(
        accounts=accounts,
        counts={status: counts.get(status, 0) for status in Status},
        score=score(results),
        failures_by_severity={severity: failures.get(severity, 0) for severity in Severity},
    )


def scores_by(results: Iterable[Result], key: str) -> dict[str, float | None]:
    """Scores grouped by ``agency_id`` or ``account_id``; results without that key are left out."""
    # One pass, tallying as it goes: a list per group cost a second pass and the memory
    # of every result again (10,000 account groups in a large scan).
    tallies: dict[str, tuple[int, int]] = {}
    for result in results:
        value = getattr(result, key)
        if value is not None:
            passed, judged = tallies.get(value, (0, 0))
            tallies[value] = _tally(result, passed, judged)
    return {group: _percent(passed, judged) for group, (passed, judged) in tallies.items()}


def breaches_threshold(results: Iterable[Result], fail_on: Severity | None) -> bool:
    """True when an unmuted failing result is at or above ``fail_on`` (None: never)."""
    if fail_on is None:
        return False
    return any(
        r.status is Status.FAIL and not r.muted and r.severity.rank >= fail_on.rank for r in results
    )
