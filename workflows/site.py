"""viewflow's Material frontend for staff: one inbox, queue and archive over every flow."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from viewflow.urls import Site
from viewflow.workflow.flow.viewset import WorkflowAppViewset

from organizations.selectors import is_staff_member

from .registry import FLOW_VIEWSETS


class StaffWorkflowApp(WorkflowAppViewset):
    """Open to every member of a body, even before a flow has offered them a task."""

    title = _("Casework")
    icon = "inbox"

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


def build_site() -> StaffSite:
    return StaffSite(
        title=_("Terroir GI casework"),
        viewsets=[StaffWorkflowApp(flow_viewsets=list(FLOW_VIEWSETS))],
    )


site = build_site()
