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
        if result.status in (Status.PASS, Status.FAIL):
            judged += result.severity.weight
            passed += result.severity.weight if result.status is Status.PASS else 0
    if judged == 0:
        return None
    return round(100 * passed / judged, 1)


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
    groups: dict[str, list[Result]] = {}
    for result in results:
        value = getattr(result, key)
        if value is not None:
            groups.setdefault(value, []).append(result)
    return {group: score(members) for group, members in groups.items()}


def breaches_threshold(results: Iterable[Result], fail_on: Severity | None) -> bool:
    """True when an unmuted failing result is at or above ``fail_on`` (None: never)."""
    if fail_on is None:
        return False
    return any(
        r.status is Status.FAIL and not r.muted and r.severity.rank >= fail_on.rank for r in results
    )
