"""Taking a task and giving it back: viewflow's own views, with messages that name the step and
the case in words (viewflow's said "Task #17 has been assigned.")."""

from django.utils.translation import gettext as _
from viewflow.workflow.flow import views

from .assignment import AuditedUnassignTaskView


def _step_and_case(request) -> dict:
    activation = request.activation
    header = activation.process.flow_class.instance.case_header(activation.process)
    return {"step": activation.flow_task.task_title, "case": header.reference}


class TakeTaskView(views.AssignTaskView):
    def get_success_message(self, cleaned_data):
        return _("You took the step “%(step)s” of %(case)s.") % _step_and_case(self.request)


class GiveBackTaskView(AuditedUnassignTaskView):
    """The audited 放弃 (workflows.assignment), with its message in words."""

    def get_success_message(self, cleaned_data):
        return _("The step “%(step)s” of %(case)s is back in the lists of those who may do it.") % _step_and_case(
            self.request
        )


def use_terroir_claim_views(node) -> None:
    """On a node of a Terroir flow (its own copy), viewflow's assign and unassign views become these
    (after workflows.assignment.audit_holders has made the unassign view the audited one)."""
    if getattr(node, "assign_view_class", None) is views.AssignTaskView:
        node.assign_view_class = TakeTaskView
    if getattr(node, "unassign_view_class", None) in (views.UnassignTaskView, AuditedUnassignTaskView):
        node.unassign_view_class = GiveBackTaskView
