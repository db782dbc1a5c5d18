"""viewflow's per-flow overview pages (dashboard, process and task lists), limited to visible cases.

viewflow lists every process of a flow to anyone who may see the flow; here each list keeps
only the processes whose case the user may see (TerroirFlow.visible_artifacts).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from viewflow.workflow.flow import FlowViewset
from viewflow.workflow.flow.views import (
    DashboardProcessListView,
    DashboardTaskListView,
    DashboardView,
    FlowChartView,
)


class VisibleDashboardView(DashboardView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        flow = self.flow_class.instance
        tasks = [task for column in context["columns"] for task in column["tasks"]] + list(context["finished"])
        processes = self.flow_class.process_class.objects.filter(pk__in={task.process_id for task in tasks})
        visible = set(flow.processes_visible_to(self.request.user, processes).values_list("pk", flat=True))
        for column in context["columns"]:
            column["tasks"] = [task for task in column["tasks"] if task.process_id in visible]
        context["finished"] = [task for task in context["finished"] if task.process_id in visible]
        return context


class VisibleProcessListView(DashboardProcessListView):
    def get_queryset(self):
        processes = self.flow_class.instance.processes_visible_to(self.request.user, super().get_queryset())
        # Newest first unless a column was chosen: pages of an unordered list could repeat rows.
        return processes if processes.ordered else processes.order_by("-pk")


class VisibleTaskListView(DashboardTaskListView):
    def get_queryset(self):
        queryset = super().get_queryset()
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
