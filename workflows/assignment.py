"""Who holds a human task is recorded on its case: taking (领取), releasing (放弃) and a lead's
handing over (改派) each write an audit event in the transaction that changes the task.

viewflow changes a task's holder in its activation (the task pages, 我的工作's 领取,
workflows.task_actions for the API): every Terroir flow's human tasks use the activation
below (TerroirFlow sets it on each node), so no path changes a holder unrecorded. The activation
does not know who acts when a task is released; the callers that do say it (`by=`), the others
release only their own tasks.
"""

from viewflow.workflow.activation import Activation
from viewflow.workflow.flow.views import UnassignTaskView
from viewflow.workflow.nodes.view import ViewActivation

from teamwork.services import TaskRef, task_handed_over, task_released, task_taken


class AuditedViewActivation(ViewActivation):
    """viewflow's human-task activation, each change of holder audited on the case."""

    def _case(self):
        # A flow without a case behind its process (the engine's own test flows): the process.
        return self.process.artifact or self.process

    def _audited_case(self):
        """The case the change of holder is recorded on; a flow may hand over a stand-in built
        from its process (TerroirFlow.case_for_audit) instead of loading the case."""
        case_for_audit = getattr(self.flow_class.instance, "case_for_audit", None)
        return case_for_audit(self.process) if case_for_audit is not None else self._case()

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
            task_taken(actor=user, case=self._audited_case(), task=self._ref())
        else:
            self._handed_over(by=by, previous=None, to=user)

    @Activation.status.super()
    def unassign(self, *, by=None):
        """Back to the queue: by its holder, unless `by` says who (a lead)."""
        previous = self.task.owner
        super().unassign.original()
        task_released(actor=by, case=self._audited_case(), task=self._ref(), previous=previous)

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


def audit_holders(node) -> None:
    """On a flow's own copy of a node: its human tasks record their changes of holder."""
    if getattr(node, "activation_class", None) is ViewActivation:
        node.activation_class = AuditedViewActivation
    if getattr(node, "unassign_view_class", None) is UnassignTaskView:
        node.unassign_view_class = AuditedUnassignTaskView
