"""The mutes file: every field required, each problem as FILE:LINE:COL naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.exit_codes import EXIT_USAGE
from auditor.inventory.loaded import InventoryError
from auditor.job import JobError, run_job
from auditor.mutes import load_mutes
from tests.cron.inventories import job, write_inventory

GOOD = """\
mutes:
  - check: ACC-001
    account: jkm-fb
    reason: MFA device on order
    owner: Siti Aminah
    expires: 2027-01-31
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOOD.replace("    owner: Siti Aminah\n", ""),
            ":2:5: mutes[0]: missing required key 'owner'",
        ),
        (
            GOOD.replace("    reason: MFA device on order\n", ""),
            ":2:5: mutes[0]: missing required key 'reason'",
        ),
        (
            GOOD.replace("    expires: 2027-01-31\n", ""),
            ":2:5: mutes[0]: missing required key 'expires'",
        ),
        (GOOD.replace("2027-01-31", "next year"), ":6:5: mutes[0].expires: should be a date"),
        (GOOD.replace("    account: jkm-fb\n", ""), ":2:5: mutes[0]: a mute names exactly one of"),
        (GOOD.replace("account: jkm-fb", "acount: jkm-fb"), "did you mean 'account'?"),
        (
            GOOD.replace("check: ACC-001", "check: acc1"),
            ":2:5: mutes[0].check: should be a check id",
        ),
    ],
)
def test_an_invalid_mute_is_reported_at_its_place(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "mutes.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(InventoryError) as caught:
        load_mutes(path)
    assert any(
        expected in str(p) and str(p).startswith(str(path)) for p in caught.value.problems
    ), [str(p) for p in caught.value.problems]


def test_a_valid_mutes_file_loads_with_where_each_mute_is(tmp_path: Path) -> None:
    path = tmp_path / "mutes.yaml"
    path.write_text(GOOD, "utf-8")
    (found,) = load_mutes(path)
    assert (found.check, found.account, found.owner) == ("ACC-001", "jkm-fb", "Siti Aminah")
    assert found.where == f"{path}:2:5"


def test_the_scan_stops_with_exit_2_on_an_invalid_mutes_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mutes.yaml"
    path.write_text(GOOD.replace("    owner: Siti Aminah\n", ""), "utf-8")
    inventory = write_inventory(tmp_path)
    with pytest.raises(JobError) as caught:
        run_job(job(inventory, None, mutes=path))
    assert caught.value.code == EXIT_USAGE
    assert f"{path}:2:5: mutes[0]: missing required key 'owner'" in capsys.readouterr().err


def test_mutes_in_the_inventory_are_validated_with_the_inventory(tmp_path: Path) -> None:
    inventory = write_inventory(tmp_path, mutes=[{"check": "ACC-001", "account": "jkm-fb"}])
    with pytest.raises(JobError):
        run_job(job(inventory, None))
