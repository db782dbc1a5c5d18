"""Who holds a human task is recorded on its case: taking (领取), releasing (放弃) and a lead's
handing over (改派) each write an audit event in the transaction that changes the task.

viewflow changes a task's holder in its activation (the task pages, the inbox's and queue's bulk
buttons, workflows.task_actions for the API): every Terroir flow's human tasks use the activation
below (TerroirFlow sets it on each node), so no path changes a holder unrecorded. The activation
does not know who acts when a task is released; the callers that do say it (`by=`), the others
release only their own tasks.
"""

from django.db.models import Q
from django.http import HttpRequest
from viewflow.workflow.activation import Activation
from viewflow.workflow.flow.views import BulkAssignTasksActionView, BulkUnassignTasksActionView, UnassignTaskView
from viewflow.workflow.models import Process, Task
from viewflow.workflow.nodes.view import ViewActivation

from teamwork.services import TaskRef, task_handed_over, task_released, task_taken


class AuditedViewActivation(ViewActivation):
    """viewflow's human-task activation, each change of holder audited on the case."""

    def _case(self):
        # A flow without a case behind its process (the engine's own test flows): the process.
        return self.process.artifact or self.process

    def _ref(self) -> TaskRef:
        return TaskRef(pk=self.task.pk, node=self.flow_task.name, title=self.flow_task.task_title)

    def _handed_over(self, *, by, previous, to) -> None:
        from .team.kinds import case_page_url  # the flows import this module

        case = self._case()
        task_handed_over(actor=by, case=case, task=self._ref(), previous=previous, to=to, link=case_page_url(case))

    @Activation.status.super()
    def assign(self, user, *, by=None):
        """Taken by `user` from the queue; or given to them by a lead (`by`)."""
        super().assign.original(user)
        if by is None or by.pk == user.pk:
            task_taken(actor=user, case=self._case(), task=self._ref())
        else:
            self._handed_over(by=by, previous=None, to=user)

    @Activation.status.super()
    def unassign(self, *, by=None):
        """Back to the queue: by its holder, unless `by` says who (a lead)."""
        previous = self.task.owner
        super().unassign.original()
        task_released(actor=by, case=self._case(), task=self._ref(), previous=previous)

    @Activation.status.super()
    def reassign(self, user=None, *, by=None):
        """From its holder to `user`, by a lead (`by`)."""
        previous = self.task.owner
        super().reassign.original(user)
        self._handed_over(by=by, previous=previous, to=user)


class AuditedUnassignTaskView(UnassignTaskView):
    """viewflow's 放弃 page, which names who releases the task (its holder, or a lead)."""

    def form_valid(self, *args, **kwargs):
        self.request.activation.unassign(by=self.request.user)
        return super(UnassignTaskView, self).form_valid(*args, **kwargs)


class _TasksOfCasesSeen:
    """A bulk action of the task lists over tasks whose case the person sees. viewflow's form checks
    the posted ids against every task: an id no row has was refused as an unknown choice, another
    province's task accepted (then a 403 for the whole request), which told which exist (ADR 0042).
    Both are the unknown choice now."""

    request: HttpRequest

    def cases_seen(self) -> Q:
        from .task_actions import flow_classes  # the flows import this module

        seen = Q(pk__in=[])
        for flow_class in flow_classes():
            flow = flow_class.instance  # type: ignore[attr-defined]  # a TerroirFlow's
            processes = flow.processes_visible_to(self.request.user, Process.objects.filter(flow_class=flow_class))
            seen |= Q(process__in=processes.values("pk"))
        return seen

    def get_form(self, form_class=None):
        form = super().get_form(form_class)  # type: ignore[misc]
        form.fields["pk"].queryset = Task.objects.filter(self.cases_seen())
        return form

    def get_queryset(self):
        queryset = super().get_queryset().filter(self.cases_seen())  # type: ignore[misc]
        self.object_list = queryset  # the confirmation page lists these, and only these
        return queryset


class OwnTasksUnassignView(_TasksOfCasesSeen, BulkUnassignTasksActionView):
    """The inbox's bulk 放弃: the signed-in person's own tasks only (the inbox lists no others; a
    colleague's is passed over), so the activation's record of who released them is right."""

    def get_queryset(self):
        queryset = super().get_queryset().filter(owner=self.request.user)
        self.object_list = queryset
        return queryset


class VisibleTasksAssignView(_TasksOfCasesSeen, BulkAssignTasksActionView):
    """The queue's bulk 领取: a task of a case one sees but not offered to one is still refused (403)."""


def audit_holders(node) -> None:
    """On a flow's own copy of a node: its human tasks record their changes of holder."""
    if getattr(node, "activation_class", None) is ViewActivation:
        node.activation_class = AuditedViewActivation
    if getattr(node, "unassign_view_class", None) is UnassignTaskView:
        node.unassign_view_class = AuditedUnassignTaskView
