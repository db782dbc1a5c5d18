"""The rows of 我的工作, read in a fixed number of queries however many there are (ADR 0031).

The list is the person's open tasks: assigned to them, or offered to them and allowed by every
rule of workflows.eligibility (the API's task list, task_actions.tasks_of, selects the same).
One query finds the candidates' ids, one keeps those the rules allow and counts them (the
navigation's figures), one reads a page of them by keyset, approvals first, then by due date,
with who handed each over; one reads the page's deadlines, and the working-day calendar is read
once. What else a row shows is on the task and its process: the case's number,
party and product are in process.data, the kind and the step are the flow's and the node's titles.
"""

import datetime
from dataclasses import dataclass, replace
from functools import cached_property

from django.db.models import Case, DateField, IntegerField, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from deadlines.calendar import WorkingCalendar
from deadlines.models import Deadline
from organizations.models import ROLE_PERMISSIONS, Role

from ..eligibility import eligible_tasks
from ..keyset import Key, KeysetPage, annotation_key, keyset_page
from ..task_actions import flow_classes, open_task_ids

# A lead's approval is a task only a lead of the body may take (`.Permission("organizations.work_as_lead")`).
APPROVAL_PERMISSION = f"organizations.{ROLE_PERMISSIONS[Role.LEAD]}"
OPEN_DEADLINE_STATES = (Deadline.State.RUNNING, Deadline.State.PAUSED, Deadline.State.OVERDUE)
NO_DUE_DATE = datetime.date(9999, 12, 31)  # the sort key of a task without a deadline: last
PAGE_SIZE = 25

ASSIGNED, OFFERED, APPROVALS, DONE = "assigned", "offered", "approvals", "done"


@dataclass(frozen=True)
class WorkFilter:
    """What the person narrowed the list to; the defaults show everything."""

    show: str = ""  # ASSIGNED, OFFERED, APPROVALS, DONE (已办: the tasks the person completed) or "" for all
    flow_class: type | None = None
    node: object = None  # a flow node of flow_class
    overdue: bool = False


@dataclass(frozen=True)
class WorkCounts:
    total: int
    assigned: int
    approvals: int

    @property
    def offered(self) -> int:
        return self.total - self.assigned


@dataclass
class WorkRow:
    task: Task
    kind: str
    number: str
    party: str
    product: str
    step: str
    case_url: str
    assigned: bool  # to me; else offered to me
    approval: bool
    due_on: datetime.date | None = None
    provisional: bool = False
    paused: bool = False
    overdue: bool = False
    working_days_left: int | None = None  # to the due date; when overdue, working days past it
    handed_over_by: str = ""

    @cached_property
    def execute_url(self) -> str:
        return self.task.flow_task.reverse("execute", args=[self.task.process_id, self.task.pk])

    @cached_property
    def claim_url(self) -> str:
        return reverse("my_work:claim", args=[self.task.pk])


@dataclass
class WorkPage:
    rows: list[WorkRow]
    page: KeysetPage


@dataclass(frozen=True)
class OpenWork:
    """The person's open tasks that every rule lets them do, by id, and how many of each sort."""

    ids: list[int]
    counts: WorkCounts


# Kept on the request's user: the navigation and the page both need it, read once.
_OPEN_WORK = "_terroir_my_work"


def open_work(user) -> OpenWork:
    """The tasks assigned to the person or offered to them (one UNION), then those of them no rule
    of workflows.eligibility refuses, each checked by itself (a few rows looked up by id, not every
    case the person may see): two queries, once per request."""
    work = getattr(user, _OPEN_WORK, None)
    if work is None:
        candidates = list(open_task_ids(user).values_list("pk", flat=True))
        rows = []
        if candidates:
            allowed = eligible_tasks(user, Task.objects.filter(pk__in=candidates), row_by_row=True)
            rows = list(allowed.order_by().values_list("pk", "status", "owner_permission"))
        work = OpenWork(
            ids=[pk for pk, _status, _permission in rows],
            counts=WorkCounts(
                total=len(rows),
                assigned=sum(status == STATUS.ASSIGNED for _pk, status, _permission in rows),
                approvals=sum(permission == APPROVAL_PERMISSION for _pk, _status, permission in rows),
            ),
        )
        setattr(user, _OPEN_WORK, work)
    return work


def work_counts(user) -> WorkCounts:
    """How many tasks wait for the person, how many are theirs already, how many are approvals."""
    return open_work(user).counts


def _ordered(tasks: QuerySet[Task]) -> tuple[QuerySet[Task], list[Key]]:
    """Approvals first, then by the earliest open deadline of the task (none: last), then by id."""
    due = (
        Deadline.objects.filter(task_id=OuterRef("pk"), state__in=OPEN_DEADLINE_STATES)
        .order_by("due_on")
        .values("due_on")[:1]
    )
    tasks = tasks.annotate(
        work_approval_key=Case(
            When(owner_permission=APPROVAL_PERMISSION, then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
        work_due_key=Coalesce(Subquery(due, output_field=DateField()), Value(NO_DUE_DATE), output_field=DateField()),
    )
    keys = [
        annotation_key("work_approval_key", IntegerField()),
        annotation_key("work_due_key", DateField()),
        Key(Task._meta.pk, descending=False),
    ]
    return tasks, keys


def _filtered(tasks: QuerySet[Task], user, work_filter: WorkFilter, today: datetime.date | None) -> QuerySet[Task]:
    if work_filter.show == ASSIGNED:
        tasks = tasks.filter(status=STATUS.ASSIGNED, owner=user)
    elif work_filter.show == OFFERED:
        tasks = tasks.filter(status=STATUS.NEW)
    elif work_filter.show == APPROVALS:
        tasks = tasks.filter(owner_permission=APPROVAL_PERMISSION)
    if work_filter.flow_class is not None:
        tasks = tasks.filter(process__flow_class=work_filter.flow_class)
    if work_filter.node is not None:
        tasks = tasks.filter(flow_task=work_filter.node)
    if work_filter.overdue and today is not None:
        tasks = tasks.filter(work_due_key__lt=today)
    return tasks


def my_work_page(
    user,
    work_filter: WorkFilter = WorkFilter(),
    *,
    cursor: str | None = None,
    size: int = PAGE_SIZE,
    today: datetime.date | None = None,
) -> WorkPage:
    today = today or timezone.localdate()
    if work_filter.show == DONE:
        return _done_page(user, work_filter, cursor=cursor, size=size)
    tasks = Task.objects.filter(pk__in=open_work(user).ids).select_related("process")
    tasks, keys = _ordered(tasks.annotate(work_handed_over_by=_handed_over_by()))
    page = keyset_page(_filtered(tasks, user, work_filter, today), cursor=cursor, size=size, keys=keys)
    rows = [_row(task, user) for task in page.object_list]
    _add_deadlines(rows, today)
    return WorkPage(rows=rows, page=page)


def _done_page(user, work_filter: WorkFilter, *, cursor: str | None, size: int) -> WorkPage:
    """已办: the human tasks the person completed, the latest first (the way back to a case they
    have finished with). One query; the index on (owner, created) holds the person's tasks."""
    tasks = Task.objects.archive(flow_classes(), user).filter(flow_task_type="HUMAN")
    tasks = _filtered(tasks.select_related("process"), user, replace(work_filter, show="", overdue=False), None)
    page = keyset_page(tasks.order_by("-finished", "-pk"), cursor=cursor, size=size)
    return WorkPage(rows=[_row(task, user) for task in page.object_list], page=page)


def case_facts(process) -> tuple[str, str, str]:
    """The case's number, party and product as each flow keeps them in its process data."""
    data = process.data or {}
    number = data.get("reference") or data.get("number") or data.get("title") or data.get("campaign") or ""
    party = data.get("enterprise") or data.get("applicant") or data.get("party") or ""
    return str(number), str(party), str(data.get("product") or "")


def _row(task: Task, user) -> WorkRow:
    flow = task.flow_task.flow_class.instance
    number, party, product = case_facts(task.process)
    return WorkRow(
        task=task,
        kind=str(flow.process_title),
        number=number,
        party=party,
        product=product,
        step=str(task.flow_task.task_title or task.flow_task.name),
        case_url=flow.case_url(task.process),
        assigned=task.status == STATUS.ASSIGNED and task.owner_id == user.pk,
        approval=task.owner_permission == APPROVAL_PERMISSION,
        handed_over_by=getattr(task, "work_handed_over_by", None) or "",
    )


def _add_deadlines(rows: list[WorkRow], today: datetime.date) -> None:
    """Each row's earliest open deadline and the working days left to it: one query, and the
    calendar's entered years once."""
    if not rows:
        return
    earliest: dict[int, Deadline] = {}
    deadlines = Deadline.objects.filter(
        task_id__in=[row.task.pk for row in rows], state__in=OPEN_DEADLINE_STATES
    ).order_by("due_on", "pk")
    for deadline in deadlines.only("task_id", "due_on", "provisional", "state"):
        earliest.setdefault(deadline.task_id, deadline)  # type: ignore[arg-type]  # task_id: filtered on
    calendar = WorkingCalendar()
    for row in rows:
        found = earliest.get(row.task.pk)
        if found is None:
            continue
        row.due_on, row.provisional = found.due_on, found.provisional
        row.paused = found.state == Deadline.State.PAUSED
        row.overdue = found.due_on < today
        if row.overdue:
            row.working_days_left = calendar.working_days_between(found.due_on, today)
        else:
            row.working_days_left = calendar.working_days_between(today, found.due_on)


def _owner_name_before(path: str) -> Subquery:
    """The name of the owner of the latest task `path` steps before the task (through its
    previous tasks), if that task had one: a person, not a gateway or the start."""
    before = Task.objects.filter(**{path: OuterRef("pk")}, owner__isnull=False).order_by("-finished", "-pk")
    name = Coalesce(NullIf("owner__full_name", Value("")), "owner__username")
    return Subquery(before.values(name=name)[:1])


def _handed_over_by() -> Coalesce:
    """Who handed the task over: the owner of the task before it, or, when that was a gateway (a
    switch routing on the case), of the task before the gateway."""
    return Coalesce(_owner_name_before("leading"), _owner_name_before("leading__leading"))
