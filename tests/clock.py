"""Tests that depend on today run at fixed dates (ADR 0027).

- `@pytest.mark.on_date("2026-03-02")`: the test runs at that date (10:00 in Beijing, the clock
  ticking). For a test that reads today but whose answer does not hinge on the calendar.
- `@pytest.mark.on_hard_dates`: the test runs once at each of HARD_DATES, in the same run; it
  may take the `hard_date` fixture (a HardDate) to assert what the answer is on that date.
- `@pytest.mark.real_clock`: never travelled (it compares now with file times, which are real).
- `pytest --today=2026-12-07` (or `--today=2026-12-07T23:30`): the whole run travels to that
  moment, to hunt tests that depend on today without saying so. Marked tests keep their dates;
  browser tests keep the real clock (Chromium's is real: a session cookie the server sets with
  an Expires in the browser's past is dropped, and the login with it).

time-machine patches the clock of the whole process, so the live server's thread travels too.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import time_machine

BEIJING = ZoneInfo("Asia/Shanghai")
# Mid-morning: the day in Beijing and in UTC agree (both are the same date from 08:00 to 24:00).
DEFAULT_TIME = datetime.time(10, 0)


@dataclass(frozen=True)
class HardDate:
    day: datetime.date
    id: str
    why: str

    def __str__(self) -> str:
        return self.id


HARD_DATES = (
    HardDate(
        datetime.date(2026, 2, 13),
        "2026-02-13-before-spring-festival",
        "a Friday before the Spring Festival: 14 Feb is a make-up working Saturday, 15–23 Feb are off",
    ),
    HardDate(
        datetime.date(2026, 3, 31),
        "2026-03-31-31st",
        "the 31st of a month: +1 month is 30 April (a short month), +2 months is Sunday 31 May",
    ),
    HardDate(
        datetime.date(2026, 12, 7),
        "2026-12-07-plus-90-is-sunday",
        "+90 days is Sunday 7 March 2027: the deadline rolls to Monday 8 March (provisional)",
    ),
    HardDate(
        datetime.date(2026, 12, 28),
        "2026-12-28-into-2027",
        "a December day whose working-day limits end in 2027, a year chinese-calendar does not know",
    ),
)


def moment(value: datetime.date | datetime.datetime | str) -> datetime.datetime:
    """A Beijing moment for a date (at DEFAULT_TIME), a naive datetime or an ISO string."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value) if "T" in value else datetime.date.fromisoformat(value)
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, DEFAULT_TIME)
    if value.tzinfo is None:
        value = value.replace(tzinfo=BEIJING)
    # In UTC, so that time-machine leaves the process's TZ (which Django set) alone.
    return value.astimezone(datetime.UTC)


def travel(value, *, tick: bool = True) -> time_machine.travel:
    return time_machine.travel(moment(value), tick=tick)


def real_now() -> datetime.datetime:
    """The wall clock, whatever travel is under way."""
    return datetime.datetime.fromtimestamp(time_machine.escape_hatch.time.time(), tz=datetime.UTC)


# 2027's weekdays off by law (全国年节及纪念日放假办法, counted by hand, ADR 0041): 元旦 1 Jan; 春节
# 除夕 5 Feb and 8 Feb, 9–10 Feb in lieu of 6–7 Feb; 清明 5 Apr; 劳动节 3–4 May in lieu of 1–2 May;
# 端午 9 Jun; 中秋 15 Sep; 国庆 1 Oct, 4–5 Oct in lieu of 2–3 Oct.
LAW_DAYS_OFF_2027 = frozenset(
    datetime.date(2027, month, day)
    for month, day in (
        (1, 1),
        (2, 5),
        (2, 8),
        (2, 9),
        (2, 10),
        (4, 5),
        (5, 3),
        (5, 4),
        (6, 9),
        (9, 15),
        (10, 1),
        (10, 4),
        (10, 5),
    )
)


# 2028's holidays by law (元旦, 春节 from 除夕 25 Jan, 清明, 劳动节, 端午, 中秋, 国庆): the oracle knows
# no in-lieu days for 2028, so it answers only for weekdays well away from them (the 2-year limits
# of rural projects reach 2028 from the hard dates).
HOLIDAYS_BY_LAW_2028 = tuple(
    datetime.date(2028, month, day)
    for month, day in ((1, 1), (1, 25), (1, 28), (4, 4), (5, 1), (5, 2), (5, 28), (10, 1), (10, 3))
)


def is_working_day(day: datetime.date) -> bool:
    """The test's own oracle for a day (no entered years): chinese-calendar, else (2027) Monday to
    Friday less the days off by law, else (2028, away from its holidays) Monday to Friday."""
    import chinese_calendar

    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        if day.year == 2028 and all(abs((day - holiday).days) > 3 for holiday in HOLIDAYS_BY_LAW_2028):
            return day.weekday() < 5
        if day.year != 2027:
            raise ValueError(f"the tests' calendar knows no {day}") from None
        return day.weekday() < 5 and day not in LAW_DAYS_OFF_2027


def working_day_on_or_after(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day
