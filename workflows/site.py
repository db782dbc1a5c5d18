"""viewflow's Material frontend for staff: one inbox, queue and archive over every flow."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from viewflow.middleware import SiteMiddleware
from viewflow.urls import Site
from viewflow.workflow.flow.viewset import NestedFlowsApp, WorkflowAppViewset

from organizations.selectors import is_staff_member

from . import task_lists
from .assignment import OwnTasksUnassignView, VisibleTasksAssignView
from .registry import FLOW_VIEWSETS


class FirstFlowRedirectView(RedirectView):
    """The first flow the user may see; the inbox when there is none (viewflow raises there)."""

    viewset = None

    def get_redirect_url(self, *args, **kwargs):
        for flow_class in self.viewset.parent.flow_classes:
            if flow_class.instance.has_view_permission(self.request.user):
                return flow_class.instance.reverse("index")
        return reverse("workflow:inbox")


class StaffFlowsApp(NestedFlowsApp):
    @property
    def index_path(self):
        return path("", FirstFlowRedirectView.as_view(viewset=self), name="index")


class StaffWorkflowApp(WorkflowAppViewset):
    """Open to every member of a body, even before a flow has offered them a task."""

    title = _("Casework")
    icon = "inbox"
    inbox_view_class = task_lists.InboxView
    queue_view_class = task_lists.QueueView
    archive_view_class = task_lists.ArchiveView
    tasks_unassign_view_class = OwnTasksUnassignView
    tasks_assign_view_class = VisibleTasksAssignView

    def __init__(self, flow_viewsets, **kwargs):
        # WorkflowAppViewset.__init__ with our StaffFlowsApp in place of NestedFlowsApp.
        self.flow_classes = [viewset._flow_class for viewset in flow_viewsets]
        kwargs["viewsets"] = [*kwargs.get("viewsets", []), StaffFlowsApp(viewsets=flow_viewsets)]
        super(WorkflowAppViewset, self).__init__(**kwargs)

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated and is_staff_member(user)

    @property
    def index_path(self):
        return path("", RedirectView.as_view(pattern_name="workflow:inbox"), name="index")


class StaffSite(Site):
    primary_color = "#8c2f1b"
    secondary_color = "#3f6b3a"

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated and is_staff_member(user)


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
