"""The engine: selection, failure isolation, scope of results, scores and thresholds."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from auditor.catalogue import Outcome, Registry, check, load_registry
from auditor.engine import ScanOptions, SelectionError, Stage, scan
from auditor.inventory.loaded import LoadedInventory
from auditor.results import Message, Result, Severity, Status
from auditor.scoring import breaches_threshold, tally
from auditor.text import Text
from tests.factories import AS_OF, inventory


def loaded() -> LoadedInventory:
    return LoadedInventory(path=Path("inventory.yaml"), sha256="0" * 64, inventory=inventory())


def run(options: ScanOptions, registry: Registry | None = None) -> list[Result]:
    return list(scan(loaded(), registry or load_registry(), options).results)


def test_every_account_gets_every_account_check_and_each_domain_the_domain_checks() -> None:
    results = run(ScanOptions(as_of=AS_OF, offline=True))
    registry = load_registry()
    account_checks = [c for c in registry.checks if c.meta.scope.value == "account"]
    domain_checks = [c for c in registry.checks if c.meta.scope.value == "domain"]
    assert len(results) == 2 * len(account_checks) + 2 * len(domain_checks)
    domain_results = [r for r in results if r.account_id is None]
    assert all(r.agency_id is None for r in domain_results)


def test_check_and_agency_selection_leave_other_results_out() -> None:
    results = run(
        ScanOptions(as_of=AS_OF, check_ids=frozenset({"ACC-001"}), agency_ids=frozenset({"jkm"}))
    )
    assert [(r.check_id, r.account_id) for r in results] == [("ACC-001", "jkm-facebook")]


@pytest.mark.parametrize(
    "options",
    [
        ScanOptions(as_of=AS_OF, check_ids=frozenset({"ACC-999"})),
        ScanOptions(as_of=AS_OF, agency_ids=frozenset({"nope"})),
    ],
)
def test_unknown_selection_is_an_error(options: ScanOptions) -> None:
    with pytest.raises(SelectionError):
        run(options)


def test_a_check_that_raises_becomes_an_error_result_and_the_scan_goes_on() -> None:
    @check(
        "ZZZ-001",
        title=Text(ms="Rosak", en="Broken"),
        severity=Severity.HIGH,
        references=["GP 8"],
        remediation=Text(ms="-", en="-"),
    )
    def broken(facts: object) -> Outcome:
        raise RuntimeError("secret value Sup3rSecret! inside")

    base = load_registry()
    registry = dataclasses.replace(base, checks=(*base.checks, broken))
    results = run(ScanOptions(as_of=AS_OF), registry)
    errors = [r for r in results if r.check_id == "ZZZ-001"]
    assert {r.status for r in errors} == {Status.ERROR}
    assert "Sup3rSecret" not in repr(errors)
    assert errors[0].messages[0].args == {"check": "ZZZ-001", "error": "RuntimeError"}
    assert any(r.check_id == "ACC-001" and r.status is Status.PASS for r in results)


def _result(status: Status, severity: Severity, account: str = "a") -> Result:
    return Result("X-1", status, severity, "jkm", account, "facebook")


def test_score_is_the_weighted_share_of_passes() -> None:
    results = [
        _result(Status.PASS, Severity.CRITICAL),  # 10
        _result(Status.FAIL, Severity.HIGH),  # 5
        _result(Status.PASS, Severity.LOW),  # 1
        _result(Status.FAIL, Severity.INFO),  # 0
        _result(Status.MANUAL, Severity.HIGH),  # not counted
        _result(Status.ERROR, Severity.CRITICAL),  # not counted
    ]
    assert tally(results).score == round(100 * 11 / 16, 1)
    assert tally([_result(Status.MANUAL, Severity.HIGH)]).score is None
    counted = tally(results)
    assert counted.counts[Status.ERROR] == 1
    assert counted.failures_by_severity[Severity.HIGH] == 1


def test_account_scores() -> None:
    results = [_result(Status.PASS, Severity.HIGH, "a"), _result(Status.FAIL, Severity.HIGH, "b")]
    assert tally(results).account_scores == {"a": 100.0, "b": 0.0}


def test_each_groups_score_is_its_own_in_order_of_first_appearance() -> None:
    # tallied in one pass: the same as scoring each group's results on their own
    statuses, severities = list(Status), list(Severity)
    results = [
        _result(statuses[i % 5], severities[i * 3 % 5], f"account-{i * 7 % 4}") for i in range(40)
    ]
    results.append(_result(Status.MANUAL, Severity.HIGH, "only-manual"))
    groups = list(dict.fromkeys(r.account_id or "" for r in results))
    expected = {g: tally([r for r in results if r.account_id == g]).score for g in groups}
    found = tally(results).account_scores
    assert list(found) == groups
    assert found == expected
    assert found["only-manual"] is None


def test_one_tally_counts_statuses_failures_mutes_and_both_groupings() -> None:
    results = [
        dataclasses.replace(_result(Status.FAIL, Severity.HIGH, "a"), muted=True),  # 0 of 5
        _result(Status.PASS, Severity.MEDIUM, "a"),  # 3 of 3
        _result(Status.PASS, Severity.INFO, "a"),  # 0 of 0, and not a failure
        dataclasses.replace(_result(Status.FAIL, Severity.LOW, "b"), agency_id="mbmb"),  # 0 of 1
        _result(Status.MANUAL, Severity.CRITICAL, "c"),
        dataclasses.replace(_result(Status.PASS, Severity.LOW), account_id=None),  # 1 of 1
    ]
    counted = tally(results)
    assert counted.counts == {
        Status.PASS: 3, Status.FAIL: 2, Status.ERROR: 0, Status.MANUAL: 1, Status.SKIPPED: 0
    }  # fmt: skip
    assert counted.failures_by_severity == {
        Severity.CRITICAL: 0, Severity.HIGH: 1, Severity.MEDIUM: 0, Severity.LOW: 1,
        Severity.INFO: 0,
    }  # fmt: skip
    assert counted.muted == 1
    assert counted.score == round(100 * 4 / 10, 1)
    assert counted.agency_scores == {"jkm": round(100 * 4 / 9, 1), "mbmb": 0.0}
    assert counted.account_scores == {"a": round(100 * 3 / 8, 1), "b": 0.0, "c": None}


@pytest.mark.parametrize(
    ("severity", "fail_on", "expected"),
    [
        (Severity.HIGH, Severity.HIGH, True),
        (Severity.CRITICAL, Severity.HIGH, True),
        (Severity.MEDIUM, Severity.HIGH, False),
        (Severity.MEDIUM, None, False),
        (Severity.INFO, Severity.INFO, True),
    ],
)
def test_fail_on_threshold(severity: Severity, fail_on: Severity | None, expected: bool) -> None:
    assert breaches_threshold([_result(Status.FAIL, severity)], fail_on) is expected
    assert breaches_threshold([_result(Status.MANUAL, Severity.CRITICAL)], fail_on) is False


def test_progress_is_reported_stage_by_stage() -> None:
    calls: list[tuple[Stage, int, int]] = []
    scan(
        loaded(),
        load_registry(),
        ScanOptions(as_of=AS_OF, offline=True),
        lambda stage, done, total: calls.append((stage, done, total)),
    )
    assert calls[:2] == [(Stage.FACTS, 0, 1), (Stage.FACTS, 1, 1)]
    assert calls[2:] == [(Stage.CHECKS, 1, 2), (Stage.CHECKS, 2, 2)]


def test_results_and_messages_carry_no_instance_dict() -> None:
    # slots: a 10,000-account scan holds 230,000 results in memory until it is written
    result = Result("X-1", Status.PASS, Severity.LOW, None, None, None, (Message("ok"),))
    assert not hasattr(result, "__dict__")
    assert not hasattr(result.messages[0], "__dict__")
