"""Calendar arithmetic on plain dates: the periods a date expression can stand for."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from whimbrel.model import DatePrecision


@dataclass(frozen=True, slots=True)
class DateRange:
    """When an event happened: ``start`` .. ``end`` inclusive; ``end`` is None for a single day."""

    start: date
    end: date | None
    precision: DatePrecision

    @classmethod
    def day(cls, day: date) -> DateRange:
        return cls(day, None, "day")

    def capped_at(self, last: date) -> DateRange:
        """This range with its end pulled back to ``last`` (a past event cannot run past the report)."""
        if self.end is None or self.end <= last or self.start > last:
            return self
        return DateRange(self.start, last if last > self.start else None, self.precision)


def week_of(day: date) -> DateRange:
    """The Monday..Sunday week holding ``day`` (ISO weeks start on Monday)."""
    monday = day - timedelta(days=day.weekday())
    return DateRange(monday, monday + timedelta(days=6), "week")


def month_of(year: int, month: int) -> DateRange:
    last_day = calendar.monthrange(year, month)[1]
    return DateRange(date(year, month, 1), date(year, month, last_day), "month")


def year_of(year: int) -> DateRange:
    return DateRange(date(year, 1, 1), date(year, 12, 31), "year")


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by ``months`` calendar months."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def weekday_on_or_before(anchor: date, weekday: int) -> date:
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_before(anchor: date, weekday: int) -> date:
    return weekday_on_or_before(anchor - timedelta(days=1), weekday)


def weekday_on_or_after(anchor: date, weekday: int) -> date:
    return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)


def weekday_after(anchor: date, weekday: int) -> date:
    return weekday_on_or_after(anchor + timedelta(days=1), weekday)
