"""The days off set by law (全国年节及纪念日放假办法, 2025), counted in a year with no entered schedule
(ADR 0041): checked against the official schedules chinese-calendar knows, and by hand for 2027."""

import datetime

import chinese_calendar
import pytest
from django.utils import translation

from deadlines.calendar import WorkingCalendar
from deadlines.statutory import days_off_by_law, holidays_by_law

D = datetime.date


def _days(year):
    with translation.override("en"):
        return {str(name): days for name, days in holidays_by_law(year)}


def test_the_holidays_of_2027_by_the_lunar_calendar_and_the_solar_terms():
    holidays = _days(2027)
    assert holidays["New Year's Day"] == [D(2027, 1, 1)]
    # 除夕 2027 is 5 February (the 12th lunar month of 2026 has 29 days): 除夕 to 正月初三.
    assert holidays["Spring Festival"] == [D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8)]
    assert holidays["Qingming Festival"] == [D(2027, 4, 5)]
    assert holidays["Labour Day"] == [D(2027, 5, 1), D(2027, 5, 2)]
    assert holidays["Dragon Boat Festival"] == [D(2027, 6, 9)]
    assert holidays["Mid-Autumn Festival"] == [D(2027, 9, 15)]
    assert holidays["National Day"] == [D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 3)]


def test_holidays_on_a_weekend_are_made_up_on_the_next_weekdays():
    # 6–7 Feb, 1–2 May and 2–3 Oct 2027 fall on weekends (第六条: 补假).
    assert sorted(days_off_by_law(2027)) == [
        D(2027, 1, 1),
        D(2027, 2, 5),
        D(2027, 2, 8),
        D(2027, 2, 9),
        D(2027, 2, 10),
        D(2027, 4, 5),
        D(2027, 5, 3),
        D(2027, 5, 4),
        D(2027, 6, 9),
        D(2027, 9, 15),
        D(2027, 10, 1),
        D(2027, 10, 4),
        D(2027, 10, 5),
    ]


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_day_off_by_law_is_off_in_the_official_schedule(year):
    law = {day for _name, days in holidays_by_law(year) for day in days} | set(days_off_by_law(year))
    assert len(law) >= 13
    assert [day for day in sorted(law) if chinese_calendar.is_workday(day)] == []


def test_before_the_2025_law_nothing_is_computed():
    assert days_off_by_law(2003) == {}


def test_ten_working_days_from_christmas_2026_skip_new_years_day_2027_and_are_provisional():
    due = WorkingCalendar(entered_days={}).add_working_days(D(2026, 12, 25), 10)
    # 28–31 Dec, then 1 Jan (元旦, off by law), 4–8 Jan, 11 Jan.
    assert due.date == D(2027, 1, 11)
    assert due.provisional


def test_a_deadline_never_ends_on_a_day_off_by_law():
    calendar = WorkingCalendar(entered_days={})
    # +2 months from 7 Dec 2026 is Sunday 7 Feb 2027: 8 Feb is 春节, 9–10 Feb are in lieu of 6–7 Feb.
    assert calendar.add_months(D(2026, 12, 7), 2) == calendar.roll_to_working_day(D(2027, 2, 7))
    assert calendar.add_months(D(2026, 12, 7), 2).date == D(2027, 2, 11)


def test_counting_between_dates_agrees_with_counting_day_by_day_in_a_year_by_law():
    calendar = WorkingCalendar(entered_days={})
    start = D(2026, 12, 20)
    for amount in (1, 5, 10, 30, 60, 120, 250):
        due = calendar.add_working_days(start, amount).date
        assert calendar.working_days_between(start, due) == amount
