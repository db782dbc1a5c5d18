"""The worker's deadline job: reminders 3 and 1 working days before, escalation when overdue, each once."""

import datetime

import pytest
from django.db import transaction

from deadlines.jobs import check_deadlines
from deadlines.models import Deadline
from deadlines.services import deadline_start
from notifications.models import Notification
from organizations.models import Department, Role
from tests.factories.organizations import make_member

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def bureau():
    return Department.objects.get(code="AMR-330106")


@pytest.fixture
def clock(bureau):
    # 15 working days from Mon 2 Nov 2026: due Mon 23 Nov 2026.
    with transaction.atomic():
        return deadline_start(
            actor=None, rule_code="enforcement.verification", target=bureau, department=bureau, start=D(2026, 11, 2)
        )


def kinds_for(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True))


def test_queue_members_are_reminded_at_three_and_one_working_days_once_each(bureau, clock):
    assert clock.due_on == D(2026, 11, 23)
    staff = make_member(bureau.code, Role.STAFF)
    outsider = make_member("AMR-330102", Role.STAFF)

    assert check_deadlines(D(2026, 11, 17)) == 0  # four working days left: too early
    assert check_deadlines(D(2026, 11, 18)) == 1  # Wed → Mon: three working days
    assert check_deadlines(D(2026, 11, 18)) == 0  # the same day again sends nothing
    assert check_deadlines(D(2026, 11, 19)) == 0
    assert check_deadlines(D(2026, 11, 20)) == 1  # Fri → Mon: one working day
    assert kinds_for(staff) == ["deadline.reminder", "deadline.reminder"]
    assert kinds_for(outsider) == []
    reminder = Notification.objects.filter(recipient=staff).first()
    assert "2026" in reminder.body and bureau.name in reminder.subject


def test_a_worker_that_missed_the_first_reminder_sends_one_message_not_two(bureau, clock):
    staff = make_member(bureau.code, Role.STAFF)
    assert check_deadlines(D(2026, 11, 20)) == 1
    assert check_deadlines(D(2026, 11, 20)) == 0
    assert kinds_for(staff) == ["deadline.reminder"]


def test_an_assignee_is_reminded_instead_of_the_queue(bureau):
    staff = make_member(bureau.code, Role.STAFF)
    inspector = make_member(bureau.code, Role.INSPECTOR)
    with transaction.atomic():
        deadline_start(
            actor=None,
            rule_code="enforcement.verification",
            target=bureau,
            department=bureau,
            assignee=inspector,
            start=D(2026, 11, 2),
        )
    check_deadlines(D(2026, 11, 20))
    assert kinds_for(inspector) == ["deadline.reminder"]
    assert kinds_for(staff) == []


def test_overdue_clock_is_marked_and_escalated_to_the_lead_once(bureau, clock):
    lead = make_member(bureau.code, Role.LEAD)
    staff = make_member(bureau.code, Role.STAFF)
    assert check_deadlines(D(2026, 11, 24)) == 1
    assert Deadline.objects.get(pk=clock.pk).state == "overdue"
    assert kinds_for(lead) == ["deadline.escalation"]
    assert "deadline.escalation" not in kinds_for(staff)
    assert check_deadlines(D(2026, 11, 25)) == 0
    assert kinds_for(lead) == ["deadline.escalation"]


def test_met_clocks_are_left_alone(bureau, clock):
    from deadlines.services import deadline_meet

    lead = make_member(bureau.code, Role.LEAD)
    with transaction.atomic():
        deadline_meet(actor=None, deadline=clock)
    assert check_deadlines(D(2026, 11, 20)) == 0
    assert check_deadlines(D(2026, 11, 30)) == 0
    assert kinds_for(lead) == []
