"""Working days on the Melaka calendar: weekends and federal and Melaka holidays excluded,
with the days the state declares off or on beyond them (``policy.extra_holidays`` and
``policy.extra_working_days``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MELAKA_SUBDIVISION = "04"  # ISO 3166-2:MY-04
SATURDAY_SUNDAY = frozenset({5, 6})
EXTRA_HOLIDAY = "Cuti tambahan negeri (policy.extra_holidays)"


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
    ) -> WorkingCalendar:
        """Federal and Melaka public holidays for the given years (the holidays package),
        and the state's declared extra days off and on."""
        import holidays  # imported here: building the calendar is the only use

        wanted = sorted(set(years))
        official = (
            dict(holidays.country_holidays("MY", subdiv=MELAKA_SUBDIVISION, years=wanted).items())
            if wanted
            else {}
        )
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
