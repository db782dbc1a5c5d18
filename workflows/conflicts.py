"""A lost race answers 409 with a page that says what happened, never 403 or 500.

Two people (or two tabs) acting on the same case at once: one wins under the flow
lock; the other finds the task done, the row moved on, or the lock still held.
Those errors surface from viewflow and django-fsm as exceptions; this middleware
turns them into one friendly 409 page. See docs/adr/0016-a-lost-race-answers-409.md.
"""

import logging

import django_fsm
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import NoReverseMatch
from viewflow.fsm import TransitionNotAllowed as ViewflowTransitionNotAllowed
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from audit.models import AuditEvent
from teamwork.audit_actions import TeamAction

logger = logging.getLogger("terroir.conflicts")

CONFLICTS = (
    FlowLockFailed,
    django_fsm.ConcurrentTransition,
    django_fsm.TransitionNotAllowed,
    ViewflowTransitionNotAllowed,
)


def _where_it_stands(request) -> str | None:
    """The task's own page, which shows who has it now and what became of it: the person's next
    step after a lost race (only for a task URL; a stranger never reaches this page)."""
    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match else {}
    task = Task.objects.filter(pk=kwargs.get("task_pk"), process_id=kwargs.get("process_pk")).first()
    if task is None:
        return None
    try:
        return task.flow_task.reverse("detail", args=[task.process_id, task.pk])
    except NoReverseMatch:
        return None


def conflict_response(request, reason: str):
    logger.info("conflict on %s %s: %s", request.method, request.path, reason)
    return render(request, "409.html", {"where_it_stands": _where_it_stands(request)}, status=409)


def _task_taken_by_a_race(request) -> bool:
    """A task view refused this user only because the task moved on since they opened it.

    viewflow answers PermissionDenied both to strangers and to the owner whose task was just
    completed (or the candidate whose task was just taken). Only the latter two get a 409, so
    a stranger learns nothing more than before.
    """
    match = getattr(request, "resolver_match", None)
    task_pk = match.kwargs.get("task_pk") if match else None
    user = getattr(request, "user", None)
    if task_pk is None or user is None or not user.is_authenticated:
        return False
    task = Task.objects.filter(pk=task_pk).select_related("process").first()
    if task is None:
        return False
    if task.owner_id == user.pk and task.status not in (STATUS.NEW, STATUS.ASSIGNED):
        return True  # the owner's task was completed or cancelled in the meantime
    if task.owner_id not in (None, user.pk) and _handed_away_from(user, task):
        return True  # a lead gave the task to a colleague while this user had it open
    if task.owner_id is not None and task.owner_id != user.pk and match is not None and match.url_name == "assign":
        # Someone else took it first; would this user have been allowed to take it?
        can_assign = getattr(task.flow_task, "can_assign", None)
        if callable(can_assign):
            task.owner_id = None
            return bool(can_assign(user, task))
    return False


def _handed_away_from(user, task: Task) -> bool:
    """A lead handed this task from the user to someone else (read on the case's own history)."""
    return AuditEvent.objects.filter(
        target_type_id=task.process.artifact_content_type_id,
        target_id=str(task.process.artifact_object_id),
        action=TeamAction.TASK_REASSIGN,
        data__task=task.pk,
        data__previous=user.pk,
    ).exists()


class ConflictMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, CONFLICTS):
            return conflict_response(request, f"{type(exception).__name__}: {exception}")
        if isinstance(exception, PermissionDenied) and _task_taken_by_a_race(request):
            return conflict_response(request, "task already taken or completed")
        return None
