"""The Melaka working calendar with the state's declared extra days off and on, through the
inventory and the scanner (ACT-002)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.workdays import WorkingCalendar, official_holidays

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


def test_the_cached_table_is_the_package_table_and_is_read_back(tmp_path: Path) -> None:
    years = [2025, 2026]
    fresh = official_holidays(years)
    assert official_holidays(years, tmp_path) == fresh  # computed, and kept
    (kept,) = tmp_path.iterdir()
    stored = json.loads(kept.read_text(encoding="utf-8"))
    assert stored["holidays"] == metadata.version("holidays")
    # Read back, not recomputed: an edit to the kept table shows (and nothing else could).
    stored["days"]["2026-03-03"] = "Hari ujian"
    kept.write_text(json.dumps(stored), encoding="utf-8")
    assert official_holidays(years, tmp_path) == {**fresh, dt.date(2026, 3, 3): "Hari ujian"}
    # Other years are another table.
    assert official_holidays([2026], tmp_path) == official_holidays([2026])


@pytest.mark.parametrize(
    "damage",
    [
        lambda s: "{not json",
        lambda s: json.dumps({**s, "holidays": "0.0.1"}),  # another version of the package
        lambda s: json.dumps({**s, "format": 0}),
        lambda s: json.dumps({**s, "days": {"2026-13-01": "x"}}),
        lambda s: json.dumps({**s, "days": {"2026-03-03": 7}}),
        lambda s: json.dumps([s]),
    ],
)
def test_a_stale_or_damaged_cache_is_recomputed_and_replaced(
    tmp_path: Path, damage: Callable[[dict[str, Any]], str]
) -> None:
    fresh = official_holidays([2026])
    official_holidays([2026], tmp_path)
    (kept,) = tmp_path.iterdir()
    kept.write_text(damage(json.loads(kept.read_text(encoding="utf-8"))), encoding="utf-8")
    assert official_holidays([2026], tmp_path) == fresh
    assert json.loads(kept.read_text(encoding="utf-8"))["holidays"] == metadata.version("holidays")


def test_an_unwritable_cache_still_gives_the_table(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert official_holidays([2026], blocked / "cache") == official_holidays([2026])


def test_a_scan_keeps_the_table_in_the_user_cache(tmp_path: Path) -> None:
    # conftest points XDG_CACHE_HOME into tmp_path: the CLI's default folder is there.
    assert act_002(inventory(tmp_path, "  response_working_days: 3\n")) == "fail"
    kept = list((tmp_path / "xdg-cache" / "auditor").glob("holidays-MY-04-*.json"))
    assert len(kept) == 1
