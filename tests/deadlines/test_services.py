import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django_fsm import TransitionNotAllowed

from audit.models import AuditEvent
from deadlines.models import CalendarYear, Deadline
from deadlines.selectors import deadlines_for
from deadlines.services import (
    calendar_year_enter,
    deadline_cancel,
    deadline_extend,
    deadline_meet,
    deadline_pause,
    deadline_resume,
    deadline_start,
)
from organizations.models import Department

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def case():
    # Any model with an integer key stands in for a case here.
    return Department.objects.get(code="AMR-330106")


def test_start_computes_the_due_date_from_the_rule_table(case):
    deadline = deadline_start(actor=None, rule_code="enforcement.verification", target=case, start=D(2026, 2, 13))
    # 15 working days from Fri 13 Feb 2026: 14 Feb (make-up Saturday), 24–28 Feb (28th a
    # make-up Saturday), 2–6 Mar, 9–12 Mar; the holiday 15–23 Feb is skipped.
    assert deadline.due_on == D(2026, 3, 12)
    assert deadline.state == "running" and not deadline.provisional
    assert str(deadline.rule_label).startswith("Verification") or "核查" in str(deadline.rule_label)
    assert list(deadlines_for(case)) == [deadline]
    assert AuditEvent.objects.filter(action="deadline.start", target_id=str(deadline.pk)).exists()


def test_unknown_rule_is_refused(case):
    with pytest.raises(KeyError):
        deadline_start(actor=None, rule_code="no.such.rule", target=case)


def test_pause_then_resume_shifts_the_due_date_by_the_paused_working_days(case):
    deadline = deadline_start(actor=None, rule_code="enforcement.verification", target=case, start=D(2026, 3, 2))
    assert deadline.due_on == D(2026, 3, 23)  # 15 working days from Mon 2 Mar
    deadline = deadline_pause(actor=None, deadline=deadline, reason="检测", on=D(2026, 3, 5))
    assert deadline.state == "paused" and deadline.anchor_amount == 12
    # Paused Thu 5 Mar → resumed Thu 12 Mar: 5 working days later.
    deadline = deadline_resume(actor=None, deadline=deadline, on=D(2026, 3, 12))
    assert deadline.state == "running"
    assert deadline.due_on == D(2026, 3, 30)
    actions = list(AuditEvent.objects.filter(target_id=str(deadline.pk)).values_list("action", flat=True))
    assert actions == ["deadline.start", "deadline.pause", "deadline.resume"]


def test_a_pause_keeps_the_days_of_the_period_not_the_day_its_due_date_rolled_by(case):
    # 2026-12-07 + 90 days is Sunday 7 March 2027: due Monday 8 March.
    deadline = deadline_start(actor=None, rule_code="enforcement.case", target=case, start=D(2026, 12, 7))
    assert (deadline.due_on, deadline.provisional) == (D(2027, 3, 8), True)
    deadline = deadline_pause(actor=None, deadline=deadline, reason="中止", on=D(2026, 12, 7))
    assert deadline.anchor_amount == 90
    # Resumed the next day, the 90 days run from 8 December: 8 March 2027 again, not 9 March.
    deadline = deadline_resume(actor=None, deadline=deadline, on=D(2026, 12, 8))
    assert deadline.due_on == D(2027, 3, 8)
    # Paused after 10 days: 80 are left; resumed on Wednesday 23 Dec → 13 March 2027 (Sat) → Monday 15th.
    deadline = deadline_pause(actor=None, deadline=deadline, reason="听证", on=D(2026, 12, 18))
    assert deadline.anchor_amount == 80
    deadline = deadline_resume(actor=None, deadline=deadline, on=D(2026, 12, 23))
    assert deadline.due_on == D(2027, 3, 15)


def test_pause_over_a_public_holiday_counts_only_working_days(case):
    deadline = deadline_start(actor=None, rule_code="enforcement.verification", target=case, start=D(2026, 2, 2))
    deadline = deadline_pause(actor=None, deadline=deadline, reason="鉴定", on=D(2026, 2, 12))
    remaining = deadline.anchor_amount
    deadline = deadline_resume(actor=None, deadline=deadline, on=D(2026, 2, 24))
    from deadlines.calendar import WorkingCalendar

    assert WorkingCalendar().working_days_between(D(2026, 2, 24), deadline.due_on) == remaining


def test_a_non_pausable_limit_refuses_to_pause(case):
    deadline = deadline_start(actor=None, rule_code="enforcement.review", target=case)
    with pytest.raises(ValidationError):
        deadline_pause(actor=None, deadline=deadline, reason="x")
    assert Deadline.objects.get(pk=deadline.pk).state == "running"


def test_extend_moves_the_due_date_and_reopens_an_overdue_deadline(case):
    deadline = deadline_start(actor=None, rule_code="enforcement.verification", target=case, start=D(2026, 1, 5))
    with transaction.atomic():
        Deadline.objects.filter(pk=deadline.pk).update(state="overdue")
    deadline = deadline_extend(actor=None, deadline=deadline, amount=15, reason="负责人批准延长")
    assert deadline.extended_by == 15
    # 30 working days from Mon 5 Jan 2026: 29 weekdays to 13 Feb, then the make-up Saturday 14 Feb.
    assert deadline.due_on == D(2026, 2, 14)
    with pytest.raises(ValidationError):
        deadline_extend(actor=None, deadline=deadline, amount=0, reason="")


def test_meet_and_cancel_close_the_clock(case):
    met = deadline_meet(actor=None, deadline=deadline_start(actor=None, rule_code="enforcement.review", target=case))
    assert met.state == "met" and met.closed_at
    with pytest.raises(TransitionNotAllowed):
        deadline_meet(actor=None, deadline=met)
    cancelled = deadline_cancel(
        actor=None, deadline=deadline_start(actor=None, rule_code="enforcement.review", target=case), reason="撤回"
    )
    assert cancelled.state == "cancelled"


def test_entering_a_year_recomputes_provisional_deadlines(case):
    deadline = deadline_start(actor=None, rule_code="enforcement.review", target=case, start=D(2026, 12, 28))
    assert deadline.provisional
    assert deadline.due_on == D(2027, 1, 12)  # 29–31 Dec, 1 Jan off by law, 4–8 and 11–12 Jan
    _year, recomputed = calendar_year_enter(
        actor=None,
        year=2027,
        source="国务院办公厅通知（测试）",
        holidays=[(D(2027, 1, 1), "元旦"), (D(2027, 1, 4), "元旦")],
        working_days=[(D(2027, 1, 9), "调休")],
    )
    deadline = Deadline.objects.get(pk=deadline.pk)
    assert not deadline.provisional
    # 29, 30, 31 Dec; 5, 6, 7, 8, 9 (Sat, make-up), 11, 12 Jan: the same day, now final.
    assert deadline.due_on == D(2027, 1, 12)
    assert recomputed == 0
    assert AuditEvent.objects.filter(action="deadline.recompute").count() == 0


def test_entering_a_year_refuses_bad_days_and_changes_nothing():
    with pytest.raises(ValidationError) as error:
        calendar_year_enter(
            actor=None,
            year=2027,
            source="x",
            holidays=[(D(2027, 1, 1), "元旦"), (D(2028, 1, 1), "元旦")],
            working_days=[(D(2027, 1, 1), "调休")],
        )
    assert len(error.value.messages) == 2
    assert not CalendarYear.objects.exists()
