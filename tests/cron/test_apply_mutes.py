"""Mutes applied to a run's results: each result takes the first live mute of its check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from auditor.mutes import apply_mutes
from auditor.results import Status
from auditor.run import Mute
from tests.cron.inventories import AS_OF
from tests.cron.test_store import a_run

OPEN = (Status.FAIL, Status.MANUAL, Status.ERROR)


def test_each_result_takes_the_first_live_mute_of_its_check_in_file_order(
    tmp_path: Path,
) -> None:
    run = a_run(tmp_path)
    target = next(r for r in run.results if r.status is Status.FAIL and r.account_id)
    other = next(
        r
        for r in run.results
        if r.status in OPEN and r.account_id and r.check_id != target.check_id
    )
    agency_wide = Mute(target.check_id, "seluruh agensi", "PKICT", AS_OF, agency=target.agency_id)
    account = Mute(target.check_id, "akaun ini", "PKICT", AS_OF, account=target.account_id)
    expired = Mute(
        other.check_id, "lama", "PKICT", AS_OF - dt.timedelta(days=1), account=other.account_id
    )
    stray = Mute(other.check_id, "tiada", "PKICT", AS_OF, account="no-such-account")
    muted = apply_mutes(run, [agency_wide, account, expired, stray])

    assert [r.key for r in muted.results] == [r.key for r in run.results]
    assert muted.mutes[target.key] is agency_wide  # first in the file, though both match
    for before, after in zip(run.results, muted.results, strict=True):
        covered = (
            before.check_id == target.check_id
            and before.agency_id == target.agency_id
            and before.status in OPEN
        )
        assert after.muted is covered, before.key
        assert (before.key in muted.mutes) is covered
    assert muted.expired_mutes == (expired,)
    assert muted.unmatched_mutes == (account, stray)
    assert muted.tallies.muted == sum(r.muted for r in muted.results) > 0
    assert run.tallies.muted == 0
