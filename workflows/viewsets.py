"""viewflow's per-flow overview pages (dashboard, process and task lists), limited to visible cases.

viewflow lists every process of a flow to anyone who may see the flow; here each list keeps
only the processes whose case the user may see (TerroirFlow.visible_artifacts).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404
from viewflow.workflow.flow import FlowViewset
from viewflow.workflow.flow.views import (
    DashboardProcessListView,
    DashboardTaskListView,
    DashboardView,
    FlowChartView,
)
from viewflow.workflow.status import STATUS

from .base import remember_object_permissions, remember_visible_processes


class VisibleDashboardView(DashboardView):
    """Each column lists the open tasks of visible processes, filtered in SQL before the page's
    row limit (viewflow cut the columns first, so hidden tasks could crowd visible ones out),
    read in one query per column with their process and owner."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        flow = self.flow_class.instance
        user = self.request.user
        tasks = flow.processes_visible_to(
            user,
            self.flow_class.task_class._default_manager.filter_available([self.flow_class], user),
            field="process__artifact_object_id",
        ).select_related("process", "owner")
        # All columns in one query: the newest MAX_ROWS open tasks of each node.
        rank = Window(RowNumber(), partition_by=F("flow_task"), order_by=F("created").desc())
        open_tasks = (
            tasks.filter(Q(finished__isnull=True) | Q(status=STATUS.ERROR))
            .filter(flow_task__in=[column["node"] for column in context["columns"]])
            .annotate(rank=rank)
            .filter(rank__lte=self.MAX_ROWS)
            .order_by("-created")
        )
        by_node = {}
        for task in open_tasks:
            by_node.setdefault(task.flow_task, []).append(task)
        for column in context["columns"]:
            column["tasks"] = by_node.get(column["node"], [])
        context["finished"] = list(
            tasks.filter(finished__isnull=False, flow_task__in=context["end_nodes"]).order_by("-finished")[
                : self.MAX_ROWS
            ]
        )
        shown = [task for column in context["columns"] for task in column["tasks"]] + context["finished"]
        remember_visible_processes(user, {task.process_id for task in shown})
        remember_object_permissions(user)
        return context


class VisibleProcessListView(DashboardProcessListView):
    def get_queryset(self):
        processes = self.flow_class.instance.processes_visible_to(self.request.user, super().get_queryset())
        # Newest first unless a column was chosen: pages of an unordered list could repeat rows.
        return processes if processes.ordered else processes.order_by("-pk")


class VisibleTaskListView(DashboardTaskListView):
    def get_queryset(self):
        queryset = super().get_queryset().select_related("process", "owner")
        return self.flow_class.instance.processes_visible_to(
            self.request.user, queryset, field="process__artifact_object_id"
        )


class VisibleChartView(FlowChartView):
    """The flow's diagram for any staff; a process's diagram (which steps it passed) only with its case."""

    def dispatch(self, request, *args, **kwargs):
        process_pk = kwargs.get("process_pk")
        if process_pk is not None:
            process = get_object_or_404(self.flow_class.process_class, pk=process_pk, flow_class=self.flow_class)
            if not self.flow_class.instance.has_view_permission(request.user, process):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TerroirFlowViewset(FlowViewset):
    chart_view_class = VisibleChartView
    dashboard_view_class = VisibleDashboardView
    process_list_view_class = VisibleProcessListView
    task_list_view_class = VisibleTaskListView
