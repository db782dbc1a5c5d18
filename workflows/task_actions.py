"""Human tasks driven from outside the task pages (the REST API), the way viewflow's views do it.

viewflow checks permissions and takes the process lock in its view wrappers only; code that
drives an activation itself must do both (docs/architecture.md, "How a change of state travels"). Each function here
takes the flow's lock, re-reads the task under it, checks the node's own permission, and runs
the same decision function and form as the task page, so a task completed here is completed
exactly as on the page. The page's view names both (workflows.task_views.DecisionTaskView), so
every task with a page can be completed here without a second list to keep.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Value
from django.utils.translation import gettext as _
from viewflow.fsm import TransitionNotAllowed as TaskTransitionNotAllowed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import User
from audit.transactions import errors_roll_back_everything
from deadlines.services import deadlines_meet_for_task
from organizations.selectors import holds_object_permission_column, remember_staff_member, staff_membership_exists

from .base import remember_object_grant, remember_object_permissions, remember_visible_processes, stored_grant
from .eligibility import eligible_tasks, remember_eligible_tasks
from .registry import FLOW_VIEWSETS


@dataclass(frozen=True)
class TaskCompletion:
    """How a task is completed without its page: the page's form (built with the same extra
    arguments) and the page's decision function."""

    form_class: type[forms.Form]
    decide: Callable[..., None]
    form_kwargs: Callable[..., dict]

    def form(self, process, data=None, files=None) -> forms.Form:
        return self.form_class(data, files, **self.form_kwargs(process))


# Human tasks deliberately left to their page, (flow class name, node name) → why. The system
# check terroir.E004 fails for any other human task the API cannot complete.
PAGE_ONLY: dict[tuple[str, str], str] = {}


def node_completion(node) -> TaskCompletion | None:
    """The completion a flow node's task page offers: its view's form and decision function."""
    view_class = getattr(getattr(node, "_view", None), "view_class", None)
    if view_class is None or getattr(view_class, "decision", None) is None:
        return None
    return TaskCompletion(view_class.form_class, view_class.decision, view_class.form_kwargs_for)


def completion_for(task: Task) -> TaskCompletion | None:
    return node_completion(task.flow_task)  # the task's own node reference: no query for the process


def flow_classes() -> list[type]:
    return [viewset._flow_class for viewset in FLOW_VIEWSETS]


def open_task_ids(user):
    """The ids of the tasks assigned to the user (inbox) or offered to them by the nodes'
    permissions (queue), before the rules of workflows.eligibility: one UNION."""
    classes = flow_classes()
    inbox = Task.objects.inbox(classes, user).order_by().values("pk")
    queue = Task.objects.queue(classes, user).order_by().values("pk")
    return inbox.union(queue)


def tasks_of(user):
    """The user's open human tasks: assigned to them (inbox) or offered to them (queue)."""
    # One IN over the UNION: an OR of two IN subqueries read the whole task table (1.5 s at a
    # million tasks, 44 ms this way).
    tasks = Task.objects.filter(pk__in=open_task_ids(user))
    # Without the tasks a rule of workflows.eligibility refuses the user, in the same query.
    return eligible_tasks(user, tasks).select_related("process", "owner").order_by("created", "pk")


def remember_checks_for(user, tasks: list[Task]) -> None:
    """Before checking a page of tasks one by one: read which of their processes the user may
    see (one query per flow) and the user's object permissions (one query), so the checks of
    each row need no query of their own."""
    by_flow: dict[Any, set[int]] = {}
    for task in tasks:
        by_flow.setdefault(task.process.flow_class, set()).add(task.process_id)
    for flow_class, process_ids in by_flow.items():
        processes = flow_class.process_class.objects.filter(pk__in=process_ids)
        visible = flow_class.instance.processes_visible_to(user, processes).values_list("pk", flat=True)
        remember_visible_processes(user, visible)
    remember_object_permissions(user)


def remember_eligible(user, tasks: list[Task]) -> None:
    """After listing tasks_of(user): every listed task passed the eligibility rules in SQL."""
    remember_eligible_tasks(user, [task.pk for task in tasks])


def task_actions(user, task: Task) -> list[str]:
    """What this user may do with the task now, as the API names it."""
    node = task.flow_task
    actions = []
    if task.status == STATUS.NEW and node.can_assign(user, task):
        actions.append("assign")
    if task.status == STATUS.ASSIGNED and node.can_unassign(user, task):
        actions.append("unassign")
    if task.status == STATUS.ASSIGNED and node.can_execute(user, task) and completion_for(task) is not None:
        actions.append("complete")
    return actions


def _locked(task: Task):
    # The flow class comes from the task's own node reference: no query for the process.
    return task.flow_task.flow_class.lock(task.process_id)


def _in_lock_transaction():
    """The transaction of the work done under the flow lock.

    Every Terroir flow locks with select_for_update_lock, which opens a transaction itself: joining
    it instead of nesting a savepoint spares two statements per call, and an error still rolls
    back everything done under the lock. With a lock that opens none, this opens the transaction.
    """
    return transaction.atomic(savepoint=False)


def _reread(actor: User, task: Task, *related: str, grant: bool = False) -> Task:
    """The task read again under the lock, and in the same query what the node's checks ask:
    whether the actor is staff and sees its case, and (`grant`, to take it) holds the permission
    the task stored. The checks then need no query of their own (ADR 0059)."""
    flow = task.flow_task.flow_class.instance
    columns: dict[str, Any] = {}
    # A flow seen by jurisdiction asks its own statement, compiled once; the case of a process never
    # changes, so the copy read before the lock names it. Other flows' checks ask as before.
    known_case = Task.process.is_cached(task)  # type: ignore[attr-defined]
    if flow.seen_by_jurisdiction is not None and known_case and actor.is_authenticated and not actor.is_superuser:
        case_id = task.process.artifact_object_id
        columns["case_seen"] = flow.seen_by_jurisdiction.holds_column(user_id=actor.pk, case_id=case_id)
    if actor.is_superuser or not actor.is_authenticated:
        columns["actor_is_staff"] = Value(actor.is_superuser)
    else:
        columns["actor_is_staff"] = staff_membership_exists(actor)
    # The stored permission of a task does not change: the one of the copy read before the lock.
    stored = stored_grant(task)
    if grant and task.owner_permission and task.owner_permission_content_type_id and task.owner_permission_obj_pk:
        columns["actor_holds"] = holds_object_permission_column(
            actor, task.owner_permission, content_type_id=stored[1], object_pk=stored[2]
        )
    task = Task.objects.select_related("process", *related).annotate(**columns).get(pk=task.pk)
    if task.actor_is_staff:  # type: ignore[attr-defined]
        remember_staff_member(actor)
    if getattr(task, "case_seen", False):
        remember_visible_processes(actor, [task.process_id])
    if "actor_holds" in columns and stored_grant(task) == stored:
        remember_object_grant(actor, stored, bool(task.actor_holds))  # type: ignore[attr-defined]
    return task


class TaskTakenFirst(TaskTransitionNotAllowed):
    """Someone else took the task between this person's look and their click: a lost race, which
    answers 409 like the others (workflows.conflicts, api.errors), not a refusal."""


def task_assign(*, actor: User, task: Task) -> Task:
    """Take a task from the queue (as the page's "assign")."""
    with _locked(task), _in_lock_transaction():
        task = _reread(actor, task, grant=True)
        if not task.flow_task.can_assign(actor, task):
            if _lost_the_race(actor, task):
                raise TaskTakenFirst(_("Someone else took this task first."))
            raise PermissionDenied(_("You cannot take this task."))
        task.flow_task.activation_class(task).assign(actor)
    return task


def _lost_the_race(actor: User, task: Task) -> bool:
    """Held by someone else, still open, and this person could have taken it had it been free."""
    if task.owner_id in (None, actor.pk) or task.status != STATUS.ASSIGNED:
        return False
    owner_id = task.owner_id
    task.owner_id = None
    try:
        return bool(task.flow_task.can_assign(actor, task))
    finally:
        task.owner_id = owner_id


def refuse_if_taken_first(*, actor: User, task_pk: int) -> None:
    """For a task no longer in this person's list: TaskTakenFirst if only because someone else took
    it (a lost race, 409); otherwise nothing, and the caller answers as for any task not theirs."""
    task = Task.objects.select_related("process").filter(pk=task_pk).first()
    if task is not None and _lost_the_race(actor, task):
        raise TaskTakenFirst(_("Someone else took this task first."))


def task_unassign(*, actor: User, task: Task) -> Task:
    """Put a task back into the queue: its owner, or a lead of the flow."""
    with _locked(task), _in_lock_transaction():
        task = Task.objects.select_related("process", "owner").get(pk=task.pk)
        if not task.flow_task.can_unassign(actor, task):
            raise PermissionDenied(_("You cannot put this task back into the queue."))
        task.flow_task.activation_class(task).unassign(by=actor)
    return task


def task_complete(*, actor: User, task: Task, data, files=None) -> Task:
    """Decide a task as its page would: the page's form checks the input (files from a
    multipart request), the same decision function calls the service, the deadline is met and
    the activation completes, all in one transaction under the process lock. A refusal changes
    nothing."""
    completion = completion_for(task)
    if completion is None:
        raise ValidationError(_("This task cannot be completed through the API; use its page."))

    def decide(activation):
        form = completion.form(activation.process, data, files)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        completion.decide(actor=actor, activation=activation, data=form.cleaned_data)

    return task_decide(actor=actor, task=task, decide=decide)


def task_decide(*, actor: User, task: Task, decide: Callable) -> Task:
    """Run decide(activation) on a taken task, meet its clocks and complete it: one transaction
    under the process lock, with the node's own permission checked (the page does the same).
    Nothing here catches an error: any rolls the whole of it back, so the services it calls need
    no savepoint of their own (audit.transactions)."""
    with _locked(task), _in_lock_transaction(), errors_roll_back_everything():
        # The owner too: can_execute compares it with the actor.
        task = _reread(actor, task, "owner")
        if task.status == STATUS.NEW:
            raise PermissionDenied(_("Take the task first."))
        if not task.flow_task.can_execute(actor, task):
            raise PermissionDenied(_("This task is assigned to someone else."))
        activation = task.flow_task.activation_class(task)
        activation.start(None)
        decide(activation)
        deadlines_meet_for_task(actor=actor, task=activation.task)
        activation.execute()
    return task


def completion_form(task: Task) -> forms.Form | None:
    """The unbound form a completion of this task is checked with (to tell a client what to send)."""
    completion = completion_for(task)
    return completion.form(task.process) if completion else None
