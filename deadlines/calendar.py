"""China's working-day calendar and the period rules of docs/domain.md §5.

Sources, in order of precedence for a year:
1. the official schedule an administrator entered (CalendarYear / CalendarDay), the
   State Council publishes next year's holidays and make-up working days each autumn;
2. the chinese-calendar package, which knows 2004–2026;
3. the days off set by law (deadlines/statutory.py: 元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆 and
   the days in lieu of those on a weekend) on top of Monday to Friday, marked *provisional*: the
   make-up working days are unknown, so such deadlines are recomputed when the year's days are
   entered (ADR 0041).

Periods: the start day is not counted; a deadline falling on a day off moves to the
next working day; a period in months ends on the same day of the month (or the
month's last day) — 民法典 第二百零一条、第二百零三条.
"""

import calendar as month_calendar
import datetime
from dataclasses import dataclass
from functools import cached_property

import chinese_calendar

from .statutory import days_off_by_law

# Far more than any legal period; guards loops against a corrupt calendar.
MAX_SCAN_DAYS = 3660


@dataclass(frozen=True)
class DayStatus:
    is_working_day: bool
    provisional: bool


@dataclass(frozen=True)
class DueDate:
    date: datetime.date
    provisional: bool


def _weekdays_between(start: datetime.date, end: datetime.date) -> int:
    """Mondays to Fridays in (start, end]."""
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        count += (start + datetime.timedelta(days=weeks * 7 + offset)).weekday() < 5
    return count


def _package_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(datetime.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


class WorkingCalendar:
    """One instance per computation: it reads the entered years once."""

    def __init__(self, entered_days: dict[int, dict[datetime.date, bool]] | None = None):
        self._entered = entered_days
        self._exceptions_by_year: dict[int, dict[datetime.date, bool]] = {}

    @cached_property
    def entered(self) -> dict[int, dict[datetime.date, bool]]:
        if self._entered is not None:
            return self._entered
        from .models import CalendarDay, CalendarYear

        years: dict[int, dict[datetime.date, bool]] = {
            year: {} for year in CalendarYear.objects.values_list("year", flat=True)
        }
        for date, is_working in CalendarDay.objects.values_list("date", "is_working_day"):
            years.setdefault(date.year, {})[date] = is_working
        return years

    def status(self, day: datetime.date) -> DayStatus:
        if day.year in self.entered:
            official = self.entered[day.year].get(day)
            return DayStatus(official if official is not None else day.weekday() < 5, provisional=False)
        try:
            return DayStatus(chinese_calendar.is_workday(day), provisional=False)
        except NotImplementedError:
            return DayStatus(day.weekday() < 5 and day not in days_off_by_law(day.year), provisional=True)

    def is_working_day(self, day: datetime.date) -> bool:
        return self.status(day).is_working_day

    def add_working_days(self, start: datetime.date, count: int) -> DueDate:
        """The count-th working day after start (start itself not counted)."""
        if count < 0:
            raise ValueError("count must not be negative")
        day, found, provisional = start, 0, False
        for _ in range(MAX_SCAN_DAYS):
            if found == count:
                return DueDate(day, provisional)
            day += datetime.timedelta(days=1)
            status = self.status(day)
            provisional |= status.provisional
            found += status.is_working_day
        raise ValueError(f"no {count} working days found within {MAX_SCAN_DAYS} days of {start}")

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days in (start, end]: what is left of a period when paused on start.

        Counted as the weekdays of the interval, corrected by each year's days that differ from
        Monday to Friday (holidays on weekdays, make-up working weekend days), not day by day: a
        list of tasks overdue for years (我的工作) asks for thousands of days per row.
        """
        if end <= start:
            return 0
        count = _weekdays_between(start, end)
        for year in range(start.year, end.year + 1):
            for day, is_working in self._exceptions(year).items():
                if start < day <= end:
                    count += 1 if is_working else -1
        return count

    def _exceptions(self, year: int) -> dict[datetime.date, bool]:
        """The year's days whose status differs from Monday to Friday, by the source status() reads."""
        cache = self._exceptions_by_year
        if year not in cache:
            if year in self.entered:
                days = self.entered[year]
            elif _package_knows(year):
                days = {day: True for day in chinese_calendar.workdays if day.year == year}
                days.update({day: False for day in chinese_calendar.holidays if day.year == year and day not in days})
            else:
                days = dict.fromkeys(days_off_by_law(year), False)
            cache[year] = {day: working for day, working in days.items() if working != (day.weekday() < 5)}
        return cache[year]

    def roll_to_working_day(self, day: datetime.date) -> DueDate:
        provisional = False
        for _ in range(MAX_SCAN_DAYS):
            status = self.status(day)
            provisional |= status.provisional
            if status.is_working_day:
                return DueDate(day, provisional)
            day += datetime.timedelta(days=1)
        raise ValueError(f"no working day within {MAX_SCAN_DAYS} days of {day}")

    def add_calendar_days(self, start: datetime.date, count: int) -> DueDate:
        return self.roll_to_working_day(start + datetime.timedelta(days=count))

    def add_months(self, start: datetime.date, count: int) -> DueDate:
        month_index = start.month - 1 + count
        year, month = start.year + month_index // 12, month_index % 12 + 1
        day = min(start.day, month_calendar.monthrange(year, month)[1])
        return self.roll_to_working_day(datetime.date(year, month, day))
