"""Compliance scores and counts (CHECKS.md, "Scores") and the exit-code threshold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from auditor.results import Result, Severity, Status


def _percent(passed: int, judged: int) -> float | None:
    return None if judged == 0 else round(100 * passed / judged, 1)


_WEIGHT = {severity.value: severity.weight for severity in Severity}


@dataclass(frozen=True)
class Tallies:
    """What the outputs count over a run's results, counted in one pass over them (a scan of
    10,000 accounts has 230,000 results, and each pass over them costs a tenth of a second)."""

    counts: Mapping[Status, int]
    failures_by_severity: Mapping[Severity, int]
    score: float | None
    agency_scores: Mapping[str, float | None]
    account_scores: Mapping[str, float | None]
    muted: int


def tally(results: Iterable[Result]) -> Tallies:
    # Counted by the enums' values (plain texts): hashing an enum member calls Python code,
    # three times per result here.
    statuses: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    muted = passed = judged = 0
    agencies: dict[str, tuple[int, int]] = {}
    accounts: dict[str, tuple[int, int]] = {}
    for result in results:
        status = result.status
        statuses[status._value_] += 1
        muted += result.muted
        weight = won = 0
        if status is Status.PASS or status is Status.FAIL:
            severity = result.severity._value_
            weight = _WEIGHT[severity]
            if status is Status.PASS:
                won = weight
            else:
                failures[severity] += 1
            passed, judged = passed + won, judged + weight
        for groups, group in ((agencies, result.agency_id), (accounts, result.account_id)):
            if group is not None:
                group_passed, group_judged = groups.get(group, (0, 0))
                groups[group] = (group_passed + won, group_judged + weight)
    return Tallies(
        counts={status: statuses[status.value] for status in Status},
        failures_by_severity={severity: failures[severity.value] for severity in Severity},
        score=_percent(passed, judged),
        agency_scores=_percents(agencies),
        account_scores=_percents(accounts),
        muted=muted,
    )


def _percents(tallies: Mapping[str, tuple[int, int]]) -> dict[str, float | None]:
    return {group: _percent(passed, judged) for group, (passed, judged) in tallies.items()}


def breaches_threshold(results: Iterable[Result], fail_on: Severity | None) -> bool:
    """True when an unmuted failing result is at or above ``fail_on`` (None: never)."""
    if fail_on is None:
        return False
    return any(
        r.status is Status.FAIL and not r.muted and r.severity.rank >= fail_on.rank for r in results
    )
