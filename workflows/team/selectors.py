"""Reads of team work on the case pages: the reassign form a lead is offered, and who writes."""

from dataclasses import dataclass

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from organizations.models import Department, Role
from organizations.selectors import active_memberships, departments_of, is_staff_member

from ..next_step import task_candidates

# People a lead may choose from in one form; each is asked whether they see the case (one query),
# so the form's cost stays bounded. A bureau has a handful of people per task.
REASSIGN_CHOICES = 20
OPEN = (STATUS.NEW, STATUS.ASSIGNED)


def responsible_body_id(task: Task) -> int | None:
    return task.flow_task.flow_class.instance.responsible_body_id(task)


def leads(user, body_id: int | None) -> bool:
    """The user is a lead of the body (not of a body above or beside it)."""
    return body_id is not None and departments_of(user, Role.LEAD).filter(pk=body_id).exists()


def may_hand_to(task: Task, person) -> bool:
    """The person may do the task: they hold its permission and pass every eligibility rule (the
    people the next-step panel names, whoever holds it now)."""
    return bool(task_candidates(task, ignoring_owner=True, among=[person.pk]))


@dataclass(frozen=True)
class ReassignOffer:
    task: Task
    candidates: list  # everyone who may do the task, but its holder
    more: bool


def reassign_offer(user, task: Task | None) -> ReassignOffer | None:
    """The form to hand an open human task to a colleague, for a lead of its responsible body; None
    for anyone else (the panel shows no form)."""
    if task is None or task.flow_task_type != "HUMAN" or task.status not in OPEN:
        return None
    if not (user.is_authenticated and is_staff_member(user)) or not leads(user, responsible_body_id(task)):
        return None
    people = task_candidates(task, limit=REASSIGN_CHOICES, ignoring_owner=True)
    more = len(people) > REASSIGN_CHOICES
    return ReassignOffer(task, [p for p in people[:REASSIGN_CHOICES] if p.pk != task.owner_id], more)


def body_of(body_id: int | None) -> Department | None:
    return Department.objects.filter(pk=body_id).first() if body_id is not None else None


def writing_department(user) -> Department | None:
    """The body a person is named with (a note's author, a new holder): their first staff membership,
    an expert's otherwise."""
    memberships = sorted(active_memberships(user), key=lambda m: (m.role == Role.EXPERT, m.pk))
    return memberships[0].department if memberships else None
