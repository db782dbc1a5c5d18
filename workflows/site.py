"""viewflow's site for staff: the engine's URL scheme under /staff/, with no Material page on it.

The task and process pages are in Terroir's skin (ADR 0030). The inbox, queue and archive over
every flow, and the bulk take / give back confirmations that only those lists posted to, lead
to the matching tab of 我的工作 (ADR 0037); so do the site's and the casework app's front doors.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from viewflow.middleware import SiteMiddleware
from viewflow.urls import Site
from viewflow.workflow.flow.viewset import NestedFlowsApp, WorkflowAppViewset

from organizations.selectors import is_staff_member

from .my_work.selectors import ASSIGNED, DONE, OFFERED
from .registry import FLOW_VIEWSETS
from .viewsets import StaffRedirectView


class MyWorkRedirectView(StaffRedirectView):
    """A Material task list, now the 我的工作 tab that lists the same tasks (`show`: "" is 全部)."""

    show = ""

    def get_redirect_url(self, *args, **kwargs):
        url = reverse("my_work:list")
        return f"{url}?show={self.show}" if self.show else url


def _to_my_work(route: str, name: str, show: str = ""):
    return path(route, MyWorkRedirectView.as_view(show=show), name=name)


class StaffFlowsApp(NestedFlowsApp):
    @property
    def index_path(self):
        return _to_my_work("", "index")


class StaffWorkflowApp(WorkflowAppViewset):
    """Open to every member of a body, even before a flow has offered them a task."""

    title = _("Casework")
    icon = "inbox"

    def __init__(self, flow_viewsets, **kwargs):
        # WorkflowAppViewset.__init__ with our StaffFlowsApp in place of NestedFlowsApp.
        self.flow_classes = [viewset._flow_class for viewset in flow_viewsets]
        kwargs["viewsets"] = [*kwargs.get("viewsets", []), StaffFlowsApp(viewsets=flow_viewsets)]
        super(WorkflowAppViewset, self).__init__(**kwargs)

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated and is_staff_member(user)

    @property
    def index_path(self):
        return _to_my_work("", "index")

    # 收件箱 (the person's own tasks) → 已分配给我; 待办队列 (tasks offered to them) → 可领取;
    # 已办 (tasks they completed) → 已办.
    @property
    def inbox_path(self):
        return _to_my_work("inbox/", "inbox", ASSIGNED)

    @property
    def queue_path(self):
        return _to_my_work("queue/", "queue", OFFERED)

    @property
    def archive_path(self):
        return _to_my_work("archive/", "archive", DONE)

    # The lists' bulk buttons posted here; a task is taken (领取) and given back on its own page
    # or from 我的工作, each through the audited activation (workflows/assignment.py).
    @property
    def tasks_assign_path(self):
        return _to_my_work("queue/assign/", "tasks_assign", OFFERED)

    @property
    def tasks_unassign_path(self):
        return _to_my_work("inbox/unassign/", "tasks_unassign", ASSIGNED)


class StaffSite(Site):
    primary_color = "#8c2f1b"
    secondary_color = "#3f6b3a"

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated and is_staff_member(user)

    @property
    def index_path(self):
        return _to_my_work("", "index")


class StaffSiteMiddleware(SiteMiddleware):
    """viewflow's, which refuses the staff site to anyone who is no member of a body (403, before the
    view): a page of one process or task answers them 404 instead, as the view answers staff who may
    not see the case and an id no row has (ADR 0042). The lists keep the 403."""

    def process_view(self, request, callback, callback_args, callback_kwargs):
        try:
            return super().process_view(request, callback, callback_args, callback_kwargs)
        except PermissionDenied:
            if "process_pk" in callback_kwargs:
                raise Http404 from None
            raise


def build_site() -> StaffSite:
    return StaffSite(
        title=_("Terroir GI casework"),
        viewsets=[StaffWorkflowApp(flow_viewsets=list(FLOW_VIEWSETS))],
    )


site = build_site()
