"""Who acts next on a case: its open human tasks, and for each the person who holds it or the
people who may take it (templates/workflows/includes/next_step.html).

A candidate holds the task's permission on its object (the grant viewflow's queue offers it by,
to the user or a group of theirs) and passes every rule of workflows.eligibility: the panel
names the people whose queue shows the task, and nobody whom the task page would refuse.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Prefetch, Q
from django.utils.functional import Promise
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from deadlines.models import Deadline
from organizations.models import Department, Membership

from .eligibility import rules_for

# At most this many people are named per task; rules a database cannot answer for many users at
# once (seeing the case) are asked of each named one, so the panel's cost stays bounded.
MAX_CANDIDATES = 8


@dataclass
class Handler:
    user: object
    department: Department | None
    enterprise: object = None


@dataclass
class NextStep:
    task: Task | None
    title: str | Promise
    assigned: bool
    handlers: list[Handler] = field(default_factory=list)
    more: bool = False
    due_on: object = None
    in_portal: bool = False


def awaiting_enterprise(node, enterprise_of):
    """Mark a flow.Handle that waits for an enterprise's answer in the portal (a correction, a
    supplement): the panel names that enterprise's people, so nobody reads the case as stalled.
    `enterprise_of(process)` returns the enterprise."""
    node.awaited_enterprise = enterprise_of
    return node


def _enterprise_people(task: Task):
    enterprise = task.flow_task.awaited_enterprise(task.process)
    users = get_user_model().objects.filter(
        is_active=True, enterprise_accounts__enterprise=enterprise, enterprise_accounts__is_active=True
    )
    return enterprise, list(users.distinct().order_by("full_name", "username")[: MAX_CANDIDATES + 1])


def _memberships():
    active = Membership.objects.filter(is_active=True, department__isnull=False).select_related("department")
    return Prefetch("memberships", queryset=active.order_by("pk"), to_attr="active_memberships")


def _granted_users(task: Task):
    """Users holding the task's permission on its stored object, themselves or through a group."""
    from guardian.models import GroupObjectPermission, UserObjectPermission

    app_label, codename = task.owner_permission.split(".", 1)
    grant = {
        "permission__codename": codename,
        "permission__content_type__app_label": app_label,
        "content_type_id": task.owner_permission_content_type_id,
        "object_pk": str(task.owner_permission_obj_pk),
    }
    users = UserObjectPermission.objects.filter(**grant).values("user_id")
    groups = GroupObjectPermission.objects.filter(**grant).values("group_id")
    return get_user_model().objects.filter(Q(pk__in=users) | Q(groups__in=groups), is_active=True, is_superuser=False)


def task_candidates(task: Task, *, limit: int = MAX_CANDIDATES, ignoring_owner: bool = False, among=None) -> list:
    """The owner of an assigned task; else who may take it: holders of its permission on its object
    who pass every eligibility rule, by name, at most `limit` (each with .active_memberships).
    A list one longer than `limit` says there are more. ignoring_owner: who may take it even if it
    is assigned (those a lead may hand it to); among: only these user ids are asked."""
    User = get_user_model()
    if task.owner_id and not ignoring_owner:
        return list(User.objects.filter(pk=task.owner_id).prefetch_related(_memberships()))
    if not (task.owner_permission and task.owner_permission_content_type_id and task.owner_permission_obj_pk):
        return []
    users = _granted_users(task)
    if among is not None:
        users = users.filter(pk__in=among)
    by_rule_one_by_one = []
    for rule in rules_for(task.flow_task):
        if rule.refused_users is not None:
            users = users.exclude(rule.refused_users(task))
        else:
            by_rule_one_by_one.append(rule)
    users = users.distinct().order_by("full_name", "username").prefetch_related(_memberships())
    candidates = []
    for user in users[: limit + 1]:
        if all(rule.allows(user, task) for rule in by_rule_one_by_one):
            candidates.append(user)
    return candidates


def _department_of(user, task: Task) -> Department | None:
    """The department the person acts for here: the one holding the task, else their first."""
    memberships = getattr(user, "active_memberships", [])
    department_type = ContentType.objects.get_for_model(Department).pk  # cached by Django
    if task.owner_permission_content_type_id == department_type:
        for membership in memberships:
            if str(membership.department_id) == str(task.owner_permission_obj_pk):
                return membership.department
    return memberships[0].department if memberships else None


# A case whose next step may be another case's task: a declaration under a supervision check
# waits for the check's re-inspection. {case model: [(sub-case model, its field naming the case)]}
SUB_CASES: dict[type[Model], list[tuple[type[Model], str]]] = {}


def register_sub_case(model: type[Model], sub_model: type[Model], field_name: str) -> None:
    SUB_CASES.setdefault(model, []).append((sub_model, field_name))


def _sub_case_tasks(model, ids) -> Q:
    """Tasks of the open processes of the cases' sub-cases (none: a condition nothing meets)."""
    condition = Q(pk__in=[])
    for sub_model, field_name in SUB_CASES.get(model, []):
        condition |= Q(
            process__artifact_content_type=ContentType.objects.get_for_model(sub_model),
            process__artifact_object_id__in=sub_model._default_manager.filter(**{f"{field_name}__in": ids}).values(
                "pk"
            ),
        )
    return condition


def next_steps(cases=None, *, process=None) -> list[NextStep]:
    """The open human tasks of a case's processes (or of several cases of one model, or of one
    process), each with who acts and its due date: a bounded number of queries."""
    # Human tasks, and the handles that wait for an enterprise's answer in the portal.
    tasks = Task.objects.filter(flow_task_type__in=["HUMAN", "FUNCTION"], status__in=[STATUS.NEW, STATUS.ASSIGNED])
    if process is not None:
        model = process.artifact_content_type.model_class() if process.artifact_content_type_id else None
        of_case = Q(process=process) | _sub_case_tasks(model, [process.artifact_object_id])
    else:
        cases = [cases] if hasattr(cases, "_meta") else [case for case in cases or () if case.pk is not None]
        if not cases or cases[0].pk is None:
            return []
        ids = [case.pk for case in cases]
        of_case = Q(
            process__artifact_content_type=ContentType.objects.get_for_model(type(cases[0])),
            process__artifact_object_id__in=ids,
        ) | _sub_case_tasks(type(cases[0]), ids)
    tasks = tasks.filter(of_case)
    tasks = [
        task
        for task in tasks.select_related("process").order_by("created", "pk")
        if task.flow_task_type == "HUMAN" or getattr(task.flow_task, "awaited_enterprise", None)
    ]
    if not tasks:
        return []
    due: dict[int | None, object] = {}
    open_clocks = Deadline.objects.filter(
        task__in=tasks, state__in=[Deadline.State.RUNNING, Deadline.State.PAUSED, Deadline.State.OVERDUE]
    ).order_by("due_on")
    for deadline in open_clocks:
        due.setdefault(deadline.task_id, deadline.due_on)
    steps = []
    for task in tasks:
        if task.flow_task_type != "HUMAN":
            enterprise, people = _enterprise_people(task)
            steps.append(
                NextStep(
                    task=task,
                    title=str(task.flow_task.task_title or task.flow_task.name),
                    assigned=False,
                    handlers=[Handler(user, None, enterprise) for user in people[:MAX_CANDIDATES]],
                    more=len(people) > MAX_CANDIDATES,
                    due_on=due.get(task.pk),
                    in_portal=True,
                )
            )
            continue
        people = task_candidates(task)
        steps.append(
            NextStep(
                task=task,
                title=str(task.flow_task.task_title or task.flow_task.name),
                assigned=bool(task.owner_id),
                handlers=[Handler(user, _department_of(user, task)) for user in people[:MAX_CANDIDATES]],
                more=len(people) > MAX_CANDIDATES,
                due_on=due.get(task.pk),
            )
        )
    return steps
