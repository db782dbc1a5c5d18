"""The fixed-date machinery of tests/conftest.py (ADR 0027) does what the markers say."""

import datetime

import pytest
from django.utils import timezone

from tests.clock import HARD_DATES, moment, working_day_on_or_after


@pytest.mark.on_hard_dates
def test_a_hard_dates_test_runs_once_at_each_hard_date_in_beijing(hard_date):
    assert timezone.localdate() == datetime.date.today() == hard_date.day
    assert timezone.localtime().hour == 10


def test_a_hard_dates_test_is_one_test_per_hard_date_in_the_same_run(request):
    runs = [
        item.callspec.params["hard_date"]
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_a_hard_dates_test_runs_once_at_each_hard_date_in_beijing"
    ]
    if not runs:
        pytest.skip("selected without the test it counts")
    assert runs == list(HARD_DATES)


@pytest.mark.on_date("2026-02-14")
def test_on_date_travels_with_the_clock_ticking():
    first = timezone.now()
    assert timezone.localdate() == datetime.date(2026, 2, 14)
    while timezone.now() == first:
        pass


def test_the_hard_dates_are_what_they_claim():
    by_id = {hard.id: hard.day for hard in HARD_DATES}
    spring = by_id["2026-02-13-before-spring-festival"]
    assert spring.weekday() == 4 and working_day_on_or_after(spring + datetime.timedelta(days=2)) == datetime.date(
        2026, 2, 24
    )
    assert by_id["2026-03-31-31st"].day == 31
    assert (by_id["2026-12-07-plus-90-is-sunday"] + datetime.timedelta(days=90)).weekday() == 6
    assert by_id["2026-12-28-into-2027"].month == 12


def test_a_moment_is_mid_morning_in_beijing_unless_given():
    assert moment("2026-12-07") == datetime.datetime(2026, 12, 7, 2, tzinfo=datetime.UTC)
    assert moment("2026-12-07T23:30") == datetime.datetime(2026, 12, 7, 15, 30, tzinfo=datetime.UTC)
