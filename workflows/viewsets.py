"""viewflow's per-flow pages, limited to visible cases.

viewflow lists every process of a flow to anyone who may see the flow; here each list keeps
only the processes whose case the user may see (TerroirFlow.visible_artifacts). Every page of one
process or task answers 404 to anyone who may not see its case, as for an id no row has (ADR 0042).
"""

from functools import update_wrapper

from django.http import Http404
from django.urls import URLPattern, URLResolver
from viewflow.workflow.flow import FlowViewset
from viewflow.workflow.flow.views import (
    DashboardProcessListView,
    DashboardTaskListView,
    DashboardView,
    DetailProcessView,
)
from viewflow.workflow.status import PROCESS

from .base import remember_object_permissions, remember_visible_processes
from .eligibility import remember_eligible_tasks
from .keyset import keyset_page, supported_ordering
from .list_columns import TranslatedColumnHeadersMixin
from .overview import dashboard_tasks, visible_processes, visible_tasks
from .task_lists import FlowTaskListFilter


class VisibleDashboardView(DashboardView):
    """Each column lists the open tasks of visible processes, filtered in SQL before the page's
    row limit (viewflow cut the columns first, so hidden tasks could crowd visible ones out),
    read in one query for all columns with their process and owner."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        nodes = [column["node"] for column in context["columns"]]
        by_node, context["finished"] = dashboard_tasks(
            self.flow_class, user, nodes, context["end_nodes"], per_column=self.MAX_ROWS
        )
        for column in context["columns"]:
            column["tasks"] = by_node.get(column["node"], [])
        shown = [task for column in context["columns"] for task in column["tasks"]] + context["finished"]
        remember_visible_processes(user, {task.process_id for task in shown})
        remember_eligible_tasks(user, {task.pk for column in context["columns"] for task in column["tasks"]})
        remember_object_permissions(user)
        return context


class KeysetPaginationMixin:
    """A list page by keyset (workflows.keyset): first, previous and next pages, no total.

    The cursor travels as ?cursor=, named as viewflow's page parameter so that its list script
    drops it when the reader changes the order; the filter form drops it too, as it should.
    """

    page_kwarg = "cursor"

    def get_ordering(self):
        # Only the model's own columns can be compared with a cursor (all that viewflow's
        # process list offers to sort by); anything else leaves the list's default order.
        return supported_ordering(self.model, super().get_ordering() or [])

    def get_filterset_kwargs(self, filterset_class):
        # The cursor is no filter. viewflow binds the filter form to any query string, and bound
        # with no status its "finished" filter keeps the running processes only: the next page
        # of the whole list would have been cut from another list.
        kwargs = super().get_filterset_kwargs(filterset_class)
        data = kwargs.get("data")
        if data is not None and self.page_kwarg in data:
            data = data.copy()
            del data[self.page_kwarg]
            kwargs["data"] = data or None
        return kwargs

    def paginate_queryset(self, queryset, page_size):
        page = keyset_page(queryset, cursor=self.request.GET.get(self.page_kwarg), size=page_size)
        # No paginator: its count is what this page avoids (viewflow's list template asks for it).
        return None, page, page.object_list, page.has_other_pages()

    def get_template_names(self):
        # The flow's own template if it has one, else Terroir's, which shows the keyset page links.
        flow = self.flow_class.instance
        own = f"{flow.app_label}/{flow.flow_label}/{self.template_filename}"
        return (own, f"workflows/{self.template_filename}")


class VisibleProcessListView(TranslatedColumnHeadersMixin, KeysetPaginationMixin, DashboardProcessListView):
    def get_queryset(self):
        # viewflow's own get_queryset (skipped) counts each process's open tasks with a GROUP BY.
        processes = super(DashboardProcessListView, self).get_queryset()
        return visible_processes(self.flow_class, self.request.user, processes)


class VisibleTaskListView(TranslatedColumnHeadersMixin, KeysetPaginationMixin, DashboardTaskListView):
    """Every task of the flow's visible processes, newest first, by keyset like the process list;
    the task filter offers the flow's nodes (viewflow read every task of the flow for them)."""

    filterset_class = FlowTaskListFilter

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "flow_classes": [self.flow_class]}

    def get_queryset(self):
        return visible_tasks(self.flow_class, self.request.user, super().get_queryset())


ROUTING_NODES = ("SWITCH", "EXCLUSIVE_GATEWAY", "PARALLEL_GATEWAY", "JOIN")


class ProcessDetailWithNextStepView(DetailProcessView):
    """The process page in Terroir's skin (ADR 0030), headed by its case, with who acts next
    (templates/workflows/includes/next_step.html): the staff page of declarations, supervision
    checks and product revocations."""

    def get_template_names(self):
        return ("workflows/process_detail.html",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        process = context["process"]
        context["header"] = self.flow_class.instance.case_header(process)
        # The steps people and timers took; the gateways that route between them are the flow's plumbing.
        context["task_list"] = context["task_list"].exclude(flow_task_type__in=ROUTING_NODES).select_related("owner")
        flow = self.flow_class.instance
        context["may_cancel"] = process.status == PROCESS.NEW and flow.has_manage_permission(self.request.user, process)
        context["history"] = flow.case_history(process.artifact, everything=self.request.GET.get("history") == "all")
        return context


def case_seen_or_404(flow_class, view):
    """The view of a URL with a process (and a task) id, behind one check: the process is of this
    flow, the task of this process, and the user may see the case; otherwise 404, the same answer
    as for an id no row has, so that a 403 never tells another province's case exists (ADR 0042).
    What follows (the node's own checks) may still refuse with 403 someone who sees the case."""
    flow = flow_class.instance

    def seen(request, *args, **kwargs):
        process_pk, task_pk = kwargs.get("process_pk"), kwargs.get("task_pk")
        if task_pk is not None:
            task = (
                flow_class.task_class._default_manager.filter(
                    pk=task_pk, process_id=process_pk, process__flow_class=flow_class
                )
                .select_related("process")
                .first()
            )
            process = task.process if task is not None else None
        else:
            process = flow_class.process_class._default_manager.filter(pk=process_pk, flow_class=flow_class).first()
        if process is None or not flow.has_view_permission(request.user, process):
            raise Http404
        # The node's checks that follow ask again whether the case is seen: answered without a query.
        remember_visible_processes(request.user, {process.pk})
        return view(request, *args, **kwargs)

    update_wrapper(seen, view)
    return seen


def guard_case_urls(patterns: list, flow_class) -> None:
    """Put every URL of the flow that names a process behind case_seen_or_404 (nodes' URLs included)."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            guard_case_urls(entry.url_patterns, flow_class)
        elif (
            isinstance(entry, URLPattern)
            and "process_pk" in str(entry.pattern)
            and not getattr(entry.callback, "_terroir_case_seen", False)
        ):
            entry.callback = case_seen_or_404(flow_class, entry.callback)
            entry.callback._terroir_case_seen = True  # type: ignore[attr-defined]


class TerroirFlowViewset(FlowViewset):
    process_detail_view_class = ProcessDetailWithNextStepView
    dashboard_view_class = VisibleDashboardView
    process_list_view_class = VisibleProcessListView
    task_list_view_class = VisibleTaskListView

    def _get_urls(self):
        patterns = super()._get_urls()
        guard_case_urls(patterns, self._flow_class)
        return patterns
