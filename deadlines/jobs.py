"""The worker's deadline job: reminders before the due date, escalation to the lead when overdue."""

import logging

from django.db import transaction
from django.utils import timezone

from notifications.services import notify

from .calendar import WorkingCalendar
from .models import Deadline, DeadlineAlert
from .selectors import escalation_recipients, reminder_recipients
from .services import deadline_mark_overdue

logger = logging.getLogger("terroir.deadlines")


def _link(target) -> str:
    get_url = getattr(target, "get_absolute_url", None)
    return get_url() if get_url else ""


def escalate_overdue(today, batch: int = 200) -> int:
    done = 0
    with transaction.atomic():
        overdue = list(
            Deadline.objects.select_for_update(skip_locked=True)
            .filter(state=Deadline.State.RUNNING, due_on__lt=today)
            .order_by("due_on")[:batch]
        )
        for deadline in overdue:
            deadline = deadline_mark_overdue(deadline=deadline)
            _, created = DeadlineAlert.objects.get_or_create(
                deadline=deadline, kind="escalation", due_on=deadline.due_on
            )
            if not created:
                continue
            recipients = escalation_recipients(deadline)
            if not recipients:
                logger.warning("deadline %s is overdue and its body has no lead to escalate to", deadline.pk)
            target = deadline.target
            notify(
                recipients=recipients,
                kind="deadline.escalation",
                target=target,
                link=_link(target),
                context={"deadline": deadline, "overdue_days": (today - deadline.due_on).days},
            )
            done += 1
    return done


def send_reminders(today, batch: int = 500) -> int:
    calendar = WorkingCalendar()
    sent = 0
    with transaction.atomic():
        horizon = calendar.add_working_days(today, 10).date
        candidates = (
            Deadline.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(state=Deadline.State.RUNNING, due_on__gte=today, due_on__lte=horizon)
            .select_related("task", "assignee", "department")
            .order_by("due_on")[:batch]
        )
        for deadline in candidates:
            days_left = calendar.working_days_between(today, deadline.due_on)
            due_offsets = [offset for offset in deadline.rule.reminders if days_left <= offset]
            if not due_offsets:
                continue
            already = set(
                DeadlineAlert.objects.filter(deadline=deadline, due_on=deadline.due_on).values_list("kind", flat=True)
            )
            new_kinds = [f"reminder-{offset}" for offset in due_offsets if f"reminder-{offset}" not in already]
            if not new_kinds:
                continue
            # One message even when the worker first sees the deadline past several reminder points.
            DeadlineAlert.objects.bulk_create(
                [DeadlineAlert(deadline=deadline, kind=kind, due_on=deadline.due_on) for kind in new_kinds]
            )
            target = deadline.target
            notify(
                recipients=reminder_recipients(deadline),
                kind="deadline.reminder",
                target=target,
                link=_link(target),
                context={"deadline": deadline, "days_left": days_left},
            )
            sent += 1
    return sent


def check_deadlines(today=None) -> int:
    today = today or timezone.localdate()
    return escalate_overdue(today) + send_reminders(today)
