"""Reads on deadlines: who must be reminded, who is escalated to, what a case's clocks show."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from organizations.models import Role
from organizations.selectors import members_of

from .models import Deadline


def deadlines_for(target) -> QuerySet[Deadline]:
    return Deadline.objects.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk).order_by(
        "due_on", "pk"
    )


def reminder_recipients(deadline: Deadline):
    """The assignee, else the task's owner, else every member of the queue."""
    if deadline.assignee_id:
        return [deadline.assignee]
    task = deadline.task if deadline.task_id else None
    if task is not None and task.owner_id:
        return [task.owner]
    return list(members_of(deadline.department_id, deadline.queue_role))


def escalation_recipients(deadline: Deadline):
    return list(members_of(deadline.department_id, Role.LEAD))
