"""Every legal time limit started today, at each hard date (tests/clock.py): the due date is the
one the test derives from the calendar on its own, and, for the limits the casework meets most,
the one written out here by hand."""

import calendar as month_calendar
import datetime

import pytest

from deadlines.rules import RULES, PeriodKind
from deadlines.services import deadline_start
from organizations.models import Department
from tests.clock import is_working_day, working_day_on_or_after

pytestmark = pytest.mark.django_db
D = datetime.date

# chinese-calendar knows the days of 2004–2026; later dates are provisional until entered.
LAST_KNOWN_YEAR = 2026


def expected_due(kind: str, amount: int, start: D) -> D:
    """docs/domain.md §5: the start day is not counted; a due date on a day off moves to the next working day."""
    if kind == PeriodKind.WORKING_DAYS:
        day, found = start, 0
        while found < amount:
            day += datetime.timedelta(days=1)
            found += is_working_day(day)
        return day
    if kind == PeriodKind.CALENDAR_DAYS:
        return working_day_on_or_after(start + datetime.timedelta(days=amount))
    year, month = divmod(start.month - 1 + amount, 12)
    year, month = start.year + year, month + 1
    return working_day_on_or_after(D(year, month, min(start.day, month_calendar.monthrange(year, month)[1])))


# Counted by hand on the 2026 schedule (Spring Festival 15–23 Feb off, 14 and 28 Feb working
# Saturdays; Qingming 4–6 Apr off) and, for 2027, Monday to Friday less the days off by law (ADR 0041).
BY_HAND = {
    D(2026, 2, 13): {
        "enforcement.defence": D(2026, 2, 27),  # 14 Feb (Sat, working), then 24–27 Feb
        "enforcement.review": D(2026, 3, 5),  # 14, 24–28 Feb, 2–5 Mar
        "enforcement.verification": D(2026, 3, 12),
        "enforcement.payment": D(2026, 2, 28),  # the 15th day is a make-up working Saturday
        "application.objection_window": D(2026, 4, 13),
        "enforcement.case": D(2026, 5, 14),
    },
    D(2026, 3, 31): {
        "enforcement.defence": D(2026, 4, 8),  # 1–3 Apr, Qingming 4–6 Apr, 7–8 Apr
        "enforcement.review": D(2026, 4, 15),
        "enforcement.payment": D(2026, 4, 15),
        "application.objection_window": D(2026, 6, 1),  # 31 May is a Sunday
        "enforcement.case": D(2026, 6, 29),
    },
    D(2026, 12, 7): {
        "enforcement.defence": D(2026, 12, 14),
        "enforcement.review": D(2026, 12, 21),
        "enforcement.verification": D(2026, 12, 28),
        "enforcement.payment": D(2026, 12, 22),
        # 7 Feb 2027 is a Sunday; 8 Feb is 春节, 9–10 Feb in lieu of 6–7 Feb (provisional)
        "application.objection_window": D(2027, 2, 11),
        "enforcement.case": D(2027, 3, 8),  # 7 Mar 2027 is a Sunday (provisional)
    },
    D(2026, 12, 28): {
        "enforcement.defence": D(2027, 1, 5),  # 29–31 Dec, 4–5 Jan: 1 Jan is 元旦 (provisional)
        "enforcement.review": D(2027, 1, 12),
        "enforcement.payment": D(2027, 1, 12),
        "application.objection_window": D(2027, 3, 1),  # 28 Feb 2027 is a Sunday
        "enforcement.case": D(2027, 3, 29),  # 28 Mar 2027 is a Sunday
    },
}


@pytest.fixture
def target():
    return Department.objects.get(code="AMR-330106")  # any model with an integer key


@pytest.mark.on_hard_dates
def test_every_limit_started_today_falls_due_on_the_day_the_calendar_gives(target, hard_date):
    today = hard_date.day
    started = {code: deadline_start(actor=None, rule_code=code, target=target) for code in RULES}
    assert {deadline.started_on for deadline in started.values()} == {today}
    got = {code: (deadline.due_on, deadline.provisional) for code, deadline in started.items()}
    derived = {}
    for code, legal_rule in RULES.items():
        due = expected_due(legal_rule.kind, legal_rule.amount, today)
        derived[code] = (due, due.year > LAST_KNOWN_YEAR)
    assert got == derived
    assert {code: got[code][0] for code in BY_HAND[today]} == BY_HAND[today]


# docs/domain.md §5: the holidays set by law stand in a year with no published schedule (ADR 0041).
@pytest.mark.parametrize(
    "expected",
    [
        # 元旦, 1 January 2027, is off by law.
        pytest.param(
            {"enforcement.defence": D(2027, 1, 5), "enforcement.review": D(2027, 1, 12)},
            marks=pytest.mark.on_date("2026-12-28"),
            id="2026-12-28-new-year",
        ),
        # 春节 2027: 除夕 5 Feb, 6–8 Feb; 6 and 7 Feb fall on a weekend and are made up on 9 and 10 Feb.
        pytest.param(
            {"application.objection_window": D(2027, 2, 11)},
            marks=pytest.mark.on_date("2026-12-07"),
            id="2026-12-07-spring-festival",
        ),
    ],
)
def test_provisional_limits_keep_the_holidays_set_by_law(target, expected):
    got = {code: deadline_start(actor=None, rule_code=code, target=target).due_on for code in expected}
    assert got == expected
