"""The dashboard's median days per stage counts Beijing calendar days: the start day is a local
date, and the closing moment (stored in UTC) is read as a local date too, so a stage met between
00:00 and 08:00 in Beijing is not dated the day before (issue 22)."""

import datetime

import pytest

from deadlines.services import deadline_meet, deadline_start
from organizations.models import Department
from reports.dashboard import Scope, median_days_per_stage
from tests.clock import travel

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-12-07")]


def stage(started: str, met: str, *, start_day: datetime.date | None = None) -> None:
    bureau = Department.objects.get(code="AMR-330106")
    with travel(started, tick=False):
        deadline = deadline_start(
            actor=None, rule_code="enforcement.review", target=bureau, department=bureau, start=start_day
        )
    with travel(met, tick=False):
        deadline_meet(actor=None, deadline=deadline)


def medians() -> list[tuple[float, int]]:
    return [(row["median"], row["count"]) for row in median_days_per_stage(Scope(province=None), 2026)]


def test_a_stage_across_local_midnight_takes_one_calendar_day():
    # 23:30 → 00:30 in Beijing is 15:30 → 16:30 UTC on the 7th: one local calendar day, not 0.
    stage("2026-12-07T23:30", "2026-12-08T00:30")
    assert medians() == [(1, 1)]


def test_a_stage_in_the_early_local_morning_takes_zero_days_never_minus_one():
    # 01:00 → 07:59 on the 8th in Beijing is still the 7th in UTC.
    stage("2026-12-08T01:00", "2026-12-08T07:59")
    assert medians() == [(0, 1)]


def test_early_morning_stages_of_several_days_are_counted_in_local_dates():
    stage("2026-12-08T00:05", "2026-12-10T07:30")  # 2 local days (1 in UTC dates less a day)
    stage("2026-12-08T09:00", "2026-12-11T02:00")  # 3 local days
    stage("2026-12-09T03:00", "2026-12-09T04:00")  # 0
    assert medians() == [(2, 3)]


def test_a_stage_met_early_on_new_years_day_counts_in_the_new_year_only():
    # Met at 01:00 on 1 January 2027 in Beijing (17:00 UTC on 31 December 2026).
    stage("2026-12-31T22:00", "2027-01-01T01:00")
    assert medians() == []
    assert [(row["median"], row["count"]) for row in median_days_per_stage(Scope(province=None), 2027)] == [(1, 1)]


def test_a_clock_started_on_a_later_day_than_it_was_met_counts_zero_days():
    # deadline_start takes a start day from its caller: one after the completion is no negative stage.
    stage("2026-12-08T10:00", "2026-12-08T11:00", start_day=datetime.date(2026, 12, 10))
    assert medians() == [(0, 1)]
