"""Reads on deadlines: who must be reminded, who is escalated to, what a case's clocks show."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from organizations.models import Role

from .models import Deadline


def deadlines_for(target) -> QuerySet[Deadline]:
    return Deadline.objects.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk).order_by(
        "due_on", "pk"
    )


def _members(deadline: Deadline, role: str):
    if deadline.department_id is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__department_id=deadline.department_id,
            memberships__role=role,
            memberships__is_active=True,
        )
        .distinct()
    )


def reminder_recipients(deadline: Deadline):
    """The assignee, else the task's owner, else every member of the queue."""
    if deadline.assignee_id:
        return [deadline.assignee]
    if deadline.task_id and deadline.task.owner_id:
        return [deadline.task.owner]
    return list(_members(deadline, deadline.queue_role))


def escalation_recipients(deadline: Deadline):
    return list(_members(deadline, Role.LEAD))
