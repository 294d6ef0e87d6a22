"""Working days on the Melaka calendar: weekends and federal and Melaka holidays excluded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MELAKA_SUBDIVISION = "04"  # ISO 3166-2:MY-04
SATURDAY_SUNDAY = frozenset({5, 6})


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    weekend: frozenset[int] = SATURDAY_SUNDAY

    @classmethod
    def melaka(cls, years: Iterable[int]) -> WorkingCalendar:
        """Federal and Melaka public holidays for the given years (the holidays package)."""
        import holidays  # imported here: building the calendar is the only use

        wanted = sorted(set(years))
        if not wanted:
            return cls()
        calendar = holidays.country_holidays("MY", subdiv=MELAKA_SUBDIVISION, years=wanted)
        return cls(holidays=dict(calendar.items()))

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() not in self.weekend and day not in self.holidays

    def working_days_after(self, start: dt.date, end: dt.date) -> int:
        """Working days d with start < d <= end: how many a reply made on ``end`` used."""
        days = 0
        day = start + dt.timedelta(days=1)
        while day <= end:
            days += self.is_working_day(day)
            day += dt.timedelta(days=1)
        return days
