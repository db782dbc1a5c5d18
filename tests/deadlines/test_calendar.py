import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deadlines.calendar import WorkingCalendar

D = datetime.date
NO_ENTRIES: dict = {}


def calendar(entries=None) -> WorkingCalendar:
    return WorkingCalendar(entered_days=entries if entries is not None else NO_ENTRIES)


def test_five_working_days_from_the_last_working_day_before_spring_festival_2026():
    # Saturday 14 Feb is a make-up working day, 15–23 Feb are off, Saturday 28 Feb works again.
    due = calendar().add_working_days(D(2026, 2, 14), 5)
    assert due.date == D(2026, 2, 28)
    assert not due.provisional


def test_start_day_is_not_counted():
    assert calendar().add_working_days(D(2026, 3, 2), 1).date == D(2026, 3, 3)
    assert calendar().add_working_days(D(2026, 3, 6), 1).date == D(2026, 3, 9)  # Friday → Monday


def test_calendar_days_ending_on_a_holiday_move_to_the_next_working_day():
    # 10 days from 6 Feb 2026 is 16 Feb, inside the Spring Festival: the period ends on 24 Feb.
    assert calendar().add_calendar_days(D(2026, 2, 6), 10).date == D(2026, 2, 24)
    assert calendar().add_calendar_days(D(2026, 3, 2), 10).date == D(2026, 3, 12)


def test_months_end_on_the_same_day_or_the_months_last_day():
    assert calendar().add_months(D(2026, 3, 10), 2).date == D(2026, 5, 11)  # 10 May is a Sunday
    assert calendar().add_months(D(2026, 12, 31), 2).date == D(2027, 3, 1)  # 28 Feb 2027 is a Sunday
    assert calendar().add_months(D(2026, 4, 15), 2).date == D(2026, 6, 15)


def test_unknown_year_keeps_the_holidays_set_by_law_and_is_provisional():
    due = calendar().add_working_days(D(2026, 12, 30), 5)
    # 31 Dec 2026 (Thu), then 2027: the package knows nothing; 1 Jan is off by law (ADR 0041).
    assert due.provisional
    assert due.date == D(2027, 1, 7)


def test_entered_year_takes_precedence_over_the_package_and_is_not_provisional():
    entries = {
        2027: {
            D(2027, 1, 1): False,
            D(2027, 1, 4): False,  # pretend the State Council gave Monday off
            D(2027, 1, 9): True,  # and a make-up working Saturday
        }
    }
    due = calendar(entries).add_working_days(D(2026, 12, 30), 5)
    assert not due.provisional
    # 31 Dec, 5 Jan, 6 Jan, 7 Jan, 8 Jan
    assert due.date == D(2027, 1, 8)
    assert calendar(entries).add_working_days(D(2027, 1, 8), 1).date == D(2027, 1, 9)


def test_entered_year_overrides_even_a_year_the_package_knows():
    entries = {2026: {D(2026, 3, 3): False}}
    assert calendar(entries).add_working_days(D(2026, 3, 2), 1).date == D(2026, 3, 4)


def test_working_days_between_counts_the_interval_without_its_start():
    assert calendar().working_days_between(D(2026, 2, 13), D(2026, 2, 24)) == 2  # 14 and 24 Feb
    assert calendar().working_days_between(D(2026, 3, 5), D(2026, 3, 5)) == 0


@given(st.dates(min_value=D(2010, 1, 1), max_value=D(2026, 6, 30)), st.integers(min_value=0, max_value=60))
def test_adding_then_counting_working_days_round_trips(start, count):
    due = calendar().add_working_days(start, count)
    assert calendar().working_days_between(start, due.date) == count
    assert count == 0 or calendar().is_working_day(due.date)


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        calendar().add_working_days(D(2026, 1, 5), -1)


def _day_by_day(working_calendar: WorkingCalendar, start, end) -> int:
    return sum(
        working_calendar.is_working_day(start + datetime.timedelta(days=n)) for n in range(1, (end - start).days + 1)
    )


ENTERED = {2027: {D(2027, 1, 1): False, D(2027, 1, 4): False, D(2027, 1, 9): True, D(2027, 1, 6): True}}


@given(
    st.dates(min_value=D(2003, 12, 1), max_value=D(2029, 12, 31)),
    st.integers(min_value=0, max_value=800),
    st.booleans(),
)
def test_working_days_between_counts_as_the_days_one_by_one_would(start, length, entered):
    """The count by weekdays and each year's exceptions agrees with asking every day, across the
    package's years, the years it does not know (the law's holidays) and entered years."""
    working_calendar = calendar(ENTERED if entered else None)
    end = start + datetime.timedelta(days=length)
    assert working_calendar.working_days_between(start, end) == _day_by_day(working_calendar, start, end)
    assert working_calendar.working_days_between(end, start) == 0
