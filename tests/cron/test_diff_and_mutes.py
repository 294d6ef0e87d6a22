"""Diff, --fail-on-new and mutes, table-driven across three scans of changing inventories,
each recorded to a real SQLite history through the scan job."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from auditor.exit_codes import EXIT_FINDINGS, EXIT_OK
from auditor.history.query import diff, last_runs, runs
from auditor.history.store import open_history
from auditor.job import Cron, run_job
from tests.cron.inventories import AS_OF, job, write_inventory

FOREVER = "2099-12-31"


def mute(check: str, reason: str = "vendor ticket 42", **subject: str) -> dict[str, Any]:
    return {
        "check": check,
        **subject,
        "reason": reason,
        "owner": "Siti Aminah",
        "expires": subject.pop("expires", FOREVER),
    }


@dataclass(frozen=True)
class Night:
    no_mfa: frozenset[str] = frozenset()
    individual: frozenset[str] = frozenset()
    mutes: list[dict[str, Any]] = field(default_factory=list)
    # what this night's scan must find against the one before
    new: frozenset[str] = frozenset()
    resolved: frozenset[str] = frozenset()
    still: frozenset[str] = frozenset()
    exit_fail_on_new: int = EXIT_OK
    muted: frozenset[str] = frozenset()  # keys of results marked muted
    expired: int = 0
    unmatched: int = 0


def key(check: str, agency: str, account: str) -> str:
    return f"{check}|{agency}|{account}|"


JKM_FB_MFA = key("ACC-001", "jkm", "jkm-fb")
JKM_X_MFA = key("ACC-001", "jkm", "jkm-x")
MBMB_OWNER = key("OWN-001", "mbmb", "mbmb-fb")

SCENARIOS = {
    "first failure, then fixed and another broken, then unchanged": [
        Night(no_mfa=frozenset({"jkm-fb"}), new=frozenset({JKM_FB_MFA}), exit_fail_on_new=1),
        Night(
            individual=frozenset({"mbmb-fb"}),
            new=frozenset({MBMB_OWNER}),
            resolved=frozenset({JKM_FB_MFA}),
            exit_fail_on_new=1,
        ),
        Night(individual=frozenset({"mbmb-fb"}), still=frozenset({MBMB_OWNER})),
    ],
    "a new failure muted by account does not fail the scan": [
        Night(),
        Night(
            no_mfa=frozenset({"jkm-x"}),
            mutes=[mute("ACC-001", account="jkm-x")],
            new=frozenset({JKM_X_MFA}),
            muted=frozenset({JKM_X_MFA}),
        ),
        Night(
            no_mfa=frozenset({"jkm-x"}),
            mutes=[mute("ACC-001", account="jkm-x")],
            still=frozenset({JKM_X_MFA}),
            muted=frozenset({JKM_X_MFA}),
        ),
    ],
    "an agency mute covers its accounts; an expired one no longer does": [
        Night(
            no_mfa=frozenset({"jkm-fb", "jkm-x"}),
            mutes=[mute("ACC-001", agency="jkm")],
            new=frozenset({JKM_FB_MFA, JKM_X_MFA}),
            muted=frozenset({JKM_FB_MFA, JKM_X_MFA}),
        ),
        Night(
            no_mfa=frozenset({"jkm-fb", "jkm-x"}),
            mutes=[mute("ACC-001", agency="jkm", expires="2026-11-24")],
            still=frozenset({JKM_FB_MFA, JKM_X_MFA}),
            expired=1,
        ),
        Night(
            mutes=[mute("ACC-001", account="jkm-x"), mute("OWN-001", account="nobody")],
            resolved=frozenset({JKM_FB_MFA, JKM_X_MFA}),
            unmatched=2,
        ),
    ],
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_three_nights(name: str, tmp_path: Path) -> None:
    history = tmp_path / "history.db"
    for number, night in enumerate(SCENARIOS[name]):
        inventory = write_inventory(
            tmp_path, no_mfa=night.no_mfa, individual=night.individual, mutes=night.mutes
        )
        # each night one day later: the second night is 2026-11-25, past the 24th's expiry
        as_of = AS_OF + dt.timedelta(days=number)
        code = run_job(job(inventory, history, as_of=as_of, cron=Cron(fail_on_new=True)))
        assert code == night.exit_fail_on_new, f"night {number}"
        document = json.loads(inventory.with_suffix(".json").read_text("utf-8"))
        muted = {r["key"] for r in document["results"] if r["muted"]}
        assert muted == night.muted, f"night {number}"
        assert len(document["expired_mutes"]) == night.expired
        assert len(document["unmatched_mutes"]) == night.unmatched
        with open_history(history) as opened:
            ids = last_runs(opened, 2)
            if number == 0:
                continue
            found = diff(opened, *ids)
        assert {r.key for r in found.new} == night.new, f"night {number}"
        assert {r.key for r in found.resolved} == night.resolved, f"night {number}"
        assert {r.key for r in found.still_failing} == night.still, f"night {number}"
    with open_history(history) as opened:
        assert len(runs(opened)) == 3


def test_without_fail_on_new_every_unmuted_failure_counts(tmp_path: Path) -> None:
    history = tmp_path / "history.db"
    inventory = write_inventory(tmp_path, no_mfa=frozenset({"jkm-fb"}))
    assert run_job(job(inventory, history)) == EXIT_FINDINGS
    assert run_job(job(inventory, history)) == EXIT_FINDINGS  # not new, still failing
    assert run_job(job(inventory, history, cron=Cron(fail_on_new=True))) == EXIT_OK
    muted = write_inventory(
        tmp_path, no_mfa=frozenset({"jkm-fb"}), mutes=[mute("ACC-001", account="jkm-fb")]
    )
    assert run_job(job(muted, history)) == EXIT_OK
