"""Working days on the Melaka calendar: weekends and federal and Melaka holidays excluded,
with the days the state declares off or on beyond them (``policy.extra_holidays`` and
``policy.extra_working_days``)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.kept_file import kept_key, read_kept, write_kept

MELAKA_SUBDIVISION = "04"  # ISO 3166-2:MY-04
SATURDAY_SUNDAY = frozenset({5, 6})
EXTRA_HOLIDAY = "Cuti tambahan negeri (policy.extra_holidays)"
CACHE_FORMAT = 1  # of the kept holiday table; a table of another format is recomputed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    weekend: frozenset[int] = SATURDAY_SUNDAY
    working_days: frozenset[dt.date] = frozenset()  # declared working, weekend or holiday

    @classmethod
    def melaka(
        cls,
        years: Iterable[int],
        extra_holidays: Iterable[dt.date] = (),
        extra_working_days: Iterable[dt.date] = (),
        cache: Path | None = None,
    ) -> WorkingCalendar:
        """Federal and Melaka public holidays for the given years (the holidays package),
        and the state's declared extra days off and on; ``cache`` is a folder where the
        package's answer is kept (see official_holidays)."""
        official = official_holidays(sorted(set(years)), cache)
        extra = dict.fromkeys(extra_holidays, EXTRA_HOLIDAY)
        return cls(holidays={**official, **extra}, working_days=frozenset(extra_working_days))

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.working_days:
            return True
        return day.weekday() not in self.weekend and day not in self.holidays

    def working_days_after(self, start: dt.date, end: dt.date) -> int:
        """Working days d with start < d <= end: how many a reply made on ``end`` used."""
        days = 0
        day = start + dt.timedelta(days=1)
        while day <= end:
            days += self.is_working_day(day)
            day += dt.timedelta(days=1)
        return days


def official_holidays(years: list[int], cache: Path | None = None) -> dict[dt.date, str]:
    """The holidays package's federal and Melaka holidays for ``years``.

    Importing the package loads every country it knows, a tenth of a second or more on
    each scan, for a table that changes only with the package: so its answer is kept in
    ``cache`` (when given) under the package's version and the years asked, and read back
    from there while both stay the same. A cache that cannot be read or written is left
    aside: the package answers, as it would without one.
    """
    if not years:
        return {}
    if cache is None:
        return _from_package(years)
    path = cache / f"holidays-MY-{MELAKA_SUBDIVISION}-{'-'.join(map(str, years))}.json"
    key = kept_key(CACHE_FORMAT, "holidays", subdivision=MELAKA_SUBDIVISION)
    kept = _kept_days(read_kept(path, key))
    if kept is not None:
        return kept
    found = _from_package(years)
    write_kept(path, {**key, "days": {day.isoformat(): name for day, name in found.items()}})
    return found


def _from_package(years: list[int]) -> dict[dt.date, str]:
    import holidays  # imported here: building the calendar is the only use

    return dict(holidays.country_holidays("MY", subdiv=MELAKA_SUBDIVISION, years=years).items())


def _kept_days(stored: Mapping[str, Any] | None) -> dict[dt.date, str] | None:
    """The holiday table of a kept document; None when it is not one."""
    if stored is None:
        return None
    try:
        days = stored["days"]
        if not isinstance(days, dict) or not all(isinstance(n, str) for n in days.values()):
            return None
        return {dt.date.fromisoformat(day): name for day, name in days.items()}
    except (KeyError, TypeError, ValueError) as exc:
        log.debug("holiday cache unreadable (%s); asking the holidays package", exc)
        return None
