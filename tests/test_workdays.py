"""The Melaka working calendar with the state's declared extra days off and on, through the
inventory and the scanner (ACT-002)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.workdays import WorkingCalendar

# 19 February 2026 (a Thursday between Chinese New Year, 17-18, and Melaka's Declaration of
# Independence Day, 20) was declared a day off for state civil servants, not gazetted.
SPECIAL = dt.date(2026, 2, 19)
RECEIVED, ANSWERED = "2026-02-16T09:00", "2026-02-25T09:00"  # Monday to the next Wednesday


def test_the_packaged_calendar_has_the_gazetted_days_only() -> None:
    calendar = WorkingCalendar.melaka([2026])
    assert not calendar.is_working_day(dt.date(2026, 2, 17))
    assert not calendar.is_working_day(dt.date(2026, 2, 20))
    assert calendar.is_working_day(SPECIAL)


def test_extra_days_off_and_on() -> None:
    saturday = dt.date(2026, 2, 21)
    calendar = WorkingCalendar.melaka([2026], [SPECIAL], [saturday])
    assert not calendar.is_working_day(SPECIAL)
    assert calendar.is_working_day(saturday)
    start, end = dt.date.fromisoformat(RECEIVED[:10]), dt.date.fromisoformat(ANSWERED[:10])
    assert WorkingCalendar.melaka([2026]).working_days_after(start, end) == 4
    assert WorkingCalendar.melaka([2026], [SPECIAL]).working_days_after(start, end) == 3
    assert calendar.working_days_after(start, end) == 4


def inventory(tmp_path: Path, policy: str) -> Path:
    path = tmp_path / "inventory.yaml"
    path.write_text(
        "version: 1\norganisation: {name: Kerajaan Negeri Melaka}\n"
        f"policy:\n{policy}"
        "agencies:\n  - id: jkm\n    name: Jabatan Ketua Menteri Melaka\n    accounts:\n"
        "      - id: jkm-facebook\n        platform: facebook\n        owner: agency\n"
        "        profile:\n          inquiries:\n"
        f"            - {{received: {RECEIVED}, answered: {ANSWERED}}}\n",
        encoding="utf-8",
    )
    return path


def act_002(path: Path) -> str:
    args = ["scan", str(path), "--check", "ACT-002", "--offline", "--format", "json"]
    result = CliRunner().invoke(app, [*args, "--as-of", "2026-03-01", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    (found,) = json.loads(result.stdout)["results"]
    status: str = found["status"]
    return status


@pytest.mark.parametrize(
    ("policy", "status"),
    [
        ("  response_working_days: 3\n", "fail"),  # 19, 23, 24, 25: four working days
        ("  extra_holidays: [2026-02-19]\n", "pass"),  # 23, 24, 25
        ('  extra_holidays: ["2026-02-19"]\n', "pass"),
        ("  extra_holidays: [2026-02-19]\n  extra_working_days: [2026-02-21]\n", "fail"),
    ],
)
def test_the_scan_counts_the_declared_days(tmp_path: Path, policy: str, status: str) -> None:
    assert act_002(inventory(tmp_path, policy)) == status


def test_a_day_both_off_and_on_is_an_inventory_error(tmp_path: Path) -> None:
    path = inventory(
        tmp_path, "  extra_holidays: [2026-02-19]\n  extra_working_days: [2026-02-19]\n"
    )
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "inventory.yaml:3:" in result.output and "2026-02-19" in result.output


def test_a_bad_date_is_an_inventory_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["validate", str(inventory(tmp_path, "  extra_holidays: [2026-02-30]\n"))]
    )
    assert result.exit_code == 2
    assert "inventory.yaml:4:" in result.output
