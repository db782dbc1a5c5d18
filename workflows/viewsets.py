"""viewflow's per-flow pages: the process page and the chart in Terroir's skin, limited to
visible cases; the dashboard, process list and task list redirect to Terroir's lists (ADR 0037).
Every page of one process or task answers 404 to anyone who may not see its case, as for an id no
row has (ADR 0042).
"""

from functools import update_wrapper
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import URLPattern, URLResolver, path, reverse
from django.views.generic import RedirectView
from viewflow.workflow.flow import FlowViewset
from viewflow.workflow.flow.views import DetailProcessView
from viewflow.workflow.status import PROCESS

from organizations.selectors import is_staff_member

from .base import remember_visible_processes


class StaffRedirectView(LoginRequiredMixin, RedirectView):
    """A page of viewflow's Material frontend that left the staff path (ADR 0037): it sends staff
    to the page in Terroir's skin that shows the same, and refuses anyone else as it did."""

    def allowed(self, user) -> bool:
        return is_staff_member(user)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class FlowListRedirectView(StaffRedirectView):
    """A flow's dashboard, process list or task list: its cases in the 案件 search (open ones for
    the dashboard), its tasks in 我的工作."""

    flow_class: Any = None
    target = "cases"  # "open cases", "cases" or "tasks"

    def allowed(self, user) -> bool:
        return self.flow_class.instance.has_view_permission(user)

    def get_redirect_url(self, *args, **kwargs):
        flow = self.flow_class.instance
        if self.target == "tasks":
            # 我的工作's kind filter names a flow by its class (my_work/forms.py, _flow_key).
            kind = self.flow_class.__name__.removesuffix("Flow").lower()
            return reverse("my_work:list") + f"?kind={kind}"
        return flow.cases_url(open_only=self.target == "open cases")


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
    """viewflow's URL scheme for a flow, with its engine's pages (the task and process pages, the
    chart); its Material lists redirect to Terroir's own."""

    process_detail_view_class = ProcessDetailWithNextStepView

    def _get_urls(self):
        patterns = super()._get_urls()
        guard_case_urls(patterns, self._flow_class)
        return patterns

    @property
    def index_path(self):
        return path("", FlowListRedirectView.as_view(flow_class=self._flow_class, target="open cases"), name="index")

    @property
    def process_list_path(self):
        return path("flows/", FlowListRedirectView.as_view(flow_class=self._flow_class), name="process_list")

    @property
    def task_list_path(self):
        view = FlowListRedirectView.as_view(flow_class=self._flow_class, target="tasks")
        return path("tasks/", view, name="task_list")
