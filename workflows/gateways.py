"""viewflow's Switch without its savepoint when nothing would use it (ADR 0059).

viewflow runs a switch's conditions in a savepoint so that, when an error is kept on the task
instead of raised (context.propagate_exception False), the task can still be saved in error.
When the error is raised — the default, and always in Terroir's task pages and API — the whole
lock's transaction rolls back and the savepoint is two statements for nothing.
"""

from django.db import transaction
from viewflow.workflow.activation import Activation
from viewflow.workflow.context import context
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.nodes.switch import SwitchActivation


class SwitchWithoutSavepoint(SwitchActivation):
    @Activation.status.super()
    def activate(self):
        with self.exception_guard(), transaction.atomic(savepoint=not context.propagate_exception):
            for node, cond in self.flow_task._branches:  # as viewflow's: the first case met, or the default
                if cond:
                    if cond(self):
                        self.next_task = node
                        break
                else:
                    self.next_task = node
            if not self.next_task:
                raise FlowRuntimeError(f"No next task available for {self.flow_task.name}")


def lighter_gateways(node) -> None:
    """On a flow's own copy of a node: a Switch runs its conditions without a savepoint."""
    if getattr(node, "activation_class", None) is SwitchActivation:
        node.activation_class = SwitchWithoutSavepoint
