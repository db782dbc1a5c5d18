"""Selectors of viewflow's per-flow overview pages (the dashboard, the process and task lists).

Each keeps only the processes whose case the user may see (TerroirFlow.processes_visible_to),
in SQL and before any row limit, and is shaped so that PostgreSQL can walk an index in the
list's order and stop at the page's end instead of first gathering every visible process of
the flow (ADR 0023; the indexes are in workflows/migrations/0003).
"""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from viewflow.workflow.status import STATUS

from .eligibility import eligible_tasks


def dashboard_tasks(flow_class, user, nodes, end_nodes, per_column: int) -> tuple[dict, list]:
    """The dashboard's columns: the newest open tasks of each node, and the last processes to
    finish (as their end tasks), `per_column` of each, in two queries.

    The user's jurisdiction is read once for both (processes_visible_to asks for it).
    """
    available = flow_class.task_class._default_manager.filter_available([flow_class], user)
    visible = flow_class.instance.processes_visible_to(user, available, field="process__artifact_object_id")
    # Open tasks a rule refuses the user are left out (workflows.eligibility); finished ones stay.
    eligible = eligible_tasks(user, visible, visibility_checked=True)
    return (
        _open_tasks_by_node(available, eligible, list(nodes), per_column),
        _finished_end_tasks(visible, list(end_nodes), per_column),
    )


_OPEN = Q(finished__isnull=True) | Q(status=STATUS.ERROR)


def _open_tasks_by_node(available: QuerySet, visible: QuerySet, nodes: list, per_node: int) -> dict:
    # One query for all columns: a subquery per node takes that node's newest visible open tasks
    # from the partial index of open tasks and stops at `per_node` (ROW_NUMBER() per node had to
    # check every open task of the flow against its case's region first). The outer query only
    # gathers them (each is visible); its node and open conditions let it read the same index.
    if not nodes:
        return {}
    newest = Q()
    for node in nodes:
        newest |= Q(pk__in=visible.filter(_OPEN, flow_task=node).order_by("-created").values("pk")[:per_node])
    open_tasks = (
        available.filter(_OPEN, flow_task__in=nodes)
        .filter(newest)
        .select_related("process", "owner")
        .order_by("-created")
    )
    by_node: dict = {}
    for task in open_tasks:
        by_node.setdefault(task.flow_task, []).append(task)
    return by_node


def _finished_end_tasks(tasks: QuerySet, end_nodes, limit: int) -> list:
    # flow_task_type = END repeats what the end nodes say, for the partial index of end tasks by
    # finishing time: PostgreSQL reads it backwards and stops after `limit` visible ones.
    finished = tasks.filter(flow_task_type="END", flow_task__in=end_nodes, finished__isnull=False)
    return list(finished.select_related("process", "owner").order_by("-finished")[:limit])


def open_task_count(task_class) -> Coalesce:
    """A process's unfinished tasks, as a subquery per listed row.

    viewflow counts them with a JOIN and GROUP BY process: the grouping keeps PostgreSQL from
    reading processes in the list's order from an index, so it gathered and sorted all of them.
    """
    per_process = (
        task_class._default_manager.filter(process=OuterRef("pk"), finished__isnull=True)
        .order_by()
        .values("process")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(per_process, output_field=IntegerField()), Value(0))


def visible_processes(flow_class, user, processes: QuerySet) -> QuerySet:
    """The flow's processes the user may see, each with its open task count (active_tasks_count),
    newest first unless the list chose an order: a page of an unordered list could repeat rows."""
    open_tasks = open_task_count(flow_class.task_class)
    processes = processes.filter(flow_class=flow_class).annotate(active_tasks_count=open_tasks)
    processes = flow_class.instance.processes_visible_to(user, processes)
    return processes if processes.query.order_by else processes.order_by("-pk")


def visible_tasks(flow_class, user, tasks: QuerySet) -> QuerySet:
    """The flow's tasks (viewflow's task list queryset) whose process the user may see, with their
    process and owner, newest first (the task model's order) unless the list chose another."""
    tasks = tasks.select_related("process", "owner")
    visible = flow_class.instance.processes_visible_to(user, tasks, field="process__artifact_object_id")
    return eligible_tasks(user, visible, visibility_checked=True)
